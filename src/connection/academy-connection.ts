import { getGlobalLogLevel, setGlobalLogLevel, type Identity } from 'spacetimedb';
import type { DbConnectionBuilder } from '../bindings/index.js';
import { DbConnection, reducers, type AcademyReducer, type ReducerArgs } from './academy-schema.js';
import { reconnectDelay } from './backoff.js';
import { identityFromToken } from './identity-from-token.js';
import { launchCohortFromToken } from './launch-cohort.js';
import { claimDevice, forgetLearner, forgetOldRows } from './learner-storage.js';
import { LiveQuery } from './live-query.js';
import { forgetToken, loadToken, saveToken } from './token-store.js';
import {
  ConnectionLostError,
  OfflineError,
  type AcademySource,
  type AcademyStatus,
  type RowQuery,
  type RowsSnapshot,
  type WriteOptions,
} from './types.js';

/** Where the academy lives and who the learner is. */
export interface AcademyConfig {
  /** The host's URL, `https://…` or `http://localhost:3000` (ws:// and wss:// work too). */
  server: string;
  /** The database the academy module is published as. */
  database: string;
  /** A token from the site's or LMS's own sign-in; without one, the remembered or a new anonymous identity. */
  token?: string;
  /** Remember the server's token in localStorage (default true); false when the page opts out. */
  rememberToken?: boolean;
}

/** Options beyond the configuration, for tests and other bindings. */
export interface ConnectionOptions extends AcademyConfig {
  /** Makes the SDK builder; defaults to the academy module's `DbConnection.builder`. */
  builder?: () => DbConnectionBuilder;
}

interface QueuedWrite {
  reducer: AcademyReducer;
  args: unknown;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// The SDK logs every (re)connection at `info` in the page's console: keep a course page's console for warnings,
// unless the page chose a level of its own.
if (getGlobalLogLevel() === 'info') setGlobalLogLevel('warn');

/** The identifier of an academy: one connection per server and database on a page. */
export function academyKey(server: string, database: string): string {
  return `${server.replace(/\/+$/, '')}::${database}`;
}

/**
 * The page's one connection to an academy (server + database), shared by every widget: it reconnects with
 * backoff (1 s doubling to 30 s, at once on focus, online and page show), subscribes every widget's rows again
 * after a reconnect, remembers the token, and queues or refuses writes made while offline.
 */
export class AcademyConnection implements AcademySource {
  readonly server: string;
  readonly database: string;
  readonly key: string;
  #status: AcademyStatus;
  #statusListeners = new Set<(status: AcademyStatus) => void>();
  #builder: () => DbConnectionBuilder;
  #conn?: DbConnection;
  #token?: string;
  #rememberToken: boolean;
  #attempt = 0;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #everLive = false;
  #closed = false;
  #queries = new Set<LiveQuery<unknown>>();
  #queue: QueuedWrite[] = [];
  #inFlight = new Set<(error: Error) => void>();

  constructor(options: ConnectionOptions) {
    this.server = options.server;
    this.database = options.database;
    this.key = academyKey(options.server, options.database);
    this.#rememberToken = options.rememberToken ?? true;
    this.#token = options.token ?? (this.#rememberToken ? loadToken(this.key) : undefined);
    forgetOldRows();
    const identity = identityFromToken(this.#token);
    // Before any widget reads the cache: another learner's rows must not show for a moment.
    if (identity) claimDevice(this.key, identity);
    this.#builder = options.builder ?? DbConnection.builder;
    this.#status = { state: 'connecting', identity, queuedWrites: 0, launchCohort: launchCohortFromToken(this.#token) };
    addEventListener('focus', this.#resume);
    addEventListener('online', this.#resume);
    addEventListener('pageshow', this.#resume);
    document.addEventListener('visibilitychange', this.#resume);
    this.#connect();
  }

  get status(): AcademyStatus {
    return this.#status;
  }

  /** The token in use (the host page's, the remembered one, or the one the server issued). */
  get token(): string | undefined {
    return this.#token;
  }

  onStatus(listener: (status: AcademyStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  watch<Row>(query: RowQuery<Row>, listener: (snapshot: RowsSnapshot<Row>) => void): () => void {
    const live = new LiveQuery<Row>(query, listener, this.key);
    this.#queries.add(live as LiveQuery<unknown>);
    if (this.#conn && this.#status.state === 'live') live.attach(this.#conn);
    live.emit();
    return () => {
      this.#queries.delete(live as LiveQuery<unknown>);
      live.detach();
    };
  }

  call<Reducer extends AcademyReducer>(
    reducer: Reducer,
    args: ReducerArgs<Reducer>,
    options: WriteOptions = {},
  ): Promise<void> {
    if (this.#conn && this.#status.state === 'live') return this.#send(this.#conn, reducer, args);
    if (options.whenOffline !== 'queue') return Promise.reject(new OfflineError());
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ reducer, args, resolve, reject });
      this.#setStatus({ queuedWrites: this.#queue.length });
    });
  }

  /**
   * Switches to another token (the host page signed the learner in or out): reconnects as that identity.
   * `undefined` returns to an anonymous identity (and forgets the remembered token). Another learner's token
   * wipes what this device kept for the previous one, as `signOut()` does.
   */
  setToken(token: string | undefined): void {
    if (token === this.#token) return;
    const next = identityFromToken(token);
    const current = this.#status.identity;
    if (next && current && next.isEqual(current)) this.#reconnect(token);
    else this.#switchLearner(token);
  }

  /**
   * Signs the learner out on this device: forgets the remembered token, wipes every row and lab this device
   * kept for them, drops writes still waiting to be sent, and reconnects as a new anonymous learner.
   */
  signOut(): void {
    this.#switchLearner(undefined);
  }

  #switchLearner(token: string | undefined): void {
    forgetToken(this.key);
    forgetLearner(this.key);
    const identity = identityFromToken(token);
    if (identity) claimDevice(this.key, identity);
    this.#dropConnection();
    // Nothing the previous learner queued may go out under the next one's name.
    for (const write of this.#queue.splice(0))
      write.reject(new OfflineError('Signed out before the connection came back: not sent.'));
    this.#setStatus({ identity, queuedWrites: 0 });
    for (const query of this.#queries) query.forget();
    this.#reconnect(token);
  }

  #reconnect(token: string | undefined): void {
    this.#token = token;
    this.#setStatus({ launchCohort: launchCohortFromToken(token) });
    this.#dropConnection();
    this.#attempt = 0;
    this.#connect();
  }

  /** Closes the connection for good (tests, or a page tearing the academy down). */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    removeEventListener('focus', this.#resume);
    removeEventListener('online', this.#resume);
    removeEventListener('pageshow', this.#resume);
    document.removeEventListener('visibilitychange', this.#resume);
    for (const query of this.#queries) query.detach(false);
    const conn = this.#conn;
    this.#conn = undefined;
    conn?.disconnect();
    this.#failPending(new OfflineError('The academy connection was closed.'));
    this.#setStatus({ state: 'offline', message: 'Disconnected' });
  }

  #connect(): void {
    if (this.#closed) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#status.state !== 'live' && !this.#everLive) this.#setStatus({ state: 'connecting' });
    let conn: DbConnection;
    try {
      conn = this.#builder()
        .withUri(this.server)
        .withDatabaseName(this.database)
        .withToken(this.#token)
        // Uncompressed frames: the SDK (2.10.1) applies a gzip frame after a plain one sent later (it decompresses
        // asynchronously), which corrupts its row cache (SpacetimeDB#5730). Costs bytes on first answers only.
        .withCompression('none')
        .onConnect((connected, identity, token) => this.#onConnect(connected, identity, token))
        .onDisconnect((ctx, error) => this.#onLost(ctx as unknown as DbConnection, error))
        .onConnectError((ctx, error) => this.#onLost(ctx as unknown as DbConnection, error))
        .build();
    } catch (error) {
      // A malformed server URL never gets better by retrying.
      this.#setStatus({ state: 'error', message: `Cannot connect to "${this.server}": ${messageOf(error)}` });
      return;
    }
    this.#conn = conn;
  }

  #onConnect(conn: DbConnection, identity: Identity, token: string): void {
    if (conn !== this.#conn) return;
    this.#attempt = 0;
    this.#everLive = true;
    this.#token = token;
    if (this.#rememberToken) saveToken(this.key, token);
    claimDevice(this.key, identity);
    this.#setStatus({ state: 'live', message: undefined, identity });
    for (const query of this.#queries) query.attach(conn);
    const queued = this.#queue.splice(0);
    this.#setStatus({ queuedWrites: 0 });
    for (const write of queued) this.#send(conn, write.reducer, write.args).then(write.resolve, write.reject);
    this.#joinLaunchCohort(conn, token);
  }

  /**
   * A token from a course launch names the learner's class: join it (or follow a role change) on every
   * connection, so `cohort="launch"` widgets have their class. The module trusts the claim only from its
   * `cohort_issuer`, and a launch that changes nothing writes nothing.
   */
  #joinLaunchCohort(conn: DbConnection, token: string): void {
    if (!launchCohortFromToken(token)) return;
    this.#send(conn, reducers.joinLaunchCohort, {}).catch((error: unknown) => {
      // Widgets of the class then say the learner is not in it; the page's console says why.
      console.warn(`Not joined to the course's class: ${messageOf(error)}`);
    });
  }

  #onLost(conn: DbConnection, error: Error | undefined): void {
    if (conn !== this.#conn) return;
    this.#conn = undefined;
    for (const query of this.#queries) {
      query.detach(false);
      query.markStale();
    }
    this.#failPending(new ConnectionLostError());
    const offline = this.#everLive || navigator.onLine === false;
    this.#setStatus({
      state: offline ? 'offline' : 'error',
      message: offline
        ? 'Offline: showing the last known state. Reconnecting…'
        : `Cannot reach the academy at ${this.server}${error?.message ? ` (${error.message})` : ''}. Retrying…`,
    });
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#retryTimer) return;
    const delay = reconnectDelay(this.#attempt);
    this.#attempt += 1;
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  /** The page came back (focus, network, tab shown): retry now instead of waiting out the backoff. */
  #resume = (): void => {
    if (this.#closed || document.visibilityState === 'hidden') return;
    if (this.#retryTimer && !this.#conn) {
      this.#attempt = 0;
      this.#connect();
    } else if (this.#conn?.isSocketClosed) {
      // The socket died while the tab was frozen and no close event came.
      this.#onLost(this.#conn, new Error('connection lost while the page was asleep'));
    }
  };

  #dropConnection(): void {
    const conn = this.#conn;
    this.#conn = undefined;
    for (const query of this.#queries) query.detach(false);
    conn?.disconnect();
    this.#failPending(new ConnectionLostError());
  }

  #send(conn: DbConnection, reducer: AcademyReducer, args: unknown): Promise<void> {
    // The reducer comes from the same bindings as `conn`; only the argument type is lost in the union of reducers.
    const call = (conn.reducers as unknown as Record<string, (args: unknown) => Promise<void>>)[reducer.accessorName];
    if (!call)
      return Promise.reject(new Error(`This academy has no "${reducer.name}" action. Is the module up to date?`));
    return new Promise<void>((resolve, reject) => {
      const lost = (error: Error): void => reject(error);
      this.#inFlight.add(lost);
      call(args).then(
        () => {
          this.#inFlight.delete(lost);
          resolve();
        },
        (error: unknown) => {
          this.#inFlight.delete(lost);
          reject(error instanceof Error ? error : new Error(messageOf(error)));
        },
      );
    });
  }

  /** Writes sent on a dropped socket are not resent: the server may have applied them already. */
  #failPending(error: Error): void {
    const inFlight = [...this.#inFlight];
    this.#inFlight.clear();
    for (const reject of inFlight) reject(error);
    if (this.#closed) {
      for (const write of this.#queue.splice(0)) write.reject(error);
    }
  }

  #setStatus(change: Partial<AcademyStatus>): void {
    this.#status = { ...this.#status, ...change };
    for (const listener of this.#statusListeners) listener(this.#status);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
