/**
 * What the host writes to a client's socket while handling one event leaves in one system call, in order: answers
 * before the event loop moves on, updates to watchers a batch of sockets per turn. A real Node stream records the
 * calls its writes arrive in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { holdWrites, WATCHERS_PER_TURN } from '../../src/server/turn-writes.js';

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
    holdWrites(stream, 'answer');
    stream.write(text);
  }
  assert.deepEqual(calls, [], 'nothing is written while the task still runs');
  await taskEnd();
  assert.deepEqual(calls, [['one', 'two', 'three']]);
});

test('each task is held on its own and other streams are not mixed in', async () => {
  const a = recordingStream();
  const b = recordingStream();
  holdWrites(a.stream, 'answer');
  a.stream.write('a1');
  holdWrites(b.stream, 'answer');
  b.stream.write('b1');
  await taskEnd();
  holdWrites(a.stream, 'answer');
  a.stream.write('a2');
  a.stream.write('a3');
  await taskEnd();
  assert.deepEqual(a.calls, [['a1'], ['a2', 'a3']]);
  assert.deepEqual(b.calls, [['b1']]);
});

test('a stream destroyed while held is released without an error', async () => {
  const { stream, calls } = recordingStream();
  holdWrites(stream, 'answer');
  stream.write('lost');
  stream.destroy();
  await taskEnd();
  assert.deepEqual(calls, []);
});

test("watchers' updates leave on a later turn than answers, each socket's in one call and in order", async () => {
  const caller = recordingStream();
  const watcher = recordingStream();
  holdWrites(watcher.stream, 'update');
  watcher.stream.write('u1');
  holdWrites(caller.stream, 'answer');
  caller.stream.write('result');
  holdWrites(watcher.stream, 'update');
  watcher.stream.write('u2');
  await taskEnd();
  assert.deepEqual(caller.calls, [['result']], 'the answer leaves when the task ends');
  assert.deepEqual(watcher.calls, [], 'the update waits for its turn');
  await nextTurn();
  assert.deepEqual(watcher.calls, [['u1', 'u2']]);
});

test('an answer to a socket with updates waiting takes them along, ahead of it', async () => {
  const { stream, calls } = recordingStream();
  holdWrites(stream, 'update');
  stream.write('update');
  holdWrites(stream, 'answer');
  stream.write('answer');
  await taskEnd();
  assert.deepEqual(calls, [['update', 'answer']]);
  await nextTurn();
  assert.deepEqual(calls, [['update', 'answer']], 'nothing is written twice');
});

test(`updates to many sockets leave ${WATCHERS_PER_TURN} sockets per turn, and a socket still waiting gathers the next ones`, async () => {
  const watchers = Array.from({ length: WATCHERS_PER_TURN * 2 + 1 }, () => recordingStream());
  for (const { stream } of watchers) {
    holdWrites(stream, 'update');
    stream.write('first');
  }
  const written = () => watchers.filter((w) => w.calls.length > 0).length;
  await nextTurn();
  assert.equal(written(), WATCHERS_PER_TURN);
  // A second broadcast before the rest had their turn.
  for (const { stream } of watchers) {
    holdWrites(stream, 'update');
    stream.write('second');
  }
  await nextTurn();
  await nextTurn();
  await nextTurn();
  assert.equal(written(), watchers.length);
  assert.deepEqual(watchers[0]!.calls, [['first'], ['second']], 'a socket already written gets the next update later');
  assert.deepEqual(watchers.at(-1)!.calls, [['first', 'second']], 'a socket still waiting sends both in one call');
});
