/**
 * What the host writes to a client's socket while handling one event leaves in one system call, in order, before
 * the event loop moves on; the next event's writes are held again. A real Node stream records the calls its writes
 * arrive in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { holdWritesUntilTaskEnds } from '../../src/server/turn-writes.js';

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

/** Lets the current task's synchronous work end (the held writes' release runs as a microtask). */
const taskEnd = () => new Promise<void>((done) => queueMicrotask(done));

test('writes made in one task leave together, in order, as soon as it ends', async () => {
  const { stream, calls } = recordingStream();
  for (const text of ['one', 'two', 'three']) {
    holdWritesUntilTaskEnds(stream);
    stream.write(text);
  }
  assert.deepEqual(calls, [], 'nothing is written while the task still runs');
  await taskEnd();
  assert.deepEqual(calls, [['one', 'two', 'three']]);
});

test('each task is held on its own and other streams are not mixed in', async () => {
  const a = recordingStream();
  const b = recordingStream();
  holdWritesUntilTaskEnds(a.stream);
  a.stream.write('a1');
  holdWritesUntilTaskEnds(b.stream);
  b.stream.write('b1');
  await taskEnd();
  holdWritesUntilTaskEnds(a.stream);
  a.stream.write('a2');
  a.stream.write('a3');
  await taskEnd();
  assert.deepEqual(a.calls, [['a1'], ['a2', 'a3']]);
  assert.deepEqual(b.calls, [['b1']]);
});

test('a stream destroyed while held is released without an error', async () => {
  const { stream, calls } = recordingStream();
  holdWritesUntilTaskEnds(stream);
  stream.write('lost');
  stream.destroy();
  await taskEnd();
  assert.deepEqual(calls, []);
});
