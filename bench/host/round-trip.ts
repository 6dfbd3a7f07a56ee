/**
 * Reducer round trip: latency p50/p99 of one call at a time from one client, and pipelined calls per second from
 * 1 and from 50 clients (each keeping 40 calls in flight). Baseline in the same run: the same patterns against a
 * bare `ws` echo server. Target: round trip within 3x the bare echo.
 * The call is `transfer(1, 2, 0)`: two primary-key lookups and two updates.   Run: node --import tsx bench/host/round-trip.ts
 */
import type { WebSocket } from 'ws';
import {
  callReducer,
  countReducerResults,
  fmt,
  openAccountArgs,
  openClients,
  startServer,
  transferArgs,
} from './support.js';
import { percentile } from '../statistics.js';

const V3 = ['v3.bsatn.spacetimedb', 'v2.bsatn.spacetimedb'];
const SEQUENTIAL_CALLS = 2000;
const PIPELINE_MS = 3000;
const IN_FLIGHT = 40;
const ROUNDS = 3;

type Count = (frame: Buffer) => number;

async function sequentialLatencies(
  socket: WebSocket,
  request: (id: number) => Buffer,
  count: Count,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < SEQUENTIAL_CALLS + 200; i++) {
    const start = performance.now();
    await new Promise<void>((resolve) => {
      const onMessage = (frame: Buffer) => {
        if (count(frame) === 0) return;
        socket.off('message', onMessage);
        resolve();
      };
      socket.on('message', onMessage);
      socket.send(request(i));
    });
    if (i >= 200) latencies.push(performance.now() - start);
  }
  return latencies.sort((a, b) => a - b);
}

async function pipelinedRate(clients: WebSocket[], request: (id: number) => Buffer, count: Count): Promise<number> {
  let answered = 0;
  let counting = false;
  let stop = false;
  let id = 0;
  for (const socket of clients) {
    socket.on('message', (frame: Buffer) => {
      const n = count(frame);
      if (counting) answered += n;
      if (!stop) for (let i = 0; i < n; i++) socket.send(request(id++));
    });
    for (let i = 0; i < IN_FLIGHT; i++) socket.send(request(id++));
  }
  await new Promise((r) => setTimeout(r, 500));
  counting = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, PIPELINE_MS));
  const rate = answered / ((performance.now() - start) / 1000);
  stop = true;
  await new Promise((r) => setTimeout(r, 200));
  for (const socket of clients) socket.removeAllListeners('message');
  return rate;
}

interface Figures {
  p50: number;
  p99: number;
  one: number;
  fifty: number;
}

async function measure(
  url: string,
  protocols: string[],
  request: (id: number) => Buffer,
  count: Count,
): Promise<Figures> {
  const [single] = await openClients(url, 1, protocols);
  const latencies = await sequentialLatencies(single!, request, count);
  const one = await pipelinedRate([single!], request, count);
  single!.close();
  const many = await openClients(url, 50, protocols);
  const fifty = await pipelinedRate(many, request, count);
  for (const socket of many) socket.close();
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), one, fifty };
}

const reducerResults: Count = (frame) => countReducerResults(frame).answered;

const transfer = (id: number) => callReducer(id, 'transfer', transferArgs(1, 2, 0n));

const baseline = await startServer('serve-baseline.ts');
const host = await startServer('serve-host.ts');
const [setup] = await openClients(host.url, 1, V3);
for (const id of [1, 2]) {
  setup!.send(callReducer(id, 'open_account', openAccountArgs(id, 1_000_000n)));
  await new Promise((r) => setup!.once('message', r));
}
setup!.close();
// The machine is shared: alternate baseline and host for a few rounds and keep each figure's median.
const echoRounds: Figures[] = [];
const hostRounds: Figures[] = [];
for (let round = 0; round < ROUNDS; round++) {
  echoRounds.push(await measure(baseline.url, [], transfer, () => 1));
  hostRounds.push(await measure(host.url, V3, transfer, reducerResults));
}
baseline.stop();
host.stop();
const median = (rounds: Figures[], key: keyof Figures) =>
  percentile(
    rounds.map((r) => r[key]).sort((a, b) => a - b),
    0.5,
  );
const summary = (rounds: Figures[]): Figures => ({
  p50: median(rounds, 'p50'),
  p99: median(rounds, 'p99'),
  one: median(rounds, 'one'),
  fifty: median(rounds, 'fifty'),
});
const echo = summary(echoRounds);
const reducer = summary(hostRounds);

const row = (label: string, e: number, h: number, unit: string, lowerIsBetter: boolean) =>
  console.log(
    `  ${label.padEnd(28)} echo ${fmt(e, 3).padStart(12)} ${unit}   host ${fmt(h, 3).padStart(12)} ${unit}   ratio ${fmt(lowerIsBetter ? h / e : e / h, 2)}x`,
  );
console.log(
  `\nreducer round trip vs bare ws echo, median of ${ROUNDS} alternating rounds (ratio: how many times slower the host is)`,
);
row('latency p50', echo.p50, reducer.p50, 'ms', true);
row('latency p99', echo.p99, reducer.p99, 'ms', true);
row('pipelined, 1 client', echo.one, reducer.one, '/s', false);
row('pipelined, 50 clients', echo.fifty, reducer.fifty, '/s', false);
console.log(`  target: round trip within 3x echo: ${reducer.p50 / echo.p50 <= 3 ? 'met' : 'NOT met'} (p50)`);
process.exit(0);
