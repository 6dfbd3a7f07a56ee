import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCheck } from '../src/check.js';
import { fingerprint } from '../src/fingerprint.js';
import type { Check, ScriptRun } from '../src/format.js';
import { scriptRunKey, type ScriptRunRecord } from '../src/script-runs.js';
import { decodeLabState, encodeLabState } from '../src/saved-state.js';
import { readShellSnapshot, type ShellSnapshot } from '../src/snapshot.js';
import { validateLab } from '../src/validate.js';

const SCRIPT = '#!/bin/bash\nif [ -s "$1" ]; then echo "OK: $1"; else echo "MISSING: $1"; exit 1; fi\n';
const GOOD: ScriptRun = { on: 'a dump with data', args: ['good.sql'], stdout: 'OK: good.sql', status: 0 };
const EMPTY: ScriptRun = { on: 'an empty dump', args: ['empty.sql'], stdout: 'MISSING: empty.sql', status: 1 };
const CHECK: Check = {
  kind: 'script-runs',
  path: '~/check-backup.sh',
  runs: [GOOD, EMPTY],
  message: 'It tells a good dump from an empty one',
};

/** What the terminal would record for `run` of the script as it is now. */
function record(run: ScriptRun, did: { stdout: string; status: number }, content = SCRIPT): ScriptRunRecord {
  return { script: '/home/learner/check-backup.sh', hash: fingerprint(content), run: scriptRunKey(run), ...did };
}

function snapshot(scriptRuns: ScriptRunRecord[] | undefined, content = SCRIPT): ShellSnapshot {
  return {
    version: 1,
    cwd: '/home/learner',
    home: '/home/learner',
    env: {},
    files: { '/home/learner/check-backup.sh': { type: 'file', mode: 0o755, content } },
    history: [],
    lastOutput: '',
    lastExitCode: 0,
    ...(scriptRuns ? { scriptRuns } : {}),
  };
}

const rightRuns = [
  record(GOOD, { stdout: 'OK: good.sql\n', status: 0 }),
  record(EMPTY, { stdout: 'MISSING: empty.sql\n', status: 1 }),
];

describe('script-runs checks', () => {
  it('pass when every recorded run of the current script did what the check wants', () => {
    assert.equal(evaluateCheck(CHECK, snapshot(rightRuns)).passed, true);
  });

  it('say in plain words which run went wrong and what it should have done', () => {
    const saidOk = [rightRuns[0]!, record(EMPTY, { stdout: 'OK: empty.sql\n', status: 0 })];
    const result = evaluateCheck(CHECK, snapshot(saidOk));
    assert.equal(result.passed, false);
    assert.equal(
      result.reason,
      '`check-backup.sh` printed "OK: empty.sql" and exited with status 0 for an empty dump; it should print "MISSING: empty.sql" and fail with exit status 1',
    );
  });

  it('refuse runs recorded from an older version of the script, or none at all', () => {
    const edited = `${SCRIPT}# changed\n`;
    for (const state of [snapshot(rightRuns, edited), snapshot(undefined)]) {
      const result = evaluateCheck(CHECK, state);
      assert.equal(result.passed, false);
      assert.match(result.reason ?? '', /has not been tried on a dump with data since it last changed/);
    }
  });

  it('judge the files a run leaves', () => {
    const run: ScriptRun = {
      on: 'a config that exists',
      call: 'backup',
      args: ['a.conf'],
      leaves: { '~/a.conf.bak': 'x\n', '~/gone': null },
    };
    const check: Check = { kind: 'script-runs', path: '~/check-backup.sh', runs: [run], message: 'backup copies' };
    const left = (files: Record<string, string | null>) =>
      evaluateCheck(check, snapshot([{ ...record(run, { stdout: '', status: 0 }), files }]));
    assert.equal(left({ '/home/learner/a.conf.bak': 'x\n', '/home/learner/gone': null }).passed, true);
    assert.equal(
      left({ '/home/learner/a.conf.bak': '', '/home/learner/gone': 'y' }).reason,
      '`backup` left ~/a.conf.bak holding nothing and left ~/gone behind for a config that exists; it should leave ~/a.conf.bak holding "x" and not create ~/gone',
    );
  });
});

describe('snapshots with script runs', () => {
  it('load with their runs, and older snapshots without them still load', () => {
    const withRuns = readShellSnapshot(JSON.parse(JSON.stringify(snapshot(rightRuns))));
    assert.ok(withRuns.ok);
    assert.deepEqual(withRuns.snapshot.scriptRuns, rightRuns);
    const older = readShellSnapshot(JSON.parse(JSON.stringify(snapshot(undefined))));
    assert.ok(older.ok);
    assert.equal(older.snapshot.scriptRuns, undefined);
  });

  it('keep their runs through a saved lab state, so the academy re-checks the same runs', async () => {
    const saved = await encodeLabState(snapshot(rightRuns), {});
    const reading = decodeLabState(saved, {});
    assert.ok(reading.ok);
    assert.equal(evaluateCheck(CHECK, reading.snapshot).passed, true);
  });

  it('refuse unbounded or malformed runs', () => {
    const huge = { ...rightRuns[0]!, stdout: 'x'.repeat(5000) };
    const many = Array.from({ length: 17 }, () => rightRuns[0]!);
    for (const scriptRuns of [[huge], many, [{ ...rightRuns[0]!, status: 'ok' }], 'runs']) {
      const reading = readShellSnapshot({ ...snapshot(undefined), scriptRuns });
      assert.deepEqual(reading, { ok: false, problem: 'scriptRuns' });
    }
  });
});

describe('validating script-runs checks', () => {
  const lab = (runs: unknown) => ({
    formatVersion: 1,
    id: 'my-script',
    title: 'A script',
    module: 'mine',
    xp: 10,
    difficulty: 'beginner',
    story: 'Write a script.',
    files: {},
    steps: [
      {
        title: 'Write it',
        instructions: 'Write it.',
        checks: [{ kind: 'script-runs', path: '~/s.sh', runs, message: 'It works' }],
        hints: [],
      },
    ],
    solution: ['true'],
  });

  it('accept runs that say what they try and what they want', () => {
    assert.equal(validateLab(lab([GOOD, EMPTY])).ok, true);
  });

  it('name each problem of a run', () => {
    const result = validateLab(
      lab([
        { on: 'nothing wanted', args: ['a'] },
        { on: 'x', status: 300, call: 'rm -rf', leaves: { 'rel.txt': 1 } },
      ]),
    );
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && result.problems, [
      'steps[0].checks[0].runs[0]: must want something: stdout, status or leaves',
      'steps[0].checks[0].runs[1].call: must be a function name such as "backup"',
      'steps[0].checks[0].runs[1].status: must be an integer from 0 to 255',
      'steps[0].checks[0].runs[1].leaves key: must be absolute or start with ~/',
      'steps[0].checks[0].runs[1].leaves["rel.txt"]: must be a string',
    ]);
    assert.equal(validateLab(lab([])).ok, false);
  });

  it('refuse a lab asking for more runs than a snapshot keeps', () => {
    const runs = Array.from({ length: 8 }, (_, i) => ({ on: `input ${i}`, args: [String(i)], status: 0 }));
    const many = lab(runs);
    many.steps[0]!.checks.push(
      ...[8, 16].map((from) => ({
        kind: 'script-runs',
        path: '~/s.sh',
        runs: runs.map((run, i) => ({ ...run, args: [String(from + i)] })),
        message: 'More',
      })),
    );
    assert.deepEqual(validateLab(many), {
      ok: false,
      problems: ['steps: ask for 24 different script runs in all; the limit is 16'],
    });
    many.steps[0]!.checks.splice(2);
    assert.equal(validateLab(many).ok, true);
  });
});
