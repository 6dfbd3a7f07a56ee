#!/usr/bin/env -S node --import tsx
/**
 * Loads a dump into an empty data directory for a module, refusing a module the dump's schema is incompatible with:
 * `node --import tsx host/bin/lta-restore.ts --in academy.ltadump --data .lta-data [--module module] [--db academy]`
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreDatabase } from '../src/backup/restore.js';
import { REPO_ROOT } from '../src/index.js';

const USAGE = 'usage: lta-restore --in <file> --data <empty dir> [--module module] [--db academy] [--new-keys]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      in: { type: 'string' },
      data: { type: 'string' },
      module: { type: 'string', default: resolve(REPO_ROOT, 'module') },
      db: { type: 'string', default: 'academy' },
      'new-keys': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!values.in || !values.data) throw new Error(`--in and --data are required\n${USAGE}`);
  const dump = await restoreDatabase({
    dump: resolve(values.in),
    dataDir: resolve(values.data),
    moduleDir: resolve(values.module),
    database: values.db,
    newKeys: values['new-keys'],
  });
  console.log(
    `lta-restore: ${values.data}: database ${dump.header.database} restored at transaction ${dump.state.txOffset}`,
  );
}

main().catch((error: unknown) => {
  console.error(`lta-restore: ${(error as Error).message}`);
  process.exit(1);
});
