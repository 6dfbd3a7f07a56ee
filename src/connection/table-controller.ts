import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Identity } from 'spacetimedb';
import { sameIdentity } from './academy-queries.js';
import { adoptIdentities, planQuery } from './query-plan.js';
import type { AcademySource, RowQuery, RowsSnapshot } from './types.js';

/**
 * A widget's live rows of one table, like React's `useTable`: it watches `query()` on the widget's academy,
 * keeps `rows` filtered on the client and re-renders the widget once per server transaction. When the academy
 * or the query changes (an attribute changed), it watches again.
 *
 * ```ts
 * #messages = new TableController(this, () => this.academy, () => ({
 *   query: tables.channelMessage.where(m => m.channel.eq(this.channel)),
 *   cacheKey: `chat:${this.channel}`,
 * }));
 * ```
 */
export class TableController<Row> implements ReactiveController, RowsSnapshot<Row> {
  rows: readonly Row[] = [];
  ready = false;
  fromCache = false;
  error?: string;
  #watching?: { source: AcademySource; key: string; stop: () => void; learner?: Identity };
  #updating = false;
  /** The query changed: keep showing the old rows until the new ones arrive, instead of flashing empty. */
  #holding = false;

  readonly #host: ReactiveControllerHost;
  readonly #source: () => AcademySource | undefined;
  readonly #query: () => RowQuery<Row> | undefined;
  readonly #onRows?: (snapshot: RowsSnapshot<Row>) => void;

  constructor(
    host: ReactiveControllerHost,
    source: () => AcademySource | undefined,
    /** The rows to watch, from the widget's current attributes; undefined to watch nothing yet. */
    query: () => RowQuery<Row> | undefined,
    /** Called with each new snapshot before the widget renders (e.g. to announce new rows). */
    onRows?: (snapshot: RowsSnapshot<Row>) => void,
  ) {
    this.#host = host;
    this.#source = source;
    this.#query = query;
    this.#onRows = onRows;
    host.addController(this);
  }

  hostUpdate(): void {
    const source = this.#source();
    const built = source ? this.#query() : undefined;
    const query = built && adoptIdentities(built);
    const plan = query ? planQuery(query) : undefined;
    const key = query && plan ? `${plan.table}\n${plan.sql.join('\n')}\n${query.cacheKey ?? ''}` : '';
    if (this.#watching && this.#watching.source === source && this.#watching.key === key) return;
    const learner = source?.status.identity;
    // Never hold the previous learner's rows on screen while the next one's load.
    this.#holding =
      this.rows.length > 0 &&
      this.#watching !== undefined &&
      (this.#watching.learner === learner || sameIdentity(this.#watching.learner, learner));
    this.#stop();
    if (!source || !query) {
      this.rows = [];
      this.ready = false;
      return;
    }
    // The first snapshot arrives synchronously, inside this update: take it without asking for another one.
    this.#updating = true;
    const stop = source.watch(query, (snapshot) => this.#take(snapshot));
    this.#updating = false;
    this.#watching = { source, key, stop, learner };
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #take(snapshot: RowsSnapshot<Row>): void {
    if (this.#holding && !snapshot.ready && snapshot.error === undefined) return;
    this.#holding = false;
    this.rows = snapshot.rows;
    this.ready = snapshot.ready;
    this.fromCache = snapshot.fromCache;
    this.error = snapshot.error;
    this.#onRows?.(snapshot);
    // Inside an update a request would be dropped; render again right after it, so that queries derived
    // from these rows (a threshold, a list of names) can start.
    if (this.#updating) queueMicrotask(() => this.#host.requestUpdate());
    else this.#host.requestUpdate();
  }

  #stop(): void {
    this.#watching?.stop();
    this.#watching = undefined;
  }
}
