/**
 * What joining a busy channel costs a chat, before and after history paging: a channel of 5,000 messages (written
 * by the module's own reducers with a simulated clock), served by our host, joined by a real SDK client over a
 * WebSocket, three ways interleaved sample by sample in one run:
 * - whole: `channel_message WHERE channel = …`, what the chat subscribed to before pages;
 * - paged: `chat_page WHERE channel = …`, then `channel_message WHERE channel = … AND id >= <first message of the
 *   page before the last>`, what it subscribes to now (two round trips);
 * - paged, read by channel: the same two queries, the second written `(id >= N OR id >= N)`, which the host cannot
 *   turn into a range: it finds the page by walking the channel's index, as it did before range scans.
 * Figures: bytes the client received and milliseconds until the rows were applied, medians, and the ratios
 * paged / whole (target < 0.05 for bytes; time is reported, see module/README.md) and paged / paged read by channel
 * (what the `id` range scan saves the host).
 *
 *   node --import tsx bench/module/chat-history.ts [--messages 5000] [--samples 15]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startHost } from '@lta/host';
import { openDatabase } from '@lta/host/durability';
import { DbConnection } from '../../src/bindings/index.js';
import { writeBusyChannel } from '../../module/test/support/busy-channel.js';
import { median } from '../statistics.js';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const MESSAGES = option('--messages', 5000);
const SAMPLES = option('--samples', 15);
const CHANNEL = 'global';
const MODULE_DIR = fileURLToPath(new URL('../../module', import.meta.url));

/** Every byte the client's sockets receive, so a subscription's answer can be weighed. */
let received = 0;
class CountingSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('message', (data: Buffer | ArrayBuffer) => (received += data.byteLength));
  }
}
(globalThis as { WebSocket?: unknown }).WebSocket = CountingSocket;

const dataDir = mkdtempSync(join(tmpdir(), 'lta-chat-history-'));
const written = performance.now();
const seeding = await openDatabase({ moduleDir: MODULE_DIR, database: 'academy', dataDir, log: () => {} });
writeBusyChannel(seeding.engine, CHANNEL, MESSAGES, BigInt(Date.now() - 3_600_000) * 1000n, 'bench');
await seeding.close();
const host = await startHost({ moduleDir: MODULE_DIR, dataDir, port: 0, log: false });
console.log(`${MESSAGES} messages written in ${((performance.now() - written) / 1000).toFixed(1)} s`);

// Uncompressed frames, as the widgets ask for them (src/connection/README.md).
const conn = await new Promise<DbConnection>((connected, failed) => {
  DbConnection.builder()
    .withUri(host.url)
    .withDatabaseName(host.database)
    .withCompression('none')
    .onConnect(connected)
    .onConnectError((_ctx, error) => failed(error))
    .build();
});

/** Subscribes to `queries` one after the other, as the chat does; returns bytes and ms until all were applied. */
async function joinChannel(...steps: (() => string)[]): Promise<{ bytes: number; ms: number }> {
  received = 0;
  const started = performance.now();
  const handles = [];
  for (const step of steps) {
    handles.push(
      await new Promise<{ unsubscribe(): void }>((applied, failed) => {
        const handle = conn
          .subscriptionBuilder()
          .onApplied(() => applied(handle))
          .onError((ctx) => failed(ctx.event ?? new Error('subscription refused')))
          .subscribe([step()]);
      }),
    );
  }
  const result = { bytes: received, ms: performance.now() - started };
  for (const handle of handles) handle.unsubscribe();
  // Let the unsubscriptions' answers pass before the next sample counts bytes.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return result;
}

/** The chat's two queries: the channel's pages, then its messages from the page before the last on. */
const pagedBy = (fromPage: (start: bigint) => string) => () =>
  joinChannel(
    () => `SELECT * FROM chat_page WHERE channel = '${CHANNEL}'`,
    () => {
      const pages = [...conn.db.chatPage.iter()]
        .filter((page) => page.channel === CHANNEL)
        .sort((a, b) => a.page - b.page);
      const start = pages[Math.max(0, pages.length - 2)]!.firstMessageId;
      return `SELECT * FROM channel_message WHERE channel = '${CHANNEL}' AND ${fromPage(start)}`;
    },
  );
const ways = {
  whole: () => joinChannel(() => `SELECT * FROM channel_message WHERE channel = '${CHANNEL}'`),
  paged: pagedBy((start) => `id >= ${start}`),
  byChannel: pagedBy((start) => `(id >= ${start} OR id >= ${start})`),
};

const figures = { whole: [], paged: [], byChannel: [] } as Record<keyof typeof ways, { bytes: number; ms: number }[]>;
for (const way of Object.values(ways)) await way();
for (let i = 0; i < SAMPLES; i++) {
  const order = Object.keys(ways) as (keyof typeof ways)[];
  // Each way goes first, middle and last in turn.
  for (let k = 0; k < order.length; k++) {
    const way = order[(i + k) % order.length]!;
    figures[way].push(await ways[way]());
  }
}
conn.disconnect();
await host.close();
rmSync(dataDir, { recursive: true, force: true });

const of = (way: keyof typeof figures, what: 'bytes' | 'ms') => median(figures[way].map((sample) => sample[what]));
const rows = [
  ['bytes received', 'whole', of('whole', 'bytes'), of('paged', 'bytes'), 0.05],
  ['ms until applied', 'whole', of('whole', 'ms'), of('paged', 'ms'), 1],
  ['ms until applied', 'by channel', of('byChannel', 'ms'), of('paged', 'ms'), 1],
] as const;
console.log(`Joining a channel of ${MESSAGES} messages, medians of ${SAMPLES} interleaved samples:`);
for (const [what, baseline, before, after, target] of rows) {
  const ratio = after / before;
  const digits = what === 'bytes received' ? 0 : 2;
  console.log(
    `  ${what.padEnd(17)} ${baseline.padStart(10)} ${before.toFixed(digits).padStart(9)}  paged ${after.toFixed(digits).padStart(9)}  ratio ${ratio.toFixed(3)} (target < ${target}) ${ratio < target ? 'ok' : 'MISSED'}`,
  );
}
