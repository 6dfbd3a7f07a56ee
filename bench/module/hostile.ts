/**
 * A hostile client against the module's write limits: for each write a learner can make, one identity and then
 * 50 fresh identities call it for one simulated hour (50 calls a second each for the first 10 s, then faster
 * than any allowance refills), in our host's engine (the bundle
 * `spacetime publish` uploads) with a simulated clock, so the figures are the module's rules and not this
 * machine's speed. It reports, per write, the writes that changed something in the first 10 s (the burst) and in
 * the hour, as a ratio to the calls offered in the same run, and how many bytes one learner makes the commit log
 * (the data directory) grow in an hour. Saves use ~240 KiB incompressible lab states, the worst a learner can send.
 *
 *   node --import tsx bench/module/hostile.ts
 */
import { randomBytes } from 'node:crypto';
import { BinaryWriter } from 'spacetimedb';
import { loadModule, type Caller, type Engine } from '@lta/host/engine';
import { encodeLabState, startingFiles } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { nativeDeflateRaw } from '../../src/components/terminal/lab-state-codec.js';
import { createShell } from '@lta/shell';

const HOUR = 3_600_000_000n;
const SECOND = 1_000_000n;
const FRESH = 50;
const FIRST_LAB = CURRICULUM[0]!.labs[0]!;
const OTHER_LAB = CURRICULUM[0]!.labs[1]!;

type Arg = string | bigint | boolean;

/** BSATN of a reducer's arguments: strings, u64 and bool, in order. */
function args(...values: Arg[]): Uint8Array {
  const writer = new BinaryWriter(256);
  for (const value of values) {
    if (typeof value === 'string') writer.writeString(value);
    else if (typeof value === 'bigint') writer.writeU64(value);
    else writer.writeBool(value);
  }
  return writer.getBuffer();
}

/** Usernames from letters no look-alike rule folds, so every one is distinct and none is reserved. */
function username(n: number): string {
  const letters = 'abefghjkpqstuxyz';
  let name = '';
  for (let i = 0; i < 4; i++, n = Math.floor(n / letters.length)) name += letters[n % letters.length];
  return `q${name}`;
}

let clock = BigInt(Date.UTC(2026, 0, 5)) * 1000n;
const identityOf = (n: number) => (0xbad0n << 240n) + BigInt(n);
const callerOf = (n: number, at = clock): Caller => ({
  sender: identityOf(n),
  connectionId: BigInt(n) + 1n,
  timestamp: at,
});

const engine: Engine = await loadModule({ moduleDir: 'module', databaseName: 'hostile', log: () => {} });
engine.callLifecycle('init', callerOf(0));

/** Call a reducer; returns the bytes it committed (0 when refused or when it changed nothing). */
function call(n: number, reducer: string, values: Arg[], at = clock): number {
  const outcome = engine.callReducer(reducer, args(...values), callerOf(n, at));
  if (outcome.status !== 'committed') return 0;
  let bytes = 0;
  for (const change of outcome.changes) for (const row of [...change.inserts, ...change.deletes]) bytes += row.length;
  return bytes;
}

function must(n: number, reducer: string, ...values: Arg[]): void {
  const outcome = engine.callReducer(reducer, args(...values), callerOf(n));
  if (outcome.status !== 'committed') throw new Error(`setup: ${reducer} for ${username(n)}: ${outcome.message}`);
}

let nextLearner = 1;
/** Register `count` fresh learners (connected, no lab completed); setup time passes so no setup limit bites. */
function freshLearners(count: number): number[] {
  const learners = [];
  for (let i = 0; i < count; i++) {
    const n = nextLearner++;
    engine.callLifecycle('clientConnected', callerOf(n));
    must(n, 'register_user', username(n), '', 'UTC');
    learners.push(n);
  }
  return learners;
}

async function stateAfter(commands: string[]): Promise<string> {
  const shell = await createShell({ files: startingFiles(FIRST_LAB), env: FIRST_LAB.env });
  for (const command of commands) await shell.run(command);
  return encodeLabState(shell.snapshot(), startingFiles(FIRST_LAB), nativeDeflateRaw);
}
const bulkyState = await stateAfter([`echo ${randomBytes(120 * 768).toString('base64')} > bulk.txt`]);
const passing = await stateAfter(FIRST_LAB.solution);

// Messages for reports: posted by learners who completed a lab, an hour apart so chat limits never bite.
const posters = freshLearners(20);
for (const n of posters) {
  must(n, 'start_lab', FIRST_LAB.id);
  must(n, 'complete_lab', FIRST_LAB.id, passing);
}
const target = username(posters[0]!);
for (let round = 0; round < 10; round++) {
  clock += HOUR;
  for (const n of posters) must(n, 'send_message', 'global', `message ${round} from ${username(n)}`);
}
/** The channel messages as the SDK would see them. */
function messages(): { id: bigint; sender: { __identity__: bigint } }[] {
  const table = engine.table('channel_message');
  return [...table.rows()].map((row) => table.decodeRow(row.bytes) as { id: bigint; sender: { __identity__: bigint } });
}
const reportable = messages().map((row) => row.id);

/** One write a learner can make: its setup for a learner, and its i-th call. */
interface Write {
  name: string;
  setup?(n: number): void;
  call(n: number, i: number, at: bigint): number;
  /** Simulated ms between 50 identities' calls, in the burst and after (default 500 and 10,000). */
  crowdPace?: [number, number];
}

const ownMessage = new Map<number, bigint>();
const WRITES: Write[] = [
  { name: 'send_message', call: (n, i, at) => call(n, 'send_message', ['global', `flood ${i}`], at) },
  {
    name: 'edit_message',
    setup: (n) => {
      must(n, 'send_message', 'global', `to edit by ${username(n)}`);
      ownMessage.set(n, messages().find((row) => row.sender.__identity__ === identityOf(n))!.id);
    },
    call: (n, i, at) => call(n, 'edit_message', [ownMessage.get(n)!, `edit ${i}`], at),
  },
  {
    name: 'report_message',
    call: (n, i, at) => call(n, 'report_message', [reportable[i % reportable.length]!, false, 'spam'], at),
  },
  { name: 'heartbeat (unchanged)', call: (n, _i, at) => call(n, 'heartbeat', ['', false], at) },
  { name: 'heartbeat (status flips)', call: (n, i, at) => call(n, 'heartbeat', ['', i % 2 === 0], at) },
  {
    name: 'block/unblock',
    call: (n, i, at) => call(n, i % 2 === 0 ? 'block_learner' : 'unblock_learner', [target], at),
  },
  { name: 'update_profile', call: (n, i, at) => call(n, 'update_profile', [`${username(n)} ${'ab'[i % 2]}`, ''], at) },
  {
    name: 'start_lab/delete_lab_state',
    call: (n, i, at) => call(n, i % 2 === 0 ? 'start_lab' : 'delete_lab_state', [OTHER_LAB.id], at),
  },
  {
    name: 'use_hint',
    setup: (n) => must(n, 'start_lab', FIRST_LAB.id),
    call: (n, _i, at) => call(n, 'use_hint', [FIRST_LAB.id], at),
  },
  {
    name: 'reset_lab',
    setup: (n) => must(n, 'start_lab', FIRST_LAB.id),
    call: (n, _i, at) => call(n, 'reset_lab', [FIRST_LAB.id], at),
  },
  {
    name: 'save_lab_state (small)',
    setup: (n) => must(n, 'start_lab', FIRST_LAB.id),
    call: (n, _i, at) => call(n, 'save_lab_state', [FIRST_LAB.id, passing], at),
  },
  {
    name: 'save_lab_state (240 KiB)',
    setup: (n) => must(n, 'start_lab', FIRST_LAB.id),
    call: (n, _i, at) => call(n, 'save_lab_state', [FIRST_LAB.id, bulkyState], at),
    // Each call carries 240 KiB: offered slower, still above the 8 MiB an hour (34 saves) a learner may save.
    crowdPace: [2_000, 60_000],
  },
];

interface Figures {
  offered: number;
  burst: number;
  hour: number;
  bytes: number;
}

/**
 * `learners` call `write` every `burstMs` of simulated time for 10 s, then every `stepMs` to the end of the hour
 * (offered faster than any allowance refills, so what passes is the most a limit lets through).
 */
function flood(write: Write, learners: number[], burstMs: number, stepMs: number): Figures {
  clock += 24n * HOUR;
  for (const n of learners) {
    clock += 60n * SECOND; // setups a minute apart: the shared newcomers' chat allowance refills
    write.setup?.(n);
  }
  clock += HOUR;
  const start = clock;
  const figures = { offered: 0, burst: 0, hour: 0, bytes: 0 };
  for (let i = 0, at = start; at < start + HOUR; i++) {
    const inBurst = at < start + 10n * SECOND;
    for (const n of learners) {
      const bytes = write.call(n, i, at);
      figures.offered++;
      if (bytes === 0) continue;
      figures.hour++;
      figures.bytes += bytes;
      if (inBurst) figures.burst++;
    }
    at += BigInt(inBurst ? burstMs : stepMs) * 1000n;
  }
  clock = start + HOUR;
  return figures;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
console.log(
  'write                      | 1 identity: first 10 s, per hour (of offered)  | 50 fresh identities: first 10 s, per hour (of offered)',
);
let growth = 0;
for (const write of WRITES) {
  const one = flood(write, freshLearners(1), 20, 2_000);
  const many = flood(write, freshLearners(FRESH), ...(write.crowdPace ?? [500, 10_000]));
  growth += one.bytes;
  const cell = (f: Figures) =>
    `${String(f.burst).padStart(5)}, ${String(f.hour).padStart(5)} (${(f.hour / f.offered).toFixed(4)} of ${f.offered})`;
  console.log(
    `${write.name.padEnd(26)} | ${cell(one).padEnd(46)} | ${cell(many)}   [1 identity: ${mib(one.bytes)} MiB/h]`,
  );
}
console.log(
  `data-dir growth one learner can cause through all these writes at once: ${mib(growth)} MiB per hour (commit log bytes)`,
);
