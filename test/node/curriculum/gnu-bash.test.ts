import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LEARNER_HOME, checkLab, startingFiles, type Lab, type ShellSnapshot, type VfsEntry } from '@lta/labs';
import { ALL_LABS } from '@lta/curriculum';
import { opensFullScreen, play } from './corpora/corpus.js';

// Learners will type these commands on real Linux, so every reference solution must also pass in GNU bash with
// coreutils. Each lab runs in a temp dir standing in for `/`, so only labs whose files all live under the home
// directory can run here (the others name absolute paths such as /var/log that a test must not write).

const sandboxes: string[] = [];
after(() => sandboxes.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function writeTree(root: string, files: Record<string, VfsEntry>): void {
  for (const [path, entry] of Object.entries(files)) {
    if (entry.type === 'dir') mkdirSync(root + path, { recursive: true, mode: entry.mode });
    else if (entry.type === 'symlink') symlinkSync(entry.target, root + path);
    else writeFileSync(root + path, entry.content);
    if (entry.type !== 'symlink') chmodSync(root + path, entry.mode);
  }
}

/** The sandbox's home as the check engine sees a shell's: absolute paths as the learner sees them. */
function readTree(root: string, dir: string, files: Record<string, VfsEntry>): void {
  for (const name of readdirSync(root + dir)) {
    const path = `${dir}/${name}`;
    const stat = lstatSync(root + path);
    const mode = stat.mode & 0o777;
    if (stat.isSymbolicLink())
      files[path] = { type: 'symlink', mode, target: readlinkSync(root + path).replaceAll(root, '') };
    else if (stat.isDirectory()) {
      files[path] = { type: 'dir', mode };
      readTree(root, path, files);
    } else {
      const bytes = readFileSync(root + path);
      const text = bytes.toString('utf8');
      files[path] = Buffer.from(text, 'utf8').equals(bytes)
        ? { type: 'file', mode, content: text }
        : { type: 'file', mode, content: bytes.toString('base64'), encoding: 'base64' };
    }
  }
}

/** Runs the solution in one bash process (state carries over as in a terminal), capturing the last command alone. */
function runInBash(lab: Lab): ShellSnapshot {
  const root = mkdtempSync(join(tmpdir(), 'lta-gnu-'));
  sandboxes.push(root);
  writeTree(root, startingFiles(lab));
  const home = root + LEARNER_HOME;
  const exports = Object.entries(lab.env ?? {}).map(([name, value]) => `export ${name}='${value}'`);
  const last = lab.solution[lab.solution.length - 1];
  const script = [
    ...exports,
    ...lab.solution.slice(0, -1),
    `{ ${last}\n} > "$RESULT/out" 2>&1; echo $? > "$RESULT/status"`,
    'pwd > "$RESULT/cwd"; env -0 > "$RESULT/env"',
  ].join('\n');
  const result = join(root, 'result');
  mkdirSync(result);
  spawnSync('/bin/bash', ['-c', script], {
    cwd: home,
    env: { HOME: home, USER: 'learner', PATH: '/usr/local/bin:/usr/bin:/bin', LC_ALL: 'C', RESULT: result },
  });
  const unroot = (text: string) => text.replaceAll(root, '');
  const files: Record<string, VfsEntry> = {};
  readTree(root, '/home', files);
  const env = Object.fromEntries(
    readFileSync(join(result, 'env'), 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((pair) => {
        const cut = pair.indexOf('=');
        return [pair.slice(0, cut), unroot(pair.slice(cut + 1))];
      }),
  );
  return {
    version: 1,
    cwd: unroot(readFileSync(join(result, 'cwd'), 'utf8').trim()),
    home: LEARNER_HOME,
    env,
    files,
    history: [...lab.solution],
    lastOutput: unroot(readFileSync(join(result, 'out'), 'utf8')),
    lastExitCode: Number(readFileSync(join(result, 'status'), 'utf8')),
  };
}

const livesInHome = (lab: Lab) => Object.keys(lab.files).every((path) => path.startsWith('~/'));
/**
 * Labs that declare a simulated machine use its tools (apt and dpkg on its package database, systemctl, crontab):
 * on this machine they would answer about, or change, the real system, so those labs run in the simulation only.
 */
const simulatesMachine = (lab: Lab) => lab.machine !== undefined;

describe('curriculum reference solutions in GNU bash', () => {
  it('covers most labs (the rest use absolute paths outside the home directory)', () => {
    assert.ok(ALL_LABS.filter(livesInHome).length >= 30);
  });

  // Labs whose solutions type keys into a full-screen program need a terminal, which bash run here has not (see `opensFullScreen`).
  for (const lab of ALL_LABS.filter(
    (candidate) => livesInHome(candidate) && !simulatesMachine(candidate) && !opensFullScreen(candidate),
  )) {
    it(`${lab.id} passes in GNU bash`, async () => {
      // Files, output, status and variables come from bash; which commands ran (for `ran` checks) and what the
      // learner's scripts did when tried (for `script-runs` checks) from the terminal running the same solution,
      // since bash keeps no such record.
      const { commands, visited, scriptRuns } = await play(lab, lab.solution);
      const snapshot = { ...runInBash(lab), commands, visited, ...(scriptRuns ? { scriptRuns } : {}) };
      const failed = checkLab(lab, snapshot).steps.flatMap((step) =>
        step.checks.filter((c) => !c.passed).map((c) => `${step.title}: ${c.message} (${c.reason ?? ''})`),
      );
      assert.deepEqual(failed, [], `last output:\n${snapshot.lastOutput}`);
    });
  }
});
