/**
 * Stand-in for the generated client bindings while `host/bin/generate-bindings.ts` does not exist yet: builds the
 * SDK's remote-module description from the module definition the host engine decodes, with the same shapes the
 * generator emits (camelCase accessors, canonical names on the wire). Delete once `src/bindings` is generated.
 */
import { fileURLToPath } from 'node:url';
import {
  DbConnectionBuilder,
  DbConnectionImpl,
  procedures,
  reducerSchema,
  reducers,
  schema,
  t,
  table,
  type AlgebraicTypeType,
  type DbConnectionConfig,
} from 'spacetimedb';
import { loadModule } from '../../../host/src/engine/index.js';

const engine = await loadModule({ moduleDir: fileURLToPath(new URL('../..', import.meta.url)), databaseName: 'bindings', log: () => {} });
const { typespace } = engine.def;

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function builder(type: AlgebraicTypeType): any {
  if (type.tag === 'Ref') return builder(typespace[type.value]!);
  if (type.tag === 'Product') {
    const only = type.value.elements.length === 1 ? type.value.elements[0]!.name : undefined;
    if (only === '__identity__') return t.identity();
    if (only === '__connection_id__') return t.connectionId();
    if (only === '__timestamp_micros_since_unix_epoch__') return t.timestamp();
    if (only === '__time_duration_micros__') return t.timeDuration();
    throw new Error(`no builder for product ${only}`);
  }
  if (type.tag === 'Sum') {
    const names = type.value.variants.map(variant => variant.name).join(',');
    if (names === 'some,none') return t.option(builder(type.value.variants[0]!.algebraicType));
    if (names === 'Interval,Time') return t.scheduleAt();
    throw new Error(`no builder for sum ${names}`);
  }
  if (type.tag === 'Array') return t.array(builder(type.value));
  const scalar = (t as unknown as Record<string, () => unknown>)[type.tag.toLowerCase()];
  if (!scalar) throw new Error(`no builder for ${type.tag}`);
  return scalar();
}

type Columns = { name: string | undefined; algebraicType: AlgebraicTypeType }[];
function row(elements: Columns, primaryKey: number[] = []) {
  return t.row(
    Object.fromEntries(
      elements.map((element, i) => {
        const column = builder(element.algebraicType).name(element.name);
        return [camel(element.name!), primaryKey.includes(i) ? column.primaryKey() : column];
      }),
    ),
  );
}

const entries = [
  ...engine.def.tables.filter(def => def.isPublic).map(def => [camel(def.name), table({ name: def.name, indexes: [], constraints: [] }, row(def.rowType.elements as Columns, def.primaryKey))] as const),
  ...engine.def.views.map(def => [camel(def.name), table({ name: def.name, indexes: [], constraints: [] }, row(def.rowType.elements as Columns))] as const),
];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const tablesSchema = schema(Object.fromEntries(entries) as any);
const reducersSchema = reducers(
  ...engine.def.reducers
    .filter(def => def.clientCallable)
    .map(def => reducerSchema(def.name, Object.fromEntries((def.params.elements as Columns).map(p => [camel(p.name!), builder(p.algebraicType)])))),
);
const REMOTE_MODULE = {
  versionInfo: { cliVersion: '2.0.0' as const },
  tables: tablesSchema.schemaType.tables,
  reducers: reducersSchema.reducersType.reducers,
  ...procedures(),
};

/** The academy connection, untyped until the generated bindings replace this file. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class DbConnection extends DbConnectionImpl<any> {
  static builder = (): DbConnectionBuilder<DbConnection> =>
    new DbConnectionBuilder<DbConnection>(
      REMOTE_MODULE,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (config: DbConnectionConfig<any>) => new DbConnection(config),
    );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  declare db: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  declare reducers: any;
}
