import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadModule, type Engine } from '@lta/host/engine';
import { writeBusyChannel } from './support/busy-channel.js';
import { FIRST_LAB } from './support/labs.js';
import { connect, eventually, startAcademy } from './support/academy.js';

const MODULE_DIR = fileURLToPath(new URL('..', import.meta.url));
const NOW = BigInt(Date.UTC(2026, 0, 5)) * 1000n;

async function academy(): Promise<Engine> {
  const engine = await loadModule({ moduleDir: MODULE_DIR, databaseName: 'chat-pages', log: () => {} });
  engine.callLifecycle('init', { sender: 1n, connectionId: 0n, timestamp: NOW - 86_400_000_000n });
  return engine;
}

/** `channel_message` and `chat_page` as plain objects, through the SDK's row types. */
function rows(engine: Engine, table: 'channel_message' | 'chat_page'): Record<string, unknown>[] {
  const handle = engine.table(table);
  const columns = handle.def.columns.map((column) => column.name);
  return [...handle.rows()].map((row) => Object.fromEntries(columns.map((name, i) => [name, row.columns[i]])));
}

const pagesOf = (engine: Engine, channel: string) =>
  rows(engine, 'chat_page')
    .filter((row) => row.channel === channel)
    .sort((a, b) => Number(a.page) - Number(b.page))
    .map((row) => ({
      page: row.page,
      first: rows(engine, 'channel_message').find((m) => m.id === row.first_message_id)?.text,
    }));

test('a page starts every 50 messages of a channel, counted per channel', async () => {
  const engine = await academy();
  writeBusyChannel(engine, 'global', 180, NOW - 3_600_000_000n, 'glob');
  writeBusyChannel(engine, `lab:${FIRST_LAB.id}`, 51, NOW, 'lab');
  assert.deepEqual(pagesOf(engine, 'global'), [
    { page: 0, first: 'glob m1' },
    { page: 1, first: 'glob m51' },
    { page: 2, first: 'glob m101' },
    { page: 3, first: 'glob m151' },
  ]);
  assert.deepEqual(pagesOf(engine, `lab:${FIRST_LAB.id}`), [
    { page: 0, first: 'lab m1' },
    { page: 1, first: 'lab m51' },
  ]);
});

test('a database from before pages gets them at the first connection after the update', async () => {
  const engine = await academy();
  writeBusyChannel(engine, 'global', 120, NOW, 'old');
  // The state an older version left: messages, no pages and no tallies.
  const older = ['chat_page', 'channel_tally'].map((table) => ({
    tableName: table,
    deletes: [...engine.table(table).rows()].map((row) => row.bytes),
    inserts: [],
  }));
  engine.applyChanges(older, engine.txOffset + 1n);
  assert.deepEqual(pagesOf(engine, 'global'), []);
  engine.callLifecycle('clientConnected', { sender: 2n, connectionId: 9n, timestamp: NOW + 1n });
  assert.deepEqual(
    pagesOf(engine, 'global').map((page) => page.first),
    ['old m1', 'old m51', 'old m101'],
  );
  writeBusyChannel(engine, 'global', 31, NOW + 7_200_000_000n, 'new');
  assert.deepEqual(
    pagesOf(engine, 'global').map((page) => page.first),
    ['old m1', 'old m51', 'old m101', 'new m31'],
  );
});

test('a subscriber reads the pages and only the messages from a page on, and sees new ones arrive', async () => {
  const host = await startAcademy();
  const ana = await connect(host);
  const ben = await connect(host);
  try {
    await ana.conn.reducers.registerUser({ username: 'ana', displayName: '', timeZone: 'UTC' });
    for (let i = 1; i <= 3; i++) await ana.conn.reducers.sendMessage({ channel: 'global', text: `hello ${i}` });
    await ben.subscribe("SELECT * FROM chat_page WHERE channel = 'global'");
    const [first] = [...ben.conn.db.chatPage.iter()];
    assert.equal(first?.page, 0);
    // From the second message on: as the chat asks for the messages from a page's first one.
    const second = first!.firstMessageId + 1n;
    await ben.subscribe(`SELECT * FROM channel_message WHERE channel = 'global' AND id >= ${second}`);
    const texts = () => [...ben.conn.db.channelMessage.iter()].map((row) => row.text).sort();
    assert.deepEqual(texts(), ['hello 2', 'hello 3']);
    await ana.conn.reducers.sendMessage({ channel: 'global', text: 'hello 4' });
    await eventually(() => texts().includes('hello 4'), 'the new message at ben');
  } finally {
    await Promise.all([ana.close(), ben.close()]);
    await host.close();
  }
});
