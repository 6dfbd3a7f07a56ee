import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/chat.js';
import type { Chat } from '../../../src/components/chat/chat.js';
import { startTestHost } from '../helpers/host.js';
import { registeredLearner, textOf, uniqueName } from './live-helpers.js';
import { reducers } from '../../../src/connection/academy-schema.js';

const host = await startTestHost();

describe('two windows', () => {
  it('a learner in another window (its own document and widgets) signs up and chats with this one', async () => {
    const ada = await registeredLearner(host, 'ada');
    const chat = await fixture<Chat>(html`<lta-chat channel="global" .source=${ada.connection}></lta-chat>`);
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe
        title="second window"
        style="width: 600px; height: 600px"
        src=${`/test/browser/social/fixtures/second-window.html?server=${encodeURIComponent(host.url)}&database=${host.database}`}
      ></iframe>`,
    );
    const other = () => frame.contentDocument!;
    await waitUntil(
      () => other().querySelector('lta-academy')?.shadowRoot?.querySelector('form') != null,
      'the sign-up form shows',
      {
        timeout: 15000,
      },
    );
    const name = uniqueName('win');
    const signUp = other().querySelector('lta-academy')!.shadowRoot!;
    const field = signUp.querySelector<HTMLInputElement>('input[name="username"]')!;
    field.value = name;
    field.dispatchEvent(new Event('input'));
    signUp.querySelector('form')!.requestSubmit();
    const otherChat = () => other().querySelector('lta-chat')!.shadowRoot!;
    await waitUntil(() => otherChat().querySelector('textarea') !== null, 'the second window can chat', {
      timeout: 10000,
    });
    const box = otherChat().querySelector('textarea')!;
    box.value = `hello from the other window, ${name}`;
    box.dispatchEvent(new Event('input'));
    otherChat().querySelector<HTMLFormElement>('form.composer')!.requestSubmit();
    await waitUntil(() => textOf(chat).includes(`hello from the other window, ${name}`), 'this window sees it', {
      timeout: 10000,
    });
    expect(textOf(chat)).to.contain(name);

    await ada.connection.call(reducers.sendMessage, { channel: 'global', text: `and back, ${ada.username}` });
    await waitUntil(
      () => (otherChat().textContent ?? '').includes(`and back, ${ada.username}`),
      'the other window sees the answer',
      {
        timeout: 10000,
      },
    );
    ada.connection.close();
  });
});
