/**
 * Fair turns between clients. Each client's incoming messages wait in its own queue, and the host handles them
 * round-robin, a few dozen small messages (or one socket read's worth of big ones) per client per turn. A client
 * that pipelines thousands of calls gets one turn in N like everyone else, instead of having its whole backlog
 * handled before anyone else's first message. Each client's answers leave at the end of its turn, not of the
 * round, and a round yields to the event loop once it has taken MAX_ROUND_MS (the clients not reached go first
 * next time): with a thousand learners a round can hold dozens of calls, and the first caller must not wait for
 * all of them, nor the sockets go unread meanwhile.
 */
import { sendHeldAnswers } from '../turn-writes.js';

/**
 * What one client may have handled in one turn: up to this many messages, and frames up to MAX_BYTES_PER_TURN
 * (at least one frame). Small pipelined calls are handled a few dozen at a time, so their answers go out together
 * (v3 batches them) and the event loop is not spun once per call; a client sending big messages gets about one
 * socket read's worth per turn.
 */
export const MAX_MESSAGES_PER_TURN = 32;
export const MAX_BYTES_PER_TURN = 64 * 1024;
/** And no more frames once its turn has taken this long: a Subscribe building a big answer ends the client's turn. */
export const MAX_TURN_MS = 1;
/** A round of turns yields to the event loop (reading sockets, sending watchers' updates) after this long. */
export const MAX_ROUND_MS = 5;

export class FairScheduler {
  /** Queues with messages waiting, in turn order (a Set keeps insertion order; re-adding keeps the place). */
  readonly #waiting = new Set<IncomingQueue<unknown>>();
  #scheduled = false;
  /** How long one client's turn may take before it ends (after at least one frame). */
  readonly maxTurnMs: number;
  /** How long a round of turns may take before it yields (after at least one turn). */
  readonly maxRoundMs: number;

  constructor(options: { maxTurnMs?: number; maxRoundMs?: number } = {}) {
    this.maxTurnMs = options.maxTurnMs ?? MAX_TURN_MS;
    this.maxRoundMs = options.maxRoundMs ?? MAX_ROUND_MS;
  }

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
    const started = performance.now();
    // One round: a turn for every client waiting when it starts. A client served goes to the back of the ring.
    for (const queue of [...this.#waiting]) {
      if (!this.#waiting.delete(queue)) continue; // it went away during the round
      if (queue.handleNext()) this.#waiting.add(queue);
      sendHeldAnswers();
      if (performance.now() - started >= this.maxRoundMs) break;
    }
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

interface Frame<T> {
  messages: readonly T[];
  bytes: number;
}

/** One client's messages waiting for their turn, frame by frame (a frame of many messages is split). */
export class IncomingQueue<T> {
  #frames: Frame<T>[] = [];
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

  /** Queues the messages of one frame of `bytes` bytes. */
  push(messages: readonly T[], bytes = 0): void {
    if (messages.length === 0) return;
    if (messages.length <= MAX_MESSAGES_PER_TURN) this.#frames.push({ messages, bytes });
    else {
      for (let at = 0; at < messages.length; at += MAX_MESSAGES_PER_TURN) {
        const part = messages.slice(at, at + MAX_MESSAGES_PER_TURN);
        this.#frames.push({ messages: part, bytes: Math.ceil((bytes * part.length) / messages.length) });
      }
    }
    this.#length += messages.length;
    if (!this.#paused && this.#length >= this.#options.limit) {
      this.#paused = true;
      this.#options.pause();
    }
    this.#scheduler.ready(this as IncomingQueue<unknown>);
  }

  /** Handles this client's share of one turn; returns whether more wait. */
  handleNext(): boolean {
    let messages = 0;
    let bytes = 0;
    const started = performance.now();
    while (this.#head < this.#frames.length) {
      const frame = this.#frames[this.#head]!;
      if (
        messages > 0 &&
        (messages + frame.messages.length > MAX_MESSAGES_PER_TURN || bytes + frame.bytes > MAX_BYTES_PER_TURN)
      )
        break;
      if (messages > 0 && performance.now() - started >= this.#scheduler.maxTurnMs) break;
      this.#head += 1;
      this.#length -= frame.messages.length;
      messages += frame.messages.length;
      bytes += frame.bytes;
      if (this.#paused && this.#length <= this.#options.limit / 2) {
        this.#paused = false;
        this.#options.resume();
      }
      for (const message of frame.messages) this.#options.handle(message);
    }
    if (this.#head === this.#frames.length) {
      this.#frames = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#frames.length) {
      this.#frames = this.#frames.slice(this.#head);
      this.#head = 0;
    }
    return this.#length > 0;
  }

  /** Drops every waiting message (the client went away). */
  clear(): void {
    this.#frames = [];
    this.#head = 0;
    this.#length = 0;
    this.#scheduler.forget(this as IncomingQueue<unknown>);
  }
}
