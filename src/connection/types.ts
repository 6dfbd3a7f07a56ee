import type { Identity } from 'spacetimedb';
import type { AcademyReducer, ReducerArgs, TableQuery } from './academy-schema.js';

/**
 * Where the page's connection stands:
 * `connecting` (first attempt), `live` (rows are current), `offline` (lost, retrying with backoff; widgets show
 * their last rows marked as such), `error` (the academy cannot be reached as configured; still retrying).
 */
export type ConnectionState = 'connecting' | 'live' | 'offline' | 'error';

/** A snapshot of the connection for widgets. */
export interface AcademyStatus {
  state: ConnectionState;
  /** Why the state is `error` or `offline`, in words a learner understands. */
  message?: string;
  /** Who the learner is on this academy, once the server said so (or from the last visit while offline). */
  identity?: Identity;
  /** Writes waiting for the connection to come back (see `WriteOptions.whenOffline`). */
  queuedWrites: number;
  /**
   * The class (cohort id) the learner's sign-in token names, when the page was opened from a course (an LTI
   * launch): what `cohort="launch"` on a widget stands for.
   */
  launchCohort?: string;
}

/** What a widget watches: the rows of one table that one subscription brings, filtered on the client. */
export interface RowQuery<Row> {
  /**
   * The rows, built with the bindings' query builder: `tables.channelMessage.where(m => m.channel.eq('global'))`.
   * It gives the subscription SQL, the row type, and the filter that keeps only this widget's rows: the SDK keeps
   * one row cache per connection, shared by every widget's subscriptions. Several queries of one table (a long
   * list of learners) are subscribed together and their rows kept together.
   */
  query: TableQuery<Row> | readonly TableQuery<Row>[];
  /** Remember the rows under this key so a reload or an offline visit renders them at once. */
  cacheKey?: string;
}

/** Rows of a `RowQuery` as they stand now. */
export interface RowsSnapshot<Row> {
  rows: readonly Row[];
  /** The server applied the subscription: the rows are complete (or they came from the cache, see below). */
  ready: boolean;
  /** The rows are the last known ones from a previous visit or connection, not live. */
  fromCache: boolean;
  /** The subscription failed (for example the module has no such table). */
  error?: string;
}

/** How a write behaves while the connection is down. */
export interface WriteOptions {
  /**
   * `refuse` (default): reject at once with an `OfflineError`. `queue`: keep the call in memory and send it once
   * when the connection is live again (its promise settles then). A queued or in-flight call is never resent
   * after a connection drop, so nothing is applied twice.
   */
  whenOffline?: 'refuse' | 'queue';
}

/**
 * The data a widget needs, whatever provides it: the page's live connection (`AcademyConnection`) or a fixed
 * set of rows for stories and tests (`StaticAcademy`). Widgets depend only on this.
 */
export interface AcademySource {
  readonly status: AcademyStatus;
  /** Calls `listener` whenever `status` changes; returns a function that stops it. */
  onStatus(listener: (status: AcademyStatus) => void): () => void;
  /**
   * Subscribes and calls `listener` with the rows now (possibly cached), then once per server transaction that
   * changes them. Returns a function that unsubscribes. Survives reconnections.
   */
  watch<Row>(query: RowQuery<Row>, listener: (snapshot: RowsSnapshot<Row>) => void): () => void;
  /** Calls a reducer (`reducers.sendMessage`) with its arguments; rejects with the module's message. */
  call<Reducer extends AcademyReducer>(
    reducer: Reducer,
    args: ReducerArgs<Reducer>,
    options?: WriteOptions,
  ): Promise<void>;
  /** Signs the learner out on this device and wipes what it kept for them (see `AcademyConnection.signOut`). */
  signOut?(): void;
}

/** A write refused because the connection is down. */
export class OfflineError extends Error {
  override name = 'OfflineError';
  constructor(message = 'You are offline. Try again when the connection is back.') {
    super(message);
  }
}

/** A write whose connection dropped before the server answered: it may or may not have been applied. */
export class ConnectionLostError extends Error {
  override name = 'ConnectionLostError';
  constructor(message = 'The connection dropped before the academy answered. Check before trying again.') {
    super(message);
  }
}
