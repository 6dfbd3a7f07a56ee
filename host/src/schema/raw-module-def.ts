import { t, type TypeBuilder } from 'spacetimedb';

// The layout of `RawModuleDef` (SpacetimeDB's `crates/lib/src/db/raw_def/v10.rs`), written with the public
// type builders so `__describe_module__` output decodes with the SDK's BSATN reader. Variant order is the
// wire tag order: never reorder.

// Recursive builders are typed loosely; `decode-module-def.ts` declares what they decode to.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recursive builder, typed where decoded
const AlgebraicTypeSchema: TypeBuilder<any, any> = t.enum('AlgebraicType', {
  Ref: t.u32(),
  get Sum() {
    return SumTypeSchema;
  },
  get Product() {
    return ProductTypeSchema;
  },
  get Array() {
    return AlgebraicTypeSchema;
  },
  String: t.unit(),
  Bool: t.unit(),
  I8: t.unit(),
  U8: t.unit(),
  I16: t.unit(),
  U16: t.unit(),
  I32: t.unit(),
  U32: t.unit(),
  I64: t.unit(),
  U64: t.unit(),
  I128: t.unit(),
  U128: t.unit(),
  I256: t.unit(),
  U256: t.unit(),
  F32: t.unit(),
  F64: t.unit(),
});

const ProductTypeSchema = t.object('ProductType', {
  get elements() {
    return t.array(t.object('ProductTypeElement', { name: t.option(t.string()), algebraicType: AlgebraicTypeSchema }));
  },
});

const SumTypeSchema = t.object('SumType', {
  get variants() {
    return t.array(t.object('SumTypeVariant', { name: t.option(t.string()), algebraicType: AlgebraicTypeSchema }));
  },
});

const NameMapping = t.object('NameMapping', { sourceName: t.string(), canonicalName: t.string() });

const IndexAlgorithm = t.enum('RawIndexAlgorithm', {
  BTree: t.array(t.u16()),
  Hash: t.array(t.u16()),
  Direct: t.u16(),
});

const TableDefSchema = t.object('RawTableDefV10', {
  sourceName: t.string(),
  productTypeRef: t.u32(),
  primaryKey: t.array(t.u16()),
  indexes: t.array(
    t.object('RawIndexDefV10', {
      sourceName: t.option(t.string()),
      accessorName: t.option(t.string()),
      algorithm: IndexAlgorithm,
    }),
  ),
  constraints: t.array(
    t.object('RawConstraintDefV10', {
      sourceName: t.option(t.string()),
      data: t.enum('RawConstraintDataV9', {
        Unique: t.object('RawUniqueConstraintDataV9', { columns: t.array(t.u16()) }),
      }),
    }),
  ),
  sequences: t.array(
    t.object('RawSequenceDefV10', {
      sourceName: t.option(t.string()),
      column: t.u16(),
      start: t.option(t.i128()),
      minValue: t.option(t.i128()),
      maxValue: t.option(t.i128()),
      increment: t.i128(),
    }),
  ),
  tableType: t.enum('TableType', { System: t.unit(), User: t.unit() }),
  tableAccess: t.enum('TableAccess', { Public: t.unit(), Private: t.unit() }),
  defaultValues: t.array(t.object('RawColumnDefaultValueV10', { colId: t.u16(), value: t.byteArray() })),
  isEvent: t.bool(),
});

const FunctionVisibility = t.enum('FunctionVisibility', { Private: t.unit(), ClientCallable: t.unit() });

const HttpMethod = t.enum('HttpMethod', {
  Get: t.unit(),
  Head: t.unit(),
  Post: t.unit(),
  Put: t.unit(),
  Delete: t.unit(),
  Connect: t.unit(),
  Options: t.unit(),
  Trace: t.unit(),
  Patch: t.unit(),
  Extension: t.string(),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recursive builder, typed where decoded
const SectionSchema: TypeBuilder<any, any> = t.enum('RawModuleDefV10Section', {
  Typespace: t.object('Typespace', { types: t.array(AlgebraicTypeSchema) }),
  Types: t.array(
    t.object('RawTypeDefV10', {
      sourceName: t.object('RawScopedTypeNameV10', { scope: t.array(t.string()), sourceName: t.string() }),
      ty: t.u32(),
      customOrdering: t.bool(),
    }),
  ),
  Tables: t.array(TableDefSchema),
  Reducers: t.array(
    t.object('RawReducerDefV10', {
      sourceName: t.string(),
      params: ProductTypeSchema,
      visibility: FunctionVisibility,
      okReturnType: AlgebraicTypeSchema,
      errReturnType: AlgebraicTypeSchema,
    }),
  ),
  Procedures: t.array(
    t.object('RawProcedureDefV10', {
      sourceName: t.string(),
      params: ProductTypeSchema,
      returnType: AlgebraicTypeSchema,
      visibility: FunctionVisibility,
    }),
  ),
  Views: t.array(
    t.object('RawViewDefV10', {
      sourceName: t.string(),
      index: t.u32(),
      isPublic: t.bool(),
      isAnonymous: t.bool(),
      params: ProductTypeSchema,
      returnType: AlgebraicTypeSchema,
    }),
  ),
  Schedules: t.array(
    t.object('RawScheduleDefV10', {
      sourceName: t.option(t.string()),
      tableName: t.string(),
      scheduleAtCol: t.u16(),
      functionName: t.string(),
    }),
  ),
  LifeCycleReducers: t.array(
    t.object('RawLifeCycleReducerDefV10', {
      lifecycleSpec: t.enum('Lifecycle', { Init: t.unit(), OnConnect: t.unit(), OnDisconnect: t.unit() }),
      functionName: t.string(),
    }),
  ),
  RowLevelSecurity: t.array(t.object('RawRowLevelSecurityDefV9', { sql: t.string() })),
  CaseConversionPolicy: t.enum('CaseConversionPolicy', { None: t.unit(), SnakeCase: t.unit() }),
  ExplicitNames: t.object('ExplicitNames', {
    entries: t.array(t.enum('ExplicitNameEntry', { Table: NameMapping, Function: NameMapping, Index: NameMapping })),
  }),
  HttpHandlers: t.array(t.object('RawHttpHandlerDefV10', { sourceName: t.string() })),
  HttpRoutes: t.array(
    t.object('RawHttpRouteDefV10', {
      handlerFunction: t.string(),
      method: t.enum('MethodOrAny', { Any: t.unit(), Method: HttpMethod }),
      path: t.string(),
    }),
  ),
  ViewPrimaryKeys: t.array(
    t.object('RawViewPrimaryKeyDefV10', { viewSourceName: t.string(), columns: t.array(t.string()) }),
  ),
  get Submodules() {
    return t.array(t.object('RawSubmoduleV10', { namespace: t.string(), module: RawModuleDefV10Schema }));
  },
});

const RawModuleDefV10Schema = t.object('RawModuleDefV10', {
  get sections() {
    return t.array(SectionSchema);
  },
});

/** `RawModuleDef`: only V10 is produced by `spacetimedb/server` 2.x; earlier versions are rejected by tag. */
export const RawModuleDefSchema = t.enum('RawModuleDef', {
  V8BackCompat: t.unit(),
  V9: t.unit(),
  V10: RawModuleDefV10Schema,
});
