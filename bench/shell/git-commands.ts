/**
 * Does each `git` command a learner types stay within one frame (16.7 ms at 60 Hz)? Every git lab's reference
 * solution is typed line by line into a fresh shell on the lab's start, and so is a session on a larger repository
 * (200 files in 10 folders, 50 commits), in the shell now and at an earlier revision, in one process, alternating
 * which goes first each round so that load from other processes falls on both alike. `true` is timed in the same
 * rounds as the baseline. Prints, per git line, the median and p90 of each in milliseconds, the ratio now/then, the
 * median CPU time (all threads: isomorphic-git hashes and compresses off the main thread; on a loaded machine it
 * moves less than the clock), and now's median in frames and as a ratio to `true`; then how many git lines have their
 * median within a frame. Both shells' outputs are compared once (dates are fixed, so commit ids match too).
 *
 * Run: node --import tsx bench/shell/git-commands.ts [REV (main)] [ROUNDS (20)]
 */
import { startingSnapshot } from '@lta/labs';
import { findModule } from '@lta/curriculum';
import { createShell, type ShellSnapshot, type VfsEntry } from '@lta/shell';
import { median, percentile } from '../statistics.js';
import { HOME } from './files.js';
import { shellAt } from './revision.js';

const REV = process.argv[2] || 'main';
const ROUNDS = Number(process.argv[3]) || 20;
// The first rounds pay git's lazy import (isomorphic-git) and the JIT's warm-up.
const WARMUP = 3;
const FRAME_MS = 1000 / 60;

interface Scenario {
  name: string;
  snapshot: ShellSnapshot;
  lines: readonly string[];
}

const IDENTITY = ['git config --global user.name "Sam Cook"', 'git config --global user.email sam@example.com'];

/** 200 files in 10 folders of ~/big, committed once, then 49 more commits each changing one file. */
async function largeRepository(): Promise<ShellSnapshot> {
  const files: Record<string, VfsEntry> = {};
  for (let i = 0; i < 200; i++) {
    files[`${HOME}/big/part${i % 10}/file${i}.txt`] = {
      type: 'file',
      mode: 0o644,
      content: `line one of ${i}\nline two\nline three\n`,
    };
  }
  const shell = await createShell({ files });
  const changes = Array.from({ length: 49 }, (_, i) => [
    `echo "change ${i}" >> part${i % 10}/file${i}.txt`,
    `git commit -qam "Change ${i}"`,
  ]);
  for (const line of [
    ...IDENTITY,
    'cd big',
    'git init -q',
    'git add .',
    'git commit -qm "200 files"',
    ...changes.flat(),
  ]) {
    const { exitCode, output } = await shell.run(line);
    if (exitCode !== 0) throw new Error(`setting up the large repository: ${line}: ${output}`);
  }
  return shell.snapshot();
}

/** What a learner does in a larger repository: look, change a few files, commit, branch and merge. */
const LARGE_LINES = [
  'git status',
  'echo more >> part3/file13.txt',
  'git status',
  'git diff',
  'git add part3/file13.txt',
  'git commit -m "One change"',
  'echo more >> part4/file14.txt',
  'echo more >> part5/file15.txt',
  'git commit -am "Two changes"',
  'echo new > part6/new.txt',
  'git add .',
  'git commit -m "A new file"',
  'git log --oneline',
  'git show HEAD',
  'git switch -c topic',
  'echo topic >> part7/file17.txt',
  'git commit -am "On the topic"',
  'git switch master',
  'git merge topic',
  'git tag v2',
];

const gitModule = findModule('git');
if (!gitModule) throw new Error('no git module');
const scenarios: Scenario[] = [
  ...gitModule.labs.map((lab) => ({ name: lab.id, snapshot: startingSnapshot(lab), lines: lab.solution })),
  { name: 'large (200 files, 50 commits)', snapshot: await largeRepository(), lines: LARGE_LINES },
];

const { module: then, remove } = await shellAt(REV);
const makers = { then: then.createShell, now: createShell };
type Which = keyof typeof makers;

const lineSamples = () => ({ then: [] as number[], now: [] as number[] });
/** Per scenario, per line, per shell: the milliseconds of each round, as the clock and as CPU time. */
const samples = scenarios.map((s) => s.lines.map(lineSamples));
const cpu = scenarios.map((s) => s.lines.map(lineSamples));
const baseline = lineSamples();
const outputs = scenarios.map((s) => s.lines.map(() => ({ then: '', now: '' })));
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  const order: Which[] = round % 2 ? ['then', 'now'] : ['now', 'then'];
  for (const [s, scenario] of scenarios.entries()) {
    for (const which of order) {
      const shell = await makers[which]({ snapshot: scenario.snapshot });
      // Fixed dates make both shells' commit ids the same, so their outputs can be compared as they are.
      await shell.run(`export GIT_AUTHOR_DATE='@1700000000 +0000' GIT_COMMITTER_DATE='@1700000000 +0000'`);
      let start = performance.now();
      await shell.run('true');
      if (round >= WARMUP) baseline[which].push(performance.now() - start);
      for (const [i, line] of scenario.lines.entries()) {
        const used = process.cpuUsage();
        start = performance.now();
        const { output, exitCode } = await shell.run(line);
        const { user, system } = process.cpuUsage(used);
        if (round >= WARMUP) {
          samples[s]![i]![which].push(performance.now() - start);
          cpu[s]![i]![which].push((user + system) / 1000);
        }
        if (round === 0) outputs[s]![i]![which] = `${exitCode} ${output}`;
      }
    }
  }
}
remove();

const base = { then: median(baseline.then), now: median(baseline.now) };
console.log(
  `${ROUNDS} rounds (after ${WARMUP} warm-up), ${REV} (then) against the working tree (now), alternating; ` +
    `\`true\` ${base.then.toFixed(3)} ms then, ${base.now.toFixed(3)} ms now; a frame is ${FRAME_MS.toFixed(1)} ms`,
);
const header = ['p50 then', 'p50 now', 'now/then', 'p90 then', 'p90 now', 'cpu then', 'cpu now', 'frames', 'x true'];
console.log(`${'git line'.padEnd(44)} ${header.map((h) => h.padStart(8)).join(' ')}`);
const within = { then: 0, now: 0, lines: 0 };
for (const [s, scenario] of scenarios.entries()) {
  console.log(`-- ${scenario.name}`);
  for (const [i, line] of scenario.lines.entries()) {
    if (!line.startsWith('git ')) continue;
    const { then: a, now: b } = samples[s]![i]!;
    const [p50a, p50b] = [median(a), median(b)];
    const [p90a, p90b] = [a, b].map((values) =>
      percentile(
        [...values].sort((x, y) => x - y),
        0.9,
      ),
    ) as [number, number];
    within.lines++;
    if (p50a <= FRAME_MS) within.then++;
    if (p50b <= FRAME_MS) within.now++;
    const { then: shownThen, now: shownNow } = outputs[s]![i]!;
    const cells = [p50a, p50b, p50b / p50a, p90a, p90b, median(cpu[s]![i]!.then), median(cpu[s]![i]!.now)];
    cells.push(p50b / FRAME_MS, p50b / base.now);
    console.log(
      `${(line.length > 44 ? `${line.slice(0, 41)}...` : line).padEnd(44)} ${cells.map((c) => c.toFixed(2).padStart(8)).join(' ')}` +
        (shownThen === shownNow ? '' : '  (prints differently)'),
    );
  }
}
console.log(
  `git lines with their median within a frame: ${within.then}/${within.lines} then, ${within.now}/${within.lines} now`,
);
