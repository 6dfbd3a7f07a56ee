import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/chat.js';
import '../../../src/profile.js';
import type { Chat } from '../../../src/components/chat/chat.js';
import type { Profile } from '../../../src/components/profile/profile.js';
import { startTestHost } from '../helpers/host.js';
import { reachable, unreachable } from '../helpers/unreachable.js';
import { messagesOf, registeredLearner, send, textOf } from './live-helpers.js';

// Direct messages, the message actions and the profile's edit form load the first time a learner opens them. Here
// their chunks cannot be loaded (the network went away after the page loaded): the learner is told to reload, the
// rest of the widget keeps working, and nothing is thrown into the page, however often they try again. (Browsers
// remember a module that failed to load until the page is reloaded: trying again in the page cannot succeed.)

const host = await startTestHost();

const thrown: unknown[] = [];
addEventListener('error', (event) => thrown.push(event.error ?? event.message));
addEventListener('unhandledrejection', (event) => thrown.push(event.reason));

const button = (element: Element, label: string) => {
  const found = [...(element.shadowRoot ?? element).querySelectorAll('button')].find(
    (b) => b.textContent!.trim() === label,
  );
  if (!found) throw new Error(`no "${label}" button`);
  return found;
};
const alerts = (element: Element) =>
  [...element.shadowRoot!.querySelectorAll('[role="alert"]')].map((p) => p.textContent!.trim()).join(' ');
/** Sends `text` from the chat's box and waits until the academy has it. */
async function sendNow(chat: Chat, text: string): Promise<void> {
  await send(chat, text);
  await waitUntil(() => messagesOf(chat).includes(text), `"${text}" is sent`, { timeout: 30000 });
}

describe('parts of the social widgets loaded on first use, offline', function () {
  // A learner's registration and a refused chunk can take long on a machine running other suites beside this one.
  this.timeout(60_000);
  beforeEach(() => (thrown.length = 0));
  afterEach(() => reachable());

  it('direct messages: the learner is told, and the channel still works', async () => {
    const ada = await registeredLearner(host, 'ada');
    const chat = await fixture<Chat>(html`<lta-chat channel="global" .source=${ada.connection}></lta-chat>`);
    await waitUntil(() => chat.shadowRoot!.querySelector('.messages') !== null, 'the channel loaded');
    await unreachable('/src/components/chat/direct-messages.js');

    button(chat, 'Direct messages').click();
    const told = 'Direct messages could not be loaded. Check your connection and reload the page.';
    await waitUntil(() => alerts(chat).includes(told), 'the learner is told', { timeout: 30000 });
    expect(chat.shadowRoot!.querySelector('.conversations')).to.equal(null);
    button(chat, 'Direct messages').click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alerts(chat)).to.contain(told);
    button(chat, 'Channel').click();
    await chat.updateComplete;
    await sendNow(chat, `${ada.username} is still here`);
    expect(thrown).to.deep.equal([]);
    ada.connection.close();
  });

  it('message actions: pressing Edit says why nothing opens, and the message and the box stay', async () => {
    const ada = await registeredLearner(host, 'ada');
    const chat = await fixture<Chat>(html`<lta-chat channel="global" .source=${ada.connection}></lta-chat>`);
    await waitUntil(() => chat.shadowRoot!.querySelector('.messages') !== null, 'the channel loaded');
    const text = `${ada.username} wrote this`;
    await sendNow(chat, text);
    await unreachable('/src/components/chat/message-actions.js');
    const mine = () =>
      [...chat.shadowRoot!.querySelectorAll('.message.own')].find((li) => li.textContent!.includes(text))!;

    const told = 'This could not be loaded. Check your connection and reload the page.';
    const underTheBox = () => chat.shadowRoot!.querySelector('#send-error')!.textContent!;
    button(mine(), 'Edit').click();
    await waitUntil(() => underTheBox() === told, 'the learner is told', { timeout: 30000 });
    expect(mine().querySelector('.inline-form')).to.equal(null);
    button(mine(), 'Delete').click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(underTheBox()).to.equal(told);
    expect(messagesOf(chat)).to.include(text);
    await sendNow(chat, `${ada.username} can still write`);
    expect(thrown).to.deep.equal([]);
    ada.connection.close();
  });

  it('profile: "Edit profile" says the form could not be loaded, and the progress stays', async () => {
    const ada = await registeredLearner(host, 'ada');
    const profile = await fixture<Profile>(html`<lta-profile .source=${ada.connection}></lta-profile>`);
    await waitUntil(() => textOf(profile).includes('Level'), 'the profile loaded', { timeout: 30000 });
    await unreachable('/src/components/profile/profile-form.js');

    const told = 'The edit form could not be loaded. Check your connection and reload the page.';
    button(profile, 'Edit profile').click();
    await waitUntil(() => alerts(profile) === told, 'the learner is told', { timeout: 30000 });
    expect(profile.shadowRoot!.querySelector('form')).to.equal(null);
    expect(button(profile, 'Edit profile').getAttribute('aria-busy')).to.equal('false');
    button(profile, 'Edit profile').click();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alerts(profile)).to.equal(told);
    expect(textOf(profile)).to.contain('Level');
    expect(thrown).to.deep.equal([]);
    ada.connection.close();
  });
});
