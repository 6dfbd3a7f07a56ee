import { AlgebraicType, BinaryWriter } from 'spacetimedb';
import { fileURLToPath } from 'node:url';
import { readDataDir } from '../../src/backup/read-data-dir.js';
import { openDatabase, type OpenDatabase, type OpenDatabaseOptions } from '../../src/durability/open-database.js';
import { loadModule } from '../../src/engine/index.js';
import type { CommittedOutcome } from '../../src/engine/index.js';
import type { ManualClock } from '../scheduler/manual-clock.js';

export const LEDGER = fileURLToPath(new URL('./fixtures/ledger', import.meta.url));

/** The ledger database opened on a data directory, with helpers to call reducers and read rows. */
export async function openLedger(options: Partial<OpenDatabaseOptions> & { clock?: ManualClock } = {}) {
  const logs: string[] = [];
  const db = await openDatabase({
    moduleDir: LEDGER,
    database: 'ledger',
    log: (level, message) => logs.push(`${level}: ${message}`),
    moduleLog: (record) => logs.push(`module ${record.level}: ${record.message}`),
    ...options,
  });
  const clock = options.clock;
  const call = async (reducer: string, args: Record<string, unknown> = {}): Promise<CommittedOutcome> => {
    const def = db.engine.def.reducers.find((r) => r.name === reducer)!;
    const writer = new BinaryWriter(64);
    AlgebraicType.makeSerializer({ tag: 'Product', value: def.params }, { types: db.engine.def.typespace })(
      writer,
      args,
    );
    const outcome = db.engine.callReducer(reducer, writer.getBuffer(), {
      sender: 7n,
      connectionId: 1n,
      timestamp: clock?.now() ?? BigInt(Date.now()) * 1000n,
    });
    if (outcome.status !== 'committed') throw new Error(`${reducer} failed: ${outcome.message}`);
    await db.durable(outcome.txOffset);
    return outcome;
  };
  const rows = <T = Record<string, unknown>>(table: string): T[] => {
    const handle = db.engine.table(table);
    return [...handle.rows()].map((row) => handle.decodeRow(row.bytes) as T);
  };
  return { db, call, rows, logs };
}

export type Ledger = Awaited<ReturnType<typeof openLedger>>;
export type { OpenDatabase };

/**
 * The ledger entries a stopped host's data directory holds (read the way `lta-dump` reads it) and the transaction
 * it ends at. `warn` hears what recovery would say (a cut tail).
 */
export async function storedEntries(dataDir: string, warn: (message: string) => void = () => {}) {
  const { state } = await readDataDir(dataDir, warn);
  const ledger = await loadModule({ moduleDir: LEDGER, databaseName: 'ledger', log: () => {} });
  const rows = state.tables.find((x) => x.tableName === 'entry')!.rows;
  const entries = rows.map((r) => ledger.table('entry').decodeRow(r) as { client: string; seq: number });
  return { entries, txOffset: state.txOffset };
}
