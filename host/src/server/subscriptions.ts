/**
 * Every client's query sets, and what each committed transaction means for them.
 *
 * Identical queries share one `LiveQuery` (per subscriber identity when the query depends on `:sender` or is a
 * view with a sender), so a transaction's effect on a query is computed once however many clients watch it.
 * Each query remembers what its last evaluation read (whole tables, index keys, index ranges) in a watcher index,
 * so a transaction visits only the queries whose reads its written rows fall into. Single-table queries are
 * incremental: the transaction's inserted and deleted rows are filtered by the WHERE clause; one whose WHERE pins
 * an indexed column's value (`identity = 0x…`) watches only that key, so a thousand learners each watching their
 * own row are not all visited when one row changes. Joins are incremental through the join columns' indexes
 * (join-delta.ts). Views are re-evaluated (one call per view and sender in a transaction) and diffed against their
 * previous rows. Like SpacetimeDB, rows are counted per query:
 * a row two queries match is sent twice and the client's cache counts references.
 */
import { ReadWatchers, type Engine, type ReadSet, type SatsValue, type TableChange } from '../engine/index.js';
import type { QueryRows, QuerySetUpdate, TableUpdate } from '../protocol/messages.js';
import { compileSubscription, type CompiledQuery, type SqlCatalog } from '../sql/compile.js';
import { DEFAULT_SQL_LIMITS, type SqlLimits } from '../sql/limits.js';
import { SqlError } from '../sql/parser.js';
import { RowLevelSecurity } from '../sql/row-level-security.js';
import { catalogOf } from './catalog.js';
import { evaluateQuery, lookupBy, type Evaluation, type ViewResults } from './evaluate.js';
import { joinDelta } from './join-delta.js';
import { AnswerBudget } from './limits/answer-budget.js';
import { estimateRowsScanned, overRowLimit } from './row-estimate.js';
import { toRowList } from './row-lists.js';
import { diffMultisets, rowsOf, toMultiset, type RowMultiset } from './row-multisets.js';

/** Whoever holds subscriptions (a client connection). */
export interface Subscriber {
  readonly identity: bigint;
}

export interface SubscriptionManagerOptions {
  /** The database owner: like on SpacetimeDB, the owner may subscribe to private tables. */
  owner?: bigint;
  /** How long and deeply nested a query may be. Default DEFAULT_SQL_LIMITS. */
  sqlLimits?: SqlLimits;
  /** Bytes of rows one subscription's or one-off query's answer may hold (AnswerTooLargeError beyond). Default: no limit. */
  maxAnswerBytes?: number;
  /** The database's `row_limit` (`SET row_limit = N` over SQL), read when a query comes; undefined when unset. */
  rowLimit?: () => bigint | undefined;
}

type TableUpdateRows = TableUpdate['rows'][number];

interface LiveQuery {
  key: string;
  query: CompiledQuery;
  sender: bigint;
  tableName: string;
  isEvent: boolean;
  /** What its last evaluation read: only writes into it can change its rows. */
  reads: ReadSet;
  /** How a transaction's delta is found: filtering the changed rows, joining them through indexes, or re-running. */
  strategy: 'filter' | 'join' | 'rerun';
  /** For re-run queries: the rows last sent, as multiset keyed by bytes. */
  lastRows: RowMultiset | null;
  /** It reads a view (returns one or joins one): its evaluation runs the module's code, which may throw. */
  readsView: boolean;
  number: number;
  /** (subscriber, query set) pairs using this query; a set may list the same query twice. */
  users: Map<Subscriber, Map<number, number>>;
}

interface QuerySet {
  queries: LiveQuery[];
}

/** The update of one query set in one transaction. */
export interface SubscriberUpdate {
  querySets: QuerySetUpdate[];
  /** Same signature => same query sets with the same rows: the encoded message can be shared. */
  signature: string;
}

export class SubscriptionError extends Error {
  override name = 'SubscriptionError';
}

/** A client reused a query set id it still has: SpacetimeDB treats it as a protocol error and closes the connection. */
export class QuerySetInUseError extends Error {
  override name = 'QuerySetInUseError';
}

export class SubscriptionManager {
  readonly #engine: Engine;
  readonly #catalog: SqlCatalog;
  readonly #live = new Map<string, LiveQuery>();
  readonly #watchers: ReadWatchers<LiveQuery>;
  readonly #decoded = new Map<Uint8Array, SatsValue[]>();
  readonly #sets = new Map<Subscriber, Map<number, QuerySet>>();
  #nextQueryNumber = 0;

  readonly #owner: bigint | undefined;
  readonly #rowLevelSecurity: RowLevelSecurity;
  readonly #sqlLimits: SqlLimits;
  readonly #maxAnswerBytes: number;
  readonly #rowLimit: () => bigint | undefined;
  /** Live queries that read a view. */
  #viewQueries = 0;
  /** What the commit check evaluated, for the transaction with these changes (the update after it reuses them). */
  #checked: {
    changes: readonly TableChange[];
    affected: Set<LiveQuery>;
    evaluations: Map<LiveQuery, Evaluation>;
  } | null = null;

  constructor(engine: Engine, options: SubscriptionManagerOptions = {}) {
    this.#engine = engine;
    this.#catalog = catalogOf(engine);
    this.#watchers = new ReadWatchers((tableName, bytes) => this.#columnsOf(tableName, bytes));
    this.#owner = options.owner;
    this.#rowLevelSecurity = new RowLevelSecurity(engine.def.rowLevelSecurity, this.#catalog);
    this.#sqlLimits = options.sqlLimits ?? DEFAULT_SQL_LIMITS;
    this.#maxAnswerBytes = options.maxAnswerBytes ?? Infinity;
    this.#rowLimit = options.rowLimit ?? (() => undefined);
    engine.setCommitCheck((changes) => this.#checkViews(changes));
  }

  /** Adds a query set; returns its initial rows. Throws SubscriptionError (nothing subscribed) for a bad query. */
  subscribe(subscriber: Subscriber, querySetId: number, sqls: readonly string[]): QueryRows {
    const existing = this.#sets.get(subscriber);
    if (existing?.has(querySetId))
      throw new QuerySetInUseError(`Subscription with id QuerySetId { id: ${querySetId} } already exists for client`);
    if (sqls.length === 0) throw new SubscriptionError('a subscription needs at least one query');
    const compiled = this.#expandAllTables(sqls, subscriber).map((sql) => this.#compile(sql, subscriber));
    this.#checkRowLimit(compiled, subscriber);
    const queries: LiveQuery[] = [];
    const tables: QueryRows['tables'] = [];
    const views: ViewResults = new Map();
    const budget = new AnswerBudget(this.#maxAnswerBytes);
    try {
      for (const query of compiled) {
        const { live, rows } = this.#attach(query, subscriber, querySetId, views);
        queries.push(live);
        budget.count(live.isEvent ? [] : rows, query.sql);
        tables.push({ table: live.tableName, rows: toRowList(live.isEvent ? [] : rows) });
      }
    } catch (err) {
      this.#detach(subscriber, querySetId, { queries });
      throw err;
    }
    const sets = existing ?? new Map<number, QuerySet>();
    sets.set(querySetId, { queries });
    this.#sets.set(subscriber, sets);
    return { tables };
  }

  /** Removes a query set; returns the rows the client should drop. Throws SubscriptionError for an unknown set. */
  unsubscribe(subscriber: Subscriber, querySetId: number): QueryRows {
    const set = this.#sets.get(subscriber)?.get(querySetId);
    if (!set) throw new SubscriptionError(`no subscription with query set id ${querySetId}`);
    const tables: QueryRows['tables'] = set.queries.map((live) => ({
      table: live.tableName,
      rows: toRowList(live.isEvent ? [] : this.#currentRows(live)),
    }));
    this.#detach(subscriber, querySetId, set);
    this.#sets.get(subscriber)!.delete(querySetId);
    return { tables };
  }

  /** Forgets every query set of a subscriber (it disconnected). */
  dropSubscriber(subscriber: Subscriber): void {
    for (const [querySetId, set] of this.#sets.get(subscriber) ?? []) this.#detach(subscriber, querySetId, set);
    this.#sets.delete(subscriber);
  }

  /** Runs a query once, without subscribing (OneOffQuery). */
  query(subscriber: Subscriber, sql: string): QueryRows {
    const query = this.#compile(sql, subscriber);
    this.#checkRowLimit([query], subscriber);
    const { rows } = evaluateQuery(this.#engine, this.#catalog, query, subscriber.identity);
    new AnswerBudget(this.#maxAnswerBytes).count(rows, sql);
    return { tables: [{ table: query.returned.name, rows: toRowList(rows) }] };
  }

  /** What a committed transaction changes for each subscriber whose queries it touched. */
  updatesFor(changes: readonly TableChange[]): Map<Subscriber, SubscriberUpdate> {
    const checked = this.#checked?.changes === changes ? this.#checked : null;
    this.#checked = null;
    try {
      return this.#updatesFor(changes, checked);
    } finally {
      this.#decoded.clear();
    }
  }

  /**
   * Refuses a transaction that makes a subscribed view throw, as SpacetimeDB does: it refreshes the views a
   * transaction made stale before committing it, and a view that fails fails the reducer, whose writes roll back
   * (`call_views_with_tx` in `call_reducer_with_tx`, crates/core/src/host/wasm_common/module_host_actor.rs), so
   * subscribers see neither the change nor an error. The evaluations are kept for the update after the commit.
   */
  #checkViews(pending: () => readonly TableChange[]): string | null {
    this.#checked = null;
    if (this.#viewQueries === 0) return null;
    const changes = pending();
    if (changes.length === 0) return null;
    const evaluations = new Map<LiveQuery, Evaluation>();
    const views: ViewResults = new Map();
    // The rows decoded to find the affected queries stay decoded for the update after the commit.
    const affected = this.#watchers.affected(changes);
    try {
      for (const live of affected) {
        if (live.readsView) evaluations.set(live, this.#evaluate(live.query, live.sender, views));
      }
    } catch (err) {
      this.#decoded.clear();
      return (err as Error).message;
    }
    this.#checked = { changes, affected, evaluations };
    return null;
  }

  /**
   * A changed row's columns, decoded once per transaction however many queries filter it (a thousand learners
   * each watching their own row of one table would otherwise decode every change a thousand times).
   */
  #columnsOf(tableName: string, bytes: Uint8Array): SatsValue[] {
    let columns = this.#decoded.get(bytes);
    if (!columns) this.#decoded.set(bytes, (columns = this.#engine.table(tableName).decodeColumns(bytes)));
    return columns;
  }

  #updatesFor(
    changes: readonly TableChange[],
    checked: { affected: Set<LiveQuery>; evaluations: Map<LiveQuery, Evaluation> } | null,
  ): Map<Subscriber, SubscriberUpdate> {
    const updates = new Map<Subscriber, SubscriberUpdate>();
    if (changes.length === 0 || this.#live.size === 0) return updates;
    const byTable = new Map(changes.map((c) => [c.tableName, c]));
    // Per subscriber, the (query set, query) pairs its update carries, flat: [querySetId, live, querySetId, live...].
    const perSubscriber = new Map<Subscriber, (number | LiveQuery)[]>();
    const deltas = new Map<LiveQuery, TableUpdateRows>();
    const affected = [...(checked?.affected ?? this.#watchers.affected(changes))].sort((a, b) => a.number - b.number);
    const views: ViewResults = new Map();
    for (const live of affected) {
      const delta = this.#delta(live, byTable, views, checked?.evaluations.get(live));
      if (!delta) continue;
      deltas.set(live, delta);
      for (const [subscriber, sets] of live.users) {
        let pairs = perSubscriber.get(subscriber);
        if (!pairs) perSubscriber.set(subscriber, (pairs = []));
        for (const [querySetId, times] of sets) for (let i = 0; i < times; i++) pairs.push(querySetId, live);
      }
    }
    // Most subscribers get one query's rows (a chat message, the online count): they share one update object.
    const single = new Map<string, SubscriberUpdate>();
    for (const [subscriber, pairs] of perSubscriber) {
      if (pairs.length === 2) {
        const [querySetId, live] = pairs as [number, LiveQuery];
        const signature = `${querySetId}:${live.number}`;
        let update = single.get(signature);
        if (!update) single.set(signature, (update = this.#updateOf([[querySetId, [live]]], deltas, signature)));
        updates.set(subscriber, update);
        continue;
      }
      const bySet = new Map<number, LiveQuery[]>();
      for (let i = 0; i < pairs.length; i += 2) {
        const querySetId = pairs[i] as number;
        const lives = bySet.get(querySetId);
        if (lives) lives.push(pairs[i + 1] as LiveQuery);
        else bySet.set(querySetId, [pairs[i + 1] as LiveQuery]);
      }
      const sorted = [...bySet].sort((a, b) => a[0] - b[0]);
      const signature = sorted
        .flatMap(([querySetId, lives]) => lives.map((l) => `${querySetId}:${l.number}`))
        .join(',');
      updates.set(subscriber, this.#updateOf(sorted, deltas, signature));
    }
    return updates;
  }

  /** One subscriber's update: per query set (in order), the rows of each query, grouped by table. */
  #updateOf(
    sets: readonly (readonly [number, readonly LiveQuery[]])[],
    deltas: ReadonlyMap<LiveQuery, TableUpdateRows>,
    signature: string,
  ): SubscriberUpdate {
    const querySets: QuerySetUpdate[] = sets.map(([querySetId, lives]) => {
      const byName = new Map<string, TableUpdateRows[]>();
      for (const live of lives) {
        const rows = byName.get(live.tableName);
        if (rows) rows.push(deltas.get(live)!);
        else byName.set(live.tableName, [deltas.get(live)!]);
      }
      return {
        querySetId: { id: querySetId },
        tables: [...byName].map(([tableName, rows]) => ({ tableName, rows })),
      };
    });
    return { querySets, signature };
  }

  /** `SELECT * FROM *` (what `subscribeToAllTables()` sends) stands for every table the subscriber may read, events aside. */
  #expandAllTables(sqls: readonly string[], subscriber: Subscriber): string[] {
    return sqls.flatMap((sql) =>
      ALL_TABLES.test(sql)
        ? this.#engine.def.tables
            .filter((t) => (t.isPublic || subscriber.identity === this.#owner) && !t.isEvent)
            .map((t) => `SELECT * FROM ${t.name}`)
        : [sql],
    );
  }

  /**
   * Refuses queries of anyone but the owner estimated to read more rows than `row_limit`, before they run, as
   * SpacetimeDB's `check_new_query_row_limit` (subscriptions) and one-off queries do (crates/core/src/estimation.rs).
   */
  #checkRowLimit(queries: readonly CompiledQuery[], subscriber: Subscriber): void {
    const limit = this.#rowLimit();
    if (limit === undefined || subscriber.identity === this.#owner) return;
    let estimate = 0;
    for (const query of new Map(queries.map((q) => [q.sql, q])).values())
      estimate += estimateRowsScanned(this.#engine, this.#catalog, query, subscriber.identity, null, true);
    const refusal = overRowLimit(estimate, limit);
    if (refusal) throw new SubscriptionError(refusal);
  }

  #compile(sql: string, subscriber: Subscriber): CompiledQuery {
    try {
      const isOwner = subscriber.identity === this.#owner;
      return this.#rowLevelSecurity.restrict(
        compileSubscription(sql, this.#catalog, isOwner, this.#sqlLimits),
        isOwner,
        this.#engine,
      );
    } catch (err) {
      if (err instanceof SqlError) throw new SubscriptionError(`${err.message}, executing: \`${sql}\``);
      throw err;
    }
  }

  #attach(
    query: CompiledQuery,
    subscriber: Subscriber,
    querySetId: number,
    views: ViewResults,
  ): { live: LiveQuery; rows: Uint8Array[] } {
    const relations = query.join ? [query.returned, query.join.relation] : [query.returned];
    const perSender =
      query.usesSender || relations.some((r) => r.kind === 'view' && !this.#engine.view(r.name)!.isAnonymous);
    const key = perSender ? `${query.sql}\u0000${subscriber.identity.toString(16)}` : query.sql;
    let live = this.#live.get(key);
    let rows: Uint8Array[];
    if (live) {
      rows = this.#currentRows(live);
    } else {
      const evaluation = this.#evaluate(query, subscriber.identity, views);
      rows = evaluation.rows;
      const strategy = this.#strategyOf(query);
      const readsView = relations.some((r) => r.kind === 'view');
      if (readsView) this.#viewQueries++;
      live = {
        key,
        query,
        sender: subscriber.identity,
        tableName: query.returned.name,
        isEvent: this.#isEventTable(query.returned.name),
        reads: evaluation.reads,
        strategy,
        lastRows: strategy === 'rerun' ? toMultiset(rows) : null,
        readsView,
        number: this.#nextQueryNumber++,
        users: new Map(),
      };
      this.#live.set(key, live);
      this.#watchers.add(live, live.reads);
    }
    const sets = live.users.get(subscriber) ?? new Map<number, number>();
    sets.set(querySetId, (sets.get(querySetId) ?? 0) + 1);
    live.users.set(subscriber, sets);
    return { live, rows };
  }

  #detach(subscriber: Subscriber, querySetId: number, set: QuerySet): void {
    for (const live of set.queries) {
      const sets = live.users.get(subscriber);
      sets?.delete(querySetId);
      if (sets?.size === 0) live.users.delete(subscriber);
      if (live.users.size === 0 && this.#live.get(live.key) === live) {
        if (live.readsView) this.#viewQueries--;
        this.#live.delete(live.key);
        this.#watchers.remove(live, live.reads);
      }
    }
  }

  #strategyOf(query: CompiledQuery): LiveQuery['strategy'] {
    if (query.returned.kind === 'view' || query.join?.relation.kind === 'view' || query.alsoReads.length > 0)
      return 'rerun';
    if (!query.join) return 'filter';
    const drivable =
      lookupBy(this.#engine.table(query.returned.name), query.join.returnedColumn) &&
      lookupBy(this.#engine.table(query.join.relation.name), query.join.joinedColumn);
    return drivable ? 'join' : 'rerun';
  }

  #evaluate(query: CompiledQuery, sender: bigint, views?: ViewResults) {
    try {
      return evaluateQuery(this.#engine, this.#catalog, query, sender, views);
    } catch (err) {
      if (err instanceof SubscriptionError) throw err;
      throw new SubscriptionError(`${(err as Error).message}, executing: \`${query.sql}\``);
    }
  }

  #currentRows(live: LiveQuery): Uint8Array[] {
    return live.lastRows ? rowsOf(live.lastRows) : this.#evaluate(live.query, live.sender).rows;
  }

  #delta(
    live: LiveQuery,
    byTable: Map<string, TableChange>,
    views: ViewResults,
    checked: Evaluation | undefined,
  ): TableUpdateRows | null {
    let inserts: Uint8Array[];
    let deletes: Uint8Array[];
    if (live.strategy === 'join') {
      ({ inserts, deletes } = joinDelta(this.#engine, live.query, live.sender, byTable)!);
    } else if (live.strategy === 'filter') {
      const change = byTable.get(live.tableName)!;
      const keep = live.query.matchesAll
        ? null
        : (bytes: Uint8Array) => live.query.matches([this.#columnsOf(live.tableName, bytes)], live.sender);
      inserts = keep ? change.inserts.filter(keep) : change.inserts;
      deletes = keep ? change.deletes.filter(keep) : change.deletes;
    } else {
      let evaluation = checked;
      try {
        evaluation ??= this.#evaluate(live.query, live.sender, views);
      } catch {
        // Only a transaction the commit check did not see (a schedule row's removal) gets here: the view keeps
        // its last rows.
        return null;
      }
      this.#watchers.remove(live, live.reads);
      live.reads = evaluation.reads;
      this.#watchers.add(live, live.reads);
      const next = toMultiset(evaluation.rows);
      ({ inserts, deletes } = diffMultisets(live.lastRows!, next));
      live.lastRows = next;
    }
    if (inserts.length === 0 && deletes.length === 0) return null;
    if (live.isEvent) return { tag: 'EventTable', value: { events: toRowList(inserts) } };
    return { tag: 'PersistentTable', value: { inserts: toRowList(inserts), deletes: toRowList(deletes) } };
  }

  #isEventTable(name: string): boolean {
    return this.#engine.def.tables.some((t) => t.name === name && t.isEvent);
  }
}

const ALL_TABLES = /^\s*SELECT\s+\*\s+FROM\s+\*\s*$/i;
