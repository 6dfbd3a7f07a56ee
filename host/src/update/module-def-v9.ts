/**
 * `GET /v1/database/:name/schema?version=9`: the module as SpacetimeDB re-derives a `RawModuleDefV9` from its
 * validated definition (`impl From<ModuleDef> for RawModuleDefV9` in `crates/schema/src/def.rs`), in SATS-JSON
 * (field order of the structs in `crates/lib/src/db/raw_def/v9.rs`). What V9 cannot say (event tables, HTTP
 * handlers, function visibility) is left out there too.
 */
import type { LifecycleKind, ModuleDef, TableDef } from '../schema/module-def.js';
import { integer, type JsonTree } from './json-text.js';
import { satsJsonProductType, satsJsonType } from './sats-json.js';

const unit: JsonTree = [];
const option = (value: JsonTree | undefined): JsonTree => (value === undefined ? { none: unit } : { some: value });
const optionalInteger = (value: bigint | undefined) => option(value === undefined ? undefined : integer(value));

/** Strings as Rust orders them: by UTF-8 bytes. */
const compareBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** `to_raw` turns each `HashMap` of definitions into a list sorted by name (a `BTreeMap`). */
function byName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareBytes(name(a), name(b)));
}

/** `ScopedTypeName`'s derived order: the scope (element by element, then the shorter first), then the name. */
function compareScoped(a: { scope: string[]; sourceName: string }, b: { scope: string[]; sourceName: string }): number {
  for (let i = 0; i < Math.min(a.scope.length, b.scope.length); i++) {
    const order = compareBytes(a.scope[i]!, b.scope[i]!);
    if (order !== 0) return order;
  }
  return a.scope.length - b.scope.length || compareBytes(a.sourceName, b.sourceName);
}

const LIFECYCLE: Record<LifecycleKind, string> = {
  init: 'Init',
  clientConnected: 'OnConnect',
  clientDisconnected: 'OnDisconnect',
};

function table(def: TableDef): JsonTree {
  return {
    name: def.name,
    product_type_ref: def.productTypeRef,
    primary_key: def.primaryKey,
    indexes: byName(def.indexes, (i) => i.name).map((index) => ({
      name: option(index.name),
      accessor_name: option(index.declaredAccessorName),
      algorithm:
        index.algorithm === 'direct'
          ? { Direct: { column: index.columns[0]! } }
          : { [index.algorithm === 'btree' ? 'BTree' : 'Hash']: { columns: index.columns } },
    })),
    constraints: byName(def.uniqueConstraints, (c) => c.name).map((c) => ({
      name: option(c.name),
      data: { Unique: { columns: c.columns } },
    })),
    sequences: byName(def.sequences, (s) => s.name).map((s) => ({
      name: option(s.name),
      column: s.column,
      start: optionalInteger(s.declared.start),
      min_value: optionalInteger(s.declared.min),
      max_value: optionalInteger(s.declared.max),
      increment: integer(s.increment),
    })),
    schedule: option(
      def.schedule
        ? {
            name: option(def.schedule.name),
            reducer_name: def.schedule.functionName,
            scheduled_at_column: def.schedule.scheduleAtColumn,
          }
        : undefined,
    ),
    table_type: { User: unit },
    table_access: def.isPublic ? { Public: unit } : { Private: unit },
  };
}

/**
 * The module's `RawModuleDefV9` in SATS-JSON, as the real server re-derives and serves it. V9 has no submodules, so
 * theirs are left out, as there (`impl From<ModuleDef> for RawModuleDefV9` drops them): the root module's own
 * definitions, and its typespace, which ends where the first submodule's types begin.
 */
export function rawModuleDefV9(whole: ModuleDef): JsonTree {
  const root = <T extends { namespace: string }>(items: readonly T[]) => items.filter((x) => x.namespace === '');
  const nestedRefs = whole.types.filter((t) => t.namespace !== '').map((t) => t.ref);
  const def = {
    ...whole,
    typespace: whole.typespace.slice(0, nestedRefs.length > 0 ? Math.min(...nestedRefs) : undefined),
    tables: root(whole.tables),
    reducers: root(whole.reducers),
    types: root(whole.types),
    procedures: root(whole.procedures),
    views: root(whole.views),
  };
  const tables = byName(def.tables, (t) => t.name);
  const columnDefaults = tables.flatMap((t) =>
    [...t.defaultValues.entries()]
      .sort(([a], [b]) => a - b)
      .map(([colId, value]) => ({
        ColumnDefaultValue: { table: t.name, col_id: colId, value: Buffer.from(value).toString('hex') },
      })),
  );
  return {
    typespace: { types: def.typespace.map(satsJsonType) },
    tables: tables.map(table),
    reducers: def.reducers.map((r) => ({
      name: r.name,
      params: satsJsonProductType(r.params),
      lifecycle: option(r.lifecycle ? { [LIFECYCLE[r.lifecycle]]: unit } : undefined),
    })),
    types: [...def.types].sort(compareScoped).map((t) => ({
      name: { scope: t.scope, name: t.sourceName },
      ty: t.ref,
      custom_ordering: t.customOrdering,
    })),
    misc_exports: [
      ...columnDefaults,
      ...def.procedures.map((p) => ({
        Procedure: { name: p.name, params: satsJsonProductType(p.params), return_type: satsJsonType(p.returnType) },
      })),
      ...def.views.map((v) => ({
        View: {
          name: v.name,
          index: v.id,
          is_public: v.isPublic,
          is_anonymous: v.isAnonymous,
          params: satsJsonProductType(v.params),
          return_type: satsJsonType(v.returnType),
        },
      })),
    ],
    row_level_security: def.rowLevelSecurity.map((sql) => ({ sql })),
  };
}
