import { BinaryReader, type AlgebraicTypeType, type ProductTypeType } from 'spacetimedb';
import { RawModuleDefSchema } from './raw-module-def.js';
import { toCamelCase, toSnakeCase } from './case-conversion.js';
import { checkNamespace, mountSubmodule } from './mount-submodule.js';
import type {
  HttpHandlerDef,
  HttpRouteDef,
  IndexAlgorithm,
  IndexDef,
  LifecycleKind,
  ModuleDef,
  ProcedureDef,
  ReducerDef,
  ScheduleDef,
  SequenceDef,
  TableDef,
  TypeDef,
  ViewDef,
} from './module-def.js';

// What `RawModuleDefSchema` decodes to (only the parts the host reads).
interface NameMapping {
  sourceName: string;
  canonicalName: string;
}
interface RawIndex {
  sourceName: string | undefined;
  accessorName: string | undefined;
  algorithm: { tag: 'BTree' | 'Hash'; value: number[] } | { tag: 'Direct'; value: number };
}
interface RawTable {
  sourceName: string;
  productTypeRef: number;
  primaryKey: number[];
  indexes: RawIndex[];
  constraints: { sourceName: string | undefined; data: { tag: 'Unique'; value: { columns: number[] } } }[];
  sequences: {
    sourceName: string | undefined;
    column: number;
    start: bigint | undefined;
    minValue: bigint | undefined;
    maxValue: bigint | undefined;
    increment: bigint;
  }[];
  tableAccess: { tag: 'Public' | 'Private' };
  defaultValues: { colId: number; value: Uint8Array }[];
  isEvent: boolean;
}
type Section =
  | { tag: 'Typespace'; value: { types: AlgebraicTypeType[] } }
  | {
      tag: 'Types';
      value: { sourceName: { scope: string[]; sourceName: string }; ty: number; customOrdering: boolean }[];
    }
  | { tag: 'Tables'; value: RawTable[] }
  | {
      tag: 'Reducers';
      value: { sourceName: string; params: ProductTypeType; visibility: { tag: 'Private' | 'ClientCallable' } }[];
    }
  | {
      tag: 'Procedures';
      value: {
        sourceName: string;
        params: ProductTypeType;
        returnType: AlgebraicTypeType;
        visibility: { tag: 'Private' | 'ClientCallable' };
      }[];
    }
  | {
      tag: 'Views';
      value: {
        sourceName: string;
        index: number;
        isPublic: boolean;
        isAnonymous: boolean;
        params: ProductTypeType;
        returnType: AlgebraicTypeType;
      }[];
    }
  | {
      tag: 'Schedules';
      value: { sourceName: string | undefined; tableName: string; scheduleAtCol: number; functionName: string }[];
    }
  | {
      tag: 'LifeCycleReducers';
      value: { lifecycleSpec: { tag: 'Init' | 'OnConnect' | 'OnDisconnect' }; functionName: string }[];
    }
  | { tag: 'CaseConversionPolicy'; value: { tag: 'None' | 'SnakeCase' } }
  | { tag: 'ExplicitNames'; value: { entries: { tag: 'Table' | 'Function' | 'Index'; value: NameMapping }[] } }
  | { tag: 'Submodules'; value: { namespace: string; module: { sections: Section[] } }[] }
  | { tag: 'RowLevelSecurity'; value: { sql: string }[] }
  | { tag: 'HttpHandlers'; value: { sourceName: string }[] }
  | {
      tag: 'HttpRoutes';
      value: {
        handlerFunction: string;
        // `HttpMethod`: a unit variant per standard method (`Get`, `Post`, ...) or `Extension` with its name.
        method: { tag: 'Any' } | { tag: 'Method'; value: { tag: string; value: unknown } };
        path: string;
      }[];
    }
  | { tag: 'ViewPrimaryKeys'; value: { viewSourceName: string; columns: string[] }[] }
  | { tag: string; value: unknown };

const SPECIAL_PRODUCT_FIELDS = new Set([
  '__identity__',
  '__connection_id__',
  '__timestamp_micros_since_unix_epoch__',
  '__time_duration_micros__',
  '__uuid__',
]);

/** Identity, ConnectionId, Timestamp, TimeDuration, Uuid, Option, Result and ScheduleAt keep their names. */
export function isSpecialType(type: AlgebraicTypeType): boolean {
  if (type.tag === 'Product') {
    const [only, ...rest] = type.value.elements;
    return only !== undefined && rest.length === 0 && SPECIAL_PRODUCT_FIELDS.has(only.name ?? '');
  }
  if (type.tag === 'Sum') {
    const names = type.value.variants.map((v) => v.name).join(',');
    return names === 'some,none' || names === 'ok,err' || names === 'Interval,Time';
  }
  return false;
}

const LIFECYCLE: Record<string, LifecycleKind> = {
  Init: 'init',
  OnConnect: 'clientConnected',
  OnDisconnect: 'clientDisconnected',
};

const INTEGER_MAX: Record<string, bigint> = {
  I8: 2n ** 7n - 1n,
  U8: 2n ** 8n - 1n,
  I16: 2n ** 15n - 1n,
  U16: 2n ** 16n - 1n,
  I32: 2n ** 31n - 1n,
  U32: 2n ** 32n - 1n,
  I64: 2n ** 63n - 1n,
  U64: 2n ** 64n - 1n,
  I128: 2n ** 127n - 1n,
  U128: 2n ** 127n - 1n,
  I256: 2n ** 127n - 1n,
  U256: 2n ** 127n - 1n,
};

/**
 * Decodes the bytes `__describe_module__` returned and applies SpacetimeDB's validation-time naming
 * (case-conversion policy, explicit names, generated index/constraint/sequence/schedule names).
 * Throws an Error with a readable cause when the bytes are not a V10 module definition.
 */
export function decodeModuleDef(bytes: Uint8Array): ModuleDef {
  const raw = RawModuleDefSchema.deserialize(new BinaryReader(bytes)) as {
    tag: string;
    value: { sections: Section[] };
  };
  if (raw.tag !== 'V10') throw new Error(`module definition is ${raw.tag}; this host reads V10 (spacetimedb 2.x)`);
  return { ...decodeSections(raw.value.sections), raw: bytes };
}

/**
 * One module's sections, its submodules mounted under their namespaces (each decoded on its own, with its own
 * naming policy, as SpacetimeDB validates submodules in isolation before qualifying their names).
 */
function decodeSections(sections: Section[]): Omit<ModuleDef, 'raw'> {
  const section = <T extends Section['tag']>(tag: T) =>
    sections.find((s) => s.tag === tag)?.value as Extract<Section, { tag: T }>['value'] | undefined;

  const policy = section('CaseConversionPolicy')?.tag ?? 'SnakeCase';
  const convert = (name: string) => (policy === 'SnakeCase' ? toSnakeCase(name) : name);
  const explicit = {
    Table: new Map<string, string>(),
    Function: new Map<string, string>(),
    Index: new Map<string, string>(),
  };
  for (const entry of section('ExplicitNames')?.entries ?? [])
    explicit[entry.tag].set(entry.value.sourceName, entry.value.canonicalName);
  const tableName = (source: string) => explicit.Table.get(source) ?? convert(source);
  const functionName = (source: string) => explicit.Function.get(source) ?? convert(source);

  const typespaceWithAccessorNames = section('Typespace')?.types ?? [];
  const renameType = (type: AlgebraicTypeType): AlgebraicTypeType => {
    if (policy === 'None' || isSpecialType(type)) return type;
    switch (type.tag) {
      case 'Product':
        return {
          tag: 'Product',
          value: {
            elements: type.value.elements.map((e) => ({
              name: e.name === undefined ? undefined : convert(e.name),
              algebraicType: renameType(e.algebraicType),
            })),
          },
        };
      case 'Sum':
        return {
          tag: 'Sum',
          value: {
            variants: type.value.variants.map((v) => ({
              name: v.name === undefined ? undefined : toCamelCase(v.name),
              algebraicType: renameType(v.algebraicType),
            })),
          },
        };
      case 'Array':
        return { tag: 'Array', value: renameType(type.value) };
      default:
        return type;
    }
  };
  const typespace = typespaceWithAccessorNames.map(renameType);
  const productAt = (ref: number, space: AlgebraicTypeType[], what: string): ProductTypeType => {
    const type = space[ref];
    if (type?.tag !== 'Product') throw new Error(`${what} refers to type ${ref}, which is not a product type`);
    return type.value;
  };

  const types: TypeDef[] = (section('Types') ?? []).map((t) => ({
    namespace: '',
    scope: t.sourceName.scope,
    sourceName: t.sourceName.sourceName,
    ref: t.ty,
    customOrdering: t.customOrdering,
  }));

  const schedules = section('Schedules') ?? [];
  let nextIndexId = 0;
  const tables: TableDef[] = (section('Tables') ?? []).map((rawTable, id) => {
    const name = tableName(rawTable.sourceName);
    const rowType = productAt(rawTable.productTypeRef, typespace, `table ${rawTable.sourceName}`);
    const sourceRow = productAt(rawTable.productTypeRef, typespaceWithAccessorNames, `table ${rawTable.sourceName}`);
    const columns = rowType.elements.map((e, i) => ({
      id: i,
      name: e.name ?? `col_${i}`,
      accessorName: sourceRow.elements[i]?.name ?? `col_${i}`,
      type: e.algebraicType,
    }));
    const colNames = (ids: number[]) => ids.map((i) => columns[i]?.name ?? String(i)).join('_');
    const uniqueConstraints = rawTable.constraints.map((c) => ({
      name: `${name}_${colNames(c.data.value.columns)}_key`,
      columns: c.data.value.columns,
    }));
    const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((x) => b.includes(x));
    const indexes: IndexDef[] = rawTable.indexes.map((index) => {
      const algorithm = index.algorithm.tag.toLowerCase() as IndexAlgorithm;
      const cols = index.algorithm.tag === 'Direct' ? [index.algorithm.value] : index.algorithm.value;
      const sourceName =
        index.sourceName ??
        `${rawTable.sourceName}_${cols.map((c) => sourceRow.elements[c]?.name).join('_')}_idx_${algorithm}`;
      return {
        id: nextIndexId++,
        name: explicit.Index.get(sourceName) ?? `${name}_${colNames(cols)}_idx_${algorithm}`,
        sourceName,
        accessorName: index.accessorName ?? sourceName,
        declaredAccessorName: index.accessorName,
        algorithm,
        columns: cols,
        unique: uniqueConstraints.some((c) => sameSet(c.columns, cols)),
      };
    });
    const sequences: SequenceDef[] = rawTable.sequences.map((s) => {
      const min = s.minValue ?? 1n;
      return {
        name: `${name}_${colNames([s.column])}_seq`,
        column: s.column,
        start: s.start ?? min,
        min,
        max: s.maxValue ?? INTEGER_MAX[columns[s.column]?.type.tag ?? ''] ?? 2n ** 127n - 1n,
        increment: s.increment,
        declared: { start: s.start, min: s.minValue, max: s.maxValue },
      };
    });
    const rawSchedule = schedules.find((s) => s.tableName === rawTable.sourceName);
    const schedule: ScheduleDef | null = rawSchedule
      ? {
          name: `${name}_sched`,
          functionName: functionName(rawSchedule.functionName),
          scheduleAtColumn: rawSchedule.scheduleAtCol,
        }
      : null;
    return {
      id,
      namespace: '',
      name,
      accessorName: rawTable.sourceName,
      productTypeRef: rawTable.productTypeRef,
      rowType,
      columns,
      primaryKey: rawTable.primaryKey,
      indexes,
      uniqueConstraints,
      sequences,
      isPublic: rawTable.tableAccess.tag === 'Public',
      isEvent: rawTable.isEvent,
      schedule,
      defaultValues: new Map(rawTable.defaultValues.map((d) => [d.colId, d.value])),
    };
  });

  const lifecycles = new Map(
    (section('LifeCycleReducers') ?? []).map((l) => [l.functionName, LIFECYCLE[l.lifecycleSpec.tag]!]),
  );
  const scheduled = new Set(tables.flatMap((t) => (t.schedule ? [t.schedule.functionName] : [])));
  const renameParams = (params: ProductTypeType): ProductTypeType => ({
    elements: params.elements.map((e) => ({
      name: e.name === undefined ? undefined : convert(e.name),
      algebraicType: renameType(e.algebraicType),
    })),
  });
  const reducers: ReducerDef[] = (section('Reducers') ?? []).map((r, id) => {
    const name = functionName(r.sourceName);
    const lifecycle = lifecycles.get(r.sourceName) ?? null;
    return {
      id,
      namespace: '',
      name,
      accessorName: r.sourceName,
      params: renameParams(r.params),
      paramsWithAccessorNames: r.params,
      lifecycle,
      clientCallable: r.visibility.tag === 'ClientCallable' && lifecycle === null && !scheduled.has(name),
    };
  });

  const viewPrimaryKeys = section('ViewPrimaryKeys') ?? [];
  const views: ViewDef[] = (section('Views') ?? []).map((v) => {
    const inner =
      v.returnType.tag === 'Array' || (v.returnType.tag === 'Sum' && v.returnType.value.variants[0]?.name === 'some')
        ? v.returnType.tag === 'Array'
          ? v.returnType.value
          : v.returnType.value.variants[0]!.algebraicType
        : v.returnType;
    const rowTypeRef = inner.tag === 'Ref' ? inner.value : null;
    const rowType =
      rowTypeRef !== null
        ? productAt(rowTypeRef, typespace, `view ${v.sourceName}`)
        : inner.tag === 'Product'
          ? (renameType(inner) as { value: ProductTypeType }).value
          : { elements: [] };
    const rowTypeWithAccessorNames =
      rowTypeRef !== null
        ? productAt(rowTypeRef, typespaceWithAccessorNames, `view ${v.sourceName}`)
        : inner.tag === 'Product'
          ? inner.value
          : { elements: [] };
    // The section names the view and its key column by their source names.
    const keyColumn = viewPrimaryKeys.find((k) => k.viewSourceName === v.sourceName)?.columns[0];
    const primaryKey =
      keyColumn === undefined ? -1 : rowTypeWithAccessorNames.elements.findIndex((e) => e.name === keyColumn);
    return {
      id: v.index,
      namespace: '',
      name: functionName(v.sourceName),
      accessorName: v.sourceName,
      isPublic: v.isPublic,
      isAnonymous: v.isAnonymous,
      params: renameParams(v.params),
      returnType: v.returnType,
      rowType,
      rowTypeWithAccessorNames,
      rowTypeRef,
      primaryKey: primaryKey < 0 ? null : primaryKey,
    };
  });

  const procedures: ProcedureDef[] = (section('Procedures') ?? []).map((p, id) => {
    const name = functionName(p.sourceName);
    return {
      id,
      namespace: '',
      name,
      accessorName: p.sourceName,
      params: renameParams(p.params),
      paramsWithAccessorNames: p.params,
      returnType: p.returnType,
      // SpacetimeDB makes a schedule table's procedure private, as it does its reducer
      // (`change_scheduled_functions_and_lifetimes_visibility`, crates/schema/src/def/validate/v10.rs).
      clientCallable: p.visibility.tag === 'ClientCallable' && !scheduled.has(name),
    };
  });

  const httpHandlers: HttpHandlerDef[] = (section('HttpHandlers') ?? []).map((h, id) => ({
    id,
    sourceName: h.sourceName,
    name: functionName(h.sourceName),
  }));
  const httpRoutes: HttpRouteDef[] = (section('HttpRoutes') ?? []).map((r) => ({
    handler: r.handlerFunction,
    // SpacetimeDB's `HttpMethod` variants are the methods' names (`Get` is GET); `Extension` carries its own.
    method:
      r.method.tag === 'Any'
        ? null
        : r.method.value.tag === 'Extension'
          ? String(r.method.value.value)
          : r.method.value.tag.toUpperCase(),
    path: r.path,
  }));
  for (const route of httpRoutes) {
    if (!httpHandlers.some((h) => h.sourceName === route.handler))
      throw new Error(`HTTP route ${route.path} refers to ${route.handler}, which is not an HTTP handler`);
  }

  const rowLevelSecurity = (section('RowLevelSecurity') ?? []).map((r) => r.sql);

  const def: Omit<ModuleDef, 'raw'> = {
    typespace,
    typespaceWithAccessorNames,
    types,
    tables,
    reducers,
    views,
    procedures,
    httpHandlers,
    httpRoutes,
    rowLevelSecurity,
    caseConversionPolicy: policy,
    warnings: [],
  };
  const namespaces = new Set<string>();
  for (const submodule of section('Submodules') ?? []) {
    checkNamespace(submodule.namespace, namespaces);
    mountSubmodule(def, decodeSections(submodule.module.sections), submodule.namespace);
  }
  return def;
}
