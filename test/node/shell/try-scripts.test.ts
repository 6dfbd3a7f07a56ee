import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkStep, type Check, type Lab } from '@lta/labs';
import { createShell, tryScripts } from '@lta/shell';

const COUNTER =
  "cat > ~/count.sh <<'EOF'\n#!/bin/bash\nwc -l < /dev/stdin | tr -d ' '\necho \"$1\" > ~/last-arg.txt\nEOF";

const check: Check = {
  kind: 'script-runs',
  path: '~/count.sh',
  message: 'It counts the lines it is given',
  runs: [
    {
      on: 'three lines',
      stdin: 'a\nb\nc\n',
      args: ['x y'],
      stdout: '3',
      status: 0,
      leaves: { '~/last-arg.txt': 'x y\n' },
    },
    { on: 'no input', stdout: '0', status: 0 },
  ],
};

function lab(): Lab {
  return {
    formatVersion: 1,
    id: 'count-lines',
    title: 'Count lines',
    module: 'mine',
    xp: 10,
    difficulty: 'beginner',
    story: 'Count.',
    files: { '~/notes.txt': 'keep me\n' },
    steps: [{ title: 'Write it', instructions: 'Write it.', checks: [check], hints: [] }],
    solution: [COUNTER, 'chmod +x ~/count.sh'],
  };
}

describe('trying learner scripts (tryScripts)', () => {
  it('runs each run in a throwaway copy: the learner keeps their files, history and last output', async () => {
    const shell = await createShell({
      files: { '/home/learner/notes.txt': { type: 'file', mode: 0o644, content: 'keep me\n' } },
    });
    for (const line of lab().solution) await shell.run(line);
    const before = shell.snapshot();
    const tried = await tryScripts(lab(), before);
    assert.equal(tried.scriptRuns?.length, 2);
    assert.equal(checkStep(lab().steps[0]!, tried).passed, true);
    const after = shell.snapshot();
    assert.deepEqual(after, before);
    assert.equal(after.files['/home/learner/last-arg.txt'], undefined, 'the run wrote its file in the copy only');
  });

  it('runs a changed script again and reuses the runs of an unchanged one', async () => {
    const shell = await createShell();
    for (const line of lab().solution) await shell.run(line);
    const first = await tryScripts(lab(), shell.snapshot());
    const forged = first.scriptRuns!.map((record) => ({ ...record, stdout: 'reused' }));
    const unchanged = await tryScripts(lab(), shell.snapshot(), forged);
    assert.deepEqual(unchanged.scriptRuns, forged);
    await shell.run("echo 'echo 3' > ~/count.sh");
    const edited = await tryScripts(lab(), shell.snapshot(), forged);
    assert.deepEqual(
      edited.scriptRuns?.map((record) => record.stdout),
      ['3\n', '3\n'],
    );
    const result = checkStep(lab().steps[0]!, edited);
    assert.equal(result.passed, false);
    assert.equal(
      result.checks[0]!.reason,
      '`count.sh` left no ~/last-arg.txt for three lines; it should leave ~/last-arg.txt holding "x y"',
    );
  });

  it('tells a learner whose script is not executable to make it so, and leaves a lab without scripts alone', async () => {
    const shell = await createShell();
    await shell.run(COUNTER);
    const result = checkStep(lab().steps[0]!, await tryScripts(lab(), shell.snapshot()));
    assert.equal(
      result.checks[0]!.reason,
      '`count.sh` could not be run for three lines: it is not executable yet (`chmod +x`)',
    );
    const plain = {
      ...lab(),
      steps: [{ ...lab().steps[0]!, checks: [{ kind: 'exists', path: '~/count.sh', message: 'there' } as const] }],
    };
    const snapshot = shell.snapshot();
    assert.equal(await tryScripts(plain, snapshot), snapshot);
  });
});
