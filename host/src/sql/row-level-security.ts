/**
 * Row-level security: a module's `clientVisibilityFilter` rules (`RawRowLevelSecurityDefV9`), applied the way
 * SpacetimeDB applies them (crates/expr/src/rls.rs, crates/engine/src/sql/rls.rs):
 * - each rule is a subscription query returning the rows of one public table a client may see; a table with
 *   several rules shows the rows any of them returns (the rules are OR-ed);
 * - a rule may use `:sender` and may join another table, whose own rules then apply too (a cycle is refused);
 * - rules restrict every table a client's query reads, the joined one included, in subscriptions, one-off
 *   queries and SQL over HTTP; the database owner sees every row, and so does a view's own query (views do
 *   their own access control in code).
 * The restriction is one extra condition on the compiled query (`restrict`), so every evaluation path
 * (initial rows, incremental deltas, joins) applies it without knowing about it.
 */
import type { SatsValue, TableHandle } from '../engine/index.js';
import { compareValues } from '../engine/datastore/sats-codec.js';
import { compileSubscription, type CompiledQuery, type RowValues, type SqlCatalog } from './compile.js';
import { SqlError } from './parser.js';

/** The committed tables a rule with a join reads. */
export interface RuleTables {
  table(name: string): TableHandle;
}

/** One compiled rule: the table it guards is the one it returns. */
interface Rule {
  sql: string;
  query: CompiledQuery;
}

/** A module definition with a rule SpacetimeDB would refuse to publish. */
export class RowLevelSecurityError extends Error {
  override name = 'RowLevelSecurityError';
}

export class RowLevelSecurity {
  readonly #rules = new Map<string, Rule[]>();
  /** Per guarded table: the other tables its rules read, through joins, transitively. */
  readonly #reads = new Map<string, ReadonlySet<string>>();
  /** Per guarded table: whether any rule reached from it uses `:sender`. */
  readonly #parameterized = new Map<string, boolean>();

  /** Compiles and checks the rules as SpacetimeDB does at publish; throws RowLevelSecurityError with its texts. */
  constructor(rules: readonly string[], catalog: SqlCatalog) {
    for (const sql of rules) {
      let query: CompiledQuery;
      try {
        // Rules are written by the module's author: they may join private tables (only their result must be public).
        query = compileSubscription(sql, catalog, true);
      } catch (error) {
        if (error instanceof SqlError)
          throw new RowLevelSecurityError(`failed to create row-level security: \`${sql}\`: ${error.message}`);
        throw error;
      }
      const guarded = query.returned;
      if (guarded.kind !== 'table')
        throw new RowLevelSecurityError(
          `failed to create row-level security: \`${sql}\`: a rule must return the rows of a table`,
        );
      if (!guarded.isPublic) {
        throw new RowLevelSecurityError(
          `failed to create row-level security: \`${sql}\`: Cannot define RLS rule on private table: ${guarded.name}. ` +
            'Please make table public if you wish to restrict access using RLS.',
        );
      }
      const list = this.#rules.get(guarded.name) ?? [];
      list.push({ sql, query });
      this.#rules.set(guarded.name, list);
    }
    for (const table of this.#rules.keys()) this.#resolve(table, []);
  }

  /** True when the module has no rules. */
  get isEmpty(): boolean {
    return this.#rules.size === 0;
  }

  /**
   * The query as `isOwner`'s caller may run it: for anyone but the owner, rows of a guarded table (returned or
   * joined) must also be visible under its rules. A query over guarded tables depends on who asks (the owner
   * sees more; rules may use `:sender`), so it is marked `usesSender` whenever its answer can differ by caller.
   */
  restrict(query: CompiledQuery, isOwner: boolean, tables: RuleTables): CompiledQuery {
    const relations = query.join ? [query.returned, query.join.relation] : [query.returned];
    const guarded = relations.map((r, position) => ({ name: r.name, position })).filter((r) => this.#rules.has(r.name));
    if (guarded.length === 0) return query;
    // SpacetimeDB keys the owner's queries by caller too, so no one else ever shares the owner's rows.
    if (isOwner) return { ...query, usesSender: true };
    const alsoReads = new Set(query.alsoReads);
    for (const { name } of guarded) for (const read of this.#reads.get(name)!) alsoReads.add(read);
    const visible = (rows: RowValues, sender: bigint) =>
      guarded.every(({ name, position }) => this.#visible(name, rows[position]!, sender, tables));
    return {
      ...query,
      usesSender: query.usesSender || guarded.some(({ name }) => this.#parameterized.get(name)),
      matchesAll: false,
      matches: query.matchesAll ? visible : (rows, sender) => query.matches(rows, sender) && visible(rows, sender),
      alsoReads: [...alsoReads],
    };
  }

  /** Whether one row of a guarded table passes any of its rules for `sender`. */
  #visible(table: string, row: readonly SatsValue[], sender: bigint, tables: RuleTables): boolean {
    for (const { query } of this.#rules.get(table)!) {
      if (!query.join) {
        if (query.matches([row], sender)) return true;
        continue;
      }
      const { relation, returnedColumn, joinedColumn } = query.join;
      // A rule's reference to its own table is not guarded again (SpacetimeDB does not expand it).
      const guardJoined = relation.name !== table && this.#rules.has(relation.name);
      for (const joined of rowsWhere(tables.table(relation.name), joinedColumn, row[returnedColumn]!)) {
        if (guardJoined && !this.#visible(relation.name, joined, sender, tables)) continue;
        if (query.matches([row, joined], sender)) return true;
      }
    }
    return false;
  }

  /** Fills in what a guarded table's rules read and whether they use `:sender`; refuses cycles. */
  #resolve(table: string, resolving: readonly string[]): void {
    if (this.#reads.has(table)) return;
    if (resolving.includes(table)) {
      throw new RowLevelSecurityError(`Discovered cyclic dependency when resolving RLS rules for table \`${table}\``);
    }
    const reads = new Set<string>();
    let parameterized = false;
    for (const { query } of this.#rules.get(table)!) {
      parameterized ||= query.usesSender;
      const joined = query.join?.relation.name;
      if (joined === undefined || joined === table) continue;
      reads.add(joined);
      if (!this.#rules.has(joined)) continue;
      this.#resolve(joined, [...resolving, table]);
      for (const read of this.#reads.get(joined)!) reads.add(read);
      parameterized ||= this.#parameterized.get(joined)!;
    }
    this.#reads.set(table, reads);
    this.#parameterized.set(table, parameterized);
  }
}

/** Column values of the rows of `table` whose `column` equals `value`: through an index when one fits. */
function rowsWhere(table: TableHandle, column: number, value: SatsValue): Iterable<readonly SatsValue[]> {
  const index = table.indexOn([column]);
  if (index) return index.find([value]).map((row) => row.columns);
  const rows: (readonly SatsValue[])[] = [];
  for (const row of table.rows()) if (compareValues(row.columns[column]!, value) === 0) rows.push(row.columns);
  return rows;
}
