/**
 * Turns between clients' queues: round-robin order, at most 32 messages or 64 KiB or 1 ms a turn, pausing a full
 * queue; a round yields after its time, and each client's answers leave after its turn. Apart from the test of the time rule, turns have no time limit here, so a slow machine cannot change them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Duplex } from 'node:stream';
import {
  FairScheduler,
  IncomingQueue,
  MAX_BYTES_PER_TURN,
  MAX_MESSAGES_PER_TURN,
  MAX_TURN_MS,
} from '../../../src/server/limits/fair-scheduler.js';
import { holdWrites } from '../../../src/server/turn-writes.js';

/** Resolves once the scheduler has no more turns to run (each turn is one event-loop iteration). */
async function settle(queues: IncomingQueue<string>[]): Promise<void> {
  while (queues.some((q) => q.length > 0)) await new Promise((resolve) => setImmediate(resolve));
}

function queue(scheduler: FairScheduler, handled: string[], limit = 1000, events: string[] = []) {
  return new IncomingQueue<string>({
    handle: (m) => handled.push(m),
    limit,
    pause: () => events.push('pause'),
    resume: () => events.push('resume'),
    scheduler,
  });
}

test('a client with one message waits one turn (32 of the flood’s messages), not for the flooding client’s backlog', async () => {
  const scheduler = new FairScheduler({ maxTurnMs: Infinity });
  const handled: string[] = [];
  const flood = queue(scheduler, handled);
  const ordinary = queue(scheduler, handled);
  for (let i = 0; i < 100; i += 1) flood.push([`flood ${i}`]);
  ordinary.push(['ordinary']);
  await settle([flood, ordinary]);
  assert.equal(handled.length, 101);
  assert.equal(
    handled.indexOf('ordinary'),
    MAX_MESSAGES_PER_TURN,
    'handled in the first turn, after the flood’s first 32',
  );
  assert.deepEqual(
    handled.filter((m) => m !== 'ordinary'),
    Array.from({ length: 100 }, (_, i) => `flood ${i}`),
    'the flood keeps its order',
  );
});

test('a turn is at most 32 messages, or one 64 KiB read of big frames; a frame of many is split', async () => {
  const scheduler = new FairScheduler({ maxTurnMs: Infinity });
  const handled: string[] = [];
  const batch = queue(scheduler, handled);
  const big = queue(scheduler, handled);
  const other = queue(scheduler, handled);
  batch.push(Array.from({ length: 40 }, (_, i) => `b${i}`));
  for (let i = 0; i < 3; i += 1) big.push([`big${i}`], MAX_BYTES_PER_TURN / 2 + 1);
  other.push(['o1']);
  other.push(['o2']);
  await settle([batch, big, other]);
  const b = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `b${from + i}`);
  assert.deepEqual(handled, [
    ...b(0, 32),
    'big0',
    'o1',
    'o2', // turn 1: 32 of the batch, one big frame (two would pass 64 KiB), both small ones
    ...b(32, 40),
    'big1', // turn 2
    'big2', // turn 3
  ]);
});

test('a queue at its limit pauses the client and resumes it once half is handled; clear drops what waits', async () => {
  const scheduler = new FairScheduler({ maxTurnMs: Infinity });
  const handled: string[] = [];
  const events: string[] = [];
  const limited = queue(scheduler, handled, 4, events);
  for (let i = 0; i < 6; i += 1) limited.push([`m${i}`]);
  assert.deepEqual(events, ['pause']);
  assert.equal(limited.paused, true);
  await settle([limited]);
  assert.deepEqual(events, ['pause', 'resume']);
  assert.equal(handled.length, 6);

  limited.push(['late 1']);
  limited.push(['late 2']);
  limited.clear();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(limited.length, 0);
  assert.equal(handled.length, 6, 'nothing of a gone client is handled');
});

test('a message that takes longer than a turn (a Subscribe building a big answer) ends its client’s turn', async () => {
  const scheduler = new FairScheduler();
  const handled: string[] = [];
  const slow = new IncomingQueue<string>({
    handle: (m) => {
      const until = performance.now() + 2 * MAX_TURN_MS;
      while (performance.now() < until); // stands for building a big answer
      handled.push(m);
    },
    limit: 1000,
    pause: () => {},
    resume: () => {},
    scheduler,
  });
  const quick = queue(scheduler, handled);
  for (const m of ['s0', 's1', 's2']) slow.push([m]);
  quick.push(['q0']);
  quick.push(['q1']);
  await settle([slow, quick]);
  assert.deepEqual(handled, ['s0', 'q0', 'q1', 's1', 's2']);
});

test('a round that has taken its time yields to the event loop; the clients it did not reach go first next', async () => {
  const scheduler = new FairScheduler({ maxTurnMs: Infinity, maxRoundMs: 0 });
  const handled: string[] = [];
  const queues = ['a', 'b', 'c'].map((name) => {
    const q = queue(scheduler, handled);
    q.push([`${name}0`]);
    q.push([`${name}1`]);
    return q;
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(handled, ['a0', 'a1'], 'one turn, then the event loop');
  queues[0]!.push(['a2']);
  await settle(queues);
  assert.deepEqual(handled, ['a0', 'a1', 'b0', 'b1', 'c0', 'c1', 'a2']);
});

test("a client's answers leave at the end of its turn, before the next client's turn in the same round", async () => {
  const scheduler = new FairScheduler({ maxTurnMs: Infinity, maxRoundMs: Infinity });
  const written: string[] = [];
  const socket = (name: string) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        written.push(`${name} sent ${chunk.toString()}`);
        done();
      },
      writev(chunks, done) {
        written.push(`${name} sent ${chunks.map(({ chunk }) => (chunk as Buffer).toString()).join('+')}`);
        done();
      },
    });
  const clients = ['ana', 'ben'].map((name) => {
    const stream = socket(name);
    return new IncomingQueue<string>({
      handle: (call) => {
        written.push(`${name} handled ${call}`);
        holdWrites(stream, 'answer');
        stream.write(`result of ${call}`);
      },
      limit: 1000,
      pause: () => {},
      resume: () => {},
      scheduler,
    });
  });
  clients[0]!.push(['call 1']);
  clients[1]!.push(['call 2']);
  await settle(clients);
  await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
  assert.deepEqual(written, [
    'ana handled call 1',
    'ana sent result of call 1',
    'ben handled call 2',
    'ben sent result of call 2',
  ]);
});
