/**
 * Child process of the load bench: the host serving the academy module, in memory. Prints its URLs as one JSON
 * line; answers each line on stdin with its CPU time (µs), resident memory (bytes) and the garbage collector's
 * pauses since the last answer (longest and total, ms): a long pause stalls every call at once; and the event
 * loop's longest delay since then (ms), which counts every stall, GC or a long task alike; and the heap in use
 * right after the last full collection (bytes): what is really alive, which RSS (V8 keeps freed pages) hides.
 * `BENCH_SERVER_NODE_ARGS` in the parent passes Node flags (e.g. `--cpu-prof`) to this process.
 */
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { createInterface } from 'node:readline';
import { startHost } from '@lta/host';

const host = await startHost({ log: false });
let gcLongestMs = 0;
let gcTotalMs = 0;
let liveHeap = getHeapStatistics().used_heap_size;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcLongestMs = Math.max(gcLongestMs, entry.duration);
    gcTotalMs += entry.duration;
    if (
      (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR
    )
      liveHeap = getHeapStatistics().used_heap_size;
  }
}).observe({ entryTypes: ['gc'] });
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
createInterface({ input: process.stdin }).on('line', () => {
  const { user, system } = process.cpuUsage();
  const loopLongestMs = loopDelay.max / 1e6;
  console.log(
    JSON.stringify({
      cpuMicros: user + system,
      ...memory(),
      gcLongestMs,
      gcTotalMs,
      loopLongestMs,
      liveHeap,
    }),
  );
  loopDelay.reset();
  gcLongestMs = 0;
  gcTotalMs = 0;
});
console.log(JSON.stringify({ http: host.url, database: host.database }));

/**
 * Resident memory, and how much of it V8's heap and the array buffers outside it hold (bytes); and V8's old space,
 * where long-lived objects (rows among them) go: what it has taken from the system and what of that is in use.
 */
function memory(): {
  rss: number;
  heapTotal: number;
  arrayBuffers: number;
  oldSpaceTaken: number;
  oldSpaceUsed: number;
} {
  const { rss, heapTotal, arrayBuffers } = process.memoryUsage();
  const old = getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
  return { rss, heapTotal, arrayBuffers, oldSpaceTaken: old?.space_size ?? 0, oldSpaceUsed: old?.space_used_size ?? 0 };
}
// Exit cleanly when the bench stops us (so `--cpu-prof` can write its profile).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void host.close().then(() => process.exit(0)));
