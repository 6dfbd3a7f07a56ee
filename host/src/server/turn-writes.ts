/**
 * Lets everything the host writes to one client's socket while handling one event (a round of the fair
 * scheduler, a broadcast, a timer) leave in a single system call. A class's transactions each send every learner
 * who watches the changed rows a message, and v2 has no way to put several messages in one frame, so without this
 * each message to each learner is its own `writev`. A socket is corked at its first write and uncorked later; the
 * bytes and their order on each socket are exactly what they would have been. v3 clients hold their messages
 * the same way, as one frame to be (`WriteHold`), so they get several messages in one frame and one call.
 *
 * When they are uncorked depends on what they carry:
 * - **answers** (a reducer's result to its caller, a subscription's or a query's rows) leave as soon as the
 *   event's synchronous work is done, in a microtask: no answer waits for another turn of the event loop;
 * - **updates to watchers** leave `WATCHERS_PER_TURN` sockets per turn of the event loop. A chat message to a
 *   thousand learners is a thousand system calls (about 25 ms on loopback); written in one go they would hold up
 *   every call that arrived meanwhile, which is the tail of a busy class's latency. Spread over turns, the calls
 *   that arrived are handled in between, and when the host is busy a socket still waiting takes the next
 *   transactions' updates too, so they leave in one call: fewer system calls exactly when there is most to send.
 */
/** What holds a client's writes: its socket's stream (cork/uncork), or its v3 connection's next frame. */
export interface WriteHold {
  cork(): void;
  uncork(): void;
}

/** Watchers' sockets uncorked per turn of the event loop: about 1.5 ms of system calls on loopback. */
export const WATCHERS_PER_TURN = 64;

/** Sockets with an answer waiting: all uncorked when the current task ends. */
const answers = new Set<WriteHold>();
/** Sockets with only watchers' updates waiting, oldest first. */
const updates = new Set<WriteHold>();
let updatesScheduled = false;

/**
 * Holds `hold`'s writes (a socket's, or a v3 client's next frame) until the current task's synchronous work ends
 * (`'answer'`), or until its turn among the watchers' (`'update'`). One already held keeps its place, except that
 * an answer moves it forward.
 */
export function holdWrites(hold: WriteHold, carrying: 'answer' | 'update'): void {
  if (answers.has(hold)) return;
  if (carrying === 'update') {
    if (updates.has(hold)) return;
    updates.add(hold);
    hold.cork();
    if (!updatesScheduled) {
      updatesScheduled = true;
      setImmediate(releaseUpdates);
    }
    return;
  }
  if (answers.size === 0) queueMicrotask(sendHeldAnswers);
  answers.add(hold);
  // Already corked when it held updates: they go out with the answer, ahead of it, as they were written.
  if (!updates.delete(hold)) hold.cork();
}

/**
 * Lets the answers held so far leave now rather than when the task ends: the fair scheduler calls it after each
 * client's turn, so a caller does not wait for the rest of a round of turns.
 */
export function sendHeldAnswers(): void {
  // A stream held again while releasing (a write callback sending more) is released by the next microtask.
  const streams = [...answers];
  answers.clear();
  for (const stream of streams) stream.uncork();
}

function releaseUpdates(): void {
  updatesScheduled = false;
  let released = 0;
  for (const stream of updates) {
    if (released++ === WATCHERS_PER_TURN) break;
    updates.delete(stream);
    stream.uncork();
  }
  if (updates.size > 0 && !updatesScheduled) {
    updatesScheduled = true;
    setImmediate(releaseUpdates);
  }
}
