/**
 * `INSERT`, `UPDATE` and `DELETE` over `POST /sql`, as SpacetimeDB runs them (crates/core/src/sql/execute.rs):
 * checked against the module first, then refused unless the caller owns the database, then applied as one
 * transaction that subscribers see like any other. The answer counts the rows as SpacetimeDB's `stats` do.
 */
import type { AlgebraicTypeType } from 'spacetimedb';
import type { Engine, SatsValue } from '../engine/index.js';
import { evaluateQuery } from '../server/evaluate.js';
import { compileSubscription, literalAs, type SqlCatalog, type SqlRelation } from '../sql/compile.js';
import type { DmlStatement } from '../sql/dml.js';
import type { SqlLimits } from '../sql/limits.js';
import { SqlError, type Literal } from '../sql/parser.js';

/** SpacetimeDB's `SqlStmtStats`. */
export interface DmlStats {
  rows_inserted: number;
  rows_deleted: number;
  rows_updated: number;
}

/** A statement's counts: those it names, the others zero (a query changes nothing: all zero). */
export function dmlStats(counts: Partial<DmlStats> = {}): DmlStats {
  return { rows_inserted: 0, rows_deleted: 0, rows_updated: 0, ...counts };
}

/** A checked statement: what `apply` writes, in one transaction. */
export interface PlannedDml {
  /** Inserts and deletes whole rows (BSATN); returns the counts. */
  apply(rows: {
    insert(table: string, row: Uint8Array): boolean;
    delete(table: string, row: Uint8Array): boolean;
  }): DmlStats;
}

/** The SpacetimeDB refusal for a caller other than the owner (`Caller <identity> is not authorized ...`). */
export function notAuthorizedForDml(caller: bigint): string {
  return `Caller ${caller.toString(16).padStart(64, '0')} is not authorized to run SQL DML statements`;
}

/** A special type (Identity, Timestamp, ...) is a product of one marked field: the SDK's shape wraps the value in it. */
function sdkShape(type: AlgebraicTypeType, value: SatsValue): unknown {
  if (type.tag !== 'Product' || type.value.elements.length !== 1) return value;
  const name = type.value.elements[0]!.name ?? '';
  return /^__.*__$/.test(name) ? { [name]: value } : value;
}

function tableOf(catalog: SqlCatalog, name: string, isOwner: boolean): SqlRelation {
  const relation = catalog.relation(name);
  if (!relation || (!relation.isPublic && !isOwner))
    throw new SqlError(`no such table: \`${name}\`. If the table exists, it may be marked private.`);
  if (relation.kind === 'view') throw new SqlError(`\`${relation.name}\` is a view; DML on views is not supported`);
  return relation;
}

function columnOf(relation: SqlRelation, name: string) {
  const column = relation.columns.find((c) => c.name === name) ?? relation.columns.find((c) => c.accessorName === name);
  if (!column) throw new SqlError(`\`${relation.name}\` does not have a field \`${name}\``);
  return column;
}

/** A literal as the SDK-shaped value of a column's type; SpacetimeDB's error when it does not fit. */
function valueFor(literal: Literal, type: AlgebraicTypeType): unknown {
  return sdkShape(type, literalAs(literal, type));
}

/**
 * Checks a DML statement against the module (SpacetimeDB's errors for unknown tables and columns, views, counts
 * and literals), finds the rows UPDATE and DELETE change, and gives back the writes. Throws SqlError.
 */
export function planDml(
  statement: DmlStatement,
  engine: Engine,
  catalog: SqlCatalog,
  isOwner: boolean,
  caller: bigint,
  limits?: SqlLimits,
): PlannedDml {
  const relation = tableOf(catalog, statement.table, isOwner);
  const table = engine.table(relation.name);
  if (statement.kind === 'insert') {
    const { columns, rows } = statement;
    if (columns.length !== relation.columns.length) {
      throw new SqlError(
        `The number of fields (${columns.length}) in the INSERT does not match the number of columns (${relation.columns.length}) of the table \`${relation.name}\``,
      );
    }
    // SpacetimeDB puts the values in the table's column order whatever the list says; naming them in another order
    // would put values in the wrong columns there, so it is refused here.
    columns.forEach((name, i) => {
      if (columnOf(relation, name) !== relation.columns[i]) {
        throw new SqlError(
          `INSERT must name the columns of \`${relation.name}\` in the table's order: ${relation.columns.map((c) => c.name).join(', ')}`,
        );
      }
    });
    const encoded = rows.map((row) => {
      if (row.length !== relation.columns.length) {
        throw new SqlError(
          `Inserting a row with ${row.length} values into \`${relation.name}\` which has ${relation.columns.length} fields`,
        );
      }
      return table.encodeRow(
        Object.fromEntries(relation.columns.map((c, i) => [c.accessorName, valueFor(row[i]!, c.type)])),
      );
    });
    checkOwner(isOwner, caller);
    return {
      apply: (writer) => dmlStats({ rows_inserted: encoded.filter((row) => writer.insert(relation.name, row)).length }),
    };
  }
  const assignments =
    statement.kind === 'update'
      ? statement.assignments.map(({ column, value }) => {
          const target = columnOf(relation, column);
          return { accessorName: target.accessorName, value: valueFor(value, target.type) };
        })
      : [];
  const query = compileSubscription(statement.select, catalog, isOwner, limits);
  checkOwner(isOwner, caller);
  const matched = evaluateQuery(engine, catalog, query, caller).rows;
  if (statement.kind === 'delete') {
    return {
      apply: (writer) => dmlStats({ rows_deleted: matched.filter((row) => writer.delete(relation.name, row)).length }),
    };
  }
  return {
    apply: (writer) => {
      // All the old rows go first, as SpacetimeDB's update does, so rows may trade unique values.
      for (const row of matched) writer.delete(relation.name, row);
      for (const row of matched) {
        const values = table.decodeRow(row);
        for (const { accessorName, value } of assignments) values[accessorName] = value;
        writer.insert(relation.name, table.encodeRow(values));
      }
      return dmlStats({ rows_updated: matched.length });
    },
  };
}

function checkOwner(isOwner: boolean, caller: bigint): void {
  if (!isOwner) throw new SqlError(notAuthorizedForDml(caller));
}
