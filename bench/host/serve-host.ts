/** Child process for the benchmarks: the host running the kitchen-sink module. Prints its URL as one JSON line. */
import { fileURLToPath } from 'node:url';
import { startHost } from '@lta/host';
import { answerCpuQueries } from './support.js';

const host = await startHost({
  moduleDir: fileURLToPath(new URL('../../host/test/fixtures/kitchen-sink', import.meta.url)),
  database: 'bench',
  log: false,
});
answerCpuQueries();
console.log(
  JSON.stringify({ url: host.url.replace(/^http/, 'ws') + `/v1/database/${host.database}/subscribe?compression=None` }),
);
// Exit cleanly when the benchmark stops us (so `--cpu-prof` can write its profile).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void host.close().then(() => process.exit(0)));
