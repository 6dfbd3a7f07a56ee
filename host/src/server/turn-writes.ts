/**
 * Lets everything the host writes to one client's socket during one event-loop turn leave in a single system
 * call. A class's transactions each send every learner who watches the changed rows a message, and v2 has no
 * way to put several messages in one frame, so without this each message to each learner is its own `writev`.
 * The socket is corked at its first write of the turn and uncorked once the turn's other work (every message it
 * computed) is done; the bytes and their order are exactly what they would have been.
 */
import type { Duplex } from 'node:stream';

const held = new Set<Duplex>();

/** Holds `stream`'s writes until the end of this event-loop turn (a no-op when they are already held). */
export function holdWritesUntilTurnEnds(stream: Duplex): void {
  if (held.has(stream)) return;
  if (held.size === 0) setImmediate(releaseHeldWrites);
  held.add(stream);
  stream.cork();
}

function releaseHeldWrites(): void {
  // A stream held again while releasing (a write callback sending more) waits for the next turn's release.
  const streams = [...held];
  held.clear();
  for (const stream of streams) stream.uncork();
}
