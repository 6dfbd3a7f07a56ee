/**
 * What a typed line costs: every reference solution of the curriculum typed at the prompt line by line (an
 * unfinished line waits for the next, as the terminal does), in the shell now and at an earlier revision, in one
 * process, alternating which goes first each round. Prints the median cost per line of each and the ratio now/then
 * against a budget of 1.2. Solutions with a here-document are left out: before they were entered line by line
 * correctly, such a line ran at once and did different work.
 *
 * Run: node --import tsx bench/shell/line-by-line.ts [REV (HEAD)] [ROUNDS (30)]
 */
import { startingSnapshot } from '@lta/labs';
import { ALL_LABS } from '@lta/curriculum';
import { createShell, type Shell } from '@lta/shell';
import { median } from '../statistics.js';
import { shellAt } from './revision.js';

const REV = process.argv[2] || 'HEAD';
const ROUNDS = Number(process.argv[3]) || 30;
const WARMUP = 3;
const BUDGET = 1.2;

const { module: then, remove } = await shellAt(REV);
const labs = ALL_LABS.filter((lab) => !lab.solution.some((command) => command.includes('<<')));
const lines = labs.flatMap((lab) => lab.solution.flatMap((command) => command.split('\n')));

/** Types the lab's solution line by line; milliseconds spent in the shell. */
async function typeSolution(shell: Shell, solution: string[]): Promise<number> {
  let pending = '';
  const start = performance.now();
  for (const typed of solution.flatMap((command) => command.split('\n'))) {
    const line = pending ? `${pending}\n${typed}` : typed;
    pending = (await shell.run(line)).incomplete ? line : '';
  }
  return performance.now() - start;
}

const perLine = { then: [] as number[], now: [] as number[] };
const makers = { then: then.createShell, now: createShell };
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  const order = round % 2 ? (['then', 'now'] as const) : (['now', 'then'] as const);
  const total = { then: 0, now: 0 };
  for (const lab of labs) {
    for (const which of order)
      total[which] += await typeSolution(await makers[which]({ snapshot: startingSnapshot(lab) }), lab.solution);
  }
  if (round >= WARMUP) for (const which of order) perLine[which].push(total[which] / lines.length);
}
const [a, b] = [median(perLine.then), median(perLine.now)];
console.log(
  `${ROUNDS} rounds (after ${WARMUP} warm-up) of ${lines.length} lines from ${labs.length} reference solutions, ${REV} (then) against the working tree (now)`,
);
console.log(
  `median per line: then ${a.toFixed(3)} ms, now ${b.toFixed(3)} ms, ratio ${(b / a).toFixed(2)} (budget ${BUDGET}: ${b / a <= BUDGET ? 'within' : 'OVER'})`,
);
remove();
