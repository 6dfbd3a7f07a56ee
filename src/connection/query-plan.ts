import { getQueryAccessorName, getQueryWhereClause, Identity, toComparableValue, type BooleanExpr } from 'spacetimedb';
import type { TableName } from './academy-schema.js';
import type { RowQuery } from './types.js';

/** What a `RowQuery` asks of a connection: which table, which subscription SQL, which rows to keep. */
export interface QueryPlan<Row> {
  table: TableName;
  sql: string[];
  /** Keeps the query's rows out of the table's shared client cache; undefined keeps every row. */
  where?: (row: Row) => boolean;
}

type Condition = BooleanExpr<never>['data'];
type Operand = Extract<Condition, { left: unknown }>['left'];
type RowFilter = (row: Record<string, unknown>) => boolean;

/**
 * The table, SQL and client-side filter of a query built with the bindings' `tables`: all three come from the one
 * expression, so they cannot disagree. A semijoin has no client-side filter (its rows depend on another table).
 */
export function planQuery<Row>(query: RowQuery<Row>): QueryPlan<Row> {
  const parts = [query.query].flat();
  const first = parts[0];
  if (!first) throw new Error('A RowQuery needs at least one query.');
  const table = getQueryAccessorName(first) as TableName;
  const filters: RowFilter[] = [];
  for (const part of parts) {
    const where = getQueryWhereClause(part) as BooleanExpr<never> | undefined;
    // A part without a filter keeps every row of the table.
    if (!where || (part as { type?: string }).type === 'semijoin') return { table, sql: parts.map((p) => p.toSql()) };
    filters.push(compile(where.data));
  }
  const where = filters.length === 1 ? filters[0] : (row: Record<string, unknown>) => filters.some((keep) => keep(row));
  return { table, sql: parts.map((p) => p.toSql()), where: where as (row: Row) => boolean };
}

/**
 * Makes every identity the query compares with an `Identity` of the SDK that built the query, and returns it. A page
 * may hold two copies of the widgets (an npm build and the CDN script) sharing one connection, so the learner's
 * identity and the rows may come from the other copy's SDK, whose `Identity` the query's SQL writer does not
 * recognise. Call it where the query is built (it uses this copy's `Identity`), before anything plans it.
 */
export function adoptIdentities<Query extends RowQuery<unknown>>(query: Query): Query {
  for (const part of [query.query].flat()) {
    const where = getQueryWhereClause(part) as BooleanExpr<never> | undefined;
    if (where) adoptIn(where.data);
  }
  return query;
}

function adoptIn(condition: Condition): void {
  switch (condition.type) {
    case 'and':
    case 'or':
      condition.clauses.forEach(adoptIn);
      return;
    case 'not':
      adoptIn(condition.clause);
      return;
    default:
      for (const side of [condition.left, condition.right]) {
        const value: unknown = side.type === 'literal' ? side.value : undefined;
        if (isForeignIdentity(value)) (side as { value: unknown }).value = new Identity(value.__identity__);
      }
  }
}

function isForeignIdentity(value: unknown): value is Identity {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Identity) &&
    typeof (value as Partial<Identity>).__identity__ === 'bigint'
  );
}

/**
 * A filter compiled once per query rather than interpreted per row (the SDK's `evaluateBooleanExpr`): filters run
 * over every cached row of a table on each change, and a list of learners is an OR of up to 200 identities, here
 * one set look-up. Values compare as the SDK compares them (`toComparableValue`: identities by hex, times by
 * microseconds).
 */
function compile(condition: Condition): RowFilter {
  switch (condition.type) {
    case 'and': {
      const clauses = condition.clauses.map(compile);
      return (row) => clauses.every((keep) => keep(row));
    }
    case 'or': {
      const column = sameColumnEquals(condition.clauses);
      if (column) {
        const wanted = new Set(condition.clauses.map((clause) => literalOf(clause)));
        return (row) => wanted.has(toComparableValue(row[column]));
      }
      const clauses = condition.clauses.map(compile);
      return (row) => clauses.some((keep) => keep(row));
    }
    case 'not': {
      const clause = compile(condition.clause);
      return (row) => !clause(row);
    }
    default: {
      const left = operand(condition.left);
      const right = operand(condition.right);
      const compare = COMPARISONS[condition.type];
      return (row) => compare(left(row), right(row));
    }
  }
}

const COMPARISONS: Record<'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte', (a: unknown, b: unknown) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => (a as number) > (b as number),
  gte: (a, b) => (a as number) >= (b as number),
  lt: (a, b) => (a as number) < (b as number),
  lte: (a, b) => (a as number) <= (b as number),
};

function operand(value: Operand): (row: Record<string, unknown>) => unknown {
  if (value.type === 'literal') {
    const comparable: unknown = toComparableValue(value.value);
    return () => comparable;
  }
  const column = value.column as string;
  return (row) => toComparableValue(row[column]);
}

/** The column every clause compares for equality with a literal, if they all do (`id = 1 OR id = 2 …`). */
function sameColumnEquals(clauses: readonly Condition[]): string | undefined {
  let column: string | undefined;
  for (const clause of clauses) {
    if (clause.type !== 'eq' || clause.left.type !== 'column' || clause.right.type !== 'literal') return undefined;
    if (column !== undefined && clause.left.column !== column) return undefined;
    column = clause.left.column as string;
  }
  return column;
}

function literalOf(clause: Condition): unknown {
  return clause.type === 'eq' && clause.right.type === 'literal' ? toComparableValue(clause.right.value) : undefined;
}
