/**
 * What `complete_lab` and `send_message` cost with 1,000 and with 100,000 registered learners, in one run: two
 * databases in our host's engine (the same bundle `spacetime publish` uploads), called directly and interleaved
 * call by call so that machine load and garbage collection fall on both alike. The figure is the module's own
 * work: checks, XP, leaderboard counts, streak, achievements, rate limit. The verdict is the ratio of the two
 * medians (target < 1.5): a stored rank or a table scan would show up as a ratio near 100 (a btree that removed
 * equal keys linearly showed 123 here before the engine fixed it).
 *
 *   node --import tsx bench/module/scale.ts [--samples 400]
 */
import { performance } from 'node:perf_hooks';
import { loadModule, type Caller, type Engine } from '@lta/host/engine';
import { startingFiles } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { createShell } from '@lta/shell';
import { median } from '../statistics.js';

const samplesArg = process.argv.indexOf('--samples');
const SAMPLES = samplesArg > 0 ? Number(process.argv[samplesArg + 1]) : 400;
const SMALL = 1_000;
const LARGE = 100_000;

/** BSATN of a product of strings: each a u32 little-endian length, then UTF-8 bytes. */
function strings(...values: string[]): Uint8Array {
  const parts = values.map((value) => Buffer.from(value, 'utf8'));
  const out = Buffer.alloc(parts.reduce((sum, part) => sum + 4 + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.writeUInt32LE(part.length, offset);
    part.copy(out, offset + 4);
    offset += 4 + part.length;
  }
  return out;
}

let clock = BigInt(Date.UTC(2026, 0, 5)) * 1000n;
function caller(learner: number): Caller {
  clock += 1000n;
  return { sender: (0xc200n << 240n) + BigInt(learner), connectionId: 0n, timestamp: clock };
}

function call(engine: Engine, reducer: string, args: Uint8Array, learner: number): number {
  const started = performance.now();
  const outcome = engine.callReducer(reducer, args, caller(learner));
  const elapsed = performance.now() - started;
  if (outcome.status !== 'committed') throw new Error(`${reducer} for learner ${learner}: ${outcome.message}`);
  return elapsed;
}

const lab = CURRICULUM[0]!.labs[0]!;
const shell = await createShell({ files: startingFiles(lab), env: lab.env });
for (const command of lab.solution) await shell.run(command);
const passing = JSON.stringify(shell.snapshot());

/** A database with `learners` registered learners. */
async function academyWith(learners: number): Promise<Engine> {
  const engine = await loadModule({ moduleDir: 'module', databaseName: `bench-${learners}`, log: () => {} });
  engine.callLifecycle('init', caller(0));
  for (let learner = 0; learner < learners; learner++) {
    call(engine, 'register_user', strings(`learner${learner}`, '', 'Europe/Paris'), learner);
  }
  return engine;
}

/** Time one completion and one message by a learner who has not completed the lab yet. */
function sample(engine: Engine, learner: number): { completeLab: number; sendMessage: number } {
  call(engine, 'start_lab', strings(lab.id), learner);
  const completeLab = call(engine, 'complete_lab', strings(lab.id, passing), learner);
  const sendMessage = call(engine, 'send_message', strings('global', `hello from learner${learner}`), learner);
  return { completeLab, sendMessage };
}

const setupStarted = performance.now();
const small = await academyWith(SMALL);
const large = await academyWith(LARGE);
const setupSeconds = (performance.now() - setupStarted) / 1000;

// Warm-up on learners not measured below, then interleave the two databases call by call (alternating which
// goes first) so that load from other processes and garbage collection fall on both alike.
for (let i = 0; i < 100; i++) {
  sample(small, i);
  sample(large, i);
}
const figures = {
  small: { completeLab: [] as number[], sendMessage: [] as number[] },
  large: { completeLab: [] as number[], sendMessage: [] as number[] },
};
for (let i = 0; i < SAMPLES; i++) {
  const order = i % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
  for (const size of order) {
    const learner = size === 'small' ? 100 + i : LARGE - SAMPLES + i;
    const { completeLab, sendMessage } = sample(size === 'small' ? small : large, learner);
    figures[size].completeLab.push(completeLab);
    figures[size].sendMessage.push(sendMessage);
  }
}

console.log(
  `samples per figure: ${SAMPLES} (median ms per call); setup of both databases ${setupSeconds.toFixed(1)} s`,
);
let worst = 0;
for (const reducer of ['completeLab', 'sendMessage'] as const) {
  const a = median(figures.small[reducer]);
  const b = median(figures.large[reducer]);
  worst = Math.max(worst, b / a);
  const name = reducer === 'completeLab' ? 'complete_lab' : 'send_message';
  console.log(
    `${name.padEnd(13)} ${SMALL} learners: ${a.toFixed(3)} ms  ${LARGE} learners: ${b.toFixed(3)} ms  ratio ${(b / a).toFixed(2)}`,
  );
}
console.log(
  worst < 1.5 ? `PASS: worst ratio ${worst.toFixed(2)} < 1.5` : `FAIL: worst ratio ${worst.toFixed(2)} >= 1.5`,
);
process.exitCode = worst < 1.5 ? 0 : 1;
