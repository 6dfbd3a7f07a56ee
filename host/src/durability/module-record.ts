import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { fsyncDirectory } from './fsync-directory.js';
import type { StoredSchema } from './stored-schema.js';

/** What a data directory remembers about the module published into it. */
export interface ModuleRecord {
  /** The schema the stored rows follow. */
  schema: StoredSchema;
  /** Hex identity of whoever first published (the database owner), or null when unknown. */
  owner: string | null;
  /** ISO time of the first publish. */
  firstPublishedAt: string;
  /**
   * Hex Keccak-256 of the program the database was created with (or last reset with a new program): SpacetimeDB's
   * `initial_program`, which an ordinary update keeps. Absent in records written before it was kept.
   */
  initialProgram?: string;
  /** SQL system variables set with `SET` (SpacetimeDB's `st_var`, e.g. `row_limit`), values as decimal strings. */
  systemVariables?: Record<string, string>;
}

const FILE = 'module.json';

/** A short fingerprint of a schema, to tell whether stored rows already follow it. */
export function schemaHash(schema: StoredSchema): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 32);
}

export async function readModuleRecord(dataDir: string): Promise<ModuleRecord | null> {
  let text: string;
  try {
    text = await readFile(join(dataDir, FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as ModuleRecord;
  } catch {
    throw new Error(`${join(dataDir, FILE)} is damaged (not JSON); restore the data directory from a dump`);
  }
}

/** Replaces the record atomically. */
export async function writeModuleRecord(dataDir: string, record: ModuleRecord): Promise<void> {
  const path = join(dataDir, FILE);
  await writeFile(`${path}.tmp`, JSON.stringify(record, null, 1), { flush: true });
  await rename(`${path}.tmp`, path);
  await fsyncDirectory(dataDir);
}
