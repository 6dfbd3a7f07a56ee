/**
 * Fan-out: time from one client's insert until all 1,000 subscribed clients have received it.
 * Host: 1,000 clients subscribed to `SELECT * FROM score WHERE game = 'fanout'`, a writer calls `add_score`.
 * Baseline in the same run: 1,000 clients of a bare `ws` server that broadcasts a message of the same size.
 * Target: within 3x the bare broadcast.   Run: node --import tsx bench/host/fan-out.ts
 */
import type { WebSocket } from 'ws';
import { BinaryWriter } from 'spacetimedb';
import { encodeClientMessage } from '@lta/host/protocol';
import { callReducer, fmt, forEachServerMessage, openClients, startServer } from './support.js';
import { percentile } from '../statistics.js';

const SUBSCRIBERS = 1000;
const ROUNDS = 30;
const V3 = ['v3.bsatn.spacetimedb', 'v2.bsatn.spacetimedb'];

/** Sends `trigger()` from the writer ROUNDS times; each time waits until every subscriber saw `isUpdate`. */
async function timeFanOut(
  writer: WebSocket,
  subscribers: WebSocket[],
  trigger: (round: number) => Buffer,
  isUpdate: (frame: Buffer) => boolean,
): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let waiting = subscribers.length;
    const start = performance.now();
    await new Promise<void>((resolve) => {
      for (const socket of subscribers) {
        const onMessage = (frame: Buffer) => {
          if (!isUpdate(frame)) return;
          socket.off('message', onMessage);
          if (--waiting === 0) resolve();
        };
        socket.on('message', onMessage);
      }
      writer.send(trigger(round));
    });
    times.push(performance.now() - start);
    await new Promise((r) => setTimeout(r, 20));
  }
  return times.sort((a, b) => a - b);
}

function addScoreArgs(round: number): Uint8Array {
  const w = new BinaryWriter(64);
  w.writeString('fanout');
  w.writeString(`player-${round}`);
  w.writeI32(round);
  w.writeU8(1);
  return w.getBuffer().slice();
}

async function subscribeAll(sockets: WebSocket[]): Promise<void> {
  const subscribe = Buffer.from(
    encodeClientMessage({
      tag: 'Subscribe',
      value: { requestId: 1, querySetId: { id: 1 }, queryStrings: ["SELECT * FROM score WHERE game = 'fanout'"] },
    }),
  );
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          const onMessage = (frame: Buffer) => {
            let applied = false;
            forEachServerMessage(frame, (m) => (applied ||= m.tag === 'SubscribeApplied'));
            if (!applied) return;
            socket.off('message', onMessage);
            resolve();
          };
          socket.on('message', onMessage);
          socket.send(subscribe);
        }),
    ),
  );
}

const baseline = await startServer('serve-baseline.ts');
const host = await startServer('serve-host.ts');

const echoSubscribers = await openClients(baseline.url, SUBSCRIBERS);
const [echoWriter] = await openClients(baseline.url, 1);
// The broadcast carries as many bytes as the host's TransactionUpdate for one score row (~90 bytes).
const broadcast = Buffer.alloc(90, 1);
broadcast[0] = 0xff;
// The writer itself also receives the broadcast; only subscribers are timed.
const echoTimes = await timeFanOut(
  echoWriter!,
  echoSubscribers,
  () => broadcast,
  () => true,
);
for (const s of [...echoSubscribers, echoWriter!]) s.close();

const connectStart = performance.now();
const subscribers: WebSocket[] = [];
for (let i = 0; i < SUBSCRIBERS; i += 100) subscribers.push(...(await openClients(host.url, 100, V3)));
await subscribeAll(subscribers);
console.log(
  `connected and subscribed ${SUBSCRIBERS} clients in ${fmt((performance.now() - connectStart) / 1000, 2)} s`,
);
const [writer] = await openClients(host.url, 1, V3);
const isTransactionUpdate = (frame: Buffer) => {
  let found = false;
  forEachServerMessage(frame, (m) => (found ||= m.tag === 'TransactionUpdate'));
  return found;
};
const hostTimes = await timeFanOut(
  writer!,
  subscribers,
  (round) => callReducer(round, 'add_score', addScoreArgs(round)),
  isTransactionUpdate,
);
for (const s of [...subscribers, writer!]) s.close();
baseline.stop();
host.stop();

const echoP50 = percentile(echoTimes, 0.5);
const hostP50 = percentile(hostTimes, 0.5);
console.log(`\none insert reaching ${SUBSCRIBERS} subscribed clients (${ROUNDS} rounds)`);
console.log(
  `  bare ws broadcast (baseline): p50 ${fmt(echoP50, 2)} ms   p99 ${fmt(percentile(echoTimes, 0.99), 2)} ms`,
);
console.log(
  `  host add_score -> TransactionUpdate: p50 ${fmt(hostP50, 2)} ms   p99 ${fmt(percentile(hostTimes, 0.99), 2)} ms`,
);
console.log(
  `  ratio (p50): ${fmt(hostP50 / echoP50, 2)}x   target within 3x: ${hostP50 / echoP50 <= 3 ? 'met' : 'NOT met'}`,
);
process.exit(0);
