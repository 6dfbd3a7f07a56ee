// Browser tests: every src/**/*.test.ts and test/browser/**/*.test.ts in Debian's headless Chromium.
// Tests that need the real host start it through the lta-host plugin (test/browser/helpers/host.ts).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { devServerShims } from './scripts/browser-shims.mjs';
import { cjsBrowserShims } from './scripts/cjs-browser-shims.mjs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { chromiumPath, chromiumFlags } from './scripts/chromium.mjs';
import { hostPlugin } from './test/browser/host-plugin.mjs';
import { unreachablePlugin } from './test/browser/unreachable-plugin.mjs';

export default {
  files: process.env.LTA_BROWSER_FILES?.split(',') ?? [
    'src/**/*.test.ts',
    'shell/src/**/*.test.ts',
    'test/browser/**/*.test.ts',
  ],
  nodeResolve: { browser: true, exportConditions: ['browser', 'development'] },
  plugins: [
    hostPlugin(),
    unreachablePlugin(),
    devServerShims(),
    cjsBrowserShims(),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumFlags },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
};
