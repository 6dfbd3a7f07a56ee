import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createShell } from '@lta/shell';

test('$! is empty before the first background job, then a process ID that grows from one line to the next', async () => {
  const shell = await createShell();
  assert.equal((await shell.run('echo "[$!]"')).output, '[]\n');
  const first = Number((await shell.run('sleep 0 & echo $!')).stdout);
  const second = Number((await shell.run('true & echo ${!}')).stdout);
  assert.ok(first > 1, `a plausible process ID, got ${first}`);
  assert.ok(second > first, `${second} follows ${first}`);
  assert.equal((await shell.run('wait $!; echo "waited $?"')).output, 'waited 0\n');
});

test('a background job in a script gives the script its own $!', async () => {
  const shell = await createShell();
  const run = await shell.run(`printf '%s\\n' 'sleep 0 &' 'echo "job [\${!:+started}]"' > s.sh; bash s.sh`);
  assert.equal(run.output, 'job [started]\n');
});
