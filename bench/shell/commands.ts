/**
 * Latency of typical lab commands in the learner's shell over a 5,000-file filesystem (issue 7: every one within a
 * 16 ms frame), as p50 and p90 of interleaved runs and as ratios to `true` timed in the same rounds, plus snapshot
 * save/restore time and size for a 1 MB filesystem.
 *
 * Run: node --import tsx bench/shell/commands.ts [ROUNDS] ['extra command' ...]
 *
 * Each round runs `true` and then every command once, so load from other processes on the machine falls on all of
 * them alike; compare the ratios, not the absolute milliseconds.
 */
import { createShell, type VfsEntry } from '@lta/shell';
import { medianTime, percentile } from '../statistics.js';
import { HOME, manyFiles } from './files.js';

const ROUNDS = Number(process.argv[2]) || 100;
const WARMUP = 10;

const shell = await createShell({ files: manyFiles(5000) });
await shell.run('cd project');
const commands = [
  'true',
  'ls -la module0',
  'grep -rn ERROR .',
  'grep -rn ERROR . > /dev/null',
  'grep -rc ERROR .',
  'find . -name "*.log"',
  'find . -type f',
  'cat module0/app0.log module0/note1.txt module0/note2.txt | grep -v INFO | sort | uniq -c',
  ...process.argv.slice(3),
];
const samples = commands.map((): number[] => []);
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (const [i, command] of commands.entries()) {
    const start = performance.now();
    await shell.run(command);
    if (round >= WARMUP) samples[i]!.push(performance.now() - start);
  }
}
for (const list of samples) list.sort((a, b) => a - b);
const [baseP50, baseP90] = [percentile(samples[0]!, 0.5), percentile(samples[0]!, 0.9)];
console.log(`${ROUNDS} interleaved rounds (after ${WARMUP} warm-up), from ~/project`);
console.log(
  `${'command'.padEnd(60)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p50/true'.padStart(9)} ${'p90/true'.padStart(9)}`,
);
for (const [i, command] of commands.entries()) {
  const [p50, p90] = [percentile(samples[i]!, 0.5), percentile(samples[i]!, 0.9)];
  const shown = command.length > 60 ? `${command.slice(0, 57)}...` : command;
  console.log(
    `${shown.padEnd(60)} ${p50.toFixed(2).padStart(8)} ${p90.toFixed(2).padStart(8)} ${(p50 / baseP50).toFixed(1).padStart(8)}x ${(p90 / baseP90).toFixed(1).padStart(8)}x`,
  );
}

// A 1 MB filesystem: 200 files of 5 KB.
const megabyte: Record<string, VfsEntry> = {};
for (let i = 0; i < 200; i++)
  megabyte[`${HOME}/data/file${i}.txt`] = { type: 'file', mode: 0o644, content: `${'x'.repeat(99)}\n`.repeat(50) };
const big = await createShell({ files: megabyte });
let snapshot = big.snapshot();
const save = await medianTime(15, async () => {
  snapshot = big.snapshot();
});
const json = JSON.stringify(snapshot);
const restore = await medianTime(15, () => createShell({ snapshot: JSON.parse(json) }));
const fresh = await medianTime(15, () => createShell());
console.log(
  `snapshot of 1 MB filesystem: save ${save.toFixed(2)} ms (${(save / baseP50).toFixed(1)}x true), ` +
    `restore ${restore.toFixed(2)} ms (${(restore / fresh).toFixed(2)}x an empty createShell), JSON ${(json.length / 1024).toFixed(0)} KiB`,
);
