import type { Identity } from 'spacetimedb';
import type { AcademySource, AcademyStatus, RowQuery, RowsSnapshot } from './types.js';

/** What a `StaticAcademy` holds. */
export interface StaticAcademyInit {
  /** Connection status to show; defaults to live. */
  status?: Partial<AcademyStatus>;
  /** Rows per table name, e.g. `{ learner: [...], presence: [...] }`. */
  tables?: Record<string, readonly unknown[]>;
  /** Never finishes loading (the loading state). */
  loading?: boolean;
  /** Serve the rows as last known ones (the offline state). */
  fromCache?: boolean;
  /** Subscription failures per table name (the error state). */
  errors?: Record<string, string>;
  /** Rejections per reducer name, with the module's message. */
  refuse?: Record<string, string>;
}

/**
 * A fixed academy for stories, tests and benchmarks: rows in memory, no server. Writes are recorded in
 * `calls` (and refused as configured); `setRows` changes a table and updates every watcher, like a server
 * transaction would.
 */
export class StaticAcademy implements AcademySource {
  status: AcademyStatus;
  readonly calls: { reducer: string; args: Record<string, unknown> }[] = [];
  /** `signOut()` was called. */
  signedOut = false;
  #tables: Record<string, readonly unknown[]>;
  #watchers = new Set<{ query: RowQuery<unknown>; listener: (snapshot: RowsSnapshot<unknown>) => void }>();
  #statusListeners = new Set<(status: AcademyStatus) => void>();

  constructor(private readonly init: StaticAcademyInit = {}) {
    this.status = { state: 'live', queuedWrites: 0, ...init.status };
    this.#tables = { ...init.tables };
  }

  /** Who the learner is. */
  get identity(): Identity | undefined {
    return this.status.identity;
  }

  onStatus(listener: (status: AcademyStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  watch<Row>(query: RowQuery<Row>, listener: (snapshot: RowsSnapshot<Row>) => void): () => void {
    const watcher = {
      query: query as RowQuery<unknown>,
      listener: listener as (snapshot: RowsSnapshot<unknown>) => void,
    };
    this.#watchers.add(watcher);
    watcher.listener(this.#snapshot(watcher.query));
    return () => this.#watchers.delete(watcher);
  }

  call(reducer: string, args: Record<string, unknown>): Promise<void> {
    this.calls.push({ reducer, args });
    const refusal = this.init.refuse?.[reducer];
    return refusal ? Promise.reject(new Error(refusal)) : Promise.resolve();
  }

  /** Signs out: the learner is unknown from now on. */
  signOut(): void {
    this.signedOut = true;
    this.setStatus({ identity: undefined });
  }

  /** Replaces a table's rows and tells every widget watching it. */
  setRows(table: string, rows: readonly unknown[]): void {
    this.#tables[table] = rows;
    for (const watcher of this.#watchers) {
      if (watcher.query.table === table) watcher.listener(this.#snapshot(watcher.query));
    }
  }

  /** Changes the status and tells every listener. */
  setStatus(change: Partial<AcademyStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.#statusListeners) listener(this.status);
  }

  #snapshot(query: RowQuery<unknown>): RowsSnapshot<unknown> {
    const error = this.init.errors?.[query.table];
    if (this.init.loading) return { rows: [], ready: false, fromCache: false, error };
    const all = this.#tables[query.table] ?? [];
    const rows = query.where ? all.filter(row => query.where?.(row)) : all;
    return { rows, ready: error === undefined, fromCache: this.init.fromCache ?? false, error };
  }
}
