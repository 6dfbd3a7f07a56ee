/**
 * What a class's views cost as the academy around the class grows: one class of 30 (an instructor, 29 learners who
 * started, hinted and half completed the first lab, and chatted) in an academy of 1,000 and of 20,000 registered
 * learners, in one run: two databases in our host's engine (the bundle `spacetime publish` uploads), each view
 * evaluated for a class member as a subscription would, interleaved sample by sample. The verdict is the ratio of
 * the medians (target < 1.5): a view that scanned the academy instead of the class would grow with it 20-fold.
 *
 *   node --import tsx bench/module/cohort-views.ts [--samples 300] [--large 20000]
 */
import { performance } from 'node:perf_hooks';
import { BinaryWriter } from 'spacetimedb';
import { loadModule, type Caller, type Engine } from '@lta/host/engine';
import { startingFiles } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { createShell } from '@lta/shell';
import { median } from '../statistics.js';

const option = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const SAMPLES = option('--samples', 300);
const SMALL = 1_000;
const LARGE = option('--large', 20_000);
const CLASS_SIZE = 30;
const ISSUER = 'https://bench.lta.test';
const VIEWS = [
  'class_progress',
  'cohort_leaderboard',
  'cohort_presence',
  'my_cohort_messages',
  'my_cohort_members',
] as const;

const lab = CURRICULUM[0]!.labs[0]!;
const shell = await createShell({ files: startingFiles(lab), env: lab.env });
for (const command of lab.solution) await shell.run(command);
const solved = JSON.stringify(shell.snapshot());

let clock = BigInt(Date.UTC(2026, 0, 5)) * 1000n;
const identity = (n: number) => (0xc200n << 240n) + BigInt(n);
/** Learner `n` on their own connection, a second later than the last call (so no allowance runs out). */
const as = (n: number): Caller => ({
  sender: identity(n),
  connectionId: BigInt(n) + 1n,
  timestamp: (clock += 1_000_000n),
});

function must(engine: Engine, n: number, reducer: string, ...values: string[]): void {
  const writer = new BinaryWriter(1024);
  for (const value of values) writer.writeString(value);
  const outcome = engine.callReducer(reducer, writer.getBuffer(), as(n));
  if (outcome.status !== 'committed') throw new Error(`${reducer} for learner ${n}: ${outcome.message}`);
}

/** An academy of `size` learners, the first 30 after the owner in one class launched from an LMS. */
async function academyWith(size: number): Promise<Engine> {
  const engine = await loadModule({ moduleDir: 'module', databaseName: `bench-cohort-${size}`, log: () => {} });
  engine.callLifecycle('init', as(0));
  for (let n = 0; n < size; n++) must(engine, n, 'register_user', `learner${n}`, '', 'UTC');
  must(engine, 0, 'set_academy_setting', 'cohort_issuer', ISSUER);
  for (let n = 1; n <= CLASS_SIZE; n++) {
    const role = n === 1 ? 'instructor' : 'learner';
    const claims = {
      iss: ISSUER,
      sub: `lms-user-${n}`,
      aud: ['spacetimedb'],
      lta_cohort: 'lti:bench-class',
      lta_cohort_title: 'Bench 101',
      lta_cohort_role: role,
    };
    engine.setConnectionJwt(BigInt(n) + 1n, JSON.stringify(claims));
    engine.callLifecycle('clientConnected', as(n));
    must(engine, n, 'join_launch_cohort');
    if (n === 1) continue;
    must(engine, n, 'start_lab', lab.id);
    must(engine, n, 'use_hint', lab.id);
    if (n % 2 === 0) must(engine, n, 'complete_lab', lab.id, solved);
    must(engine, n, 'send_cohort_message', 'lti:bench-class', `hello from learner${n}`);
  }
  return engine;
}

/** Milliseconds to evaluate `view` for learner `n`; checks it returns rows. */
function evaluate(engine: Engine, view: string, n: number): number {
  const started = performance.now();
  const result = engine.evaluateView(view, identity(n));
  const elapsed = performance.now() - started;
  if (result.rows.length === 0) throw new Error(`${view} returned no rows for learner ${n}`);
  return elapsed;
}

const setupStarted = performance.now();
const small = await academyWith(SMALL);
const large = await academyWith(LARGE);
const setupSeconds = (performance.now() - setupStarted) / 1000;

// The instructor reads the progress; a learner of the class reads the rest.
const reader = (view: string) => (view === 'class_progress' ? 1 : 2);
for (let i = 0; i < 50; i++)
  for (const view of VIEWS) for (const engine of [small, large]) evaluate(engine, view, reader(view));
const figures = new Map(VIEWS.map((view) => [view, { small: [] as number[], large: [] as number[] }]));
for (let i = 0; i < SAMPLES; i++) {
  for (const view of VIEWS) {
    const order = i % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
    for (const size of order)
      figures.get(view)![size].push(evaluate(size === 'small' ? small : large, view, reader(view)));
  }
}

console.log(
  `class of ${CLASS_SIZE}; samples per figure: ${SAMPLES} (median ms per evaluation); setup ${setupSeconds.toFixed(1)} s`,
);
let worst = 0;
for (const [view, { small: a, large: b }] of figures) {
  const ratio = median(b) / median(a);
  worst = Math.max(worst, ratio);
  console.log(
    `${view.padEnd(19)} ${SMALL} learners: ${median(a).toFixed(3)} ms  ${LARGE} learners: ${median(b).toFixed(3)} ms  ratio ${ratio.toFixed(2)}`,
  );
}
console.log(
  worst < 1.5 ? `PASS: worst ratio ${worst.toFixed(2)} < 1.5` : `FAIL: worst ratio ${worst.toFixed(2)} >= 1.5`,
);
process.exitCode = worst < 1.5 ? 0 : 1;
