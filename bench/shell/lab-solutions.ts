/**
 * Does a typical command of a lab stay within one frame (16 ms)? Each named lab's reference solution is typed line
 * by line into a fresh shell on the lab's start, round after round, with `true` timed in the same rounds as the
 * baseline. Prints, per lab, the median and p90 of each line's median cost, its slowest line, and each as a ratio
 * to `true`, and how long the lab's machine takes to start (`createShell` on the lab's starting snapshot: files, users,
 * processes, services, packages, network, storage); the frame is 16.7 ms at 60 Hz. The first round pays git's lazy import (isomorphic-git) and is warm-up.
 *
 * Run: node --import tsx bench/shell/lab-solutions.ts [ROUNDS (20)] [LAB_ID ...]
 * (default labs: proc-background-jobs, proc-capstone-tame, git-conflict, git-release)
 */
import { startingSnapshot } from '@lta/labs';
import { findLab } from '@lta/curriculum';
import { createShell } from '@lta/shell';
import { median, percentile } from '../statistics.js';

const ROUNDS = Number(process.argv[2]) || 20;
const WARMUP = 2;
const FRAME_MS = 1000 / 60;
const ids =
  process.argv.length > 3
    ? process.argv.slice(3)
    : ['proc-background-jobs', 'proc-capstone-tame', 'git-conflict', 'git-release'];
const labs = ids.map((id) => {
  const lab = findLab(id);
  if (!lab) throw new Error(`no lab ${id}`);
  return lab;
});

/** Per lab, per line: the milliseconds of each round. */
const samples = labs.map((lab) => lab.solution.map((): number[] => []));
const baseline: number[] = [];
const starts = labs.map((): number[] => []);
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (const [l, lab] of labs.entries()) {
    let start = performance.now();
    const shell = await createShell({ snapshot: startingSnapshot(lab) });
    if (round >= WARMUP) starts[l]!.push(performance.now() - start);
    start = performance.now();
    await shell.run('true');
    if (round >= WARMUP) baseline.push(performance.now() - start);
    for (const [i, line] of lab.solution.entries()) {
      start = performance.now();
      await shell.run(line);
      if (round >= WARMUP) samples[l]![i]!.push(performance.now() - start);
    }
  }
}
const base = median(baseline);
console.log(
  `${ROUNDS} rounds (after ${WARMUP} warm-up); \`true\` (baseline) ${base.toFixed(3)} ms; a frame is ${FRAME_MS.toFixed(1)} ms`,
);
for (const [l, lab] of labs.entries()) {
  const perLine = samples[l]!.map(median);
  const sorted = [...perLine].sort((a, b) => a - b);
  const slowest = perLine.indexOf(sorted[sorted.length - 1]!);
  const within = perLine.filter((ms) => ms <= FRAME_MS).length;
  console.log(
    `${lab.id} (${perLine.length} lines): machine starts in ${median(starts[l]!).toFixed(2)} ms (${(median(starts[l]!) / FRAME_MS).toFixed(2)} frames); median line ${percentile(sorted, 0.5).toFixed(2)} ms (${(percentile(sorted, 0.5) / base).toFixed(0)}x true), ` +
      `p90 ${percentile(sorted, 0.9).toFixed(2)} ms (${(percentile(sorted, 0.9) / base).toFixed(0)}x), ${within}/${perLine.length} within a frame; ` +
      `slowest \`${lab.solution[slowest]}\` ${perLine[slowest]!.toFixed(2)} ms (${(perLine[slowest]! / FRAME_MS).toFixed(2)} frames)`,
  );
}
