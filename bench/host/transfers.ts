/**
 * Contended read-modify-write: `transfer(from, to, amount)` between two of 100,000 accounts found by primary key,
 * 64 clients each keeping 40 calls in flight, accounts drawn uniformly and Zipf-skewed (s = 1).
 * Baseline in the same run: the same 64 x 40 pipelined pattern against a bare `ws` echo server.
 * Target: >= 15,000 transfers/s.   Run: node --import tsx bench/host/transfers.ts
 *
 * The host runs in memory (no data dir), as the figure does, in a process of its own; the clients are
 * another process, as a real load generator would be. Besides throughput, each server's CPU time per answered call
 * is read from the server process itself: on a shared machine it is the steadier figure, and 1e6 / (µs per call)
 * is the rate that server would reach with one core to itself.
 */
import type { WebSocket } from 'ws';
import {
  callReducer,
  countReducerResults,
  fmt,
  openClients,
  startServer,
  transferArgs,
  type ServerProcess,
} from './support.js';
import { percentile } from '../statistics.js';

const ACCOUNTS = 100_000;
const CLIENTS = 64;
const IN_FLIGHT = 40;
const WARMUP_MS = 1000;
const MEASURE_MS = 3000;
const ROUNDS = 3;
const V3 = ['v3.bsatn.spacetimedb', 'v2.bsatn.spacetimedb'];

/** Keeps `IN_FLIGHT` requests per client going; counts answers during the measuring window. */
async function pipelined(
  server: ServerProcess,
  clients: WebSocket[],
  nextRequest: (requestId: number) => Buffer,
  answersIn: (frame: Buffer) => { answered: number; failed: number },
): Promise<{ perSecond: number; cpuMicrosPerCall: number; failed: number }> {
  let counting = false;
  let answered = 0;
  let failed = 0;
  let stop = false;
  let requestId = 0;
  for (const socket of clients) {
    socket.on('message', (frame: Buffer) => {
      const result = answersIn(frame);
      if (counting) {
        answered += result.answered;
        failed += result.failed;
      }
      if (!stop) for (let i = 0; i < result.answered; i++) socket.send(nextRequest(requestId++));
    });
    for (let i = 0; i < IN_FLIGHT; i++) socket.send(nextRequest(requestId++));
  }
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const cpuStart = await server.cpuMicros();
  counting = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, MEASURE_MS));
  const elapsed = (performance.now() - start) / 1000;
  counting = false;
  const cpuMicrosPerCall = ((await server.cpuMicros()) - cpuStart) / answered;
  stop = true;
  await new Promise((r) => setTimeout(r, 200));
  for (const socket of clients) socket.removeAllListeners('message');
  return { perSecond: answered / elapsed, cpuMicrosPerCall, failed };
}

function zipfSampler(n: number, s: number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 1; k <= n; k++) cdf[k - 1] = total += 1 / Math.pow(k, s);
  return () => {
    const x = Math.random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/** One `seed_accounts(count, balance)` call creates accounts 1..count. */
async function seedAccounts(url: string): Promise<void> {
  const [socket] = await openClients(url, 1, V3);
  const args = Buffer.allocUnsafe(12);
  args.writeUInt32LE(ACCOUNTS, 0);
  args.writeBigInt64LE(1_000_000_000n, 4);
  await new Promise<void>((resolve, reject) => {
    socket!.on('message', (frame: Buffer) => {
      const { answered, failed } = countReducerResults(frame);
      if (failed) reject(new Error('seed_accounts failed'));
      else if (answered) resolve();
    });
    socket!.send(callReducer(1, 'seed_accounts', args));
  });
  socket!.close();
}

const baseline = await startServer('serve-baseline.ts');
const host = await startServer('serve-host.ts');
const seedStart = performance.now();
await seedAccounts(host.url);
console.log(`seeded ${ACCOUNTS.toLocaleString()} accounts in ${fmt((performance.now() - seedStart) / 1000, 2)} s`);
const echoClients = await openClients(baseline.url, CLIENTS);
const clients = await openClients(host.url, CLIENTS, V3);
const payload = callReducer(0, 'transfer', transferArgs(1, 2, 1n));
const uniformPick = () => 1 + Math.floor(Math.random() * ACCOUNTS);
const zipfPick = zipfSampler(ACCOUNTS, 1);
const transfer = (pick: () => number) => (requestId: number) => {
  const from = pick();
  let to = pick();
  while (to === from) to = pick();
  return callReducer(requestId, 'transfer', transferArgs(from, to, 1n));
};
// The machine is shared: alternate baseline and host for a few rounds and keep each figure's median.
type Figure = 'echo' | 'uniform' | 'zipf' | 'echoCpu' | 'uniformCpu' | 'zipfCpu';
const rounds: (Record<Figure, number> & { failed: number })[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const echoRate = await pipelined(
    baseline,
    echoClients,
    () => payload,
    () => ({ answered: 1, failed: 0 }),
  );
  const uniformRate = await pipelined(host, clients, transfer(uniformPick), countReducerResults);
  const zipfRate = await pipelined(host, clients, transfer(zipfPick), countReducerResults);
  rounds.push({
    echo: echoRate.perSecond,
    uniform: uniformRate.perSecond,
    zipf: zipfRate.perSecond,
    echoCpu: echoRate.cpuMicrosPerCall,
    uniformCpu: uniformRate.cpuMicrosPerCall,
    zipfCpu: zipfRate.cpuMicrosPerCall,
    failed: uniformRate.failed + zipfRate.failed,
  });
}
for (const c of [...clients, ...echoClients]) c.close();
baseline.stop();
host.stop();
const median = (key: Figure) =>
  percentile(
    rounds.map((r) => r[key]).sort((a, b) => a - b),
    0.5,
  );
const failed = rounds.reduce((n, r) => n + r.failed, 0);
const cpu = (key: 'echoCpu' | 'uniformCpu' | 'zipfCpu') =>
  `${fmt(median(key), 1)} µs server CPU/call (${fmt(1e6 / median(key), 0)}/s per core)`;

console.log(
  `\n${CLIENTS} clients x ${IN_FLIGHT} in flight, ${ACCOUNTS.toLocaleString()} accounts, host in memory, median of ${ROUNDS} alternating rounds`,
);
console.log(`  bare ws echo (baseline):   ${fmt(median('echo'), 0)} messages/s  ${cpu('echoCpu')}`);
console.log(
  `  transfers, uniform:        ${fmt(median('uniform'), 0)} /s  (${fmt(median('uniform') / median('echo'), 2)}x echo)  ${cpu('uniformCpu')}`,
);
console.log(
  `  transfers, Zipf s=1:       ${fmt(median('zipf'), 0)} /s  (${fmt(median('zipf') / median('echo'), 2)}x echo)  ${cpu('zipfCpu')}`,
);
console.log(
  `  host CPU per transfer / echo CPU per message: ${fmt(median('uniformCpu') / median('echoCpu'), 2)}x (uniform)`,
);
console.log(`  failed calls (all rounds): ${failed}`);
console.log(`  target >= 15,000/s: ${median('uniform') >= 15000 && median('zipf') >= 15000 ? 'met' : 'NOT met'}`);
process.exit(0);
