import type { DbConnectionImpl } from 'spacetimedb';

/** Any generated `DbConnection`: the widgets name tables and reducers as the module does, at run time. */
export type AnyDbConnection = DbConnectionImpl<never>;

/** The parts of an SDK table handle the connection layer uses. */
export interface TableHandle<Row> {
  iter(): Iterable<Row>;
  onInsert(cb: (ctx: unknown, row: Row) => void): void;
  removeOnInsert(cb: (ctx: unknown, row: Row) => void): void;
  onDelete(cb: (ctx: unknown, row: Row) => void): void;
  removeOnDelete(cb: (ctx: unknown, row: Row) => void): void;
  onUpdate?(cb: (ctx: unknown, oldRow: Row, newRow: Row) => void): void;
  removeOnUpdate?(cb: (ctx: unknown, oldRow: Row, newRow: Row) => void): void;
}

type ReducerFunction = (args: Record<string, unknown>) => Promise<void>;

function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * The client cache's handle for a table given its module name. Bindings name accessors either as the module
 * does (`channel_message`) or in camelCase (`channelMessage`), so both are tried. Undefined when the module
 * has no such table.
 */
export function tableHandle<Row>(conn: AnyDbConnection, table: string): TableHandle<Row> | undefined {
  const db = conn.db as unknown as Record<string, TableHandle<Row> | undefined>;
  return db[table] ?? db[camelCase(table)];
}

/** The reducer function for a module reducer name, or undefined when the bindings have none. */
export function reducerFunction(conn: AnyDbConnection, reducer: string): ReducerFunction | undefined {
  const reducers = conn.reducers as unknown as Record<string, ReducerFunction | undefined>;
  return reducers[camelCase(reducer)] ?? reducers[reducer];
}
