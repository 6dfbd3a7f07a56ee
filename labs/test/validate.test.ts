import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLab, validateLab } from '../src/validate.js';
import { readmeExampleLab } from './readme-example.js';

function problemsOf(value: unknown): string[] {
  const result = validateLab(value);
  assert.ok(!result.ok, 'expected the lab to be refused');
  return result.problems;
}

describe('validateLab', () => {
  it('accepts the full example of the README', () => {
    const result = validateLab(readmeExampleLab());
    assert.deepEqual(result.ok ? [] : result.problems, []);
  });

  it('lists every problem of a broken lab, each with its JSON path', () => {
    const lab = readmeExampleLab();
    Object.assign(lab, {
      formatVersion: 2,
      id: 'Rescue Script',
      xp: 0,
      difficulty: 'expert',
      colour: 'red',
      files: { 'relative.txt': 'x', '~/run.sh': { content: 'echo', mode: '999' }, '~/odd': { type: 'fifo' } },
      steps: [
        {
          title: '',
          instructions: 'Do it',
          hints: ['ok', 3],
          checks: [
            { kind: 'exists', path: 'notes.txt', message: 'notes' },
            { kind: 'file-matches', path: '~/a', pattern: String.raw`(a)\1`, flags: 'gi', message: 'm' },
            { kind: 'teleport', message: 'x' },
            { kind: 'output-matches', pattern: 'ok', message: 'printed ok' },
            { kind: 'file-mode', path: '~/a', mode: '0o755', match: 'some', message: 'mode' },
            { kind: 'env', name: '1BAD', value: 'a', pattern: 'b', message: 'env' },
            { kind: 'exit-code', code: 300, message: 'code', extra: true },
          ],
        },
        { title: 'Last', instructions: 'x', hints: [], checks: [] },
      ],
      solution: [],
    });
    assert.deepEqual(problemsOf(lab), [
      'colour: unknown field (expected one of: formatVersion, id, title, module, xp, difficulty, story, files, cwd, env, machine, steps, recap, solution)',
      'formatVersion: must be 1 (this engine reads lab format 1)',
      'id: must be 3-64 lowercase letters, digits and single dashes, e.g. "nav-first-steps"',
      'xp: must be a whole number from 1 to 1000',
      'difficulty: must be "beginner", "intermediate" or "advanced"',
      'files["relative.txt"]: path must be absolute or start with ~/ (and not be / itself)',
      'files["~/run.sh"].mode: must be an octal mode such as "644", "0755" or "2775"',
      'files["~/odd"].type: must be "file", "dir" or "symlink"',
      'steps[0].title: must not be empty',
      'steps[0].hints[1]: must be a string',
      'steps[0].checks[0].path: must be absolute or start with ~/',
      'steps[0].checks[1].flags: flag "g" is not supported (use i, m or s)',
      'steps[0].checks[2].kind: must be one of: exists, absent, file-contains, file-matches, file-equals, file-mode, file-owner, symlink-target, cwd, env, history-matches, output-matches, exit-code, ran, visited, script-runs, git-commit-count, git-file-committed, git-branch-exists, git-clean, git-merged, git-tag, git-remote, git-pushed, git-up-to-date, user-exists, user-in-group, group-exists, process-running, process-stopped, process-absent, process-nice, job-count, package-installed, package-absent, service-state, cron-entry, service-log, storage-mounted, storage-fstab-entry, storage-free-at-least, editor-saved, host-file-exists, host-file-contains, ssh-key-installed',
      'steps[0].checks[4].mode: must be an octal mode such as "644", "0755" or "2775"',
      'steps[0].checks[4].match: must be "exact", "includes" or "excludes"',
      'steps[0].checks[5].name: must be a variable name such as "PROJECT_DIR"',
      'steps[0].checks[5]: give "value" or "pattern", not both',
      'steps[0].checks[6].extra: unknown field (expected one of: kind, message, negate, code)',
      'steps[0].checks[6].code: must be an integer from 0 to 255',
      'steps[1].checks: must have at least 1 item',
      'steps[0].checks[3].kind: "output-matches" reads the last command only, so it belongs in the last step',
      'steps[0].checks[6].kind: "exit-code" reads the last command only, so it belongs in the last step',
      'solution: must have at least 1 item',
    ]);
  });

  it('reports a pattern the safe matcher refuses at the pattern itself', () => {
    const lab = readmeExampleLab();
    const steps = lab.steps as { checks: unknown[] }[];
    steps[1]!.checks[1] = { kind: 'history-matches', pattern: String.raw`(x)\1`, message: 'm' };
    assert.deepEqual(problemsOf(lab), ['steps[1].checks[1].pattern: backreferences are not supported']);
  });

  it('refuses what is not a lab at all without throwing', () => {
    assert.deepEqual(problemsOf(null), ['lab: must be an object']);
    assert.deepEqual(problemsOf([1, 2]), ['lab: must be an object']);
    assert.equal(problemsOf({}).length, 10);
  });

  it('refuses labs too big to store or check on the server', () => {
    const lab = readmeExampleLab();
    lab.files = { '~/big.log': 'x'.repeat(128 * 1024 + 1) };
    assert.deepEqual(problemsOf(lab), ['files: contents total 131073 characters; the limit is 131072']);
  });
});

describe('parseLab', () => {
  it('reads JSON text such as an inline script or a lab-src response', () => {
    assert.equal(parseLab(JSON.stringify(readmeExampleLab())).ok, true);
  });

  it('reports text that is not JSON as a problem', () => {
    const result = parseLab('{ "id": ');
    assert.ok(!result.ok);
    assert.match(result.problems[0]!, /^lab: not valid JSON/);
  });
});
