/**
 * Fair turns between clients. Each client's incoming messages wait in its own queue, and the host handles them
 * round-robin, one frame's messages per client per turn, and yields to the event loop after every turn, so sockets are
 * read and written (and written messages leave their client's outgoing queue) between turns. A client that
 * pipelines thousands of calls gets one turn in N like everyone else, instead of having its whole backlog handled
 * before anyone else's first message.
 */

export class FairScheduler {
  /** Queues with messages waiting, in turn order (a Set keeps insertion order; re-adding keeps the place). */
  readonly #waiting = new Set<IncomingQueue<unknown>>();
  #scheduled = false;

  /** Gives a queue with waiting messages its turns. */
  ready(queue: IncomingQueue<unknown>): void {
    this.#waiting.add(queue);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // After the poll phase: every socket with data has been read, so every waiting client is in the ring.
    setImmediate(() => this.#run());
  }

  /** Drops a queue (its client went away). */
  forget(queue: IncomingQueue<unknown>): void {
    this.#waiting.delete(queue);
  }

  #run(): void {
    this.#scheduled = false;
    // One turn: the next message of every waiting client. Deleting the current entry is safe while iterating.
    for (const queue of this.#waiting) if (!queue.handleNext()) this.#waiting.delete(queue);
    if (this.#waiting.size > 0 && !this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#run());
    }
  }
}

/** The scheduler every client connection of this process shares. */
export const fairScheduler = new FairScheduler();

export interface IncomingQueueOptions<T> {
  /** Handles one message; must not throw. */
  handle(message: T): void;
  /** At this many waiting messages the client's socket is paused (TCP then holds the client back). */
  limit: number;
  pause(): void;
  resume(): void;
  scheduler?: FairScheduler;
}

/**
 * The most messages of one frame handled in one turn. A v3 frame may carry several messages; handling a small
 * frame's messages together lets their answers go out together too, while a frame packed with thousands still
 * takes many turns.
 */
export const MAX_MESSAGES_PER_TURN = 16;

/** One client's messages waiting for their turn, in groups of one frame's messages (at most MAX_MESSAGES_PER_TURN). */
export class IncomingQueue<T> {
  #groups: (readonly T[])[] = [];
  #head = 0;
  #length = 0;
  #paused = false;
  readonly #options: IncomingQueueOptions<T>;
  readonly #scheduler: FairScheduler;

  constructor(options: IncomingQueueOptions<T>) {
    this.#options = options;
    this.#scheduler = options.scheduler ?? fairScheduler;
  }

  /** Messages waiting to be handled. */
  get length(): number {
    return this.#length;
  }

  /** Whether the client's socket is paused because too many of its messages wait. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Queues the messages of one frame. */
  push(messages: readonly T[]): void {
    if (messages.length === 0) return;
    if (messages.length <= MAX_MESSAGES_PER_TURN) this.#groups.push(messages);
    else for (let at = 0; at < messages.length; at += MAX_MESSAGES_PER_TURN) this.#groups.push(messages.slice(at, at + MAX_MESSAGES_PER_TURN));
    this.#length += messages.length;
    if (!this.#paused && this.#length >= this.#options.limit) {
      this.#paused = true;
      this.#options.pause();
    }
    this.#scheduler.ready(this as IncomingQueue<unknown>);
  }

  /** Handles the next group of messages; returns whether more wait. */
  handleNext(): boolean {
    if (this.#length === 0) return false;
    const group = this.#groups[this.#head]!;
    this.#head += 1;
    this.#length -= group.length;
    if (this.#head === this.#groups.length) {
      this.#groups = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#groups.length) {
      this.#groups = this.#groups.slice(this.#head);
      this.#head = 0;
    }
    if (this.#paused && this.#length <= this.#options.limit / 2) {
      this.#paused = false;
      this.#options.resume();
    }
    for (const message of group) this.#options.handle(message);
    return this.#length > 0;
  }

  /** Drops every waiting message (the client went away). */
  clear(): void {
    this.#groups = [];
    this.#head = 0;
    this.#length = 0;
    this.#scheduler.forget(this as IncomingQueue<unknown>);
  }
}
