/**
 * What one event-loop turn writes to a client's socket leaves in one system call, in order; the next turn's
 * writes are held again. A real Node Writable records the calls its writes arrive in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { holdWritesUntilTurnEnds } from '../../src/server/turn-writes.js';

/** A stream whose every system call (a `_write` or `_writev`) is recorded as the chunks it carried. */
function recordingStream(): { stream: Duplex; calls: string[][] } {
  const calls: string[][] = [];
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map(({ chunk }) => (chunk as Buffer).toString()));
      done();
    },
  });
  return { stream, calls };
}

test('writes made in one turn leave together, in order, once the turn ends', async () => {
  const { stream, calls } = recordingStream();
  for (const text of ['one', 'two', 'three']) {
    holdWritesUntilTurnEnds(stream);
    stream.write(text);
  }
  assert.deepEqual(calls, [], 'nothing is written before the turn ends');
  await nextTurn();
  assert.deepEqual(calls, [['one', 'two', 'three']]);
});

test('each turn is held on its own and other streams are not mixed in', async () => {
  const a = recordingStream();
  const b = recordingStream();
  holdWritesUntilTurnEnds(a.stream);
  a.stream.write('a1');
  holdWritesUntilTurnEnds(b.stream);
  b.stream.write('b1');
  await nextTurn();
  holdWritesUntilTurnEnds(a.stream);
  a.stream.write('a2');
  a.stream.write('a3');
  await nextTurn();
  assert.deepEqual(a.calls, [['a1'], ['a2', 'a3']]);
  assert.deepEqual(b.calls, [['b1']]);
});

test('a stream destroyed while held is released without an error', async () => {
  const { stream, calls } = recordingStream();
  holdWritesUntilTurnEnds(stream);
  stream.write('lost');
  stream.destroy();
  await nextTurn();
  assert.deepEqual(calls, []);
});
