/**
 * The learner's shell against an earlier revision of itself (its `shell/src`, or `src/shell` before the move, and `labs/src`), in one process: each
 * round runs every command once in both shells, alternating which goes first, so load from other processes falls
 * on both alike. Prints p50 and p90 of each and the ratio now/then; checks once that both show the same output and
 * exit code.
 *
 * Run: node --import tsx bench/shell/compare.ts [REV (HEAD)] [ROUNDS (300)] ['command' ...]
 * (default commands: `true`, `ls -la module0`, `grep -rn ERROR .`, from ~/project over 5,000 files)
 */
import { createShell } from '@lta/shell';
import { percentile } from '../statistics.js';
import { manyFiles } from './files.js';
import { shellAt } from './revision.js';

const REV = process.argv[2] || 'HEAD';
const ROUNDS = Number(process.argv[3]) || 300;
const WARMUP = 20;
const commands = process.argv.length > 4 ? process.argv.slice(4) : ['true', 'ls -la module0', 'grep -rn ERROR .'];

const { module: then, remove } = await shellAt(REV);

const files = manyFiles(5000);
const shells = { then: await then.createShell({ files }), now: await createShell({ files }) };
for (const shell of Object.values(shells)) await shell.run('cd project');
for (const command of commands) {
  const [a, b] = [await shells.then.run(command), await shells.now.run(command)];
  if (a.output !== b.output || a.exitCode !== b.exitCode) console.log(`different output or status: ${command}`);
}

const samples = { then: commands.map((): number[] => []), now: commands.map((): number[] => []) };
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  const order = round % 2 ? (['then', 'now'] as const) : (['now', 'then'] as const);
  for (const [i, command] of commands.entries()) {
    for (const which of order) {
      const start = performance.now();
      await shells[which].run(command);
      if (round >= WARMUP) samples[which][i]!.push(performance.now() - start);
    }
  }
}
console.log(`${ROUNDS} rounds (after ${WARMUP} warm-up), ${REV} (then) against the working tree (now), alternating`);
console.log(
  `${'command'.padEnd(40)} ${'p50 then'.padStart(9)} ${'p50 now'.padStart(8)} ${'ratio'.padStart(6)} ${'p90 then'.padStart(9)} ${'p90 now'.padStart(8)} ${'ratio'.padStart(6)}`,
);
for (const [i, command] of commands.entries()) {
  const [a, b] = [samples.then[i]!.sort((x, y) => x - y), samples.now[i]!.sort((x, y) => x - y)];
  const cells = [0.5, 0.9].flatMap((share) => {
    const [p, q] = [percentile(a, share), percentile(b, share)];
    return [p.toFixed(3).padStart(9), q.toFixed(3).padStart(8), (q / p).toFixed(2).padStart(6)];
  });
  console.log(`${(command.length > 40 ? `${command.slice(0, 37)}...` : command).padEnd(40)} ${cells.join(' ')}`);
}
remove();
