/**
 * What the strict client-frame decoder costs: CPU nanoseconds per frame for a busy client's mix (80% CallReducer
 * `transfer`, then Subscribe, OneOffQuery, Unsubscribe), decoded by the host's strict decoder and, as the baseline
 * in the same run (fastest of 15 interleaved rounds each), by the lenient path the host used before (a hand-read lone CallReducer, else the SDK's own
 * `ClientMessage.deserialize`, which checks no tag or trailing byte). Target: ratio <= 1.1.
 *
 *   node --import tsx bench/host/decode-frames.ts [--frames 200000]
 */
import { BinaryReader } from 'spacetimedb';
import { decodeClientFrame, encodeClientMessage, V2_PROTOCOL, ClientMessage } from '@lta/host/protocol';
import { callReducer, transferArgs } from './support.js';

const framesArg = process.argv.indexOf('--frames');
const FRAMES = framesArg > 0 ? Number(process.argv[framesArg + 1]) : 200_000;
const ROUNDS = 15;

function mix(): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let i = 0; i < 1000; i++) {
    const kind = i % 20;
    if (kind < 16) frames.push(callReducer(i, 'transfer', transferArgs(i, i + 1, 5n)));
    else if (kind < 18)
      frames.push(
        encodeClientMessage({
          tag: 'Subscribe',
          value: {
            requestId: i,
            querySetId: { id: i },
            queryStrings: ['SELECT * FROM account WHERE id = 1', "SELECT * FROM score WHERE game = 'chess'"],
          },
        }),
      );
    else if (kind < 19)
      frames.push(
        encodeClientMessage({ tag: 'OneOffQuery', value: { requestId: i, queryString: 'SELECT * FROM account' } }),
      );
    else
      frames.push(
        encodeClientMessage({
          tag: 'Unsubscribe',
          value: { requestId: i, querySetId: { id: i }, flags: { tag: 'Default' } },
        }),
      );
  }
  return frames;
}

const utf8 = new TextDecoder('utf-8');

/** The host's previous, lenient decoder (v2): a lone CallReducer read by hand, anything else by the SDK. */
function lenientDecode(frame: Uint8Array): ClientMessage {
  if (frame[0] === 3 && frame.length >= 14) {
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const nameLength = view.getUint32(6, true);
    const argsAt = 14 + nameLength;
    if (argsAt <= frame.length && argsAt + view.getUint32(10 + nameLength, true) === frame.length) {
      return {
        tag: 'CallReducer',
        value: {
          requestId: view.getUint32(1, true),
          flags: frame[5]!,
          reducer: utf8.decode(frame.subarray(10, 10 + nameLength)),
          args: new Uint8Array(frame.subarray(argsAt)),
        },
      };
    }
  }
  return ClientMessage.deserialize(new BinaryReader(frame));
}

/** CPU nanoseconds per frame, one round. */
function round(frames: Uint8Array[], decode: (frame: Uint8Array) => unknown): number {
  let sink = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < FRAMES; i++) sink += decode(frames[i % frames.length]!) ? 1 : 0;
  const used = process.cpuUsage(start);
  if (sink !== FRAMES) throw new Error('a frame did not decode');
  return ((used.user + used.system) * 1000) / FRAMES;
}

const frames = mix();
const strict = (frame: Uint8Array) => decodeClientFrame(frame, V2_PROTOCOL)[0];
// Interleaved rounds, so a busy neighbour on the machine slows both sides alike.
const strictTimes: number[] = [];
const lenientTimes: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  lenientTimes.push(round(frames, lenientDecode));
  strictTimes.push(round(frames, strict));
}
// The fastest round of each: the one a busy neighbour disturbed least.
const lenient = Math.min(...lenientTimes);
const strictNs = Math.min(...strictTimes);
console.log(`lenient (before): ${lenient.toFixed(0)} ns/frame CPU`);
console.log(`strict (now):     ${strictNs.toFixed(0)} ns/frame CPU`);
console.log(`ratio strict/lenient: ${(strictNs / lenient).toFixed(2)} (target <= 1.1)`);
