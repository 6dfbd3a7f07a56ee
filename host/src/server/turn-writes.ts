/**
 * Lets everything the host writes to one client's socket while handling one event (a round of the fair
 * scheduler, a broadcast, a timer) leave in a single system call. A class's transactions each send every learner
 * who watches the changed rows a message, and v2 has no way to put several messages in one frame, so without this
 * each message to each learner is its own `writev`. The socket is corked at its first write and uncorked in a
 * microtask, once the event's synchronous work (every message it computed) is done: no reply waits for another
 * turn of the event loop, and the bytes and their order are exactly what they would have been.
 */
import type { Duplex } from 'node:stream';

const held = new Set<Duplex>();

/** Holds `stream`'s writes until the current task's synchronous work ends (a no-op when they are already held). */
export function holdWritesUntilTaskEnds(stream: Duplex): void {
  if (held.has(stream)) return;
  if (held.size === 0) queueMicrotask(releaseHeldWrites);
  held.add(stream);
  stream.cork();
}

function releaseHeldWrites(): void {
  // A stream held again while releasing (a write callback sending more) is released by the next microtask.
  const streams = [...held];
  held.clear();
  for (const stream of streams) stream.uncork();
}
