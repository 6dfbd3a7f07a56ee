import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createShell } from '@lta/shell';

test('an EXIT trap set at the prompt stays set on later lines and runs when the learner types exit', async () => {
  const shell = await createShell();
  assert.equal((await shell.run(`trap 'echo "saving, status $?"' EXIT`)).output, '');
  assert.equal((await shell.run('echo working')).output, 'working\n');
  const exit = await shell.run('false; exit');
  assert.equal(exit.output, 'saving, status 1\n');
  assert.equal(exit.exitCode, 1);
});

test("trap lists traps with bash's quoting, and removing one lists nothing", async () => {
  const shell = await createShell();
  await shell.run(`trap 'echo "it'"'"'s done"' EXIT; trap 'echo stop' TERM`);
  assert.equal((await shell.run('trap')).output, `trap -- 'echo "it'\\''s done"' EXIT\ntrap -- 'echo stop' SIGTERM\n`);
  assert.equal((await shell.run('trap -p TERM')).output, "trap -- 'echo stop' SIGTERM\n");
  assert.equal((await shell.run('trap - EXIT TERM; trap')).output, '');
});

test('a trap that could never run here is refused with a clear message, and a wrong signal name too', async () => {
  const shell = await createShell();
  const debug = await shell.run(`trap 'echo step' DEBUG`);
  assert.equal(debug.output, 'bash: trap: DEBUG: not supported in this terminal\n');
  assert.equal(debug.exitCode, 1);
  assert.equal(
    (await shell.run('trap "echo x" SIGNOPE; echo $?')).output,
    'bash: trap: SIGNOPE: invalid signal specification\n1\n',
  );
});

test('under set -e a failing command in a loop runs the ERR and EXIT traps once each, then the script stops', async () => {
  const shell = await createShell();
  await shell.run(
    `printf '%s\\n' 'set -e' 'trap "echo err" ERR' 'trap "echo exit \\$?" EXIT' 'for f in a b; do' '  echo "$f"' '  ls "$f" 2>/dev/null' 'done' 'echo never' > s.sh`,
  );
  const run = await shell.run('bash s.sh');
  assert.equal(run.output, 'a\nerr\nexit 2\n');
  assert.equal(run.exitCode, 2);
});
