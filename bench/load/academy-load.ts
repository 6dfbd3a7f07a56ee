/**
 * The academy under a school's load: N simulated learners behaving like people (see behaviour.ts) against our
 * host running the academy module in a child process. K of them go through the real SDK in this process, the
 * rest through a lean protocol client in a worker thread. Learners connect evenly over the ramp, then the load
 * holds. Reported per minute: p50/p99 round trip per reducer and read, host CPU, host RSS, bytes sent; then the
 * hold's overall p50/p99 and the RSS slope after the ramp, against the targets (2-core machine, generator
 * included): 1,000 learners for 10 min p99 < 50 ms and RSS slope < 2 MiB/min; 200 learners for 5 min p99 < 20 ms.
 *
 *   node --import tsx bench/load/academy-load.ts --learners 200 --sdk 20 --minutes 5 --ramp 30
 *   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" ...   profiles the host
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { encodeLabState, startingFiles } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { createShell } from '@lta/shell';
import { nativeDeflateRaw } from '../../src/components/terminal/lab-state-codec.js';
import { fmt } from '../host/support.js';
import { percentile } from '../statistics.js';
import { startAcademyHost, type HostState } from './academy-host.js';
import type { PassingLab } from './behaviour.js';
import { runSdkLearner } from './sdk-learners.js';
import type { Sample, WorkerReport } from './samples.js';
import { numberOption } from '../options.js';

const LEARNERS = numberOption('learners', 200);
const SDK = Math.min(numberOption('sdk', 20), LEARNERS);
const MINUTES = numberOption('minutes', 5);
const RAMP_S = numberOption('ramp', 30);

/**
 * The first labs of the curriculum with a state part-way (one command in) and one that passes them, encoded as the
 * terminal saves them (the changes to the lab's starting files).
 */
async function passingLabs(count: number): Promise<PassingLab[]> {
  const labs: PassingLab[] = [];
  for (const lab of CURRICULUM.flatMap((m) => m.labs).slice(0, count)) {
    const start = startingFiles(lab);
    const shell = await createShell({ files: start, env: lab.env });
    await shell.run(lab.solution[0]!);
    const progress = await encodeLabState(shell.snapshot(), start, nativeDeflateRaw);
    for (const command of lab.solution.slice(1)) await shell.run(command);
    labs.push({ id: lab.id, progress, snapshot: await encodeLabState(shell.snapshot(), start, nativeDeflateRaw) });
  }
  return labs;
}

const labs = await passingLabs(6);
const host = await startAcademyHost();
const { http, database } = host;
const hostState = host.state;
/**
 * Bytes the host sent so far and the bytes its tables hold, from its /metrics; a saturated host may not answer,
 * then the last figures stand.
 */
let lastBytes = 0;
let lastTables = new Map<string, { rows: number; bytes: number }>();
const hostMetrics = async (timeoutMs = 4000) => {
  try {
    const text = await (await fetch(`${http}/metrics`, { signal: AbortSignal.timeout(timeoutMs) })).text();
    lastBytes = Number(/^spacetime_message_bytes_sent_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? lastBytes);
    const tables = new Map<string, { rows: number; bytes: number }>();
    for (const [, kind, table, value] of text.matchAll(
      /^spacetime_table_(rows|bytes)\{[^}]*table="([^"]+)"[^}]*\} (\d+)/gm,
    )) {
      const figures = tables.get(table!) ?? { rows: 0, bytes: 0 };
      figures[kind as 'rows' | 'bytes'] = Number(value);
      tables.set(table!, figures);
    }
    if (tables.size > 0) lastTables = tables;
  } catch {
    // keep the last figures
  }
  const stored = [...lastTables.values()].reduce((sum, table) => sum + table.bytes, 0);
  return { bytes: lastBytes, stored, tables: lastTables };
};

const startAt = Date.now() + 1000;
const rampMs = RAMP_S * 1000;
const endAt = startAt + rampMs + MINUTES * 60_000;
const samples: Sample[] = [];
const failures = new Map<string, number>();
const minuteOf = (at: number) => Math.floor((at - startAt) / 60_000);

// Lean learners: every index not taken by an SDK learner, spread over the ramp like them.
const sdkIndices = new Set(Array.from({ length: SDK }, (_, i) => Math.floor((i * LEARNERS) / Math.max(1, SDK))));
const lean = Array.from({ length: LEARNERS }, (_, i) => i).filter((i) => !sdkIndices.has(i));
const url = host.subscribeUrl;
const worker = new Worker(fileURLToPath(new URL('lean-learners-thread.mjs', import.meta.url)), {
  workerData: { url, indices: lean, learners: LEARNERS, labs, rampMs, startAt, endAt },
});
// The generator's own stalls (this thread's SDK learners, the worker's lean ones) delay answers as a slow host
// would: they are measured so a tail can be told apart from the host's.
const generatorDelay = monitorEventLoopDelay({ resolution: 10 });
generatorDelay.enable();
let workerLongestMs = 0;
worker.on('message', (report: WorkerReport) => {
  samples.push(...report.samples);
  workerLongestMs = Math.max(workerLongestMs, report.loopLongestMs);
  for (const failure of report.failures) failures.set(failure, (failures.get(failure) ?? 0) + 1);
});
const stopSdk: (() => void)[] = [];
[...sdkIndices].forEach((index) => {
  setTimeout(
    () => stopSdk.push(runSdkLearner(http, database, index, LEARNERS, labs, (s) => samples.push(s))),
    startAt + (rampMs * index) / LEARNERS - Date.now(),
  );
});

// Host CPU and RSS every 5 s; bytes sent every minute.
interface GeneratorState {
  /** Longest event-loop delays since the last reading, ms: this thread's and the worker's. */
  mainLongestMs: number;
  workerLongestMs: number;
}
const generatorState = (): GeneratorState => {
  const state = { mainLongestMs: generatorDelay.max / 1e6, workerLongestMs };
  generatorDelay.reset();
  workerLongestMs = 0;
  return state;
};
const states: (HostState & GeneratorState & Awaited<ReturnType<typeof hostMetrics>> & { at: number })[] = [];
const sampleHost = async () =>
  states.push({ at: Date.now(), ...generatorState(), ...(await hostState()), ...(await hostMetrics()) });
await sampleHost();
const poll = setInterval(() => void sampleHost(), 5000);
console.log(`${LEARNERS} learners (${SDK} through the SDK), ramp ${RAMP_S} s, hold ${MINUTES} min`);
await new Promise((resolve) => setTimeout(resolve, endAt - Date.now() + 1500));
clearInterval(poll);
await sampleHost();
for (const stop of stopSdk) stop();
await worker.terminate();
// Once the learners are gone even a saturated host answers: the run's total bytes.
const { bytes: totalBytes } = await hostMetrics(30_000);
// Let the host close (and write its profile, when asked to) before this process exits.
await host.stop();

const MiB = 1024 * 1024;
const names = [...new Set(samples.map((s) => s.name))].sort();
const minutes = Math.ceil((endAt - startAt) / 60_000);
for (let m = 0; m < minutes; m++) {
  // From the first host reading of this minute to the first of the next (or the last one).
  const first = states.find((s) => minuteOf(s.at) >= m);
  const last = states.find((s) => minuteOf(s.at) > m) ?? states.at(-1);
  const cpu =
    first && last && last.at > first.at ? (100 * (last.cpuMicros - first.cpuMicros)) / 1000 / (last.at - first.at) : 0;
  const bytes = first && last ? last.bytes - first.bytes : 0;
  const readings = states.filter((s) => first && last && s.at > first.at && s.at <= last.at);
  const gcLongest = Math.max(0, ...readings.map((s) => s.gcLongestMs));
  const gcTotal = readings.reduce((sum, s) => sum + s.gcTotalMs, 0);
  const longest = (figure: (s: (typeof readings)[number]) => number) => fmt(Math.max(0, ...readings.map(figure)), 0);
  console.log(
    `\nminute ${m + 1}: host CPU ${fmt(cpu, 0)} %, RSS ${fmt((last?.rss ?? 0) / MiB, 0)} MiB (V8 heap ${fmt((last?.heapTotal ?? 0) / MiB, 0)}, its old space ${fmt((last?.oldSpaceTaken ?? 0) / MiB, 0)} with ${fmt((last?.oldSpaceUsed ?? 0) / MiB, 0)} in use; array buffers ${fmt((last?.arrayBuffers ?? 0) / MiB, 0)}), live heap ${fmt((last?.liveHeap ?? 0) / MiB, 0)} MiB, tables ${fmt((last?.stored ?? 0) / MiB, 1)} MiB, sent ${fmt(bytes / MiB, 2)} MiB, GC ${fmt(gcTotal / 1000, 1)} s (longest pause ${fmt(gcLongest, 0)} ms)`,
  );
  console.log(
    `  longest stalls: host ${longest((s) => s.loopLongestMs)} ms, generator ${longest((s) => s.mainLongestMs)} ms (SDK thread) / ${longest((s) => s.workerLongestMs)} ms (lean thread)`,
  );
  for (const name of names) {
    const times = samples
      .filter((s) => s.name === name && minuteOf(s.at) === m)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    if (times.length === 0) continue;
    const failed = samples.filter((s) => s.name === name && minuteOf(s.at) === m && !s.ok).length;
    console.log(
      `  ${name.padEnd(20)} n ${String(times.length).padStart(6)}  p50 ${fmt(percentile(times, 0.5)).padStart(7)} ms  p99 ${fmt(percentile(times, 0.99)).padStart(8)} ms${failed ? `  refused ${failed}` : ''}`,
    );
  }
}
const held = samples
  .filter((s) => s.at >= startAt + rampMs && s.name !== 'subscribe')
  .map((s) => s.ms)
  .sort((a, b) => a - b);
const after = states.filter((s) => s.at >= startAt + rampMs + 30_000);
const slope = slopeOf(after, (p) => p.rss);
const liveSlope = slopeOf(after, (p) => p.liveHeap);
// The learners' own data (saved labs, messages, completions) grows as they work: RSS may grow by as much.
const dataSlope = slopeOf(after, (p) => p.stored);
const holdStates = states.filter((s) => s.at >= startAt + rampMs);
const holdCpuMs = holdStates.length > 1 ? (holdStates.at(-1)!.cpuMicros - holdStates[0]!.cpuMicros) / 1000 : 0;
console.log(
  `\nhold (after the ramp): ${held.length} calls and reads, p50 ${fmt(percentile(held, 0.5))} ms, p99 ${fmt(percentile(held, 0.99))} ms`,
);
// CPU per call is what a shared machine disturbs least: compare runs by it when other work skews the times.
console.log(
  `host CPU in the hold: ${fmt(holdCpuMs / 1000)} s, ${fmt(holdCpuMs / Math.max(1, held.length), 2)} ms per call or read`,
);
// Like CPU per call, bytes per call hardly depend on how busy the machine is: what the subscriptions cost to send.
const holdBytes = holdStates.length > 1 ? holdStates.at(-1)!.bytes - holdStates[0]!.bytes : 0;
console.log(
  `sent in the hold: ${fmt(holdBytes / MiB)} MiB, ${fmt(holdBytes / 1024 / Math.max(1, held.length), 1)} KiB per call or read`,
);
console.log(
  `sent in all (ramp included): ${fmt(totalBytes / MiB)} MiB, ${fmt(totalBytes / 1024 / Math.max(1, samples.length), 1)} KiB per call, read or subscribe`,
);
console.log(
  `RSS slope after warm-up: ${fmt(slope, 2)} MiB/min (from ${fmt((after[0]?.rss ?? 0) / MiB, 0)} to ${fmt((after.at(-1)?.rss ?? 0) / MiB, 0)} MiB)`,
);
console.log(
  `live heap (after full GC) slope after warm-up: ${fmt(liveSlope, 2)} MiB/min (from ${fmt((after[0]?.liveHeap ?? 0) / MiB, 0)} to ${fmt((after.at(-1)?.liveHeap ?? 0) / MiB, 0)} MiB)`,
);
// What V8 holds for long-lived objects against what of it is in use: the gap is freed memory it keeps.
console.log(
  `V8 old space slope after warm-up: taken ${fmt(
    slopeOf(after, (p) => p.oldSpaceTaken),
    2,
  )} MiB/min, in use ${fmt(
    slopeOf(after, (p) => p.oldSpaceUsed),
    2,
  )} MiB/min; outside V8's heap and array buffers ${fmt(
    slopeOf(after, (p) => p.rss - p.heapTotal - p.arrayBuffers),
    2,
  )} MiB/min`,
);
console.log(
  `table bytes slope after warm-up: ${fmt(dataSlope, 2)} MiB/min (from ${fmt((after[0]?.stored ?? 0) / MiB, 1)} to ${fmt((after.at(-1)?.stored ?? 0) / MiB, 1)} MiB); RSS beyond the data: ${fmt(slope - dataSlope, 2)} MiB/min`,
);
const growth = [...(after.at(-1)?.tables ?? [])]
  .map(([table, { rows, bytes }]) => {
    const before = after[0]?.tables.get(table) ?? { rows: 0, bytes: 0 };
    return { table, rows: rows - before.rows, bytes: bytes - before.bytes };
  })
  .filter((table) => table.bytes > 0)
  .sort((a, b) => b.bytes - a.bytes)
  .slice(0, 6);
console.log(
  `tables that grew after warm-up: ${growth.map((t) => `${t.table} +${t.rows} rows (+${fmt(t.bytes / 1024, 0)} KiB)`).join(', ') || 'none'}`,
);
for (const [failure, count] of failures) console.log(`failure x${count}: ${failure}`);
process.exit(0);

/** Least-squares slope of a byte figure over time, in MiB per minute. */
function slopeOf<P extends { at: number }>(points: readonly P[], figure: (point: P) => number): number {
  if (points.length < 2) return 0;
  const xs = points.map((p) => p.at / 60_000);
  const ys = points.map((p) => figure(p) / MiB);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
