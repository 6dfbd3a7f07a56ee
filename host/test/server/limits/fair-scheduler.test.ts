/** Turns between clients' queues: round-robin order, a frame's messages together (at most 16), pausing a full queue. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FairScheduler, IncomingQueue, MAX_MESSAGES_PER_TURN } from '../../../src/server/limits/fair-scheduler.js';

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

test('a client with one message waits one turn, not for a flooding client’s backlog', async () => {
  const scheduler = new FairScheduler();
  const handled: string[] = [];
  const flood = queue(scheduler, handled);
  const ordinary = queue(scheduler, handled);
  for (let i = 0; i < 100; i += 1) flood.push([`flood ${i}`]);
  ordinary.push(['ordinary']);
  await settle([flood, ordinary]);
  assert.equal(handled.length, 101);
  assert.equal(handled.indexOf('ordinary'), 1, 'handled in the first turn, right after the flood’s first message');
  assert.deepEqual(handled.filter((m) => m !== 'ordinary'), Array.from({ length: 100 }, (_, i) => `flood ${i}`), 'the flood keeps its order');
});

test('one frame’s messages are handled together, at most 16 a turn', async () => {
  const scheduler = new FairScheduler();
  const handled: string[] = [];
  const batch = queue(scheduler, handled);
  const other = queue(scheduler, handled);
  batch.push(Array.from({ length: 40 }, (_, i) => `b${i}`));
  other.push(['o1']);
  other.push(['o2']);
  await settle([batch, other]);
  assert.deepEqual(
    [handled.indexOf('o1'), handled.indexOf('o2')],
    [MAX_MESSAGES_PER_TURN, 2 * MAX_MESSAGES_PER_TURN + 1],
    'the other client gets a turn after each group of 16',
  );
});

test('a queue at its limit pauses the client and resumes it once half is handled; clear drops what waits', async () => {
  const scheduler = new FairScheduler();
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
