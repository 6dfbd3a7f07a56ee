/**
 * A channel with a long history, written through the module's own reducers in our host's engine with a simulated
 * clock: learners take turns so no rate limit refuses a message, and the history is as old as `endsAt` says, so
 * real clients connecting later find every allowance refilled.
 */
import { BinaryWriter } from 'spacetimedb';
import type { Caller, Engine } from '@lta/host/engine';

/** Learners taking turns: each sends one message every `WRITERS` x 20 s, under 5 in 10 s and 60 an hour. */
const WRITERS = 10;
const GAP = 20_000_000n;

function call(engine: Engine, reducer: string, caller: Caller, ...values: string[]): void {
  const writer = new BinaryWriter(256);
  for (const value of values) writer.writeString(value);
  const outcome = engine.callReducer(reducer, writer.getBuffer(), caller);
  if (outcome.status !== 'committed') throw new Error(`${reducer}: ${outcome.message}`);
}

/**
 * Writes `count` messages `m1`…`m<count>` (with `prefix`) into `channel`, the last one at `endsAt` (microseconds
 * since the epoch), from 10 new learners `<prefix>writer0`…
 */
export function writeBusyChannel(
  engine: Engine,
  channel: string,
  count: number,
  endsAt: bigint,
  prefix = 'busy',
): void {
  const start = endsAt - BigInt(count) * GAP;
  // Each prefix has its own learners, so two histories never share a rate limit.
  const base =
    (0xc4a7n << 240n) + BigInt([...prefix].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) >>> 0, 7)) * 1000n;
  const caller = (n: number, at: bigint): Caller => ({ sender: base + BigInt(n), connectionId: 0n, timestamp: at });
  for (let n = 0; n < WRITERS; n++)
    call(engine, 'register_user', caller(n, start - 1_000_000n), `${prefix}writer${n}`, '', 'UTC');
  for (let i = 1; i <= count; i++)
    call(engine, 'send_message', caller(i % WRITERS, start + BigInt(i) * GAP), channel, `${prefix} m${i}`);
}
