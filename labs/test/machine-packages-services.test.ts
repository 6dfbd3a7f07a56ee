import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCheck } from '../src/check.js';
import type { Check } from '../src/format.js';
import { startingMachine, type MachineState } from '../src/machine/index.js';
import type { ShellSnapshot } from '../src/snapshot.js';
import { readShellSnapshot } from '../src/snapshot.js';
import { validateLab } from '../src/validate.js';
import { debFile, readDebFile } from '../src/machine/deb-file.js';

function snapshot(machine?: MachineState): ShellSnapshot {
  return {
    version: 1,
    cwd: '/home/learner',
    home: '/home/learner',
    env: {},
    files: {},
    history: [],
    lastOutput: '',
    lastExitCode: 0,
    ...(machine ? { machine } : {}),
  };
}

function outcome(check: Record<string, unknown>, machine?: MachineState): string {
  const result = evaluateCheck({ message: 'goal', ...check } as Check, snapshot(machine));
  return result.passed ? 'pass' : `fail: ${result.reason}`;
}

function labWith(
  machine: unknown,
  checks: unknown[] = [{ kind: 'package-installed', package: 'jq', message: 'jq is there' }],
) {
  return {
    formatVersion: 1,
    id: 'machine-lab',
    title: 'T',
    module: 'packages',
    xp: 10,
    difficulty: 'beginner',
    story: 'S',
    machine,
    steps: [{ title: 'one', instructions: 'do it', hints: ['a', 'b'], checks }],
    solution: ['true'],
  };
}

describe('packages part', () => {
  it('installs what a lab declares with its dependencies, marked as pulled in', () => {
    const state = startingMachine({ packages: { installed: ['jq'] } })!;
    assert.deepEqual((state.packages as { installed: unknown[] }).installed, [
      { name: 'libonig5', version: '6.9.8-1', auto: true },
      { name: 'libjq1', version: '1.6-2.1', auto: true },
      { name: 'jq', version: '1.6-2.1', auto: false },
    ]);
    assert.equal(outcome({ kind: 'package-installed', package: 'libjq1' }, state), 'pass');
    assert.equal(outcome({ kind: 'package-installed', package: 'htop' }, state), 'fail: htop is not installed');
  });

  it('a lab without packages has tree and jq, as the machine had before', () => {
    assert.equal(outcome({ kind: 'package-installed', package: 'tree' }), 'pass');
    assert.equal(outcome({ kind: 'package-absent', package: 'nginx' }), 'pass');
  });

  it('tells a removed package from a purged one', () => {
    const removed = { packages: { updated: true, installed: [], configRemains: ['nginx-common'] } };
    assert.equal(outcome({ kind: 'package-absent', package: 'nginx-common' }, removed), 'pass');
    assert.equal(
      outcome({ kind: 'package-absent', package: 'nginx-common', purged: true }, removed),
      'fail: nginx-common is removed but its configuration files remain (not purged)',
    );
  });

  it('names the JSON path of a bad declaration or check', () => {
    const result = validateLab(
      labWith({ packages: { installed: ['jq', 'left-pad'], updated: 'yes' } }, [
        { kind: 'package-absent', package: 'nope', message: 'm' },
      ]),
    );
    assert.equal(result.ok, false);
    assert.ok(
      !result.ok &&
        result.problems.includes('machine.packages.installed[1]: no package "left-pad" in the simulated repository'),
    );
    assert.ok(!result.ok && result.problems.includes('machine.packages.updated: must be true or false'));
    assert.ok(
      !result.ok &&
        result.problems.includes('steps[0].checks[0].package: no package "nope" in the simulated repository'),
    );
  });

  it('refuses a client state that names packages outside the repository', () => {
    const bad = readShellSnapshot(
      snapshot({
        packages: { updated: true, installed: [{ name: 'evil', version: '1', auto: false }], configRemains: [] },
      }),
    );
    assert.equal(bad.ok, false);
  });
});

describe("a vendor's .deb file", () => {
  it('is an ar archive dpkg-deb reads back: its control fields and the files it holds', () => {
    const text = debFile('skyline-agent');
    assert.ok(text.startsWith('!<arch>\ndebian-binary   '));
    const deb = readDebFile(text, 'agent.deb');
    assert.ok(typeof deb !== 'string');
    assert.equal(deb.fields.Package, 'skyline-agent');
    assert.equal(deb.fields.Depends, 'jq');
    assert.equal(deb.fields.Maintainer, 'Skyline Monitoring <support@skyline.example>');
    assert.match(deb.contents, /^-rwxr-xr-x root\/root +\d+ 2024-05-02 09:14 \.\/usr\/bin\/skyline-agent$/m);
    assert.equal(deb.size, text.length);
  });

  it('refuses what is not one, in dpkg-deb words', () => {
    assert.equal(readDebFile('hello\n', 'x.deb'), "dpkg-deb: error: 'x.deb' is not a Debian format archive");
    assert.equal(readDebFile('!<arch>\nbogus', 'x.deb'), "dpkg-deb: error: 'x.deb' is not a Debian format archive");
  });

  it('an unpacked package (dpkg -i without its dependencies) is not installed yet', () => {
    const state = {
      packages: {
        updated: true,
        installed: [{ name: 'skyline-agent', version: '2.3.1', auto: false, unpacked: true }],
        configRemains: [],
      },
    };
    assert.equal(
      outcome({ kind: 'package-installed', package: 'skyline-agent' }, state),
      'fail: skyline-agent is unpacked but not configured: a dependency is missing',
    );
    assert.equal(
      outcome({ kind: 'package-absent', package: 'skyline-agent' }, state),
      'fail: skyline-agent is still installed',
    );
  });
});

describe('services part', () => {
  const unit = '[Unit]\nDescription=Backup\n[Service]\nExecStart=/usr/local/bin/backup\n';

  it('checks a service active and enabled, saying what it saw', () => {
    const machine = {
      services: {
        units: [{ name: 'nginx.service', active: 'failed', enabled: true, loaded: '', since: 1 }],
        journal: [],
        crontab: '',
      },
    };
    assert.equal(outcome({ kind: 'service-state', service: 'nginx.service', enabled: true }, machine), 'pass');
    assert.equal(
      outcome({ kind: 'service-state', service: 'nginx.service', active: 'active' }, machine),
      'fail: nginx.service is failed and enabled',
    );
    assert.equal(outcome({ kind: 'service-state', service: 'ghost.service', active: 'inactive' }, machine), 'pass');
  });

  it('judges a service by what it logged since it last started, and only while it runs', () => {
    const machine = (active: string, since: number) => ({
      services: {
        units: [{ name: 'api.service', active, enabled: false, loaded: '', since }],
        journal: [
          { at: 100, unit: 'api.service', priority: 6, text: 'api[1]: listening on port 80' },
          { at: 200, unit: 'api.service', priority: 6, text: 'api[2]: listening on port 8081' },
          { at: 300, unit: 'other.service', priority: 6, text: 'other[3]: listening on port 9000' },
        ],
        crontab: '',
      },
    });
    const check = { kind: 'service-log', service: 'api.service', text: 'listening on port 8081' };
    assert.equal(outcome(check, machine('active', 200)), 'pass');
    // Logged by an earlier start: the running one (restarted at 250) has not said it.
    assert.equal(
      outcome(check, machine('active', 250)),
      'fail: api.service has not logged "listening on port 8081" since it last started',
    );
    assert.equal(
      outcome({ ...check, text: 'port 9000' }, machine('active', 0)),
      'fail: api.service has not logged "port 9000" since it last started',
    );
    assert.equal(outcome(check, machine('failed', 200)), 'fail: api.service is not running');
    assert.equal(
      validateLab(labWith({}, [{ kind: 'service-log', service: 'api', text: 'x', message: 'm' }])).ok,
      false,
    );
  });

  it('finds a crontab job by its command and schedule, not by a comment', () => {
    const crontab = (text: string) => ({ services: { units: [], journal: [], crontab: text } });
    const check = { kind: 'cron-entry', command: 'backup\\.sh', schedule: '0 3 * * *' };
    assert.equal(outcome(check, crontab('0 3 * * * /home/learner/backup.sh\n')), 'pass');
    assert.equal(outcome(check, crontab('# 0 3 * * * /home/learner/backup.sh\n')), 'fail: your crontab has no jobs');
    assert.equal(
      outcome(check, crontab('0 4 * * * /home/learner/backup.sh\n')),
      'fail: that job runs at "0 4 * * *", not "0 3 * * *"',
    );
  });

  it('validates units, states and checks with their JSON paths', () => {
    const result = validateLab(
      labWith(
        {
          services: {
            units: [
              { name: 'web', unit: '[Service]\n' },
              { name: 'ok.service', unit, active: 'yes' },
            ],
          },
        },
        [
          { kind: 'service-state', service: 'ok.service', message: 'm' },
          { kind: 'cron-entry', command: 'x', schedule: '0 3 *', message: 'm' },
        ],
      ),
    );
    assert.ok(!result.ok);
    const problems = result.ok ? [] : result.problems;
    for (const expected of [
      'machine.services.units[0].name: must be a unit name such as "nginx.service"',
      'machine.services.units[0].unit: must have an ExecStart= line in its [Service] section',
      'machine.services.units[1].active: must be true or false',
      'steps[0].checks[0]: must have "active" or "enabled" (or both)',
      'steps[0].checks[1].schedule: must be five cron fields such as "0 3 * * *", or @daily, @hourly, ...',
    ])
      assert.ok(problems.includes(expected), `missing: ${expected}\n${problems.join('\n')}`);
  });

  it('bounds the journal a client may send', () => {
    const journal = Array.from({ length: 500 }, (_, i) => ({ at: i, unit: 'x.service', priority: 6, text: 'line' }));
    assert.equal(readShellSnapshot(snapshot({ services: { units: [], journal, crontab: '' } })).ok, false);
  });
});
