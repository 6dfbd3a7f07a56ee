import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { evaluateCheck, readShellSnapshot, validateLab, type GitCheck, type Lab } from '@lta/labs';
import { createShell, type Shell } from '@lta/shell';

async function typed(shell: Shell, ...lines: string[]): Promise<{ output: string; exitCode: number }> {
  let last = { output: '', exitCode: 0 };
  for (const line of lines) last = await shell.run(line);
  return last;
}

const passes = (shell: Shell, check: GitCheck) => evaluateCheck({ message: 'm', ...check }, shell.snapshot()).passed;

const IDENTITY = ['git config --global user.name "Ada L"', 'git config --global user.email ada@example.com'];

test('git commit refuses without an identity, as git does, and works once git config sets one', async () => {
  const shell = await createShell({
    files: { '/home/learner/shop/list.txt': { type: 'file', mode: 0o644, content: 'milk\n' } },
  });
  await typed(shell, 'cd shop', 'git init -q', 'git add list.txt');
  const refused = await shell.run('git commit -m "First list"');
  assert.equal(refused.exitCode, 128);
  assert.match(refused.output, /Author identity unknown/);
  assert.equal(passes(shell, { kind: 'git-commit-count', path: '~/shop', count: 1 }), false);
  const done = await typed(shell, ...IDENTITY, 'git commit -m "First list"');
  assert.match(
    done.output,
    /^\[master \(root-commit\) [0-9a-f]{7}\] First list\n 1 file changed, 1 insertion\(\+\)\n create mode 100644 list.txt\n$/,
  );
  assert.equal(passes(shell, { kind: 'git-commit-count', path: '~/shop', count: 1 }), true);
  assert.equal(passes(shell, { kind: 'git-commit-count', path: '~/shop', count: 2 }), false);
  assert.equal(
    passes(shell, { kind: 'git-file-committed', path: '~/shop', file: 'list.txt', content: 'milk\n' }),
    true,
  );
});

test('the git checks read the repository as the snapshot holds it: clean, committed content, branches', async () => {
  const shell = await createShell({});
  await typed(
    shell,
    ...IDENTITY,
    'mkdir app && cd app',
    'git init -q',
    'printf "*.log\\n" > .gitignore',
    'echo v1 > app.sh',
    'git add .',
    'git commit -qm one',
  );
  assert.equal(passes(shell, { kind: 'git-clean', path: '~/app' }), true);
  await shell.run('echo noise > debug.log');
  assert.equal(passes(shell, { kind: 'git-clean', path: '~/app' }), true, 'an ignored file leaves the tree clean');
  await shell.run('echo v2 > app.sh');
  assert.equal(passes(shell, { kind: 'git-clean', path: '~/app' }), false);
  await shell.run('git add app.sh');
  assert.equal(passes(shell, { kind: 'git-clean', path: '~/app' }), false, 'staged is not committed');
  assert.equal(passes(shell, { kind: 'git-file-committed', path: '~/app', file: 'app.sh', text: 'v2' }), false);
  await typed(shell, 'git commit -qm two', 'git switch -c fix');
  assert.equal(passes(shell, { kind: 'git-clean', path: '~/app' }), true);
  assert.equal(passes(shell, { kind: 'git-file-committed', path: '~/app', file: 'app.sh', text: 'v2' }), true);
  assert.equal(passes(shell, { kind: 'git-branch-exists', path: '~/app', branch: 'fix' }), true);
  assert.equal(passes(shell, { kind: 'git-branch-exists', path: '~/app', branch: 'main' }), false);
  // A file written by hand into .git is not a commit.
  await shell.run('echo 0123456789012345678901234567890123456789 > .git/refs/heads/fake');
  assert.equal(passes(shell, { kind: 'git-commit-count', path: '~/app', count: 1, branch: 'fake' }), false);
});

test('a repository survives the snapshot: a shell resumed from it carries on with the same history', async () => {
  const shell = await createShell({});
  await typed(shell, ...IDENTITY, 'git init -q r', 'cd r', 'echo a > a', 'git add a', 'git commit -qm one');
  const reading = readShellSnapshot(JSON.parse(JSON.stringify(shell.snapshot())));
  assert.ok(reading.ok);
  const resumed = await createShell({ snapshot: reading.snapshot });
  const log = await resumed.run('git log --oneline --no-decorate');
  assert.match(log.output, /^[0-9a-f]{7} one\n$/);
  assert.equal((await resumed.run('git status -s')).output, '');
});

test('git meets the learner filesystem permissions, and a practice repository has a size limit that says so', async () => {
  // Random hex digits compress to about half: 240 KB of them make a blob over the 96 KiB limit.
  const big = randomBytes(120_000).toString('hex');
  const shell = await createShell({
    files: { '/home/learner/r/big.txt': { type: 'file', mode: 0o644, content: big } },
  });
  await typed(shell, ...IDENTITY, 'cd r', 'git init -q', 'echo secret > s', 'chmod 000 s');
  const unreadable = await shell.run('git add s');
  assert.notEqual(unreadable.exitCode, 0);
  assert.match(unreadable.output, /Permission denied/);
  await typed(shell, 'chmod 644 s', 'git add big.txt');
  const full = await shell.run('git commit -m big');
  assert.equal(full.exitCode, 128);
  assert.match(full.output, /this practice repository is full: \.git holds \d+ KiB, the limit here is 96 KiB/);
  await shell.run('rm big.txt');
  assert.ok(JSON.stringify(shell.snapshot()).length < 256 * 1024, 'the snapshot stays under the module limit');
});

test('the validator names the path of a bad git check', () => {
  const lab = {
    formatVersion: 1,
    id: 'g',
    title: 'g',
    module: 'm',
    xp: 10,
    difficulty: 'beginner',
    story: 's',
    files: {},
    solution: ['true'],
    steps: [
      {
        title: 't',
        instructions: 'i',
        hints: ['a', 'b'],
        checks: [
          { kind: 'git-commit-count', message: 'm', path: '~/r', count: 0 },
          { kind: 'git-file-committed', message: 'm', path: '~/r', file: '/etc/x' },
        ],
      },
    ],
  } as unknown as Lab;
  const result = validateLab(lab);
  const problems = result.ok ? '' : result.problems.join('\n');
  assert.match(problems, /steps\[0\]\.checks\[0\]\.count: must be a whole number/);
  assert.match(problems, /steps\[0\]\.checks\[1\]\.file: must be relative to the repository/);
});
