/**
 * `GET /v1/database/:name/schema?version=10`: the module as SpacetimeDB re-derives a `RawModuleDefV10` from its
 * validated definition (`impl From<ModuleDef> for RawModuleDefV10` in `crates/schema/src/def.rs`), in SATS-JSON.
 * What validation fills in is written out: generated constraint, sequence and schedule names, canonical table and
 * function names (in an `ExplicitNames` section, always present), the typespace after case conversion, schedules
 * and lifecycle reducers by canonical name. What validation keeps as the module wrote it (reducer, procedure and
 * view definitions, types, HTTP handlers and routes, index source names) comes from the module's own definition.
 * No `CaseConversionPolicy` section: the names it would produce are spelled out. A submodule is written as
 * SpacetimeDB keeps it, a module of its own (its own typespace, local names) in a `Submodules` section after
 * `ExplicitNames`, not mounted into the root's sections as this host serves it.
 */
import { BinaryReader, type AlgebraicTypeType } from 'spacetimedb';
import type { ModuleDef, TableDef } from '../schema/module-def.js';
import { localName, moveRefs } from '../schema/mount-submodule.js';
import { RawModuleDefSchema } from '../schema/raw-module-def.js';
import type { JsonTree } from './json-text.js';
import { satsJsonValue } from './sats-json.js';

/** One section of a decoded `RawModuleDefV10`, as the SDK's deserializer hands it over. */
interface Section {
  tag: string;
  value: unknown;
}

/** The `V10` variant's type: what the sections are serialized with. */
function v10Type(): AlgebraicTypeType {
  const rawType = RawModuleDefSchema.algebraicType as {
    tag: 'Sum';
    value: { variants: { name?: string; algebraicType: AlgebraicTypeType }[] };
  };
  return rawType.value.variants.find((v) => v.name === 'V10')!.algebraicType;
}

/** The sections the module described itself with. */
function moduleSections(raw: Uint8Array): Section[] {
  const decoded = RawModuleDefSchema.deserialize(new BinaryReader(raw)) as { value: { sections: Section[] } };
  return decoded.value.sections;
}

const TABLE_TYPE = { tag: 'User' } as const;

/** Where a module sits in the mounted definition: its namespace path ('' for the root), where its types start. */
interface Mount {
  path: string;
  typeStart: number;
}

/** `impl From<TableDef> for RawTableDefV10`: the schedule moves to its own section; names are the validated ones. */
function table(def: TableDef, { path, typeStart }: Mount): unknown {
  const local = (name: string) => localName(name, path);
  return {
    sourceName: local(def.accessorName),
    productTypeRef: def.productTypeRef - typeStart,
    primaryKey: def.primaryKey,
    indexes: def.indexes.map((index) => ({
      // A V10 index keeps the source name the module gave it (`validate_index_def_v10`).
      sourceName: local(index.sourceName),
      accessorName: index.declaredAccessorName,
      algorithm:
        index.algorithm === 'direct'
          ? { tag: 'Direct', value: index.columns[0]! }
          : { tag: index.algorithm === 'btree' ? 'BTree' : 'Hash', value: index.columns },
    })),
    constraints: def.uniqueConstraints.map((c) => ({
      // Always the generated `{table}_{columns}_key`; its columns are a `ColSet`, so sorted.
      sourceName: local(c.name),
      data: { tag: 'Unique', value: { columns: [...c.columns].sort((a, b) => a - b) } },
    })),
    sequences: def.sequences.map((s) => ({
      sourceName: local(s.name),
      column: s.column,
      start: s.declared.start,
      minValue: s.declared.min,
      maxValue: s.declared.max,
      increment: s.increment,
    })),
    tableType: TABLE_TYPE,
    tableAccess: { tag: def.isPublic ? 'Public' : 'Private' },
    defaultValues: [...def.defaultValues.entries()]
      .sort(([a], [b]) => a - b)
      .map(([colId, value]) => ({ colId, value })),
    isEvent: def.isEvent,
  };
}

const LIFECYCLE_ORDER = [
  ['init', 'Init'],
  ['clientConnected', 'OnConnect'],
  ['clientDisconnected', 'OnDisconnect'],
] as const;

/** A query-builder view returns `{ __query__: Ref }` (`extract_view_return_product_type_ref`, crates/lib/src/db/view.rs). */
function isQueryView(returnType: AlgebraicTypeType): boolean {
  return (
    returnType.tag === 'Product' &&
    returnType.value.elements.length === 1 &&
    returnType.value.elements[0]!.name === '__query__'
  );
}

/** The module's `RawModuleDefV10` in SATS-JSON, as the real server re-derives and serves it. */
export function rawModuleDefV10(def: ModuleDef): JsonTree {
  const root = { path: '', typeStart: 0 };
  return satsJsonValue(v10Type(), moduleV10(def, moduleSections(def.raw), root));
}

/** How many types a module and its submodules put in the mounted typespace (its own first, then theirs). */
function typeCount(own: Section[]): number {
  const types = (own.find((s) => s.tag === 'Typespace')?.value as { types: unknown[] } | undefined)?.types ?? [];
  return types.length + submodulesOf(own).reduce((n, sub) => n + typeCount(sub.module.sections), 0);
}

function submodulesOf(own: Section[]): { namespace: string; module: { sections: Section[] } }[] {
  return (own.find((s) => s.tag === 'Submodules')?.value ?? []) as {
    namespace: string;
    module: { sections: Section[] };
  }[];
}

/** One module's sections (`own`: what it described itself with), then its submodules', each as a module of its own. */
function moduleV10(def: ModuleDef, own: Section[], mount: Mount): { sections: Section[] } {
  const { path, typeStart } = mount;
  const local = (name: string) => localName(name, path);
  const mine = <T extends { namespace: string }>(items: readonly T[]) => items.filter((x) => x.namespace === path);
  const verbatim = (tag: string): unknown[] => (own.find((s) => s.tag === tag)?.value as unknown[] | undefined) ?? [];
  const sections: Section[] = [];
  const add = (tag: string, items: unknown[]) => {
    if (items.length > 0) sections.push({ tag, value: items });
  };
  const explicitNames: Section[] = [];
  const name = (tag: 'Table' | 'Function', sourceName: string, canonicalName: string) =>
    explicitNames.push({ tag, value: { sourceName: local(sourceName), canonicalName: local(canonicalName) } });
  const tables = mine(def.tables);
  const views = mine(def.views);
  const ownTypes = (own.find((s) => s.tag === 'Typespace')?.value as { types: unknown[] } | undefined)?.types ?? [];

  sections.push({
    tag: 'Typespace',
    value: {
      types: def.typespace.slice(typeStart, typeStart + ownTypes.length).map((type) => moveRefs(type, -typeStart)),
    },
  });
  add('Types', verbatim('Types'));
  for (const t of tables) name('Table', t.accessorName, t.name);
  add(
    'Tables',
    tables.map((t) => table(t, mount)),
  );
  for (const r of mine(def.reducers)) name('Function', r.accessorName, r.name);
  add('Reducers', verbatim('Reducers'));
  for (const p of mine(def.procedures)) name('Function', p.accessorName, p.name);
  add('Procedures', verbatim('Procedures'));
  add('HttpHandlers', verbatim('HttpHandlers'));
  add('HttpRoutes', verbatim('HttpRoutes'));
  for (const v of views) name('Function', v.accessorName, v.name);
  add('Views', verbatim('Views'));
  // Only a procedural view's key is written (a query-builder view's is inferred again), by its canonical column name.
  add(
    'ViewPrimaryKeys',
    views.flatMap((v) =>
      v.primaryKey === null || isQueryView(v.returnType)
        ? []
        : [{ viewSourceName: local(v.accessorName), columns: [v.rowType.elements[v.primaryKey]?.name ?? ''] }],
    ),
  );
  add(
    'Schedules',
    tables.flatMap((t) =>
      t.schedule
        ? [
            {
              sourceName: local(t.schedule.name),
              tableName: local(t.name),
              scheduleAtCol: t.schedule.scheduleAtColumn,
              functionName: local(t.schedule.functionName),
            },
          ]
        : [],
    ),
  );
  // An `EnumMap` over `Lifecycle`: Init, OnConnect, OnDisconnect, each by the reducer's canonical name.
  add(
    'LifeCycleReducers',
    LIFECYCLE_ORDER.flatMap(([kind, tag]) =>
      mine(def.reducers)
        .filter((r) => r.lifecycle === kind)
        .slice(0, 1)
        .map((r) => ({ lifecycleSpec: { tag }, functionName: r.name })),
    ),
  );
  // Only the root module's rules are kept (a submodule's are refused at publish).
  add('RowLevelSecurity', path === '' ? def.rowLevelSecurity.map((sql) => ({ sql })) : []);
  sections.push({ tag: 'ExplicitNames', value: { entries: explicitNames } });
  let start = typeStart + ownTypes.length;
  add(
    'Submodules',
    submodulesOf(own).map(({ namespace, module }) => {
      const childPath = path === '' ? namespace : `${path}.${namespace}`;
      const child = { path: childPath, typeStart: start };
      start += typeCount(module.sections);
      return { namespace, module: moduleV10(def, module.sections, child) };
    }),
  );
  return { sections };
}
