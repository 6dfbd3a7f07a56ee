import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLab, evaluateCheck, isLabComplete } from '../src/check.js';
import type { Check, Lab } from '../src/format.js';
import type { ShellSnapshot } from '../src/snapshot.js';

/** A learner's session after a few commands: the state every check below looks at. */
function snapshot(changes: Partial<ShellSnapshot> = {}): ShellSnapshot {
  return {
    version: 1,
    cwd: '/home/learner/project',
    home: '/home/learner',
    env: { APP_ENV: 'production', PATH: '/usr/bin:/bin:/home/learner/bin' },
    files: {
      '/home/learner': { type: 'dir', mode: 0o755 },
      '/home/learner/project': { type: 'dir', mode: 0o700 },
      '/home/learner/project/notes.txt': { type: 'file', mode: 0o644, content: 'Buy milk\nCall Sam\n' },
      '/home/learner/project/run.sh': { type: 'file', mode: 0o744, content: '#!/bin/bash\necho hi\n' },
      '/home/learner/project/backup.tar.gz': {
        type: 'file',
        mode: 0o644,
        content: 'H4sIAAAAAAAAA+3BMQEAAADCoPVPbQ',
        encoding: 'base64',
      },
      '/home/learner/n': { type: 'symlink', mode: 0o777, target: 'project/notes.txt' },
      '/home/learner/p': { type: 'symlink', mode: 0o777, target: '/home/learner/project' },
      '/home/learner/dangling': { type: 'symlink', mode: 0o777, target: 'nowhere' },
      '/home/learner/loop': { type: 'symlink', mode: 0o777, target: 'loop' },
    },
    history: ['cd project', 'chmod u+x run.sh', 'grep -n milk notes.txt'],
    lastOutput: '1:Buy milk\n',
    lastExitCode: 0,
    ...changes,
  };
}

/** A check as these tests write it: the message is the same for all. */
type Unmessaged<C> = C extends unknown ? Omit<C, 'message'> : never;

function outcome(check: Unmessaged<Check>, state = snapshot()) {
  const result = evaluateCheck({ message: 'the goal', ...check } as Check, state);
  return result.passed ? 'pass' : `fail: ${result.reason}`;
}

describe('check kinds', () => {
  it('exists, with and without a type', () => {
    assert.equal(outcome({ kind: 'exists', path: '~/project/notes.txt' }), 'pass');
    assert.equal(outcome({ kind: 'exists', path: '~/project', type: 'dir' }), 'pass');
    assert.equal(outcome({ kind: 'exists', path: '~/n', type: 'symlink' }), 'pass');
    assert.equal(outcome({ kind: 'exists', path: '~/n', type: 'file' }), 'pass', 'a symlink to a file is followed');
    assert.equal(
      outcome({ kind: 'exists', path: '~/p/run.sh', type: 'file' }),
      'pass',
      'a directory symlink in the path is followed',
    );
    assert.equal(outcome({ kind: 'exists', path: '/home/learner/todo.txt' }), 'fail: ~/todo.txt does not exist');
    assert.equal(outcome({ kind: 'exists', path: '~/project', type: 'file' }), 'fail: ~/project is a directory');
    assert.equal(outcome({ kind: 'exists', path: '~/dangling' }), 'fail: ~/dangling does not exist');
    assert.equal(outcome({ kind: 'exists', path: '~/loop' }), 'fail: ~/loop does not exist');
  });

  it('absent', () => {
    assert.equal(outcome({ kind: 'absent', path: '~/project/build' }), 'pass');
    assert.equal(outcome({ kind: 'absent', path: '~/project/notes.txt' }), 'fail: ~/project/notes.txt still exists');
    assert.equal(outcome({ kind: 'absent', path: '~/dangling' }), 'fail: ~/dangling still exists');
  });

  it('file-contains', () => {
    assert.equal(outcome({ kind: 'file-contains', path: '~/project/notes.txt', text: 'Call Sam' }), 'pass');
    assert.equal(outcome({ kind: 'file-contains', path: '~/n', text: 'milk' }), 'pass');
    assert.equal(
      outcome({ kind: 'file-contains', path: '~/project/notes.txt', text: 'call sam' }),
      'fail: ~/project/notes.txt does not contain "call sam"',
    );
    assert.equal(
      outcome({ kind: 'file-contains', path: '~/project', text: 'x' }),
      'fail: ~/project is a directory, not a file',
    );
    assert.equal(
      outcome({ kind: 'file-contains', path: '~/project/backup.tar.gz', text: 'H4s' }),
      'fail: ~/project/backup.tar.gz is a binary file',
    );
  });

  it('file-matches', () => {
    assert.equal(
      outcome({ kind: 'file-matches', path: '~/project/notes.txt', pattern: '^call sam$', flags: 'im' }),
      'pass',
    );
    assert.equal(
      outcome({ kind: 'file-matches', path: '~/project/notes.txt', pattern: '^Call' }),
      'fail: ~/project/notes.txt does not have the expected text yet (its first line is "Buy milk")',
    );
    assert.equal(outcome({ kind: 'file-matches', path: '~/missing', pattern: 'x' }), 'fail: ~/missing does not exist');
  });

  it('file-equals', () => {
    assert.equal(
      outcome({ kind: 'file-equals', path: '~/project/notes.txt', content: 'Buy milk\nCall Sam\n' }),
      'pass',
    );
    assert.equal(
      outcome({ kind: 'file-equals', path: '~/project/notes.txt', content: 'Buy milk\nCall Sam' }),
      'fail: ~/project/notes.txt is not what the step wants yet: some of its lines differ',
    );
    const result = evaluateCheck(
      { kind: 'file-equals', path: '~/project/notes.txt', content: 'Call Sam\n', message: 'only the call' },
      snapshot(),
    );
    assert.equal(
      result.reason,
      '~/project/notes.txt is not what the step wants yet: it has 2 lines; the step wants 1 line',
    );
    assert.equal(result.diff, '--- wanted\n+++ yours\n+Buy milk\n Call Sam');
  });

  it('file-mode: exact, includes, excludes', () => {
    assert.equal(outcome({ kind: 'file-mode', path: '~/project/run.sh', mode: '744' }), 'pass');
    assert.equal(
      outcome({ kind: 'file-mode', path: '~/project/run.sh', mode: '0755' }),
      'fail: ~/project/run.sh has mode 744',
    );
    assert.equal(outcome({ kind: 'file-mode', path: '~/project/run.sh', mode: '100', match: 'includes' }), 'pass');
    assert.equal(
      outcome({ kind: 'file-mode', path: '~/project/notes.txt', mode: '100', match: 'includes' }),
      'fail: ~/project/notes.txt has mode 644',
    );
    assert.equal(outcome({ kind: 'file-mode', path: '~/project', mode: '077', match: 'excludes' }), 'pass');
    assert.equal(
      outcome({ kind: 'file-mode', path: '~/project/notes.txt', mode: '004', match: 'excludes' }),
      'fail: ~/project/notes.txt has mode 644',
    );
    assert.equal(outcome({ kind: 'file-mode', path: '~/nope', mode: '644' }), 'fail: ~/nope does not exist');
  });

  it('symlink-target, literally or by where it leads', () => {
    assert.equal(outcome({ kind: 'symlink-target', path: '~/n', target: 'project/notes.txt' }), 'pass');
    assert.equal(outcome({ kind: 'symlink-target', path: '~/n', target: '~/project/notes.txt' }), 'pass');
    assert.equal(outcome({ kind: 'symlink-target', path: '~/n', target: '/home/learner/project/./notes.txt' }), 'pass');
    assert.equal(
      outcome({ kind: 'symlink-target', path: '~/n', target: '~/project/run.sh' }),
      'fail: ~/n points to project/notes.txt',
    );
    assert.equal(
      outcome({ kind: 'symlink-target', path: '~/project/notes.txt', target: 'x' }),
      'fail: ~/project/notes.txt is a file, not a symlink',
    );
  });

  it('cwd', () => {
    assert.equal(outcome({ kind: 'cwd', path: '~/project' }), 'pass');
    assert.equal(outcome({ kind: 'cwd', path: '/home/learner/project/' }), 'pass');
    assert.equal(outcome({ kind: 'cwd', path: '~' }), 'fail: the current directory is ~/project');
  });

  it('env: set, value, pattern', () => {
    assert.equal(outcome({ kind: 'env', name: 'APP_ENV' }), 'pass');
    assert.equal(outcome({ kind: 'env', name: 'APP_ENV', value: 'production' }), 'pass');
    assert.equal(outcome({ kind: 'env', name: 'APP_ENV', value: 'staging' }), 'fail: $APP_ENV is "production"');
    assert.equal(outcome({ kind: 'env', name: 'PATH', pattern: '(^|:)/home/learner/bin(:|$)' }), 'pass');
    assert.equal(
      outcome({ kind: 'env', name: 'PATH', pattern: '^/home/learner/bin' }),
      'fail: $PATH is "/usr/bin:/bin:/home/learner/bin"',
    );
    assert.equal(outcome({ kind: 'env', name: 'DEBUG' }), 'fail: $DEBUG is not set');
  });

  it('history-matches', () => {
    assert.equal(outcome({ kind: 'history-matches', pattern: String.raw`^chmod\s+u\+x` }), 'pass');
    assert.equal(
      outcome({ kind: 'history-matches', pattern: String.raw`^ls\b` }),
      'fail: none of the commands you typed does this yet',
    );
  });

  it('output-matches', () => {
    assert.equal(outcome({ kind: 'output-matches', pattern: String.raw`^\d+:Buy` }), 'pass');
    assert.equal(
      outcome({ kind: 'output-matches', pattern: 'Call' }),
      "fail: the last command's output is not what the step wants",
    );
  });

  it('exit-code', () => {
    assert.equal(outcome({ kind: 'exit-code', code: 0 }), 'pass');
    assert.equal(outcome({ kind: 'exit-code', code: 1 }), 'fail: the last command exited with status 0');
  });

  it('negate turns a pass into a fail and back, keeping what was seen', () => {
    assert.equal(outcome({ kind: 'file-contains', path: '~/project/notes.txt', text: 'DEBUG', negate: true }), 'pass');
    assert.equal(
      outcome({ kind: 'file-contains', path: '~/project/notes.txt', text: 'milk', negate: true }),
      'fail: ~/project/notes.txt contains "milk"',
    );
    assert.equal(outcome({ kind: 'env', name: 'DEBUG', negate: true }), 'pass');
  });

  it('uses the home directory of the snapshot for ~', () => {
    const elsewhere = snapshot({ home: '/home/learner/project' });
    assert.equal(outcome({ kind: 'exists', path: '~/notes.txt' }, elsewhere), 'pass');
  });
});

describe('robustness', () => {
  it('never throws on a broken lab or snapshot; the check fails with a reason', () => {
    assert.match(
      outcome({ kind: 'file-matches', path: '~/project/notes.txt', pattern: '(' }),
      /^fail: the lab's pattern \/\(\/ is invalid: missing "\)"/,
    );
    assert.match(outcome({ kind: 'teleport' } as never), /^fail: unknown check kind "teleport"/);
    assert.match(
      outcome({ kind: 'exists', path: '~/x' }, { ...snapshot(), files: null } as never),
      /^fail: this check could not be evaluated/,
    );
  });

  it('fails a pattern check that would cost too much, saying so', () => {
    const big = snapshot({ lastOutput: 'a'.repeat(64 * 1024) });
    assert.equal(
      outcome({ kind: 'output-matches', pattern: '[a-z]{0,30}[a-z]{0,30}[a-z]{0,30}[a-z]{0,30}b' }, big),
      'fail: the pattern /[a-z]{0,30}[a-z]{0,30}[a-z]{0,30}[a-z]{0,30}b/ needs too much work on this text to check',
    );
  });

  it('reads only the last 64 KiB of output', () => {
    const long = snapshot({ lastOutput: 'NEEDLE\n' + 'x'.repeat(64 * 1024) });
    assert.equal(
      outcome({ kind: 'output-matches', pattern: 'NEEDLE' }, long),
      "fail: the last command's output is not what the step wants",
    );
  });
});

describe('labs', () => {
  const lab: Lab = {
    formatVersion: 1,
    id: 'tiny-lab',
    title: 'Tiny',
    module: 'testing',
    xp: 10,
    difficulty: 'beginner',
    story: 'A tiny lab.',
    files: {},
    steps: [
      {
        title: 'Go to the project',
        instructions: 'cd',
        hints: [],
        checks: [{ kind: 'cwd', path: '~/project', message: 'In project' }],
      },
      {
        title: 'Run the script',
        instructions: 'run',
        hints: [],
        checks: [{ kind: 'output-matches', pattern: '^hi$', flags: 'm', message: 'Said hi' }],
      },
    ],
    solution: ['cd ~/project', './run.sh'],
  };

  it('reports each step and the first step still open', () => {
    const result = checkLab(lab, snapshot());
    assert.deepEqual(
      result.steps.map((s) => s.passed),
      [true, false],
    );
    assert.equal(result.currentStep, 1);
    assert.equal(result.passed, false);
    assert.equal(result.steps[1]!.checks[0]!.message, 'Said hi');
    assert.equal(isLabComplete(lab, snapshot()), false);
  });

  it('is complete when every check of every step passes', () => {
    const done = snapshot({ lastOutput: 'hi\n', history: ['cd ~/project', './run.sh'] });
    assert.equal(checkLab(lab, done).currentStep, 2);
    assert.equal(isLabComplete(lab, done), true);
  });
});
