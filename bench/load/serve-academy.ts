/**
 * Child process of the load bench: the host serving the academy module, in memory. Prints its URLs as one JSON
 * line; answers each line on stdin with its CPU time (µs) and resident memory (bytes).
 * `BENCH_SERVER_NODE_ARGS` in the parent passes Node flags (e.g. `--cpu-prof`) to this process.
 */
import { createInterface } from 'node:readline';
import { startHost } from '@lta/host';

const host = await startHost({ log: false });
createInterface({ input: process.stdin }).on('line', () => {
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ cpuMicros: user + system, rss: process.memoryUsage.rss() }));
});
console.log(JSON.stringify({ http: host.url, database: host.database }));
// Exit cleanly when the bench stops us (so `--cpu-prof` can write its profile).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void host.close().then(() => process.exit(0)));
