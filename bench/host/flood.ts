/**
 * Fair sharing under a flood: 50 ordinary clients each make one reducer call at a time while one client floods the
 * host: first thousands of pipelined calls, then 100 KiB Subscribes (the same query ~5,000 times, and 256 queries
 * whose answer would be far over the answer limit), then subscriptions it never reads. Baseline in the same run: the
 * same 50 clients without the flood, alternating rounds. Targets: the ordinary clients' p99 round trip within 5x the
 * baseline p99, and the host's peak RSS under 512 MiB.
 * Run: node --import tsx bench/host/flood.ts   (BENCH_FLOOD_ROUNDS=2 by default)
 */
import type { WebSocket } from 'ws';
import { encodeClientMessage } from '@lta/host/protocol';
import {
  callReducer,
  countReducerResults,
  fmt,
  forEachServerMessage,
  openClients,
  startServer,
  transferArgs,
} from './support.js';
import { percentile } from '../statistics.js';

const V3 = ['v3.bsatn.spacetimedb', 'v2.bsatn.spacetimedb'];
const ORDINARY_CLIENTS = 50;
const ROUNDS = Number(process.env.BENCH_FLOOD_ROUNDS ?? 2);
const BASELINE_MS = 5000;
const PIPELINE_MS = 3000;
const PIPELINE_IN_FLIGHT = 5000;
const STALL_MS = 4000;
/** About 880 KiB of rows for `SELECT * FROM account`: twenty stalled answers are more than the 16 MiB budget. */
const ACCOUNTS = 20_000;
const MiB = 1024 * 1024;

const transfer = (id: number) => callReducer(id, 'transfer', transferArgs(1, 2, 0n));
const subscribeMessage = (querySetId: number, queryStrings: string[]) =>
  encodeClientMessage({
    tag: 'Subscribe',
    value: { requestId: querySetId, querySetId: { id: querySetId }, queryStrings },
  });

/** The 50 ordinary clients make calls one at a time until `stop()`; resolves with every round trip (ms). */
function ordinaryLoad(clients: WebSocket[]): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loops = clients.map(async (socket) => {
    let id = 0;
    while (running) {
      const start = performance.now();
      await new Promise<void>((resolve) => {
        const onMessage = (frame: Buffer) => {
          if (countReducerResults(frame).answered === 0) return;
          socket.off('message', onMessage);
          resolve();
        };
        socket.on('message', onMessage);
        socket.send(transfer(id++));
      });
      latencies.push(performance.now() - start);
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return latencies.sort((a, b) => a - b);
    },
  };
}

/** Waits for the first SubscribeApplied or SubscriptionError; returns a short description. */
function subscribeOutcome(socket: WebSocket): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (frame: Buffer) => {
      forEachServerMessage(frame, (message) => {
        if (message.tag !== 'SubscribeApplied' && message.tag !== 'SubscriptionError') return;
        socket.off('message', onMessage);
        resolve(message.tag === 'SubscriptionError' ? `refused: ${message.value.error.slice(0, 110)}...` : 'applied');
      });
    };
    socket.on('message', onMessage);
  });
}

interface FloodReport {
  pipelinedAnswered: number;
  repeated: string;
  oversized: string;
  stalledDropped: boolean;
}

/** One client's flood: pipelined calls, two 100 KiB Subscribes, then subscriptions it does not read. */
async function flood(url: string): Promise<FloodReport> {
  const [socket] = await openClients(url, 1, V3);
  const flooder = socket!;
  flooder.on('error', () => {});
  // 1. Thousands of calls always in flight.
  let answered = 0;
  let sending = true;
  let id = 0;
  const onResults = (frame: Buffer) => {
    const n = countReducerResults(frame).answered;
    answered += n;
    if (sending) for (let i = 0; i < n; i++) flooder.send(transfer(id++));
  };
  flooder.on('message', onResults);
  for (let i = 0; i < PIPELINE_IN_FLIGHT; i++) flooder.send(transfer(id++));
  await new Promise((r) => setTimeout(r, PIPELINE_MS));
  sending = false;
  const pipelinedAnswered = answered;
  flooder.off('message', onResults);

  // 2. A 100 KiB Subscribe naming one query about 5,000 times, then one of 256 long queries whose answer would be
  // 256 times every account.
  const repeatedOutcome = subscribeOutcome(flooder);
  flooder.send(
    subscribeMessage(
      1,
      Array.from({ length: Math.ceil((100 * 1024) / 21) }, () => 'SELECT * FROM account'),
    ),
  );
  const repeated = await repeatedOutcome;
  const longQuery = 'SELECT * FROM account WHERE id >= 0' + ' AND balance >= 0'.repeat(22);
  const oversizedOutcome = subscribeOutcome(flooder);
  flooder.send(
    subscribeMessage(
      2,
      Array.from({ length: 256 }, () => longQuery),
    ),
  );
  const oversized = await oversizedOutcome;

  // 3. Stops reading and asks for many answers of ~880 KiB each.
  flooder.pause();
  for (let set = 10; set < 410; set++) flooder.send(subscribeMessage(set, ['SELECT * FROM account']));
  await new Promise((r) => setTimeout(r, STALL_MS));
  const closed = new Promise<number>((resolve) => flooder.once('close', resolve));
  flooder.resume();
  const code = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
  if (code === null) flooder.terminate();
  return { pipelinedAnswered, repeated, oversized, stalledDropped: code !== null };
}

const host = await startServer('serve-host.ts');
const [setup] = await openClients(host.url, 1, V3);
const seedArgs = Buffer.alloc(12);
seedArgs.writeUInt32LE(ACCOUNTS, 0);
seedArgs.writeBigInt64LE(1_000_000n, 4);
setup!.send(callReducer(1, 'seed_accounts', seedArgs));
await new Promise((r) => setup!.once('message', r));
setup!.close();
const ordinary = await openClients(host.url, ORDINARY_CLIENTS, V3);

const baselineP99: number[] = [];
const floodP99: number[] = [];
let worstFloodMs = 0;
let worstBaselineMs = 0;
const reports: FloodReport[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const quiet = ordinaryLoad(ordinary);
  await new Promise((r) => setTimeout(r, BASELINE_MS));
  const quietLatencies = await quiet.stop();
  baselineP99.push(percentile(quietLatencies, 0.99));
  worstBaselineMs = Math.max(worstBaselineMs, quietLatencies.at(-1)!);

  const loud = ordinaryLoad(ordinary);
  reports.push(await flood(host.url));
  const loudLatencies = await loud.stop();
  floodP99.push(percentile(loudLatencies, 0.99));
  worstFloodMs = Math.max(worstFloodMs, loudLatencies.at(-1)!);
}
const peakRss = await host.peakRssBytes();
for (const socket of ordinary) socket.close();
host.stop();

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
const ratio = median(floodP99) / median(baselineP99);
console.log(
  `\n${ORDINARY_CLIENTS} ordinary clients, one call at a time each, with and without one flooding client (median of ${ROUNDS} alternating rounds)`,
);
console.log(
  `  ordinary p99 round trip     quiet ${fmt(median(baselineP99), 2).padStart(8)} ms   flooded ${fmt(median(floodP99), 2).padStart(8)} ms   ratio ${fmt(ratio, 2)}x (target <= 5x: ${ratio <= 5 ? 'met' : 'NOT met'})`,
);
console.log(
  `  ordinary worst round trip   quiet ${fmt(worstBaselineMs, 1).padStart(8)} ms   flooded ${fmt(worstFloodMs, 1).padStart(8)} ms`,
);
console.log(
  `  host peak RSS               ${fmt(peakRss / MiB, 0)} MiB (target < 512 MiB: ${peakRss < 512 * MiB ? 'met' : 'NOT met'})`,
);
for (const [i, r] of reports.entries()) {
  console.log(
    `  flood ${i + 1}: ${r.pipelinedAnswered} pipelined calls answered in ${PIPELINE_MS} ms; ${r.stalledDropped ? 'dropped' : 'NOT dropped'} after not reading`,
  );
  console.log(`    5,000-query Subscribe: ${r.repeated}`);
  console.log(`    256 long queries:      ${r.oversized}`);
}
process.exit(0);
