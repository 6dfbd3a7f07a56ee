import type { DbConnection } from './academy-schema.js';
import { planQuery, type QueryPlan } from './query-plan.js';
import { loadRows, saveRows } from './row-cache.js';
import type { RowQuery, RowsSnapshot } from './types.js';

/** The parts of an SDK table handle a watch uses, for any row type. */
interface TableHandle<Row> {
  iter(): Iterable<Row>;
  onInsert(cb: () => void): void;
  removeOnInsert(cb: () => void): void;
  onDelete(cb: () => void): void;
  removeOnDelete(cb: () => void): void;
  onUpdate?(cb: () => void): void;
  removeOnUpdate?(cb: () => void): void;
}

/**
 * One widget's watch on one table: it keeps the last rows it delivered, subscribes again on every new
 * connection, and recomputes its rows once per server message however many rows that message touched.
 */
export class LiveQuery<Row> {
  snapshot: RowsSnapshot<Row>;
  readonly plan: QueryPlan<Row>;
  #detach?: (unsubscribe: boolean) => void;

  readonly #listener: (snapshot: RowsSnapshot<Row>) => void;
  readonly #cacheScope: string;

  constructor(
    readonly query: RowQuery<Row>,
    listener: (snapshot: RowsSnapshot<Row>) => void,
    /** Names this academy in the row cache, so two academies on one page never mix rows. */
    cacheScope: string,
  ) {
    this.#listener = listener;
    this.#cacheScope = cacheScope;
    this.plan = planQuery(query);
    this.snapshot = this.#cached();
  }

  /** The rows kept on this device, if the table is public. */
  #cached(): RowsSnapshot<Row> {
    const { table, where } = this.plan;
    const cacheKey = this.query.cacheKey;
    // Filtered again: the cache key may hold another learner's rows (a sign-out, a token from the host page).
    const stored = cacheKey ? loadRows<Row>(this.#cacheScope, table, cacheKey) : undefined;
    const cached = stored && where ? stored.filter((row) => where(row)) : stored;
    // Rows of someone else are no answer: wait for the server then.
    const trusted = cached !== undefined && cached.length === stored?.length;
    return { rows: cached ?? [], ready: trusted, fromCache: cached !== undefined };
  }

  /** Another learner took over this device: drop the rows shown so far (the cache was just wiped). */
  forget(): void {
    this.snapshot = this.#cached();
    this.emit();
  }

  /** Delivers the current snapshot. */
  emit(): void {
    this.#listener(this.snapshot);
  }

  /** Subscribes on a freshly connected `conn`. */
  attach(conn: DbConnection): void {
    this.detach(false);
    const { table: name, sql, where } = this.plan;
    const table = (conn.db as unknown as Partial<Record<string, TableHandle<Row>>>)[name];
    if (!table) {
      this.#fail(`This academy has no "${name}" table. Is the module up to date?`);
      return;
    }
    let applied = false;
    let scheduled = false;
    let attached = true;
    const recompute = (): void => {
      scheduled = false;
      // A recompute scheduled just before a detach must not bring back rows of a connection left behind.
      if (!applied || !attached) return;
      const rows: Row[] = [];
      for (const row of table.iter()) if (!where || where(row)) rows.push(row);
      this.snapshot = { rows, ready: true, fromCache: false };
      if (this.query.cacheKey) saveRows(this.#cacheScope, name, this.query.cacheKey, rows);
      this.emit();
    };
    // Row callbacks for one transaction arrive synchronously, one per row: recompute once, after the last.
    const changed = (): void => {
      if (scheduled || !applied) return;
      scheduled = true;
      queueMicrotask(recompute);
    };
    table.onInsert(changed);
    table.onDelete(changed);
    table.onUpdate?.(changed);
    const handle = conn
      .subscriptionBuilder()
      .onApplied(() => {
        applied = true;
        recompute();
      })
      // The SDK passes the error as a second argument its type does not declare.
      .onError(((_ctx: unknown, error?: Error) =>
        this.#fail(`The academy refused this view: ${error?.message ?? 'unknown error'}`)) as () => void)
      .subscribe(sql);
    this.#detach = (unsubscribe = true) => {
      attached = false;
      table.removeOnInsert(changed);
      table.removeOnDelete(changed);
      table.removeOnUpdate?.(changed);
      if (unsubscribe && handle.isActive()) handle.unsubscribe();
    };
  }

  /**
   * Stops listening to the current connection. `unsubscribe` is false when the socket is already gone; the
   * rows shown so far stay, marked as not live.
   */
  detach(unsubscribe = true): void {
    const detach = this.#detach;
    this.#detach = undefined;
    detach?.(unsubscribe);
  }

  /** The connection dropped: keep the rows, mark them as last known. */
  markStale(): void {
    if (this.snapshot.fromCache) return;
    this.snapshot = { ...this.snapshot, fromCache: this.snapshot.ready };
    this.emit();
  }

  #fail(error: string): void {
    this.snapshot = { ...this.snapshot, error };
    this.emit();
  }
}
