import type { AlgebraicTypeType, ProductTypeType } from 'spacetimedb';

/**
 * A module's definition as the host understands it: the decoded `RawModuleDef` V10 with SpacetimeDB's
 * naming rules applied (canonical names are what clients and SQL see; accessor names are what the module's
 * source uses). Submodules are mounted in it: their tables, reducers, views and procedures follow the module's own,
 * depth-first (the ids SpacetimeDB and `spacetimedb/server` give them), named `namespace.name`, their types appended
 * to the typespace.
 */
export interface ModuleDef {
  /** Every type the module registered, indexed by `Ref`; names inside are canonical (after case conversion). */
  typespace: AlgebraicTypeType[];
  /** The same typespace with the module's own (source) field names, as `spacetime generate` uses them. */
  typespaceWithAccessorNames: AlgebraicTypeType[];
  /** Named types (`t.object('Name', ...)`, `t.enum`, table rows, reducer params), for code generation. */
  types: TypeDef[];
  tables: TableDef[];
  reducers: ReducerDef[];
  views: ViewDef[];
  procedures: ProcedureDef[];
  /** HTTP handlers (`spacetimedb.httpHandler`), by id: their position, what `__call_http_handler__` takes. */
  httpHandlers: HttpHandlerDef[];
  /** The routes (`spacetimedb.httpRouter`) served under `/v1/database/:name/route`, matched in order. */
  httpRoutes: HttpRouteDef[];
  /** The `clientVisibilityFilter` rules: SQL queries returning the rows of a public table a client may see. */
  rowLevelSecurity: string[];
  caseConversionPolicy: 'None' | 'SnakeCase';
  /** What SpacetimeDB warns about and still publishes (`ModuleDef::collect_warnings`, crates/schema/src/def.rs). */
  warnings: string[];
  /** The `RawModuleDef` bytes the module described itself with (`GET /schema?version=10` re-derives from them and the rest). */
  raw: Uint8Array;
}

export interface TypeDef {
  /** Where the module that declared it is mounted: '' for the root module, `lib` or `auth.baz` for a submodule. */
  namespace: string;
  /** Scope segments then the type's name, e.g. `['MyLib', 'Point']`. */
  scope: string[];
  /** Name as registered by the module (source name). */
  sourceName: string;
  /** Index into the typespace. */
  ref: number;
  customOrdering: boolean;
}

export interface ColumnDef {
  /** Position in the row (BSATN rows are positional). */
  id: number;
  /** Canonical name (snake_case by default): used by SQL and the wire protocol. */
  name: string;
  /** Name in the module's source. */
  accessorName: string;
  type: AlgebraicTypeType;
}

export type IndexAlgorithm = 'btree' | 'hash' | 'direct';

export interface IndexDef {
  /** Global index id used by the syscalls. */
  id: number;
  /** Canonical name, e.g. `user_profile_name_idx_btree`. */
  name: string;
  /** Name the module passes to `index_id_from_name` (built from source names). */
  sourceName: string;
  /** Property name on the table handle, e.g. `name` or `byOwnerAndDate`. */
  accessorName: string;
  /** The accessor name as the module declared it (none for a column's own index), as `GET /schema` writes it. */
  declaredAccessorName: string | undefined;
  algorithm: IndexAlgorithm;
  columns: number[];
  /** True when a unique constraint covers exactly these columns. */
  unique: boolean;
}

export interface UniqueConstraintDef {
  name: string;
  columns: number[];
}

export interface SequenceDef {
  name: string;
  column: number;
  start: bigint;
  min: bigint;
  max: bigint;
  increment: bigint;
  /** Start, min and max as the module declared them (unset ones are defaults above), as `GET /schema` writes them. */
  declared: { start: bigint | undefined; min: bigint | undefined; max: bigint | undefined };
}

export interface ScheduleDef {
  name: string;
  /** Canonical name of the scheduled reducer or procedure. */
  functionName: string;
  scheduleAtColumn: number;
}

export interface TableDef {
  /** Table id used by the syscalls (position in the module's table list). */
  id: number;
  /** Where the module that declared it is mounted: '' for the root module, `lib` or `auth.baz` for a submodule. */
  namespace: string;
  /** Canonical name (snake_case by default): the name in SQL and in the wire protocol. */
  name: string;
  /** Key under which the module registered the table in `schema({...})`. */
  accessorName: string;
  productTypeRef: number;
  /** The row type with canonical column names. */
  rowType: ProductTypeType;
  columns: ColumnDef[];
  primaryKey: number[];
  indexes: IndexDef[];
  uniqueConstraints: UniqueConstraintDef[];
  sequences: SequenceDef[];
  isPublic: boolean;
  isEvent: boolean;
  schedule: ScheduleDef | null;
  /** Column default values as BSATN, by column id (used by migrations, recorded for fidelity). */
  defaultValues: Map<number, Uint8Array>;
}

export type LifecycleKind = 'init' | 'clientConnected' | 'clientDisconnected';

export interface ReducerDef {
  /** Reducer id: its position in the module's reducer list (what `__call_reducer__` takes). */
  id: number;
  /** Where the module that declared it is mounted: '' for the root module, `lib` or `auth.baz` for a submodule. */
  namespace: string;
  /** Canonical name (snake_case by default), what clients call. */
  name: string;
  /** Export name in the module's source. */
  accessorName: string;
  /** Parameters with canonical names. */
  params: ProductTypeType;
  /** Parameters with source names. */
  paramsWithAccessorNames: ProductTypeType;
  lifecycle: LifecycleKind | null;
  /** False for lifecycle and scheduled reducers: clients may not call them. */
  clientCallable: boolean;
}

export interface ViewDef {
  /** Index among views of the same kind (anonymous or not): what `__call_view__(_anon__)` takes. */
  id: number;
  /** Where the module that declared it is mounted: '' for the root module, `lib` or `auth.baz` for a submodule. */
  namespace: string;
  name: string;
  accessorName: string;
  isPublic: boolean;
  /** True for `anonymousView`: same rows for every subscriber. */
  isAnonymous: boolean;
  params: ProductTypeType;
  /** Usually `Array(Ref row)` or `Option(Ref row)`. */
  returnType: AlgebraicTypeType;
  /** The product type of one returned row (with canonical names). */
  rowType: ProductTypeType;
  /** The same row type with the module's own (accessor) column names. */
  rowTypeWithAccessorNames: ProductTypeType;
  /** Ref of the row type in the typespace. */
  rowTypeRef: number | null;
  /** The column marked `.primaryKey()` in the returned row type (clients then get `onUpdate`), or null. */
  primaryKey: number | null;
}

/** An HTTP handler the module exports. */
export interface HttpHandlerDef {
  id: number;
  /** Its export name (what routes refer to). */
  sourceName: string;
  name: string;
}

/** One route: requests with this method (or any, when null) to exactly this path go to the handler. */
export interface HttpRouteDef {
  /** The handler's export name. */
  handler: string;
  /** `GET`, `POST`, ... or an extension method as sent; null for any method. */
  method: string | null;
  /** The path after `/route`, `""` or starting with `/`. */
  path: string;
}

export interface ProcedureDef {
  /** Procedure id: its position in the module's procedure list (what `__call_procedure__` takes). */
  id: number;
  /** Where the module that declared it is mounted: '' for the root module, `lib` or `auth.baz` for a submodule. */
  namespace: string;
  name: string;
  accessorName: string;
  params: ProductTypeType;
  /** Parameters with source names (for the bindings generator). */
  paramsWithAccessorNames: ProductTypeType;
  returnType: AlgebraicTypeType;
  /** False for a schedule table's procedure: SpacetimeDB makes it private, so client bindings leave it out. */
  clientCallable: boolean;
}
