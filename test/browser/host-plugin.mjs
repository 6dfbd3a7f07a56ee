// A @web/test-runner plugin that gives browser tests the real host running the real module: tests call
// `startTestHost()` / `restartTestHost()` (test/browser/helpers/host.ts), which run these server commands.
// The host starts on first use, on a free port with a fresh data directory, and stops with the runner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const moduleDir = fileURLToPath(new URL('../../module', import.meta.url));

export function hostPlugin() {
  let host;
  let port = 0;
  let dataDir;
  const start = async () => {
    const { startHost } = await import('../../host/src/index.ts');
    dataDir ??= mkdtempSync(join(tmpdir(), 'lta-browser-tests-'));
    host = await startHost({ moduleDir, port, dataDir, database: 'academy' });
    port = Number(new URL(host.url).port);
    return { url: host.url, database: host.database };
  };
  return {
    name: 'lta-host',
    async executeCommand({ command }) {
      if (command === 'lta-host-start') return host ? { url: host.url, database: host.database } : start();
      if (command === 'lta-host-stop') {
        await host?.close();
        host = undefined;
        return true;
      }
      if (command === 'lta-host-restart') {
        await host?.close();
        return start();
      }
      return undefined;
    },
    async serverStop() {
      await host?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
