/**
 * What `complete_lab` and `send_message` cost with 1,000 and with 100,000 registered learners, in one run.
 * The module runs in our host's engine (the same bundle `spacetime publish` uploads) and each reducer is called
 * directly, so the figure is the module's own work: checks, XP, leaderboard counts, streak, achievements, rate
 * limit. The verdict is the ratio of the two medians (target < 1.5): a stored rank or a table scan would show up
 * as a ratio near 100.
 *
 *   node --import tsx bench/module/scale.ts [--samples 400]
 */
import { performance } from 'node:perf_hooks';
import { loadModule, type Caller, type Engine } from '../../host/src/engine/index.js';
import { CURRICULUM, startingFiles } from '../../labs/src/index.js';
import { createShell } from '../../src/shell/index.js';

const samplesArg = process.argv.indexOf('--samples');
const SAMPLES = samplesArg > 0 ? Number(process.argv[samplesArg + 1]) : 400;
const SMALL = 1_000;
const LARGE = 100_000;

/** BSATN of a product of strings: each a u32 little-endian length, then UTF-8 bytes. */
function strings(...values: string[]): Uint8Array {
  const parts = values.map(value => Buffer.from(value, 'utf8'));
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const lab = CURRICULUM[0]!.labs[0]!;
const shell = await createShell({ files: startingFiles(lab), env: lab.env });
for (const command of lab.solution) await shell.run(command);
const passing = JSON.stringify(shell.snapshot());

const engine = await loadModule({ moduleDir: 'module', databaseName: 'bench', log: () => {} });
engine.callLifecycle('init', caller(0));
let registered = 0;
function registerUpTo(count: number): void {
  for (; registered < count; registered++) {
    call(engine, 'register_user', strings(`learner${registered}`, '', 'Europe/Paris'), registered);
  }
}

/** Median cost of each measured reducer over `SAMPLES` learners who have not completed the lab yet. */
function measure(firstLearner: number): { completeLab: number; sendMessage: number } {
  const complete: number[] = [];
  const send: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const learner = firstLearner + i;
    call(engine, 'start_lab', strings(lab.id), learner);
    complete.push(call(engine, 'complete_lab', strings(lab.id, passing), learner));
    send.push(call(engine, 'send_message', strings('global', `hello from u${learner}`), learner));
  }
  return { completeLab: median(complete), sendMessage: median(send) };
}

registerUpTo(SMALL);
measure(0); // warm-up: JIT and caches, on learners not reused below
const small = measure(SAMPLES);
const growStarted = performance.now();
registerUpTo(LARGE);
const growSeconds = (performance.now() - growStarted) / 1000;
const large = measure(LARGE - SAMPLES);

const ratio = (a: number, b: number) => (b / a).toFixed(2);
console.log(`samples per figure: ${SAMPLES} (median ms per call)`);
console.log(`registered ${LARGE - SMALL} more learners in ${growSeconds.toFixed(1)} s`);
console.log(`complete_lab  ${SMALL} learners: ${small.completeLab.toFixed(3)} ms  ${LARGE} learners: ${large.completeLab.toFixed(3)} ms  ratio ${ratio(small.completeLab, large.completeLab)}`);
console.log(`send_message  ${SMALL} learners: ${small.sendMessage.toFixed(3)} ms  ${LARGE} learners: ${large.sendMessage.toFixed(3)} ms  ratio ${ratio(small.sendMessage, large.sendMessage)}`);
const worst = Math.max(large.completeLab / small.completeLab, large.sendMessage / small.sendMessage);
console.log(worst < 1.5 ? `PASS: worst ratio ${worst.toFixed(2)} < 1.5` : `FAIL: worst ratio ${worst.toFixed(2)} >= 1.5`);
process.exitCode = worst < 1.5 ? 0 : 1;
