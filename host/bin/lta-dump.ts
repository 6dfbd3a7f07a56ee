#!/usr/bin/env -S node --import tsx
/**
 * Writes a stopped host's whole database (schema, rows, sequences, schedules) to one portable file:
 * `node --import tsx host/bin/lta-dump.ts --data .lta-data --out academy.ltadump [--db academy]`
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dumpDatabase } from '../src/backup/dump.js';

const USAGE = 'usage: lta-dump --data <dir> --out <file> [--db academy]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      db: { type: 'string', default: 'academy' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!values.data || !values.out) throw new Error(`--data and --out are required\n${USAGE}`);
  const dump = await dumpDatabase({
    dataDir: resolve(values.data),
    database: values.db,
    out: resolve(values.out),
    warn: (message) => console.warn(`lta-dump: ${message}`),
  });
  const rows = dump.state.tables.reduce((sum, t) => sum + t.rows.length, 0);
  console.log(
    `lta-dump: ${values.out}: ${dump.state.tables.length} tables, ${rows} rows, at transaction ${dump.state.txOffset}`,
  );
}

main().catch((error: unknown) => {
  console.error(`lta-dump: ${(error as Error).message}`);
  process.exit(1);
});
