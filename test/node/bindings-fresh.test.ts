// The widgets talk to the module through generated bindings: a schema change without regenerating them would
// break the page at run time, so it breaks the tests first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('src/bindings match what module/ generates (run `npm run generate` after a schema change)', () => {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'host/bin/generate-bindings.ts', '--module', 'module', '--out', 'src/bindings', '--check'],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
});
