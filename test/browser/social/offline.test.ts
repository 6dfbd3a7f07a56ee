import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { cut, restore } from './network.js';
import '../../../src/chat.js';
import type { Chat } from '../../../src/components/chat/chat.js';
import { OfflineError } from '../../../src/connection/index.js';
import { startTestHost } from '../helpers/host.js';
import { learnerConnection, live, messagesOf, registeredLearner, send, textOf } from './live-helpers.js';
import { reducers } from '../../../src/connection/academy-schema.js';

const host = await startTestHost();

describe('offline', () => {
  afterEach(() => restore());

  it('a message sent offline is shown as waiting, then sent exactly once when the network is back', async () => {
    const ada = await registeredLearner(host, 'ada');
    const bob = await registeredLearner(host, 'bob');
    const chat = await fixture<Chat>(html`<lta-chat channel="global" .source=${ada.connection}></lta-chat>`);
    const bobChat = await fixture<Chat>(html`<lta-chat channel="global" .source=${bob.connection}></lta-chat>`);
    await waitUntil(() => chat.shadowRoot!.querySelector('.messages') !== null, 'chat loaded');

    cut();
    await waitUntil(() => ada.connection.status.state === 'offline', 'Ada is offline', { timeout: 10000 });
    const text = `sent while offline by ${ada.username}`;
    await send(chat, text);
    expect(textOf(chat)).to.contain('Will be sent when the connection is back');
    expect(textOf(chat)).to.contain('1 waiting to be sent');
    // Writes that cannot wait are refused with a clear message instead.
    const refused = await ada.connection
      .call(reducers.updateProfile, { displayName: 'x', avatarUrl: '' })
      .catch((e) => e);
    expect(refused).to.be.instanceOf(OfflineError);
    expect((refused as Error).message).to.contain('offline');

    restore();
    await live(ada.connection, 'Ada to come back');
    await waitUntil(() => messagesOf(bobChat).includes(text), 'Bob receives the queued message', { timeout: 10000 });
    await waitUntil(
      () => messagesOf(chat).includes(text) && !textOf(chat).includes('waiting to be sent'),
      'Ada sees it sent',
    );
    expect(messagesOf(bobChat).filter((m) => m === text)).to.have.length(1);
    expect(messagesOf(chat).filter((m) => m === text)).to.have.length(1);
    ada.connection.close();
    bob.connection.close();
  });

  it('a page opened without network shows the last messages it saw, marked as last known', async () => {
    const ada = await registeredLearner(host, 'ada');
    const text = `remember me ${ada.username}`;
    await ada.connection.call(reducers.sendMessage, { channel: 'global', text });
    const chat = await fixture<Chat>(html`<lta-chat channel="global" .source=${ada.connection}></lta-chat>`);
    await waitUntil(() => messagesOf(chat).includes(text), 'message shown live');
    ada.connection.close();

    cut();
    // A reload: a new connection to the same academy, while the network is down.
    const reloaded = learnerConnection(host);
    const again = await fixture<Chat>(html`<lta-chat channel="global" .source=${reloaded}></lta-chat>`);
    expect(messagesOf(again)).to.include(text);
    await waitUntil(() => reloaded.status.state !== 'connecting', 'the first attempt fails', { timeout: 10000 });
    expect(textOf(again)).to.contain('last known state');
    restore();
    await live(reloaded, 'the reloaded page to connect');
    reloaded.close();
  });
});
