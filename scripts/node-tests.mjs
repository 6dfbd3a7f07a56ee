#!/usr/bin/env node
// The Node test files, `parallel` at once, the longest first: `node --test` sorts its files by path, so a long file
// late in the alphabet started last and ran on alone while the other core sat idle. How long each file took is
// kept in node-test-seconds.json (rewritten by `--record`); files it does not know yet start first, since one of
// them may be long. Each file still runs in its own process with this process's flags (`--import tsx ...`), and
// the report is node:test's spec reporter, ending with its `ℹ pass N` summary.
//   node --import tsx --import ./test/node/quiet-sdk.ts scripts/node-tests.mjs [--record] [--parallel=N] FILE...
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { parseArgs } from 'node:util';

const SECONDS_FILE = new URL('./node-test-seconds.json', import.meta.url);

/** Seconds each test file took when last recorded, by path from the repository root. */
function recordedSeconds() {
  try {
    return JSON.parse(readFileSync(SECONDS_FILE, 'utf8'));
  } catch {
    return {};
  }
}

/** `files` in the order to start them: unknown ones first (by path), then the longest first. */
function longestFirst(files, seconds) {
  const known = (file) => typeof seconds[file] === 'number';
  const unknown = files.filter((file) => !known(file)).sort();
  const rest = files.filter(known).sort((a, b) => seconds[b] - seconds[a] || (a < b ? -1 : 1));
  return [...unknown, ...rest];
}

const { values: flags, positionals: files } = parseArgs({
  allowPositionals: true,
  options: {
    record: { type: 'boolean', default: false },
    parallel: { type: 'string', default: String(availableParallelism()) },
  },
});
if (files.length === 0) {
  console.error('Give the test files to run.');
  process.exit(2);
}

const seconds = recordedSeconds();
// Every file's process (and whatever it starts: lta-host, git, a browser) makes its temporary folders in one folder,
// removed when the run ends: a developer's /tmp does not fill with a few hundred data folders per `npm test`.
const scratch = mkdtempSync(join(tmpdir(), 'lta-tests-'));
// Searchable by everyone, as /tmp is: the shell's differential test runs GNU bash as an unprivileged learner in a
// folder inside (mkdtemp makes it 0700, which kept that learner out of its own home).
chmodSync(scratch, 0o711);
process.env.TMPDIR = scratch;
// Each file's process times itself (test-file-clock.mjs); run() gives the files this process's flags.
const clocks = mkdtempSync(join(scratch, 'clocks-'));
process.env.LTA_TEST_FILE_CLOCK = clocks;
process.execArgv.push('--import', new URL('./test-file-clock.mjs', import.meta.url).href);
// forceExit: a file's process ends once its tests and hooks are done, even when something it ran still holds a timer
// (a learner's `sleep 600 &` that the shell times in real time kept a corpus file's core for minutes).
const stream = run({ files: longestFirst(files, seconds), concurrency: Number(flags.parallel), forceExit: true });
stream.on('test:fail', () => (process.exitCode = 1));
stream.compose(new spec()).pipe(process.stdout);
stream.on('close', () => {
  const taken = {};
  for (const name of readdirSync(clocks)) {
    const { file, seconds: took } = JSON.parse(readFileSync(join(clocks, name), 'utf8'));
    taken[file] = took;
  }
  rmSync(scratch, { recursive: true, force: true });
  const slowest = Object.entries(taken).sort(([, a], [, b]) => b - a);
  console.log(`Seconds per file, slowest first: ${slowest.map(([file, took]) => `${file} ${took}`).join(', ')}`);
  if (!flags.record) return;
  const all = Object.entries({ ...seconds, ...taken }).sort(([a], [b]) => (a < b ? -1 : 1));
  writeFileSync(SECONDS_FILE, JSON.stringify(Object.fromEntries(all), null, 2) + '\n');
  console.log(`Recorded how long ${slowest.length} files took in scripts/node-test-seconds.json`);
});
