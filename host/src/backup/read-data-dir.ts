import { join } from 'node:path';
import { CommitLog } from '../durability/commit-log.js';
import type { DatabaseState } from '../durability/database-image.js';
import { lockDataDir } from '../durability/data-dir-lock.js';
import { readModuleRecord, type ModuleRecord } from '../durability/module-record.js';
import { SnapshotStore } from '../durability/snapshot-store.js';
import { rowKey } from '../engine/datastore/row-key.js';

/**
 * Reads a stopped database's data directory without loading its module: the newest snapshot plus the commit
 * log after it, replayed row by row (a table is a set of rows, so a delete removes the row with equal bytes).
 * Tables come in the stored schema's order and rows in the order they were inserted, like the host keeps them.
 */
export async function readDataDir(
  dataDir: string,
  warn: (message: string) => void,
): Promise<{ record: ModuleRecord; state: DatabaseState }> {
  const record = await readModuleRecord(dataDir);
  if (!record) throw new Error(`${dataDir} holds no published database (no module.json)`);
  const lock = await lockDataDir(dataDir);
  try {
    const persistent = record.schema.tables.filter((t) => !t.isEvent).map((t) => t.name);
    const tables = new Map(persistent.map((name) => [name, new Map<string, Uint8Array>()]));
    const latest = await (await SnapshotStore.open(join(dataDir, 'snapshots'))).latest(warn);
    const sequences = new Map(latest?.state.sequences ?? []);
    let txOffset = latest?.state.txOffset ?? 0n;
    const apply = (tableName: string, inserts: readonly Uint8Array[], deletes: readonly Uint8Array[]) => {
      const rows = tables.get(tableName);
      if (!rows) return;
      for (const row of deletes) rows.delete(rowKey(row));
      for (const row of inserts) rows.set(rowKey(row), row);
    };
    for (const table of latest?.state.tables ?? []) apply(table.tableName, table.rows, []);
    const log = await CommitLog.open({
      dir: join(dataDir, 'clog'),
      afterOffset: txOffset,
      warn,
      onTransaction: (tx) => {
        for (const change of tx.changes) apply(change.tableName, change.inserts, change.deletes);
        for (const [key, next] of tx.sequences) sequences.set(key, next);
        txOffset = tx.txOffset;
      },
    });
    await log.close();
    return {
      record,
      state: {
        txOffset,
        sequences,
        tables: persistent.map((tableName) => ({ tableName, rows: [...tables.get(tableName)!.values()] })),
      },
    };
  } finally {
    await lock.release();
  }
}
