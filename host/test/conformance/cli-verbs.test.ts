/** `lta-host call | sql | logs | generate`, run as a developer runs them, against a running host (publish and delete: publish.test.ts). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHost } from '../../src/index.js';
import { conformanceModule, ltaHost, startConformanceHost } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('procedures');
});
after(() => host.close());

test('call runs a reducer or procedure with JSON arguments and prints what a procedure returns', async () => {
  const added = await ltaHost('call', host.database, 'add', '20', '22', '--server', host.url);
  assert.deepEqual([added.code, JSON.parse(added.stdout)], [0, [42, '20 + 22']]);
  assert.equal((await ltaHost('call', host.database, 'bump_twice', '"cli"', '--server', host.url)).code, 0);
  const missing = await ltaHost('call', host.database, 'nothing', '--server', host.url);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /404 Not Found: No such procedure/);
});

test('sql prints the rows under their column names', async () => {
  const { code, stdout } = await ltaHost(
    'sql',
    host.database,
    "SELECT * FROM counter WHERE name = 'cli'",
    '--server',
    host.url,
  );
  assert.equal(code, 0);
  // tabled's psql style pads every cell, the last one too.
  assert.deepEqual(stdout.split('\n'), [' name  | value ', '-------+-------', ' "cli" | 2     ', '']);
});

test('sql runs INSERT, UPDATE and DELETE for the owner and prints the rows they changed', async () => {
  const run = (query: string) =>
    ltaHost('sql', host.database, query, '--server', host.url, '--token', host.publisherToken);
  const inserted = await run("INSERT INTO counter (name, value) VALUES ('dml-a', 1), ('dml-b', 2)");
  assert.deepEqual([inserted.code, inserted.stdout], [0, 'inserted: 2\n']);
  assert.equal((await run("UPDATE counter SET value = 5 WHERE name = 'dml-a'")).stdout, 'updated: 1\n');
  assert.equal((await run("DELETE FROM counter WHERE name = 'nobody'")).stdout, 'no rows changed\n');
  assert.equal((await run("DELETE FROM counter WHERE value = 5 OR name = 'dml-b'")).stdout, 'deleted: 2\n');
});

test("logs shows the owner the module's log; others are refused", async () => {
  await ltaHost('call', host.database, 'bump_then_fail', '"logged"', '--server', host.url);
  const logs = await ltaHost('logs', host.database, '-n', '5', '--server', host.url, '--token', host.publisherToken);
  assert.equal(logs.code, 0);
  assert.match(logs.stdout, /ERROR: procedure bump_then_fail failed: .*procedure failed after its transactions/);
  const stranger = await ltaHost('logs', host.database, '--server', host.url, '--data', tmpdir());
  assert.equal(stranger.code, 1);
  assert.match(
    stranger.stderr,
    /403 Forbidden: [0-9a-f]{64} is not authorized to perform action on database [0-9a-f]{64}: view module logs/,
  );
});

test('generate writes the same bindings as npm run generate', async () => {
  const out = await mkdtemp(join(tmpdir(), 'lta-generate-'));
  const module = conformanceModule('procedures');
  const { code } = await ltaHost('generate', '--module', module, '--out', out);
  assert.equal(code, 0);
  for (const file of ['index.ts', 'add_procedure.ts', 'counter_table.ts']) {
    assert.equal(await readFile(join(out, file), 'utf8'), await readFile(join(module, 'bindings', file), 'utf8'), file);
  }
});
