/**
 * What a stored row costs in memory, as a ratio to its own BSATN bytes (the baseline, measured in the same run).
 * The host runs in this process (kitchen-sink module, in memory) with LEARNERS raw WebSocket clients, and after each
 * phase the bench collects garbage and reads V8's heap in use and the array buffers outside it:
 * - saved labs: each learner adds NOTES `secret_note` rows of a 2 KiB string (like `lab_session`'s snapshot);
 * - views: each learner subscribes to `my_notes` (its own notes, a view, like `my_lab_sessions`), whose last rows
 *   the host keeps for diffing;
 * - small rows: SMALL `score` rows of about 90 bytes (like `activity`).
 * V8 sizes its heap to about twice its live data, so a heap byte costs about two bytes of RSS: the last column
 * weighs heap bytes twice. Target (issue 12): a row held once, a view sharing the table's bytes (ratio near 0).
 *
 *   node --import tsx bench/host/row-memory.ts [--learners 200] [--notes 20] [--small 8000]
 */
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { WebSocket } from 'ws';
import { BinaryWriter } from 'spacetimedb';
import { startHost } from '@lta/host';
import { encodeClientMessage } from '@lta/host/protocol';
import { callReducer, countReducerResults, fmt, openClients } from './support.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const LEARNERS = arg('learners', 200);
const NOTES = arg('notes', 20);
const SMALL = arg('small', 8000);
const SNAPSHOT_CHARS = 2048;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap in use and array buffers (bytes) after full collections. */
async function retained(): Promise<{ heap: number; buffers: number }> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (let i = 0; i < 3; i++) gc();
  return { heap: getHeapStatistics().used_heap_size, buffers: process.memoryUsage().arrayBuffers };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** A saved-lab-like string (base64 text of a deflated state): distinct for every row. */
function snapshot(): string {
  let out = '';
  for (let i = 0; i < SNAPSHOT_CHARS; i++) out += ALPHABET[Math.floor(Math.random() * 64)];
  return out;
}

function stringArgs(...values: string[]): Uint8Array {
  const w = new BinaryWriter(64);
  for (const value of values) w.writeString(value);
  return w.getBuffer().slice();
}

function addScoreArgs(i: number): Uint8Array {
  const w = new BinaryWriter(128);
  w.writeString('memory');
  // About 90 bytes a row in all, like an `activity` row (identity, kind, detail, time).
  w.writeString(`learner-${String(i).padStart(8, '0')}-lab_started-Navigating the file system`);
  w.writeI32(i);
  w.writeU8(i % 4);
  return w.getBuffer().slice();
}

/** Sends each client its calls at once and waits until every one is answered; throws if any failed. */
async function callAll(clients: WebSocket[], framesOf: (client: number) => Buffer[]): Promise<void> {
  await Promise.all(
    clients.map(
      (socket, c) =>
        new Promise<void>((resolve, reject) => {
          const frames = framesOf(c);
          let waiting = frames.length;
          const onMessage = (frame: Buffer) => {
            const { answered, failed } = countReducerResults(frame);
            if (failed > 0) reject(new Error(`${failed} calls failed`));
            waiting -= answered;
            if (waiting <= 0) {
              socket.off('message', onMessage);
              resolve();
            }
          };
          socket.on('message', onMessage);
          for (const frame of frames) socket.send(frame);
        }),
    ),
  );
}

async function subscribeAll(clients: WebSocket[], sql: string): Promise<void> {
  const frame = Buffer.from(
    encodeClientMessage({ tag: 'Subscribe', value: { requestId: 1, querySetId: { id: 1 }, queryStrings: [sql] } }),
  );
  await Promise.all(
    clients.map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('message', () => resolve());
          socket.send(frame);
        }),
    ),
  );
}

const host = await startHost({
  moduleDir: fileURLToPath(new URL('../../host/test/fixtures/kitchen-sink', import.meta.url)),
  database: 'row-memory',
  log: false,
});
const url = host.url.replace(/^http/, 'ws') + `/v1/database/${host.database}/subscribe?compression=None`;
const clients = await openClients(url, LEARNERS, ['v2.bsatn.spacetimedb']);
// Each client's first message is its identity token.
await new Promise((resolve) => setTimeout(resolve, 200));

const rows: { phase: string; rows: number; raw: number; heap: number; buffers: number }[] = [];
let before = await retained();
const measure = async (phase: string, count: number, raw: number) => {
  const after = await retained();
  rows.push({ phase, rows: count, raw, heap: after.heap - before.heap, buffers: after.buffers - before.buffers });
  before = after;
};

let requestId = 0;
// A note: u32 id, 32-byte identity, the string's length and its characters.
const noteBytes = 4 + 32 + 4 + SNAPSHOT_CHARS;
await callAll(clients, () =>
  Array.from({ length: NOTES }, () => callReducer(++requestId, 'add_note', stringArgs(snapshot()))),
);
await measure('saved labs (2 KiB rows)', LEARNERS * NOTES, LEARNERS * NOTES * noteBytes);

await subscribeAll(clients, 'SELECT * FROM my_notes');
await measure('views keeping them', LEARNERS * NOTES, LEARNERS * NOTES * noteBytes);

const perClient = Math.ceil(SMALL / LEARNERS);
let scored = 0;
await callAll(clients, () =>
  Array.from({ length: perClient }, () => callReducer(++requestId, 'add_score', addScoreArgs(scored++))),
);
// A row is its arguments (game, player, points, level) after its u64 id.
const scoreBytes = 8 + addScoreArgs(0).length;
await measure('small rows (~90 B)', scored, scored * scoreBytes);

console.log(`${LEARNERS} learners, in-process host; bytes retained after full GC, per row and per raw row byte`);
console.log(
  'phase                      rows   raw B/row   heap B/row   buffers B/row   (heap+buffers)/raw   (2 heap+buffers)/raw',
);
for (const r of rows) {
  console.log(
    `${r.phase.padEnd(25)} ${String(r.rows).padStart(6)} ${fmt(r.raw / r.rows, 0).padStart(11)} ${fmt(r.heap / r.rows, 0).padStart(12)} ${fmt(r.buffers / r.rows, 0).padStart(15)} ${fmt((r.heap + r.buffers) / r.raw, 2).padStart(20)} ${fmt((2 * r.heap + r.buffers) / r.raw, 2).padStart(22)}`,
  );
}
for (const socket of clients) socket.close();
await host.close();
