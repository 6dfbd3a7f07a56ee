import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/chat.js';
import '../../../src/presence.js';
import type { Chat } from '../../../src/components/chat/chat.js';
import { AcademyConnection } from '../../../src/connection/index.js';
import { startTestHost } from '../helpers/host.js';
import { live, registeredLearner, send, textOf } from './live-helpers.js';

const host = await startTestHost();

describe('chat and presence against the real host', () => {
  it('direct messages reach only the recipient', async () => {
    const ada = await registeredLearner(host, 'ada');
    const bob = await registeredLearner(host, 'bob');
    const eve = await registeredLearner(host, 'eve');
    const directChat = (learner: typeof ada) =>
      fixture<Chat>(html`<lta-chat view="direct" .source=${learner.connection}></lta-chat>`);
    const [adaChat, bobChat, eveChat] = await Promise.all([directChat(ada), directChat(bob), directChat(eve)]);
    await waitUntil(
      () => adaChat.shadowRoot!.querySelector('input[name="to"]') !== null,
      'Ada can start a conversation',
    );
    await send(adaChat, 'psst, lab 3 answer is mkdir -p', bob.username);
    await waitUntil(() => textOf(bobChat).includes(ada.username), 'Bob sees the conversation with Ada', {
      timeout: 10000,
    });
    bobChat.shadowRoot!.querySelector<HTMLButtonElement>('.conversations button')!.click();
    await waitUntil(() => textOf(bobChat).includes('psst, lab 3 answer'), 'Bob reads Ada’s message');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textOf(eveChat)).not.to.contain('psst');
    expect(textOf(eveChat)).not.to.contain(ada.username);
    for (const learner of [ada, bob, eve]) learner.connection.close();
  });

  it('shows the module’s rate limit when a learner sends too fast, and keeps the text', async () => {
    const ada = await registeredLearner(host, 'ada');
    const chat = await fixture<Chat>(html`<lta-chat channel="global" .source=${ada.connection}></lta-chat>`);
    await waitUntil(() => chat.shadowRoot!.querySelector('.messages') !== null, 'chat loaded');
    for (let i = 0; i < 8 && chat.shadowRoot!.querySelector('#send-error')!.textContent === ''; i++) {
      await send(chat, `burst ${i}`);
      await waitUntil(() => !textOf(chat).includes('Sending…'), 'answered');
    }
    const error = chat.shadowRoot!.querySelector('#send-error')!.textContent!;
    expect(error).to.match(/wait|slow|too (many|fast)/i);
    expect(chat.shadowRoot!.querySelector('textarea')!.value).to.match(/^burst \d$/);
    ada.connection.close();
  });

  it('a learner with two tabs is online once, and stays online when one tab closes', async () => {
    const ada = await registeredLearner(host, 'ada');
    const secondTab = new AcademyConnection({
      server: host.url,
      database: host.database,
      token: ada.connection.token,
      rememberToken: false,
    });
    await live(secondTab);
    const bob = await registeredLearner(host, 'bob');
    const presence = await fixture<HTMLElement>(
      html`<lta-presence silent limit="500" .source=${bob.connection}></lta-presence>`,
    );
    const entries = () =>
      [...presence.shadowRoot!.querySelectorAll('li')].filter((li) => li.textContent!.includes(ada.username));
    await waitUntil(() => entries().length === 1, 'Ada is listed once', { timeout: 10000 });
    secondTab.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(entries()).to.have.length(1);
    ada.connection.close();
    await waitUntil(() => entries().length === 0, 'Ada goes offline when her last tab closes', { timeout: 10000 });
    bob.connection.close();
  });
});
