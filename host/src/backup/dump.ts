import { readImage, writeImage, type DatabaseState } from '../durability/database-image.js';
import type { StoredSchema } from '../durability/stored-schema.js';
import { readDataDir } from './read-data-dir.js';
import { readSecretFiles, type SecretFiles } from './secret-files.js';
import { chmod } from 'node:fs/promises';

const DUMP_MAGIC = 'LTADUMP1';

/** The head of a dump: what made it, so a restore can check the module it is loaded into. */
export interface DumpHeader {
  format: 'lta-dump';
  version: 1;
  database: string;
  /** Hex identity of the database owner, or null. */
  owner: string | null;
  firstPublishedAt: string;
  /** The schema the rows follow (tables with columns and types, indexes, sequences, schedules, reducers, views). */
  schema: StoredSchema;
  /**
   * The data directory's `keys/` files: the key that signs learners' tokens (their identities) and the publisher's
   * token. Without them a restored academy would refuse every token it ever issued. Absent in older dumps.
   */
  keys?: SecretFiles;
  /**
   * The data directory's `lti/` files, when the host ran the LTI tool: its key (LMSs trust its public half), the LMSs
   * that registered themselves, where grades go, the grade audit. Without them every dynamically registered LMS would
   * have to register again. Absent in older dumps.
   */
  lti?: SecretFiles;
}

export interface Dump {
  header: DumpHeader;
  /** Every row of every table, the sequences' next values, and schedule rows (they are rows of schedule tables). */
  state: DatabaseState;
}

/**
 * Writes the whole database in `dataDir` (which no host may be using) to one portable file: schema, rows,
 * sequences, schedules, the token signing keys and the LTI tool's files (readable by the owner only). Dumping the
 * same data twice gives the same bytes.
 */
export async function dumpDatabase(options: {
  dataDir: string;
  database: string;
  out: string;
  warn: (message: string) => void;
}): Promise<Dump> {
  const { record, state } = await readDataDir(options.dataDir, options.warn);
  const keys = await readSecretFiles(options.dataDir, 'keys');
  const lti = await readSecretFiles(options.dataDir, 'lti');
  const header: DumpHeader = {
    format: 'lta-dump',
    version: 1,
    database: options.database,
    owner: record.owner,
    firstPublishedAt: record.firstPublishedAt,
    schema: record.schema,
    ...(keys ? { keys } : {}),
    ...(lti ? { lti } : {}),
  };
  await writeImage(options.out, DUMP_MAGIC, { header, state });
  // The dump holds the signing key: as secret as the data directory.
  await chmod(options.out, 0o600);
  return { header, state };
}

/** Reads a dump file; throws a clear error when it is not one or is damaged. */
export async function readDump(path: string): Promise<Dump> {
  const dump = await readImage<DumpHeader>(path, DUMP_MAGIC);
  if (dump.header.format !== 'lta-dump' || dump.header.version !== 1) {
    throw new Error(
      `${path} is not a dump this host can read (format ${String(dump.header.format)} version ${String(dump.header.version)})`,
    );
  }
  return dump;
}
