/**
 * Random client frames for the fuzzer: well-formed messages of every kind with random contents, the same with
 * their bytes edited (flipped, cut, extended, lengths set to edge values), v3 batches of them, and plain noise.
 */
import { BinaryWriter } from 'spacetimedb';
import { encodeClientMessage } from '../../src/protocol/codec.js';
import type { ClientMessage } from '../../src/protocol/messages.js';
import { randomSql } from './generate-sql.js';
import type { SeededRandom } from '../seeded-random.js';

/**
 * Reducers the fuzzer may call. Left out: `seed_accounts` and `schedule_reminder`, whose random arguments may ask
 * the module itself for billions of rows or a reminder every microsecond: work the module was asked to do, not a
 * host fault.
 */
export const FUZZED_REDUCERS = [
  'add_score',
  'add_note',
  'open_account',
  'transfer',
  'close_account',
  'forget_note',
  'announce',
  'fail_after_write',
  'delete_scores_below',
  'insert_every_type',
  'on_connect',
  'init',
  'no_such_reducer',
  '',
];

function randomString(random: SeededRandom): string {
  return random.pick(['', 'chess', 'é😀', 'x'.repeat(random.int(0, 300)), String.fromCharCode(random.int(0, 0xffff))]);
}

function reducerArgs(random: SeededRandom): Uint8Array {
  if (random.chance(0.3)) return random.bytes(random.int(0, 24));
  // Often well-typed for add_score / add_note (strings, then an i32 and a u8), so reducers run and commit.
  const w = new BinaryWriter(64);
  w.writeString(randomString(random));
  if (random.chance(0.7)) {
    w.writeString(randomString(random));
    w.writeI32(random.int(-100, 100));
    w.writeU8(random.int(0, 3));
  }
  return w.getBuffer().slice();
}

/** Mostly 0, the only flags value 2.x defines; sometimes another, which closes the connection. */
function callFlags(random: SeededRandom): number {
  return random.chance(0.9) ? 0 : random.int(1, 255);
}

/** A well-formed client message with random contents. */
export function randomMessage(random: SeededRandom, querySetIds: number[]): ClientMessage {
  const requestId = random.int(0, 2 ** 32 - 1);
  const querySetId = { id: random.chance(0.8) ? random.pick(querySetIds) : random.int(0, 2 ** 32 - 1) };
  switch (random.int(0, 5)) {
    case 0:
    case 1: {
      const queryStrings = Array.from({ length: random.pick([0, 1, 1, 1, 2, 5]) }, () => randomSql(random));
      return { tag: 'Subscribe', value: { requestId, querySetId, queryStrings } };
    }
    case 2:
      return {
        tag: 'Unsubscribe',
        value: { requestId, querySetId, flags: { tag: random.pick(['Default', 'SendDroppedRows'] as const) } },
      };
    case 3:
      return { tag: 'OneOffQuery', value: { requestId, queryString: randomSql(random) } };
    case 4:
      return {
        tag: 'CallReducer',
        value: {
          requestId,
          flags: callFlags(random),
          reducer: random.pick(FUZZED_REDUCERS),
          args: reducerArgs(random),
        },
      };
    default:
      return {
        tag: 'CallProcedure',
        value: {
          requestId,
          flags: callFlags(random),
          procedure: randomString(random),
          args: random.bytes(random.int(0, 8)),
        },
      };
  }
}

/** Edits a valid encoding: flips, cuts, extends, or overwrites a 4-byte run with an edge length. */
function mutate(random: SeededRandom, bytes: Uint8Array): Uint8Array {
  let out = bytes.slice();
  for (let edits = random.int(1, 3); edits > 0; edits--) {
    const at = random.int(0, Math.max(0, out.length - 1));
    switch (random.int(0, 4)) {
      case 0:
        if (out.length > 0) out[at] = random.int(0, 255);
        break;
      case 1:
        out = out.slice(0, random.int(0, out.length));
        break;
      case 2:
        out = new Uint8Array([...out, ...random.bytes(random.int(1, 8))]);
        break;
      case 3:
        if (out.length > 0) out[0] = random.int(5, 255);
        break;
      default:
        if (out.length >= at + 4) new DataView(out.buffer).setUint32(at, random.length(), true);
    }
  }
  return out;
}

/** One frame to send: valid, edited, a v3-style batch, or noise. */
export function randomFrame(random: SeededRandom, querySetIds: number[]): Uint8Array {
  const kind = random.int(0, 9);
  if (kind <= 3) return encodeClientMessage(randomMessage(random, querySetIds));
  if (kind <= 6) return mutate(random, encodeClientMessage(randomMessage(random, querySetIds)));
  if (kind <= 8) {
    const parts = Array.from({ length: random.int(1, 4) }, () => {
      const bytes = encodeClientMessage(randomMessage(random, querySetIds));
      return random.chance(0.3) ? mutate(random, bytes) : bytes;
    });
    return new Uint8Array(parts.flatMap((p) => [...p]));
  }
  return random.bytes(random.int(0, 64));
}
