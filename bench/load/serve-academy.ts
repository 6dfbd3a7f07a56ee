/**
 * Child process of the load bench: the host serving the academy module, in memory. Prints its URLs as one JSON
 * line; answers each line on stdin with its CPU time (µs), resident memory (bytes) and the garbage collector's
 * pauses since the last answer (longest and total, ms): a long pause stalls every call at once.
 * `BENCH_SERVER_NODE_ARGS` in the parent passes Node flags (e.g. `--cpu-prof`) to this process.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { startHost } from '@lta/host';

const host = await startHost({ log: false });
let gcLongestMs = 0;
let gcTotalMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcLongestMs = Math.max(gcLongestMs, entry.duration);
    gcTotalMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });
createInterface({ input: process.stdin }).on('line', () => {
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ cpuMicros: user + system, rss: process.memoryUsage.rss(), gcLongestMs, gcTotalMs }));
  gcLongestMs = 0;
  gcTotalMs = 0;
});
console.log(JSON.stringify({ http: host.url, database: host.database }));
// Exit cleanly when the bench stops us (so `--cpu-prof` can write its profile).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void host.close().then(() => process.exit(0)));
