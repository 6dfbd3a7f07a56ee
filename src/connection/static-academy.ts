import type { Identity } from 'spacetimedb';
import type { AcademyReducer, ReducerArgs, RowOf, TableName } from './academy-schema.js';
import { planQuery, type QueryPlan } from './query-plan.js';
import type { AcademySource, AcademyStatus, RowQuery, RowsSnapshot } from './types.js';

/** Rows per table, named as the bindings name them: `{ learner: [...], channelMessage: [...] }` (fields a story does not show may be left out). */
export type StaticTables = { [Name in TableName]?: readonly Partial<RowOf<Name>>[] };

/** A reducer's name as the bindings name it (`sendMessage`). */
export type ReducerName = AcademyReducer['accessorName'];

/** What a `StaticAcademy` holds. */
export interface StaticAcademyInit {
  /** Connection status to show; defaults to live. */
  status?: Partial<AcademyStatus>;
  /** Rows per table, e.g. `{ learner: [...], presence: [...] }`. */
  tables?: StaticTables;
  /** Never finishes loading (the loading state). */
  loading?: boolean;
  /** Serve the rows as last known ones (the offline state). */
  fromCache?: boolean;
  /** Subscription failures per table (the error state). */
  errors?: Partial<Record<TableName, string>>;
  /** Rejections per reducer (`sendMessage`), with the module's message. */
  refuse?: Partial<Record<ReducerName, string>>;
}

/**
 * A fixed academy for stories, tests and benchmarks: rows in memory, no server. Writes are recorded in
 * `calls` (and refused as configured); `setRows` changes a table and updates every watcher, like a server
 * transaction would.
 */
export class StaticAcademy implements AcademySource {
  status: AcademyStatus;
  readonly calls: { reducer: ReducerName; args: Readonly<Record<string, unknown>> }[] = [];
  /** `signOut()` was called. */
  signedOut = false;
  #tables: StaticTables;
  #watchers = new Set<{ plan: QueryPlan<unknown>; listener: (snapshot: RowsSnapshot<unknown>) => void }>();
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
      plan: planQuery(query) as QueryPlan<unknown>,
      listener: listener as (snapshot: RowsSnapshot<unknown>) => void,
    };
    this.#watchers.add(watcher);
    watcher.listener(this.#snapshot(watcher.plan));
    return () => this.#watchers.delete(watcher);
  }

  call<Reducer extends AcademyReducer>(reducer: Reducer, args: ReducerArgs<Reducer>): Promise<void> {
    this.calls.push({ reducer: reducer.accessorName, args: args as Readonly<Record<string, unknown>> });
    const refusal = this.init.refuse?.[reducer.accessorName];
    return refusal ? Promise.reject(new Error(refusal)) : Promise.resolve();
  }

  /** Signs out: the learner is unknown from now on. */
  signOut(): void {
    this.signedOut = true;
    this.setStatus({ identity: undefined });
  }

  /** Replaces a table's rows and tells every widget watching it. */
  setRows<Name extends TableName>(table: Name, rows: readonly Partial<RowOf<Name>>[]): void {
    (this.#tables as Record<Name, readonly Partial<RowOf<Name>>[]>)[table] = rows;
    for (const watcher of this.#watchers) {
      if (watcher.plan.table === table) watcher.listener(this.#snapshot(watcher.plan));
    }
  }

  /** Changes the status and tells every listener. */
  setStatus(change: Partial<AcademyStatus>): void {
    this.status = { ...this.status, ...change };
    for (const listener of this.#statusListeners) listener(this.status);
  }

  #snapshot(plan: QueryPlan<unknown>): RowsSnapshot<unknown> {
    const error = this.init.errors?.[plan.table];
    if (this.init.loading) return { rows: [], ready: false, fromCache: false, error };
    const all: readonly unknown[] = this.#tables[plan.table] ?? [];
    const where = plan.where;
    const rows = where ? all.filter((row) => where(row)) : all;
    return { rows, ready: error === undefined, fromCache: this.init.fromCache ?? false, error };
  }
}
