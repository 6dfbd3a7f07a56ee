/** Child process for the benchmarks: the host running the kitchen-sink module. Prints its URL as one JSON line. */
import { fileURLToPath } from 'node:url';
import { startHost } from '../../host/src/index.js';

const host = await startHost({
  moduleDir: fileURLToPath(new URL('../../host/test/fixtures/kitchen-sink', import.meta.url)),
  database: 'bench',
  log: false,
});
console.log(JSON.stringify({ url: host.url.replace(/^http/, 'ws') + `/v1/database/${host.database}/subscribe?compression=None` }));
