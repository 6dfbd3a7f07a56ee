import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AlgebraicType, BinaryWriter } from 'spacetimedb';
import {
  loadModule,
  type Caller,
  type Engine,
  type ModuleLogRecord,
  type ReducerOutcome,
} from '../../src/engine/index.js';

/** The kitchen-sink fixture module's folder. */
export const KITCHEN_SINK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/kitchen-sink');

/** Loads a fresh kitchen-sink instance whose log lines are collected. */
export async function loadKitchenSink(): Promise<{ engine: Engine; logs: ModuleLogRecord[] }> {
  const logs: ModuleLogRecord[] = [];
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'kitchen-sink', log: (r) => logs.push(r) });
  return { engine, logs };
}

export const caller = (sender: bigint, timestamp = 1_700_000_000_000_000n): Caller => ({
  sender,
  connectionId: sender + 1000n,
  timestamp,
});

/** Encodes reducer arguments (an object keyed by the module's parameter names) the way a client SDK does. */
export function encodeArgs(engine: Engine, reducer: string, args: Record<string, unknown>): Uint8Array {
  const def = engine.def.reducers.find((r) => r.name === reducer);
  if (!def) throw new Error(`no reducer ${reducer}`);
  const writer = new BinaryWriter(64);
  AlgebraicType.makeSerializer(
    { tag: 'Product', value: def.paramsWithAccessorNames },
    { types: engine.def.typespaceWithAccessorNames },
  )(writer, args);
  return writer.getBuffer();
}

/** Calls a reducer with object arguments. */
export const call = (
  engine: Engine,
  reducer: string,
  args: Record<string, unknown>,
  who: Caller = caller(1n),
): ReducerOutcome => engine.callReducer(reducer, encodeArgs(engine, reducer, args), who);

/** Decoded rows of a table, in insertion order. */
export const rowsOf = (engine: Engine, table: string): Record<string, unknown>[] => {
  const handle = engine.table(table);
  return Array.from(handle.rows(), (r) => handle.decodeRow(r.bytes));
};
