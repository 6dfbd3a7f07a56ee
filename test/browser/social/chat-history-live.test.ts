import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/chat.js';
import type { Chat } from '../../../src/components/chat/chat.js';
import { AcademyConnection } from '../../../src/connection/index.js';
import { DbConnection, reducers } from '../../../src/connection/academy-schema.js';
import { startTestHost, writeBusyChannel } from '../helpers/host.js';
import { live, registeredLearner, uniqueName } from './live-helpers.js';

const CHANNEL = 'lab:nav-first-steps';

await startTestHost();
const host = await writeBusyChannel(CHANNEL, 180, 'hist');

/** A registered learner whose SDK client cache the test can look into: what the academy sent this page. */
async function learnerWithCache(): Promise<{ connection: AcademyConnection; cachedTexts: () => string[] }> {
  let sdk: DbConnection | undefined;
  const builder = () => {
    const made = DbConnection.builder();
    const build = made.build.bind(made);
    made.build = () => (sdk = build());
    return made;
  };
  const connection = new AcademyConnection({
    server: host.url,
    database: host.database,
    rememberToken: false,
    builder,
  });
  await live(connection);
  await connection.call(reducers.registerUser, { username: uniqueName('reader'), displayName: '', timeZone: 'UTC' });
  return {
    connection,
    cachedTexts: () =>
      [...(sdk?.db.channelMessage.iter() ?? [])].filter((row) => row.channel === CHANNEL).map((row) => row.text),
  };
}

const texts = (chat: Chat) =>
  [...chat.shadowRoot!.querySelectorAll('.message .text')].map((p) => p.textContent!.trim());
const olderButton = (chat: Chat) => chat.shadowRoot!.querySelector<HTMLButtonElement>('.older button');
const liveRegion = (chat: Chat) => chat.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!;

async function showOlder(chat: Chat, expected: number): Promise<void> {
  olderButton(chat)!.click();
  await waitUntil(
    () => texts(chat).length === expected && !olderButton(chat)?.getAttribute('aria-busy')?.includes('true'),
    `${expected} messages shown`,
    { timeout: 10000 },
  );
}

describe('chat history against the real host', () => {
  it('opens a channel of 180 messages on the last 50, having fetched only the last pages, and pages back to the beginning', async () => {
    const reader = await learnerWithCache();
    const chat = await fixture<Chat>(html`<lta-chat channel=${CHANNEL} .source=${reader.connection}></lta-chat>`);
    await waitUntil(() => texts(chat).length === 50, 'the last 50 messages', { timeout: 10000 });
    expect(texts(chat)[0]).to.equal('hist m131');
    expect(texts(chat).at(-1)).to.equal('hist m180');
    // Pages start at messages 1, 51, 101 and 151: the page before the last one and the last one came, no more.
    expect(reader.cachedTexts().length).to.equal(80);
    expect(chat.shadowRoot!.querySelector('.beginning')).to.equal(null);

    await showOlder(chat, 100);
    expect(texts(chat)[0]).to.equal('hist m81');
    expect(liveRegion(chat)).to.equal('50 older messages shown.');
    expect(reader.cachedTexts().length).to.equal(130);
    await showOlder(chat, 150);
    await showOlder(chat, 180);
    expect(texts(chat)[0]).to.equal('hist m1');
    expect(olderButton(chat)).to.equal(null);
    expect(chat.shadowRoot!.querySelector('.beginning')!.textContent).to.equal('Beginning of the channel');
    expect(liveRegion(chat)).to.equal('30 older messages shown. Beginning of the channel.');
    // The keyboard stays in the list when the button goes.
    expect(chat.shadowRoot!.activeElement).to.equal(chat.shadowRoot!.querySelector('.messages'));
    reader.connection.close();
  });

  it('keeps the reading place when older messages arrive, and when a new one arrives while scrolled up', async () => {
    const reader = await learnerWithCache();
    const writer = await registeredLearner(host, 'writer');
    const chat = await fixture<Chat>(
      html`<lta-chat channel=${CHANNEL} .source=${reader.connection} style="--lta-chat-height: 12em"></lta-chat>`,
    );
    await waitUntil(() => texts(chat).length >= 50, 'the last messages', { timeout: 10000 });
    const list = chat.shadowRoot!.querySelector<HTMLElement>('.messages')!;
    await waitUntil(() => list.scrollTop > 0, 'the list at its newest message');
    const first = () => chat.shadowRoot!.querySelector<HTMLElement>('[data-id]')!;
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    const reading = first();
    const placeBefore = reading.getBoundingClientRect().top;
    await showOlder(chat, 100);
    // The message that was at the top is still where the learner left it, the older ones above it.
    expect(Math.abs(reading.getBoundingClientRect().top - placeBefore)).to.be.below(2);
    expect(first()).not.to.equal(reading);

    const scrolled = list.scrollTop;
    await writer.connection.call(reducers.sendMessage, { channel: CHANNEL, text: 'anyone still here?' });
    await waitUntil(() => texts(chat).at(-1) === 'anyone still here?', 'the new message', { timeout: 10000 });
    expect(list.scrollTop).to.equal(scrolled);
    expect(liveRegion(chat)).to.contain('anyone still here?');
    reader.connection.close();
    writer.connection.close();
  });
});
