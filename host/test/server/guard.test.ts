/** The failure guard: an error that escapes mid-transaction leaves nothing half-applied, and the host goes on. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../src/engine/index.js';
import type { ModuleEngine } from '../../src/engine/module-engine.js';
import { containFailure } from '../../src/server/guard.js';
import { call, loadKitchenSink, rowsOf } from '../engine/kitchen-sink.js';

/** Makes the next commit throw, as a host bug between a reducer's writes and its commit would. */
function failNextCommit(engine: Engine): void {
  const datastore = (engine as ModuleEngine).datastore;
  const commit = datastore.commit.bind(datastore);
  datastore.commit = () => {
    datastore.commit = commit;
    throw new Error('simulated host bug at commit');
  };
}

const GUARD_MODULE = fileURLToPath(new URL('../../src/server/guard.ts', import.meta.url));

const score = (player: string) => ({ game: 'guard', player, points: 1, level: 0 });

test('a failure contained mid-transaction rolls the reducer back and the next call commits', async () => {
  const { engine } = await loadKitchenSink();
  const logged: string[] = [];
  failNextCommit(engine);
  let escaped: unknown;
  try {
    call(engine, 'add_score', score('lost'));
  } catch (err) {
    escaped = err;
  }
  assert.ok(escaped, 'the simulated bug escapes the engine');
  assert.deepEqual(
    rowsOf(engine, 'score').map((r) => r['player']),
    ['lost'],
    'the write is still in the open transaction',
  );
  containFailure(escaped, 'a test request', [engine], (_level, message) => logged.push(message));
  assert.deepEqual(rowsOf(engine, 'score'), [], 'nothing of the failed transaction is left');
  assert.match(
    logged.join('\n'),
    /a test request failed \(rolled back 1 open transaction\); the host goes on serving: Error: simulated host bug at commit/,
  );
  assert.equal(call(engine, 'add_score', score('kept')).status, 'committed');
  assert.deepEqual(
    rowsOf(engine, 'score').map((r) => r['player']),
    ['kept'],
  );
});

test('the process guard keeps the process alive through an uncaught exception and an unhandled rejection', async () => {
  // In a child process: node:test claims this process's uncaught exceptions for itself.
  const script = `
    import { guardProcess } from ${JSON.stringify(GUARD_MODULE)};
    guardProcess((level, message) => console.log(level + ': ' + message.split('\\n')[0]), () => []);
    setTimeout(() => { throw new Error('escaped'); });
    void Promise.reject(new Error('rejected'));
    setTimeout(() => console.log('still serving'), 100);
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    encoding: 'utf8',
  });
  assert.equal(child.status, 0, child.stderr);
  assert.deepEqual(child.stdout.trim().split('\n'), [
    'error: unhandled promise rejection failed; the host goes on serving: Error: rejected',
    'error: uncaught exception failed; the host goes on serving: Error: escaped',
    'still serving',
  ]);
});
