/**
 * Per-address limits on what costs the host without any client being connected yet: creating identities, opening
 * WebSocket connections, registering LTI platforms. Token buckets (a burst, then so many per minute) answer with how
 * long to wait, which the server sends as `429 Too Many Requests` with `Retry-After`.
 */
import type { IncomingMessage } from 'node:http';
import type { HostLimits } from './host-limits.js';

/** A request refused because its address is over a limit; `retryAfterSeconds` goes into `Retry-After`. */
export class TooManyRequestsError extends Error {
  override name = 'TooManyRequestsError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * Buckets untouched for this long (or for as long as a bucket takes to fill, if longer) are full again and are
 * forgotten, so the table stays small.
 */
const FORGET_AFTER_MS = 10 * 60_000;

/** Token buckets per address: `burst` tokens, refilled at `perMinute`. */
export class AddressRateLimit {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #lastSweep = 0;
  readonly #forgetAfterMs: number;

  constructor(
    readonly perMinute: number,
    readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#forgetAfterMs = Math.max(FORGET_AFTER_MS, (burst / perMinute) * 60_000);
  }

  /**
   * Takes one token for the address, leaving at least `keep` in its bucket; returns 0 when granted, else the whole
   * seconds until one is there.
   */
  take(address: string, keep = 0): number {
    const now = this.now();
    this.#sweep(now);
    const bucket = this.#buckets.get(address) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    this.#buckets.set(address, bucket);
    if (bucket.tokens >= 1 + keep) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 + keep - bucket.tokens) * 60) / this.perMinute));
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < this.#forgetAfterMs) return;
    this.#lastSweep = now;
    for (const [address, bucket] of this.#buckets)
      if (now - bucket.at > this.#forgetAfterMs) this.#buckets.delete(address);
  }
}

/** The host's per-address limits: identities created, connections opened and held open, LTI registrations. */
export class AddressLimits {
  readonly #identities: AddressRateLimit;
  readonly #connections: AddressRateLimit;
  readonly #registrations: AddressRateLimit;
  readonly #open = new Map<string, number>();
  readonly #limits: HostLimits;
  readonly #unlimited: ReadonlySet<string>;
  readonly #proxies: ReadonlySet<string>;

  constructor(limits: HostLimits, now?: () => number) {
    this.#limits = limits;
    this.#unlimited = new Set(limits.unlimitedAddresses);
    this.#proxies = new Set(limits.trustedProxies);
    this.#identities = new AddressRateLimit(limits.identitiesPerMinute, limits.identityBurst, now);
    this.#connections = new AddressRateLimit(limits.connectionsPerMinute, limits.connectionBurst, now);
    this.#registrations = new AddressRateLimit(limits.ltiRegistrationsPerHour / 60, limits.ltiRegistrationBurst, now);
  }

  /**
   * The address a request is limited by: its peer's, or, from a trusted proxy, the last address in
   * `X-Forwarded-For` that is not itself a trusted proxy (the ones before it are whatever the client claimed).
   */
  addressOf(req: IncomingMessage): string {
    let address = req.socket.remoteAddress ?? 'unknown';
    const forwarded = req.headers['x-forwarded-for'];
    if (forwarded === undefined) return address;
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    while (this.#proxies.has(address) && hops.length > 0) address = hops.pop()!;
    return address;
  }

  /** Throws TooManyRequestsError when the address may not attempt another LTI dynamic registration now. */
  registerPlatform(address: string): void {
    this.#take(this.#registrations, address, 'LTI registrations', `${this.#limits.ltiRegistrationsPerHour} an hour`);
  }

  /** Throws TooManyRequestsError when the address may not create another identity now. */
  createIdentity(address: string): void {
    const rate = `${this.#limits.identitiesPerMinute} a minute`;
    this.#take(this.#identities, address, 'new identities', rate, ' or reuse the token you have');
  }

  /**
   * Whether the address may have an identity it did not ask for: the one SpacetimeDB mints for a caller without a
   * token on every route under `/v1/database/:name` (`GET /schema`, `GET /`...), which only hands it over. It counts
   * like any other (so such routes cannot be used to get more identities than the limit allows), but only while more
   * than half the burst is left: hammering them never spends the identities kept for callers that need one
   * (`POST /v1/identity`, an anonymous `/call` or `/sql`). False means: answer without one.
   */
  spareIdentity(address: string): boolean {
    if (this.#unlimited.has(address)) return true;
    return this.#identities.take(address, Math.ceil(this.#limits.identityBurst / 2)) === 0;
  }

  /**
   * Admits a new WebSocket connection from the address, or throws TooManyRequestsError. When admitted, returns the
   * function to call once it closes.
   */
  openConnection(address: string): () => void {
    if (this.#unlimited.has(address)) return () => {};
    const open = this.#open.get(address) ?? 0;
    if (open >= this.#limits.maxConnectionsPerAddress) {
      throw new TooManyRequestsError(
        `too many connections from ${address}: at most ${this.#limits.maxConnectionsPerAddress} open at once; close one first`,
        60,
      );
    }
    this.#take(this.#connections, address, 'new connections', `${this.#limits.connectionsPerMinute} a minute`);
    this.#open.set(address, open + 1);
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.#open.get(address) ?? 1) - 1;
      if (left > 0) this.#open.set(address, left);
      else this.#open.delete(address);
    };
  }

  /**
   * Takes a token of `limit` for the address (none from an unlimited one), or throws TooManyRequestsError saying
   * what it asked for too often, the `rate` and burst allowed, and when to retry.
   */
  #take(limit: AddressRateLimit, address: string, what: string, rate: string, advice = ''): void {
    if (this.#unlimited.has(address)) return;
    const wait = limit.take(address);
    if (wait > 0) {
      throw new TooManyRequestsError(
        `too many ${what} from ${address}: at most ${rate} (after a burst of ${limit.burst}); retry in ${wait} s${advice}`,
        wait,
      );
    }
  }
}
