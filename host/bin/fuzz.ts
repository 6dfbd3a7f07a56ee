#!/usr/bin/env -S node --import tsx
/**
 * A long fuzzing run against a fresh host: `node --import tsx host/bin/fuzz.ts [--seed 1] [--inputs 5000]`.
 * Exits 0 when every input was answered and the control client was served throughout; otherwise prints the
 * seed, the input and what went wrong (add that input to host/test/fuzz/regressions.test.ts) and exits 1.
 */
import { parseArgs } from 'node:util';
import { fuzzHost } from '../test/fuzz/fuzz-host.js';

const USAGE = 'usage: fuzz [--seed <integer>] [--inputs <count>]';

function integer(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got "${text}"\n${USAGE}`);
    process.exit(2);
  }
  return value;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      inputs: { type: 'string', default: '5000' },
    },
  }));
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const seed = integer('seed', values.seed);
const inputs = integer('inputs', values.inputs);
let current = 'before the first input';
// A crash is the worst finding: say which input caused it before the process ends.
process.on('uncaughtException', (err) => {
  console.error(`fuzz: seed ${seed}: the host crashed at ${current}\n${err.stack ?? String(err)}`);
  process.exit(1);
});
console.log(`fuzz: seed ${seed}, ${inputs} inputs`);
const started = Date.now();
const report = await fuzzHost({
  seed,
  inputs,
  onInput: (index, description) => {
    current = `input ${index}: ${description.length > 5000 ? `${description.slice(0, 5000)}...` : description}`;
    if (index > 0 && index % 500 === 0) console.log(`fuzz: ${index} inputs sent`);
  },
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (report.failure) {
  console.error(
    `fuzz: seed ${seed}: input ${report.failure.input} failed: ${report.failure.problem}\n  ${report.failure.description}`,
  );
  process.exit(1);
}
console.log(
  `fuzz: seed ${seed}: ${inputs} inputs (${report.sent.frame} frames, ${report.sent.sql} queries, ${report.sent.http} HTTP) all answered in ${seconds} s`,
);
process.exit(0);
