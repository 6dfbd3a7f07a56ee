import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCheck } from '../src/check.js';
import { parseArgs, printed } from '../src/command-line.js';
import type { CommandRecord } from '../src/command-line.js';
import type { Check } from '../src/format.js';
import type { ShellSnapshot } from '../src/snapshot.js';

const HOME = '/home/learner';

function ran(line: string, cwd = HOME, status = 0): CommandRecord {
  const [name, ...args] = line.split(' ');
  return { name: name!, args, cwd, status };
}

function snapshot(commands: CommandRecord[], extra: Partial<ShellSnapshot> = {}): ShellSnapshot {
  return {
    version: 1,
    cwd: HOME,
    home: HOME,
    env: {},
    files: {},
    history: [],
    lastOutput: '',
    lastExitCode: 0,
    commands,
    ...extra,
  };
}

function outcome(check: Omit<Extract<Check, { kind: 'ran' }>, 'kind' | 'message'>, commands: CommandRecord[]): string {
  const result = evaluateCheck({ kind: 'ran', message: 'goal', ...check }, snapshot(commands));
  return result.passed ? 'pass' : `fail: ${result.reason}`;
}

const grepN = { command: 'grep', options: ['-n'], operands: ['PermitRootLogin', '~/sshd_config'] };

describe('ran: the command ran, with the options and operands a step asks for, in any spelling', () => {
  it('accepts every spelling of an option: -n, --line-number, a bundle, after the operands', () => {
    for (const line of [
      'grep -n PermitRootLogin sshd_config',
      'grep --line-number PermitRootLogin sshd_config',
      'grep -in PermitRootLogin sshd_config',
      'grep PermitRootLogin -n sshd_config',
      `grep -n PermitRootLogin ${HOME}/sshd_config`,
      'grep -n -e PermitRootLogin sshd_config',
    ]) {
      assert.equal(outcome(grepN, [ran(line)]), 'pass', line);
    }
  });

  it('refuses a command that did not run, failed, lacks the option, or searched another file', () => {
    assert.equal(
      outcome(grepN, [ran('echo grep -n PermitRootLogin sshd_config')]),
      'fail: you have not run `grep` yet',
    );
    assert.equal(
      outcome(grepN, [ran('grep -n PermitRootLogin sshd_config', HOME, 2)]),
      'fail: you ran `grep -n PermitRootLogin ~/sshd_config`, but it failed (exit status 2)'.replace(
        ' ~/sshd_config',
        ' sshd_config',
      ),
    );
    assert.equal(
      outcome(grepN, [ran('grep PermitRootLogin sshd_config')]),
      'fail: you ran `grep PermitRootLogin sshd_config`, without -n',
    );
    assert.equal(
      outcome(grepN, [ran('grep -n PermitRootLogin sshd_config', '/tmp')]),
      'fail: you ran `grep -n PermitRootLogin sshd_config`, not on ~/sshd_config',
    );
  });

  it('reads values in every spelling: -n 3, -n3, --lines=3, -3', () => {
    for (const line of ['head -n 3 f', 'head -n3 f', 'head --lines=3 f', 'head --lines 3 f', 'head -3 f']) {
      assert.equal(outcome({ command: 'head', options: ['-n=3'], operands: ['~/f'] }, [ran(line)]), 'pass', line);
    }
    assert.match(outcome({ command: 'head', options: ['-n=3'] }, [ran('head -n 4 f')]), /without -n 3/);
  });

  it('target: a path operand leading there, or none while in that directory', () => {
    const home = { command: 'ls', target: '~' };
    for (const [line, cwd] of [
      ['ls', HOME],
      ['ls -l', HOME],
      [`ls ${HOME}`, '/tmp'],
      ['ls ..', `${HOME}/projects`],
    ] as const) {
      assert.equal(outcome(home, [ran(line, cwd)]), 'pass', line);
    }
    assert.match(outcome(home, [ran('ls', '/tmp')]), /not on ~/);
    assert.equal(outcome({ command: 'ls', target: '~/projects' }, [ran('ls /home/learner/projects', '/')]), 'pass');
  });

  it('alternatives and tar bundles without a dash', () => {
    assert.equal(outcome({ command: 'grep', options: ['-r|-R'] }, [ran('grep -R x .')]), 'pass');
    assert.deepEqual([...parseArgs('tar', ['czf', 'a.tgz', 'dir']).options.keys()], ['c', 'z', 'f']);
    assert.equal(parseArgs('tar', ['czf', 'a.tgz', 'dir']).options.get('f'), 'a.tgz');
    assert.equal(
      outcome({ command: 'tar', options: ['-c', '-z', '-f=a.tgz'] }, [ran('tar --create --gzip --file=a.tgz dir')]),
      'pass',
    );
  });
});

describe('ran: what the command printed, and the file its output went into', () => {
  const PATH = '/usr/local/bin:/usr/bin:/bin';
  it('prints: the output is the text, a final newline aside; runs recorded without outputs are not judged on it', () => {
    assert.equal(
      outcome({ command: 'echo|printenv', prints: PATH }, [{ ...ran(`echo ${PATH}`), out: printed(`${PATH}\n`) }]),
      'pass',
    );
    assert.equal(
      outcome({ command: 'echo|printenv', prints: PATH }, [{ ...ran('printenv PATH'), out: printed(PATH) }]),
      'pass',
    );
    assert.equal(
      outcome({ command: 'echo|printenv', prints: PATH }, [
        { ...ran('echo PATH is set'), out: printed('PATH is set\n') },
      ]),
      'fail: you ran `echo PATH is set`, but it printed something else',
    );
    assert.equal(outcome({ command: 'echo', prints: PATH }, [ran('echo PATH')]), 'pass');
  });

  it('into: its output went into that file, by where it leads', () => {
    const head = { ...ran('head -n 3'), out: printed('a\n') };
    assert.equal(outcome({ command: 'head', into: '~/top3.txt' }, [{ ...head, into: `${HOME}/top3.txt` }]), 'pass');
    assert.equal(
      outcome({ command: 'head', into: '~/top3.txt' }, [head]),
      'fail: you ran `head -n 3`, but its output did not go into ~/top3.txt',
    );
    assert.equal(
      outcome({ command: 'head', into: '~/top3.txt' }, [{ ...head, into: '/tmp/top3.txt' }]),
      'fail: you ran `head -n 3`, but its output did not go into ~/top3.txt',
    );
  });
});

describe('visited', () => {
  it('passes for a directory the shell has been in, now or before', () => {
    const check: Check = { kind: 'visited', path: '/var/log', message: 'goal' };
    assert.equal(evaluateCheck(check, snapshot([], { visited: [HOME, '/var/log'] })).passed, true);
    assert.equal(evaluateCheck(check, snapshot([], { cwd: '/var/log' })).passed, true);
    assert.equal(evaluateCheck(check, snapshot([], { visited: [HOME] })).reason, 'you have not been in /var/log yet');
  });
});

describe('states saved before commands were recorded', () => {
  it('judge ran checks on records guessed from the typed lines', () => {
    const old: ShellSnapshot = {
      version: 1,
      cwd: HOME,
      home: HOME,
      env: {},
      files: {},
      history: ['pwd', 'ls && ls projects', "grep -n 'x' f.txt"],
      lastOutput: '',
      lastExitCode: 0,
    };
    assert.equal(
      evaluateCheck({ kind: 'ran', command: 'ls', target: '~/projects', message: 'goal' }, old).passed,
      true,
    );
    assert.equal(
      evaluateCheck({ kind: 'ran', command: 'grep', options: ['-n'], operands: ['x'], message: 'goal' }, old).passed,
      true,
    );
    assert.equal(evaluateCheck({ kind: 'ran', command: 'cat', message: 'goal' }, old).passed, false);
  });
});
