/**
 * Checks a parsed subscription query against the module's tables and views and turns it into a plan the
 * subscription manager can run: which relation's rows it returns, the join (if any), and the WHERE clause as a
 * function of row values. Error messages follow SpacetimeDB's wording where one exists.
 */
import type { AlgebraicTypeType } from 'spacetimedb';
import type { SatsValue } from '../engine/index.js';
// Straight from the codec, not the engine's index: the engine checks row-level security rules with this compiler.
import { compareValues } from '../engine/datastore/sats-codec.js';
import { DEFAULT_SQL_LIMITS, type SqlLimits } from './limits.js';
import { parseSubscriptionSql, SqlError, type FieldRef, type Literal, type Operand, type Predicate } from './parser.js';

/** A table or view as SQL sees it. */
export interface SqlRelation {
  /** Canonical name. */
  name: string;
  kind: 'table' | 'view';
  /** Columns by canonical name, with the module's own (accessor) name, which SQL also accepts. */
  columns: readonly { name: string; accessorName: string; type: AlgebraicTypeType }[];
  isPublic: boolean;
  /** Column ids that lead some index (usable to look rows up by that column). */
  indexedColumns: ReadonlySet<number>;
}

/** Lookup of relations by canonical name, else by accessor name (as SpacetimeDB does); `typespace` resolves `Ref` types. */
export interface SqlCatalog {
  relation(name: string): SqlRelation | undefined;
  typespace: readonly AlgebraicTypeType[];
}

/** Values of one row of each relation of the query, in order [returned, joined]. */
export type RowValues = readonly (readonly SatsValue[])[];

export interface CompiledQuery {
  sql: string;
  /** The relation whose rows the query returns. */
  returned: SqlRelation;
  /** For a join: the other relation and the equality `returned[returnedColumn] = joined[joinedColumn]`. */
  join: { relation: SqlRelation; returnedColumn: number; joinedColumn: number } | null;
  /** True when the query mentions `:sender`, so its rows depend on who subscribed. */
  usesSender: boolean;
  /** True when there is no WHERE clause (every row of the returned relation, or of the join, matches). */
  matchesAll: boolean;
  /** The WHERE clause (and, for a client, the row-level security rules: see row-level-security.ts). */
  matches(rows: RowValues, sender: bigint): boolean;
  /**
   * Tables besides its own relations whose rows `matches` reads (row-level security rules with joins): a write to
   * them can change the answer, so such a query is re-run rather than filtered incrementally.
   */
  alsoReads: readonly string[];
  /**
   * For a query of one table: what its WHERE demands of single columns, each met by every matching row, so an
   * index on such a column finds all the rows that can match (see `ColumnCondition`). Empty for joins and
   * for a WHERE with no such condition.
   */
  conditions: readonly ColumnCondition[];
}

/**
 * A condition on one column that every row a WHERE matches meets: the column equals one of some values
 * (`col = v`, alone, ANDed with more, or ORed with equalities of the same column), or lies on one side of a
 * value (`col > v`, `col <= v`, ...; `v < col` too). Several conditions of one query all hold (they were ANDed).
 */
export type ColumnCondition =
  | { kind: 'equals'; column: number; values(sender: bigint): SatsValue[] }
  | { kind: 'bound'; column: number; side: 'lower' | 'upper'; inclusive: boolean; value(sender: bigint): SatsValue };

/**
 * Compiles one subscription query. `isOwner` lets the database owner see private tables (clients never are).
 * Throws SqlError for anything a client got wrong.
 */
export function compileSubscription(
  sql: string,
  catalog: SqlCatalog,
  isOwner = false,
  limits: SqlLimits = DEFAULT_SQL_LIMITS,
): CompiledQuery {
  const ast = parseSubscriptionSql(sql, limits);
  const resolve = (name: string): SqlRelation => {
    const relation = catalog.relation(name);
    if (!relation || (!relation.isPublic && !isOwner)) {
      throw new SqlError(`no such table: \`${name}\`. If the table exists, it may be marked private.`);
    }
    return relation;
  };
  const scope = new Map<string, { relation: SqlRelation; position: number }>();
  scope.set(ast.from.alias, { relation: resolve(ast.from.table), position: 0 });
  if (ast.join) {
    if (scope.has(ast.join.relation.alias)) throw new SqlError(`Duplicate name \`${ast.join.relation.alias}\``);
    scope.set(ast.join.relation.alias, { relation: resolve(ast.join.relation.table), position: 1 });
  }

  let returnedPosition = 0;
  if (ast.join) {
    if (ast.projection === null) throw new SqlError('SELECT * is not supported for joins');
  }
  if (ast.projection !== null) {
    const target = scope.get(ast.projection);
    if (!target) throw new SqlError(`\`${ast.projection}\` is not in scope`);
    returnedPosition = target.position;
  }

  const context: Context = { scope, catalog, qualified: ast.join !== null, usesSender: false };
  let join: CompiledQuery['join'] = null;
  const relations = [...scope.values()].sort((a, b) => a.position - b.position).map((s) => s.relation);
  if (ast.join) {
    if (!ast.join.on) throw new SqlError('Subscriptions require indexes on join columns');
    const left = resolveField(ast.join.on.left, context);
    const right = resolveField(ast.join.on.right, context);
    if (left.position === right.position) throw new SqlError('a join condition must compare columns of both tables');
    if (!comparable(left.type, right.type, catalog)) {
      throw new SqlError(`Unexpected type: (expected) ${typeName(left.type)} != ${typeName(right.type)} (inferred)`);
    }
    const [returnedSide, joinedSide] = left.position === returnedPosition ? [left, right] : [right, left];
    if (
      !relations[returnedSide.position]!.indexedColumns.has(returnedSide.column) &&
      !relations[joinedSide.position]!.indexedColumns.has(joinedSide.column)
    ) {
      throw new SqlError('Subscriptions require indexes on join columns');
    }
    join = {
      relation: relations[joinedSide.position]!,
      returnedColumn: returnedSide.column,
      joinedColumn: joinedSide.column,
    };
  }

  const where = ast.where ? compilePredicate(ast.where, context) : null;
  // Predicates are written against [from, join]; the plan hands rows as [returned, joined].
  const reorder = returnedPosition === 0 ? null : (rows: RowValues): RowValues => [rows[1]!, rows[0]!];
  const matches =
    where === null
      ? () => true
      : reorder === null
        ? where
        : (rows: RowValues, sender: bigint) => where(reorder(rows), sender);
  return {
    sql,
    returned: relations[returnedPosition]!,
    join,
    usesSender: context.usesSender,
    matchesAll: where === null,
    matches,
    alsoReads: [],
    conditions: ast.where && !ast.join ? conditionsOf(ast.where, context) : [],
  };
}

/** What a (valid, already compiled) WHERE demands of single columns: see `CompiledQuery.conditions`. */
function conditionsOf(predicate: Predicate, context: Context): ColumnCondition[] {
  if (predicate.kind === 'and') return chainTerms(predicate).flatMap((term) => conditionsOf(term, context));
  if (predicate.kind === 'or') {
    // Rows matching an OR of equalities of one column have one of their values (`id = 3 OR id = 7`).
    const terms = chainTerms(predicate).map((term) => conditionsOf(term, context).find((c) => c.kind === 'equals'));
    const column = terms[0]?.column;
    if (terms.some((term) => !term || term.column !== column)) return [];
    const equalities = terms as Extract<ColumnCondition, { kind: 'equals' }>[];
    return [{ kind: 'equals', column: column!, values: (sender) => equalities.flatMap((term) => term.values(sender)) }];
  }
  if (predicate.kind !== 'compare' || predicate.op === '!=') return [];
  const fieldLeft = predicate.left.kind === 'field';
  const [field, other] = fieldLeft ? [predicate.left, predicate.right] : [predicate.right, predicate.left];
  if (field.kind !== 'field' || other.kind === 'field') return [];
  const { column, type } = resolveField(field, context);
  const value = operandValue(other, null, type, context);
  if (predicate.op === '=') return [{ kind: 'equals', column, values: (sender) => [value([], sender)] }];
  // `v < col` bounds the column from below, as `col > v` does.
  const less = predicate.op === '<' || predicate.op === '<=';
  return [
    {
      kind: 'bound',
      column,
      side: less === fieldLeft ? 'upper' : 'lower',
      inclusive: predicate.op === '<=' || predicate.op === '>=',
      value: (sender) => value([], sender),
    },
  ];
}

interface Context {
  scope: Map<string, { relation: SqlRelation; position: number }>;
  catalog: SqlCatalog;
  /** In a join, columns must name their table. */
  qualified: boolean;
  usesSender: boolean;
}

interface ResolvedField {
  position: number;
  column: number;
  type: AlgebraicTypeType;
}

function resolveField(field: FieldRef, context: Context): ResolvedField {
  let entry;
  if (field.table === null) {
    if (context.qualified) {
      throw new SqlError(`column \`${field.column}\` must be qualified with its table name in a join`);
    }
    entry = [...context.scope.values()][0]!;
  } else {
    entry = context.scope.get(field.table);
    if (!entry) throw new SqlError(`\`${field.table}\` is not in scope`);
  }
  // Canonical names first, then accessor names, as SpacetimeDB resolves them (`get_column_by_name_or_alias`).
  let column = entry.relation.columns.findIndex((c) => c.name === field.column);
  if (column < 0) column = entry.relation.columns.findIndex((c) => c.accessorName === field.column);
  if (column < 0) throw new SqlError(`\`${entry.relation.name}\` does not have a field \`${field.column}\``);
  return { position: entry.position, column, type: resolveRef(entry.relation.columns[column]!.type, context.catalog) };
}

type Evaluate = (rows: RowValues, sender: bigint) => boolean;
type Value = (rows: RowValues, sender: bigint) => SatsValue;

function compilePredicate(predicate: Predicate, context: Context): Evaluate {
  switch (predicate.kind) {
    case 'and': {
      const terms = chainTerms(predicate).map((term) => compilePredicate(term, context));
      return (rows, sender) => {
        for (const term of terms) if (!term(rows, sender)) return false;
        return true;
      };
    }
    case 'or': {
      const terms = chainTerms(predicate).map((term) => compilePredicate(term, context));
      return (rows, sender) => {
        for (const term of terms) if (term(rows, sender)) return true;
        return false;
      };
    }
    case 'operand': {
      const { operand } = predicate;
      if (operand.kind === 'literal' && operand.literal.kind === 'bool') {
        const value = operand.literal.value;
        return () => value;
      }
      if (operand.kind === 'field') {
        const field = resolveField(operand, context);
        if (field.type.tag !== 'Bool')
          throw new SqlError(`Unexpected type: (expected) Bool != ${typeName(field.type)} (inferred)`);
        return (rows) => rows[field.position]![field.column] === true;
      }
      throw new SqlError('a WHERE clause must be a condition');
    }
    case 'compare': {
      const { op } = predicate;
      const leftField = predicate.left.kind === 'field' ? resolveField(predicate.left, context) : null;
      const rightField = predicate.right.kind === 'field' ? resolveField(predicate.right, context) : null;
      const type = leftField?.type ?? rightField?.type;
      if (!type) throw new SqlError('Cannot resolve type for literal expression');
      if (leftField && rightField && !comparable(leftField.type, rightField.type, context.catalog)) {
        throw new SqlError(
          `Unexpected type: (expected) ${typeName(leftField.type)} != ${typeName(rightField.type)} (inferred)`,
        );
      }
      const ordered = op !== '=' && op !== '!=';
      if (ordered && !isOrderable(type)) {
        throw new SqlError(`Invalid binary operator \`${op}\` for type \`${typeName(type)}\``);
      }
      const left = operandValue(predicate.left, leftField, type, context);
      const right = operandValue(predicate.right, rightField, type, context);
      // Values are ordered exactly as the engine orders them in its indexes.
      const order = (rows: RowValues, sender: bigint) => compareValues(left(rows, sender), right(rows, sender));
      switch (op) {
        case '=':
          return (rows, sender) => order(rows, sender) === 0;
        case '!=':
          return (rows, sender) => order(rows, sender) !== 0;
        case '<':
          return (rows, sender) => order(rows, sender) < 0;
        case '<=':
          return (rows, sender) => order(rows, sender) <= 0;
        case '>':
          return (rows, sender) => order(rows, sender) > 0;
        case '>=':
          return (rows, sender) => order(rows, sender) >= 0;
      }
    }
  }
}

/**
 * The terms of a run of ANDs (or of ORs), in order, collected without recursion: the parser nests a chain of
 * thousands of terms that deep, while nesting between different operators is bounded by the parentheses limit.
 */
function chainTerms(chain: Extract<Predicate, { kind: 'and' | 'or' }>): Predicate[] {
  const terms: Predicate[] = [];
  const pending: Predicate[] = [chain];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.kind === chain.kind) pending.push(next.right, next.left);
    else terms.push(next);
  }
  return terms;
}

function operandValue(operand: Operand, field: ResolvedField | null, type: AlgebraicTypeType, context: Context): Value {
  if (field) return (rows) => rows[field.position]![field.column]!;
  if (operand.kind === 'sender') {
    context.usesSender = true;
    if (isSpecial(type, '__identity__')) return (_rows, sender) => sender;
    if (isBytes(type)) return (_rows, sender) => bigintToBytes(sender);
    throw new SqlError(`Unexpected type: (expected) ${typeName(type)} != Identity (inferred)`);
  }
  if (operand.kind !== 'literal') throw new SqlError('Cannot resolve type for literal expression');
  const value = literalAs(operand.literal, type);
  return () => value;
}

const INTEGER_BITS: Record<string, [signed: boolean, bits: number]> = {
  I8: [true, 8],
  U8: [false, 8],
  I16: [true, 16],
  U16: [false, 16],
  I32: [true, 32],
  U32: [false, 32],
  I64: [true, 64],
  U64: [false, 64],
  I128: [true, 128],
  U128: [false, 128],
  I256: [true, 256],
  U256: [false, 256],
};

/** Converts a literal to a column type's value, refusing what SpacetimeDB refuses. */
export function literalAs(literal: Literal, type: AlgebraicTypeType): SatsValue {
  const text = describeLiteral(literal);
  const fail = (): never => {
    throw new SqlError(`The literal expression \`${text}\` cannot be parsed as type \`${typeName(type)}\``);
  };
  const integer = INTEGER_BITS[type.tag];
  if (integer) {
    if (literal.kind !== 'number') return fail();
    const value = parseInteger(literal.text) ?? fail();
    const [signed, bits] = integer;
    const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
    const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
    if (value < min || value > max) return fail();
    return bits <= 32 ? Number(value) : value;
  }
  switch (type.tag) {
    case 'F32':
    case 'F64':
      return literal.kind === 'number' ? Number(literal.text) : fail();
    case 'Bool':
      return literal.kind === 'bool' ? literal.value : fail();
    case 'String':
      return literal.kind === 'string' ? literal.value : fail();
    case 'Array':
      if (isBytes(type) && literal.kind === 'hex') return hexToBytes(literal.digits) ?? fail();
      return fail();
    case 'Product': {
      if (isSpecial(type, '__identity__') || isSpecial(type, '__connection_id__')) {
        const digits =
          literal.kind === 'hex'
            ? literal.digits
            : literal.kind === 'string'
              ? literal.value.replace(/^0x/i, '')
              : null;
        if (
          digits === null ||
          !/^[0-9a-fA-F]+$/.test(digits) ||
          digits.length > (isSpecial(type, '__identity__') ? 64 : 32)
        )
          return fail();
        return BigInt('0x' + digits);
      }
      if (isSpecial(type, '__timestamp_micros_since_unix_epoch__')) {
        if (literal.kind === 'number') return parseInteger(literal.text) ?? fail();
        if (literal.kind !== 'string') return fail();
        return parseTimestamp(literal.value) ?? fail();
      }
      if (isSpecial(type, '__time_duration_micros__')) {
        return literal.kind === 'number' ? (parseInteger(literal.text) ?? fail()) : fail();
      }
      return fail();
    }
    default:
      return fail();
  }
}

/** Integer value of a numeric literal (scientific notation allowed when the result is whole), or null. */
function parseInteger(text: string): bigint | null {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!m) return null;
  const [, sign, whole = '', fraction = '', exponentText] = m;
  const exponent = Number(exponentText ?? 0);
  let digits = whole + fraction;
  let scale = exponent - fraction.length;
  if (digits.length === 0) return null;
  if (scale < 0) {
    const dropped = digits.slice(digits.length + scale);
    if (/[^0]/.test(dropped)) return null;
    digits = digits.slice(0, digits.length + scale) || '0';
    scale = 0;
  }
  if (scale > 100) return null;
  const value = BigInt(digits + '0'.repeat(scale));
  return sign === '-' ? -value : value;
}

/** Microseconds since the epoch of an RFC 3339 timestamp, keeping sub-millisecond digits. */
function parseTimestamp(text: string): bigint | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!m) return null;
  const [, date, time, fraction = '', zone] = m;
  const millis = Date.parse(`${date}T${time}${zone!.toUpperCase()}`);
  if (Number.isNaN(millis)) return null;
  return BigInt(millis) * 1000n + BigInt((fraction + '000000').slice(0, 6));
}

function hexToBytes(digits: string): Uint8Array | null {
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) return null;
  return Uint8Array.from(Buffer.from(digits, 'hex'));
}

function bigintToBytes(value: bigint): Uint8Array {
  // Identities as bytes are little-endian, as in BSATN.
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
}

function isSpecial(type: AlgebraicTypeType, field: string): boolean {
  return type.tag === 'Product' && type.value.elements.length === 1 && type.value.elements[0]!.name === field;
}

function isBytes(type: AlgebraicTypeType): boolean {
  return type.tag === 'Array' && type.value.tag === 'U8';
}

function isOrderable(type: AlgebraicTypeType): boolean {
  return (
    type.tag in INTEGER_BITS ||
    ['F32', 'F64', 'String', 'Bool'].includes(type.tag) ||
    ['__identity__', '__connection_id__', '__timestamp_micros_since_unix_epoch__', '__time_duration_micros__'].some(
      (f) => isSpecial(type, f),
    )
  );
}

function resolveRef(type: AlgebraicTypeType, catalog: SqlCatalog): AlgebraicTypeType {
  let resolved = type;
  for (let hops = 0; resolved.tag === 'Ref' && hops < 100; hops++) resolved = catalog.typespace[resolved.value]!;
  return resolved;
}

function comparable(a: AlgebraicTypeType, b: AlgebraicTypeType, catalog: SqlCatalog): boolean {
  return JSON.stringify(resolveRef(a, catalog)) === JSON.stringify(resolveRef(b, catalog));
}

function typeName(type: AlgebraicTypeType): string {
  if (isSpecial(type, '__identity__')) return 'Identity';
  if (isSpecial(type, '__connection_id__')) return 'ConnectionId';
  if (isSpecial(type, '__timestamp_micros_since_unix_epoch__')) return 'Timestamp';
  if (isSpecial(type, '__time_duration_micros__')) return 'TimeDuration';
  if (type.tag === 'Array') return `Array<${typeName(type.value)}>`;
  return type.tag;
}

function describeLiteral(literal: Literal): string {
  switch (literal.kind) {
    case 'number':
      return literal.text;
    case 'string':
      return `'${literal.value}'`;
    case 'bool':
      return String(literal.value).toUpperCase();
    case 'hex':
      return `0x${literal.digits}`;
  }
}
