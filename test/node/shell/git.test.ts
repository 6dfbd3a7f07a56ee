import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { evaluateCheck, readShellSnapshot, validateLab, type GitCheck, type GitRemoteCheck, type Lab } from '@lta/labs';
import { createShell, type Shell } from '@lta/shell';

async function typed(shell: Shell, ...lines: string[]): Promise<{ output: string; exitCode: number }> {
  let last = { output: '', exitCode: 0 };
  for (const line of lines) last = await shell.run(line);
  return last;
}

const passes = (shell: Shell, check: GitCheck | GitRemoteCheck) =>
  evaluateCheck({ message: 'm', ...check }, shell.snapshot()).passed;

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

/** Fixed dates, so that the commit ids below are the ones real git 2.39 makes for the same lines. */
const FIXED_DATES = "export GIT_AUTHOR_DATE='@1700000000 +0000' GIT_COMMITTER_DATE='@1700000000 +0000'";

/** A learner with an identity, fixed dates, and an empty bare repository `~/srv.git` to share work through. */
const WITH_SERVER = [FIXED_DATES, ...IDENTITY, 'git init -q --bare srv.git'];

/** Runs `line` and checks git's answer: its exit status and what it wrote to stderr. */
async function answers(shell: Shell, line: string, status: number, stderr: string): Promise<void> {
  const result = await shell.run(line);
  assert.deepEqual([result.exitCode, result.stderr], [status, stderr], line);
}

/** The lines that commit a new file `name` holding its own name. */
const commitNew = (name: string, message: string) => [
  `echo ${name} > ${name}`,
  `git add ${name}`,
  `git commit -qm ${message}`,
];

test('git publishes a repository to a bare one and clones it back, with git 2.39 texts', async () => {
  const shell = await createShell({});
  await typed(shell, FIXED_DATES, ...IDENTITY);
  const bare = await shell.run('git init --bare srv.git');
  assert.equal(bare.stdout, 'Initialized empty Git repository in /home/learner/srv.git/\n');
  await typed(shell, 'git init -q work', 'cd work', 'echo a > a', 'git add a', 'git commit -qm one');
  await shell.run('git remote add origin ../srv.git');
  assert.equal((await shell.run('git remote')).stdout, 'origin\n');
  assert.equal((await shell.run('git remote -v')).stdout, 'origin\t../srv.git (fetch)\norigin\t../srv.git (push)\n');
  await answers(shell, 'git remote add origin x', 3, 'error: remote origin already exists.\n');
  await answers(shell, 'git remote rm nope', 2, "error: No such remote: 'nope'\n");
  await answers(
    shell,
    'git push',
    128,
    "fatal: The current branch master has no upstream branch.\nTo push the current branch and set the remote as upstream, use\n\n    git push --set-upstream origin master\n\nTo have this happen automatically for branches without a tracking\nupstream, see 'push.autoSetupRemote' in 'git help config'.\n\n",
  );
  const first = await shell.run('git push -u origin master');
  assert.equal(first.exitCode, 0);
  assert.equal(first.stderr, 'To ../srv.git\n * [new branch]      master -> master\n');
  assert.equal(first.stdout, "branch 'master' set up to track 'origin/master'.\n");
  assert.equal(
    (await shell.run('git status')).stdout,
    "On branch master\nYour branch is up to date with 'origin/master'.\n\nnothing to commit, working tree clean\n",
  );
  assert.equal((await shell.run('git branch -vv')).stdout, '* master 1dd4682 [origin/master] one\n');
  assert.equal((await shell.run('git branch -a')).stdout, '* master\n  remotes/origin/master\n');
  assert.equal((await shell.run('git push')).stderr, 'Everything up-to-date\n');

  await answers(shell, 'cd .. && git clone srv.git copy', 0, "Cloning into 'copy'...\ndone.\n");
  await shell.run('cd copy');
  assert.equal((await shell.run('cat a')).stdout, 'a\n');
  assert.equal(
    (await shell.run('git remote -v')).stdout,
    'origin\t/home/learner/srv.git (fetch)\norigin\t/home/learner/srv.git (push)\n',
  );
  assert.equal(
    (await shell.run('git log --oneline')).stdout,
    '1dd4682 (HEAD -> master, origin/master, origin/HEAD) one\n',
  );
  assert.equal(
    (await shell.run('git branch -a')).stdout,
    '* master\n  remotes/origin/HEAD -> origin/master\n  remotes/origin/master\n',
  );
  await typed(shell, 'echo b >> a', 'git commit -qam two');
  assert.equal(
    (await shell.run('git status')).stdout,
    'On branch master\nYour branch is ahead of \'origin/master\' by 1 commit.\n  (use "git push" to publish your local commits)\n\nnothing to commit, working tree clean\n',
  );
  assert.equal((await shell.run('git branch -vv')).stdout, '* master d2a2040 [origin/master: ahead 1] two\n');
  const pushed = await shell.run('git push');
  assert.equal(pushed.stderr, 'To /home/learner/srv.git\n   1dd4682..d2a2040  master -> master\n');

  // The first repository learns of it by fetching: its branch stays, origin/master moves.
  await shell.run('cd ../work');
  const fetched = await shell.run('git fetch');
  assert.equal(fetched.stderr, 'From ../srv\n   1dd4682..d2a2040  master     -> origin/master\n');
  assert.equal(
    (await shell.run('git status')).stdout,
    'On branch master\nYour branch is behind \'origin/master\' by 1 commit, and can be fast-forwarded.\n  (use "git pull" to update your local branch)\n\nnothing to commit, working tree clean\n',
  );
  assert.equal((await shell.run('cat a')).stdout, 'a\n');
  const pulled = await shell.run('git pull');
  assert.equal(pulled.exitCode, 0);
  assert.equal(pulled.stdout, 'Updating 1dd4682..d2a2040\nFast-forward\n a | 1 +\n 1 file changed, 1 insertion(+)\n');
  assert.equal((await shell.run('cat a')).stdout, 'a\nb\n');
  assert.equal((await shell.run('git pull')).stdout, 'Already up to date.\n');
});

test("a push that would drop the remote's commits is refused; pull asks how to join, merges with --no-rebase", async () => {
  const shell = await createShell({});
  await typed(
    shell,
    ...WITH_SERVER,
    'git clone -q srv.git mine',
    'git clone -q srv.git theirs',
    'cd mine',
    ...commitNew('a', 'one'),
    'git push -q origin master',
    'cd ../theirs',
    'git pull -q',
    ...commitNew('d', 'four'),
    'git push -q',
    'cd ../mine',
    ...commitNew('c', 'three'),
  );
  await answers(
    shell,
    'git push',
    1,
    "To /home/learner/srv.git\n ! [rejected]        master -> master (fetch first)\nerror: failed to push some refs to '/home/learner/srv.git'\nhint: Updates were rejected because the remote contains work that you do\nhint: not have locally. This is usually caused by another repository pushing\nhint: to the same ref. You may want to first integrate the remote changes\nhint: (e.g., 'git pull ...') before pushing again.\nhint: See the 'Note about fast-forwards' in 'git push --help' for details.\n",
  );
  const asks = await shell.run('git pull');
  assert.equal(asks.exitCode, 128);
  assert.match(
    asks.stderr,
    /^From \/home\/learner\/srv\n {3}[0-9a-f]{7}\.\.[0-9a-f]{7} {2}master {5}-> origin\/master\nhint: /,
  );
  assert.match(
    asks.stderr,
    /hint: You have divergent branches.*\n[^]*fatal: Need to specify how to reconcile divergent branches.\n$/,
  );
  assert.equal(
    (await shell.run('git status')).stdout.split('\n').slice(1, 4).join('\n'),
    'Your branch and \'origin/master\' have diverged,\nand have 1 and 1 different commits each, respectively.\n  (use "git pull" to merge the remote branch into yours)',
  );
  const known = await shell.run('git push');
  assert.match(known.stderr, / ! \[rejected\] {8}master -> master \(non-fast-forward\)\n/);
  assert.equal((await shell.run('git pull --ff-only')).stderr, 'fatal: Not possible to fast-forward, aborting.\n');
  const merged = await shell.run('git pull --no-rebase');
  assert.equal(merged.exitCode, 0);
  assert.equal(
    merged.stdout,
    "Merge made by the 'ort' strategy.\n d | 1 +\n 1 file changed, 1 insertion(+)\n create mode 100644 d\n",
  );
  assert.equal(
    (await shell.run('git log -1 --oneline --no-decorate')).stdout.slice(8),
    "Merge branch 'master' of /home/learner/srv\n",
  );
  assert.match((await shell.run('git status')).stdout, /Your branch is ahead of 'origin\/master' by 2 commits\./);
  assert.equal((await shell.run('git push')).exitCode, 0);
  assert.equal((await shell.run('ls')).stdout, 'a\nc\nd\n');
  await shell.run('cd ../theirs');
  assert.equal((await shell.run('git pull -q')).exitCode, 0);
  assert.equal((await shell.run('ls')).stdout, 'a\nc\nd\n');
});

test('git refuses what it cannot do with a remote, in its own words, and changes nothing', async () => {
  const shell = await createShell({});
  await typed(shell, FIXED_DATES, ...IDENTITY, 'git init -q lone', 'cd lone', ...commitNew('z', 'z'));
  await answers(shell, 'git clone nothere x', 128, "fatal: repository 'nothere' does not exist\n");
  assert.equal((await shell.run('git fetch')).exitCode, 0, 'with no remote, fetch has nothing to do');
  const nowhere = await shell.run('git push');
  assert.equal(nowhere.exitCode, 128);
  assert.match(nowhere.stderr, /^fatal: No configured push destination\.\n/);
  const untracked = await shell.run('git pull');
  assert.equal(untracked.exitCode, 1);
  assert.match(untracked.stderr, /git branch --set-upstream-to=<remote>\/<branch> master\n\n$/);
  await shell.run('cd ~ && git clone -q lone other && cd other && echo y > y && git add y && git commit -qm y');
  const checkedOut = await shell.run('git push');
  assert.equal(checkedOut.exitCode, 1);
  assert.match(checkedOut.stderr, /^remote: error: refusing to update checked out branch: refs\/heads\/master {8}\n/);
  assert.match(checkedOut.stderr, / ! \[remote rejected\] master -> master \(branch is currently checked out\)\n/);
  assert.equal((await shell.run('cd ~/lone && git log --oneline --no-decorate')).stdout.split('\n').length, 2);
  const exists = await shell.run('cd ~ && git clone lone other');
  assert.deepEqual(
    [exists.exitCode, exists.stderr],
    [128, "fatal: destination path 'other' already exists and is not an empty directory.\n"],
  );
  const toBranch = await shell.run('cd other && git push origin HEAD:other');
  assert.equal(toBranch.stderr, 'To /home/learner/lone\n * [new branch]      HEAD -> other\n');
});

test('the remote checks read both repositories: a push by hand (files, a ref) is not a push', async () => {
  const shell = await createShell({});
  const pushed: GitRemoteCheck = { kind: 'git-pushed', path: '~/app', branch: 'master', file: 'app.sh', text: 'v1' };
  const remote: GitRemoteCheck = { kind: 'git-remote', path: '~/app', url: '~/srv/app.git', branch: 'master' };
  await typed(shell, ...IDENTITY, 'git init -q app', 'cd app', 'echo v1 > app.sh', 'git add .', 'git commit -qm one');
  await typed(shell, 'git init -q --bare ~/srv/app.git', 'git remote add origin ~/srv/app.git');
  assert.equal(passes(shell, { ...remote, branch: undefined }), true, 'origin leads there');
  assert.equal(passes(shell, remote), false, 'master does not track origin/master yet');
  await shell.run('cp app.sh ~/srv/app.git/ && cat .git/refs/heads/master > ~/srv/app.git/refs/heads/master');
  assert.equal(passes(shell, pushed), false, 'a ref without its objects is no commit');
  await shell.run('cp -r .git/objects/* ~/srv/app.git/objects/');
  assert.equal(passes(shell, pushed), false, 'objects copied by hand: the repository never pushed (no origin/master)');
  await shell.run('rm -rf ~/srv/app.git && git init -q --bare ~/srv/app.git');
  assert.equal((await shell.run('git push -u origin master')).exitCode, 0);
  assert.equal(passes(shell, remote), true);
  assert.equal(passes(shell, pushed), true);
  assert.equal(passes(shell, { ...pushed, text: 'v2' }), false);
  assert.equal(passes(shell, { kind: 'git-up-to-date', path: '~/app' }), true);
  await typed(shell, 'cd ~', 'git clone -q srv/app.git mate', 'cd mate', 'echo n > notes', 'git add notes');
  await typed(shell, 'git commit -qm two', 'git push -q');
  assert.equal(passes(shell, { kind: 'git-up-to-date', path: '~/app' }), false, 'the server has a commit app lacks');
  assert.equal(passes(shell, pushed), true, "app's push is still in the server's history");
  assert.equal(passes(shell, { ...remote, path: '~/mate' }), true, 'a clone tracks its origin');
  await typed(shell, 'cd ~/app', 'echo n > notes', 'git add notes', 'git commit -qm "same file, by hand"');
  assert.equal(passes(shell, { kind: 'git-up-to-date', path: '~/app' }), false, 'the same text is not the same commit');
  await typed(shell, 'git reset -q --hard HEAD~1', 'git pull -q');
  assert.equal(passes(shell, { kind: 'git-up-to-date', path: '~/app' }), true);
});

test("git switch NAME starts a local branch from a remote's NAME, tracking it; branch -av lists both sides", async () => {
  const shell = await createShell({});
  await typed(
    shell,
    ...WITH_SERVER,
    'git init -q work',
    'cd work',
    ...commitNew('a', 'one'),
    'git remote add origin ../srv.git',
    'git push -qu origin master',
    'git switch -qc feature',
    ...commitNew('f', 'feature'),
    'git push -q origin feature',
    'cd ~',
    'git clone -q srv.git copy',
    'cd copy',
  );
  const started = await shell.run('git switch feature');
  assert.deepEqual(
    [started.stdout, started.stderr],
    ["branch 'feature' set up to track 'origin/feature'.\n", "Switched to a new branch 'feature'\n"],
  );
  assert.equal((await shell.run('cat f')).stdout, 'f\n');
  const back = await shell.run('git switch master');
  assert.deepEqual(
    [back.stdout, back.stderr],
    ["Your branch is up to date with 'origin/master'.\n", "Switched to branch 'master'\n"],
  );
  const listed = (await shell.run('git branch -av')).stdout.replace(/[0-9a-f]{7}/g, 'ID');
  const column = (name: string) => name.padEnd('remotes/origin/feature'.length);
  assert.equal(
    listed,
    `  ${column('feature')} ID feature\n* ${column('master')} ID one\n  ${column('remotes/origin/HEAD')} -> origin/master\n` +
      `  ${column('remotes/origin/feature')} ID feature\n  ${column('remotes/origin/master')} ID one\n`,
  );
});
