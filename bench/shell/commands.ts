/**
 * Latency of typical lab commands in the learner's shell over a 5,000-file filesystem, as ratios to `true` run in
 * the same shell, plus snapshot save/restore time and size for a 1 MB filesystem.
 * Run: node --import tsx bench/shell/commands.ts
 */
import { createShell, type VfsEntry } from '../../src/shell/index.js';

const HOME = '/home/learner';
const RUNS = 15;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeRuns(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

function manyFiles(count: number): Record<string, VfsEntry> {
  const files: Record<string, VfsEntry> = {};
  for (let i = 0; i < count; i++) {
    const dir = `${HOME}/project/module${Math.floor(i / 100)}`;
    const name = i % 3 === 0 ? `app${i}.log` : `note${i}.txt`;
    files[`${dir}/${name}`] = { type: 'file', mode: 0o644, content: `line one of ${i}\n${i % 7 === 0 ? 'ERROR something failed' : 'INFO all good'}\nlast line\n` };
  }
  return files;
}

const shell = await createShell({ files: manyFiles(5000) });
await shell.run('cd project/module0');
const baseline = await timeRuns(() => shell.run('true'));
const commands = [
  'ls -la',
  'cd ~/project && grep -rn ERROR . > /dev/null; cd module0',
  'cd ~/project && find . -name "*.log" > /dev/null; cd module0',
  'cat app0.log note1.txt note2.txt | grep -v INFO | sort | uniq -c',
];
console.log(`baseline \`true\`: ${baseline.toFixed(2)} ms (median of ${RUNS})`);
for (const command of commands) {
  const ms = await timeRuns(() => shell.run(command));
  console.log(`${command.padEnd(70)} ${ms.toFixed(2).padStart(8)} ms  ${(ms / baseline).toFixed(1).padStart(6)}x true`);
}

// A 1 MB filesystem: 200 files of 5 KB.
const megabyte: Record<string, VfsEntry> = {};
for (let i = 0; i < 200; i++) megabyte[`${HOME}/data/file${i}.txt`] = { type: 'file', mode: 0o644, content: `${'x'.repeat(99)}\n`.repeat(50) };
const big = await createShell({ files: megabyte });
let snapshot = big.snapshot();
const save = await timeRuns(async () => {
  snapshot = big.snapshot();
});
const json = JSON.stringify(snapshot);
const restore = await timeRuns(() => createShell({ snapshot: JSON.parse(json) }));
const fresh = await timeRuns(() => createShell());
console.log(`snapshot of 1 MB filesystem: save ${save.toFixed(2)} ms (${(save / baseline).toFixed(1)}x true), ` +
  `restore ${restore.toFixed(2)} ms (${(restore / fresh).toFixed(2)}x an empty createShell), JSON ${(json.length / 1024).toFixed(0)} KiB`);
