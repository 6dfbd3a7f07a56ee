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
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createShell, type VfsEntry } from '@lta/shell';
import { CORPUS, FIXTURE, type DifferentialCase } from './differential-corpus.js';
import { enterScript, type Entry } from './terminal-driver.js';

const HOME = '/home/learner';
/** A non-root account on this machine, so that permission lessons behave as for the learner. */
const UID = '1000';

/** With a `combined` case, `stdout` holds stdout and stderr as the terminal shows them. */
interface Outcome {
  stdout: string;
  exitCode: number;
  files: Record<string, string>;
}

/** Archives embed times and owner names, which differ between any two machines: compare them by name and mode. */
const ARCHIVE = /\.(tar|gz|tgz|zip|bz2)$/;

function describe(path: string, entry: VfsEntry): string {
  if (entry.type === 'dir') return `dir ${entry.mode.toString(8)}`;
  if (entry.type === 'symlink') return `symlink -> ${entry.target}`;
  if (ARCHIVE.test(path)) return `archive ${entry.mode.toString(8)}`;
  return `file ${entry.mode.toString(8)} ${JSON.stringify(entry.content)}`;
}

function realFiles(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = prefix + name;
    const stat = lstatSync(path);
    const mode = stat.mode & 0o7777;
    if (stat.isSymbolicLink()) files[rel] = describe(rel, { type: 'symlink', mode: 0o777, target: readlinkSync(path) });
    else if (stat.isDirectory()) {
      files[rel] = describe(rel, { type: 'dir', mode });
      // The learner may have removed read or search permission; look inside as root anyway.
      Object.assign(files, realFiles(path, rel + '/'));
    } else files[rel] = describe(rel, { type: 'file', mode, content: readFileSync(path, 'latin1') });
  }
  return files;
}

function runInBash(script: string, combined = false): Outcome {
  const dir = mkdtempSync(join(tmpdir(), 'lta-diff-'));
  try {
    for (const [rel, entry] of Object.entries(FIXTURE)) {
      const path = join(dir, rel);
      if ('dir' in entry) mkdirSync(path, { recursive: true });
      else writeFileSync(path, entry.content);
      chmodSync(path, entry.mode ?? ('dir' in entry ? 0o755 : 0o644));
    }
    spawnSync('chown', ['-R', `${UID}:${UID}`, dir]);
    chmodSync(dir, 0o755);
    const result = spawnSync(
      'setpriv',
      [
        '--reuid',
        UID,
        '--regid',
        UID,
        '--clear-groups',
        'env',
        '-i',
        `HOME=${dir}`,
        'USER=learner',
        'PATH=/usr/local/bin:/usr/bin:/bin',
        'LC_ALL=C',
        '/bin/bash',
        '-c',
        `shopt -s expand_aliases\n${combined ? 'exec 2>&1\n' : ''}${script}`,
      ],
      { cwd: dir, encoding: 'latin1', timeout: 10_000 },
    );
    return { stdout: result.stdout, exitCode: result.status ?? -1, files: realFiles(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How the learner's shell receives a script: in one `run` call (as the corpus was first written), or at the
 * terminal's prompt, typed line by line or pasted as one block: the way a learner actually enters it.
 */
type Path = 'one call' | Entry;
const PATHS: Path[] = ['one call', 'typed', 'pasted'];

async function runInShell(script: string, combined: boolean, path: Path): Promise<Outcome> {
  const files: Record<string, VfsEntry> = {};
  for (const [rel, entry] of Object.entries(FIXTURE)) {
    files[`${HOME}/${rel}`] =
      'dir' in entry
        ? { type: 'dir', mode: entry.mode ?? 0o755 }
        : { type: 'file', mode: entry.mode ?? 0o644, content: entry.content };
  }
  const shell = await createShell({ files, limits: { maxRunMs: 10_000 } });
  let stdout: string;
  let exitCode: number;
  if (path === 'one call') {
    const result = await shell.run(script);
    stdout = combined ? result.output : result.stdout;
    exitCode = result.exitCode;
  } else {
    const { runs } = await enterScript(shell, script, path);
    stdout = runs.map(({ result }) => (combined ? result.output : result.stdout)).join('');
    exitCode = runs.at(-1)?.result.exitCode ?? 0;
  }
  const outcome: Record<string, string> = {};
  for (const [path, entry] of Object.entries(shell.snapshot().files)) {
    if (path.startsWith(HOME + '/')) outcome[path.slice(HOME.length + 1)] = describe(path, entry);
  }
  // Compare bytes as bash's latin1 reading does.
  const latin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
  for (const [path, text] of Object.entries(outcome)) outcome[path] = latin1(text);
  return { stdout: latin1(stdout), exitCode, files: outcome };
}

function differences(expected: Outcome, actual: Outcome): string[] {
  const found: string[] = [];
  if (expected.stdout !== actual.stdout)
    found.push(`stdout: bash ${JSON.stringify(expected.stdout)} / shell ${JSON.stringify(actual.stdout)}`);
  if (expected.exitCode !== actual.exitCode) found.push(`exit: bash ${expected.exitCode} / shell ${actual.exitCode}`);
  // A repository's own files (.git/..., and a bare repository's, srv.git/...) differ in layout between git and
  // isomorphic-git (hooks, logs, how objects are compressed); what git prints, its commit ids and the work tree are
  // compared.
  const paths = new Set(
    [...Object.keys(expected.files), ...Object.keys(actual.files)].filter((path) => !/(^|\/)[^/]*\.git\//.test(path)),
  );
  for (const path of [...paths].sort()) {
    if (expected.files[path] !== actual.files[path])
      found.push(`${path}: bash ${expected.files[path] ?? 'absent'} / shell ${actual.files[path] ?? 'absent'}`);
  }
  return found;
}

const TARGET = 0.99;
/** `LTA_DIFF_TOPIC=trap` runs one topic's cases only, while working on it. */
const CASES = process.env.LTA_DIFF_TOPIC ? CORPUS.filter((item) => item.topic === process.env.LTA_DIFF_TOPIC) : CORPUS;

// Running bash as a non-root learner (setpriv, chown) takes root; elsewhere the comparison cannot be made.
const notRoot = process.getuid?.() !== 0 ? 'needs root to run bash as a non-root user' : false;

test(
  `the learner's shell matches GNU bash on at least ${TARGET * 100}% of ${CASES.length} lesson scripts, run in one call, typed and pasted at the prompt`,
  { skip: notRoot },
  async () => {
    const failures = new Map<Path, { item: DifferentialCase; found: string[] }[]>(PATHS.map((path) => [path, []]));
    for (const item of CASES) {
      const expected = runInBash(item.script, item.combined);
      for (const path of PATHS) {
        const found = differences(expected, await runInShell(item.script, item.combined ?? false, path));
        if (found.length) failures.get(path)!.push({ item, found });
      }
    }
    const shares: string[] = [];
    for (const [path, failed] of failures) {
      const identical = CASES.length - failed.length;
      console.log(
        `differential (${path}): ${identical}/${CASES.length} identical (${((identical / CASES.length) * 100).toFixed(1)}%)`,
      );
      for (const { item, found } of failed)
        console.log(`- [${path}] [${item.topic}] ${JSON.stringify(item.script)}\n    ${found.join('\n    ')}`);
      if (identical / CASES.length < TARGET) shares.push(`${path}: ${((identical / CASES.length) * 100).toFixed(1)}%`);
    }
    assert.deepEqual(shares, [], `below ${TARGET * 100}% identical`);
  },
);
