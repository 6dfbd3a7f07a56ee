import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModule } from '../engine/index.js';
import { lockDataDir } from '../durability/data-dir-lock.js';
import { schemaHash, writeModuleRecord } from '../durability/module-record.js';
import { SnapshotStore } from '../durability/snapshot-store.js';
import { describeSchema } from '../durability/stored-schema.js';
import { planUpdate } from '../update/plan-update.js';
import { readDump, type Dump } from './dump.js';
import { readSecretFiles, writeSecretFiles } from './secret-files.js';

/** What a host keeps in a data directory besides the database: its lock, its token signing keys, its LTI tool. */
const NOT_DATA = new Set(['LOCK', 'keys', 'lti']);

/**
 * Loads a dump into an empty data directory, for the module in `moduleDir`, with the signing keys it carries, so
 * tokens issued before still work, and the LTI tool's files, so LMSs keep launching and grades keep going back.
 * Refuses a directory that already holds a database, a dump without keys (unless `newKeys`, or keys were copied in
 * by hand), and a dump whose schema the module could not migrate to automatically (what and why).
 * The restored database starts at the dump's transaction offset with its sequences, so no id is reused.
 */
export async function restoreDatabase(options: {
  dump: string;
  dataDir: string;
  moduleDir: string;
  database: string;
  /** Accept a dump without signing keys although every token issued before stops working. */
  newKeys?: boolean;
}): Promise<Dump> {
  const dump = await readDump(options.dump);
  await mkdir(options.dataDir, { recursive: true });
  const lock = await lockDataDir(options.dataDir);
  try {
    const present = (await readdir(options.dataDir)).filter((name) => !NOT_DATA.has(name));
    if (present.length > 0) {
      throw new Error(`${options.dataDir} is not empty (${present.join(', ')}): restore into an empty data directory`);
    }
    const engine = await loadModule({ moduleDir: options.moduleDir, databaseName: options.database });
    const schema = describeSchema(engine.def);
    const plan = planUpdate(dump.header.schema, schema);
    if (!plan.ok) {
      throw new Error(
        `This dump of database ${dump.header.database} was made by a module that is incompatible with ${options.moduleDir}:\n` +
          plan.problems.map((p) => `  - ${p}`).join('\n'),
      );
    }
    const tables = [];
    for (const table of dump.state.tables) {
      if (plan.removedTables.includes(table.tableName)) {
        if (table.rows.length > 0) {
          throw new Error(
            `This dump holds ${table.rows.length} row(s) of table ${table.tableName}, which ${options.moduleDir} does not define`,
          );
        }
        continue;
      }
      const upgrade = plan.upgrades.get(table.tableName);
      tables.push({ tableName: table.tableName, rows: upgrade ? table.rows.map(upgrade) : table.rows });
    }
    if (dump.header.keys) await writeSecretFiles(options.dataDir, 'keys', dump.header.keys);
    else if (!options.newKeys && !(await readSecretFiles(options.dataDir, 'keys'))) {
      throw new Error(
        "This dump carries no signing keys, so every learner's token would stop working (they would lose their accounts). " +
          `Copy keys/ from the old data directory into ${options.dataDir}, or pass --new-keys to start everyone over with new identities`,
      );
    }
    if (dump.header.lti) await writeSecretFiles(options.dataDir, 'lti', dump.header.lti);
    const snapshots = await SnapshotStore.open(join(options.dataDir, 'snapshots'));
    await snapshots.write({ ...dump.state, tables }, { schemaHash: schemaHash(schema) });
    await writeModuleRecord(options.dataDir, {
      schema,
      owner: dump.header.owner,
      firstPublishedAt: dump.header.firstPublishedAt,
    });
    return dump;
  } finally {
    await lock.release();
  }
}
