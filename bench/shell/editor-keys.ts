/**
 * A keypress in an editor must show within one 16 ms frame: the time from a key to the next screen (the program's
 * `input` and `screen`, what the terminal then writes) in nano and vim on a 5,000-line file, as p50 and p90 and as
 * ratios to the shell running `true`, timed in the same interleaved rounds.
 *
 * Run: node --import tsx bench/shell/editor-keys.ts [ROUNDS]
 */
import { createShell, keysFromNotation, type FullScreenProgram } from '@lta/shell';
import { percentile } from '../statistics.js';

const ROUNDS = Number(process.argv[2]) || 200;
const WARMUP = 20;
const SIZE = { rows: 24, cols: 80 };
const text = Array.from({ length: 5000 }, (_, i) => `line ${i} of the config: key${i}=value${i}`).join('\n') + '\n';
const shell = await createShell({ files: { '/home/learner/big.conf': { type: 'file', mode: 0o644, content: text } } });

/** Opens `command` and hands back the running editor, left open for the rounds. */
async function open(command: string): Promise<FullScreenProgram> {
  return new Promise((resolve) => {
    void shell.run(command, { fullScreen: (program) => (resolve(program), new Promise(() => undefined)) });
  });
}

const nano = await open('nano big.conf');
const vim = await open('vim big.conf');
await vim.input('i');
const cases: [string, () => Promise<unknown>][] = [
  ['shell: true (baseline)', () => shell.run('true')],
  ['nano: type a character', () => nano.input('x').then(() => nano.screen(SIZE))],
  ['nano: Page Down', () => nano.input(keysFromNotation('<PageDown>')).then(() => nano.screen(SIZE))],
  ['vim insert: type a character', () => vim.input('x').then(() => vim.screen(SIZE))],
  ['vim insert: Enter', () => vim.input('\r').then(() => vim.screen(SIZE))],
];
const samples = cases.map((): number[] => []);
for (let round = 0; round < WARMUP + ROUNDS; round++) {
  for (const [i, [, run]] of cases.entries()) {
    const start = performance.now();
    await run();
    if (round >= WARMUP) samples[i]!.push(performance.now() - start);
  }
}
for (const list of samples) list.sort((a, b) => a - b);
const base = percentile(samples[0]!, 0.5);
console.log(`${ROUNDS} interleaved rounds (after ${WARMUP} warm-up), a 5,000-line file, 80x24 screen`);
console.log(`${'case'.padEnd(32)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p50/true'.padStart(9)}`);
for (const [i, [name]] of cases.entries()) {
  const [p50, p90] = [percentile(samples[i]!, 0.5), percentile(samples[i]!, 0.9)];
  console.log(
    `${name.padEnd(32)} ${p50.toFixed(3).padStart(8)} ${p90.toFixed(3).padStart(8)} ${(p50 / base).toFixed(2).padStart(8)}x`,
  );
}
process.exit(0);
