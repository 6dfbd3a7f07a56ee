import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The files of a data directory's folder that a dump carries besides the database, by name: `keys/` (the token
 * signing key pair, the publisher's token) and `lti/` (the LTI tool's key, the registered LMSs, launches and grade
 * audit). Both hold secrets, so they are written back readable by the owner only.
 */
export type SecretFiles = Record<string, string>;

/** The folders a dump carries, and what each holds. */
export type SecretFolder = 'keys' | 'lti';

/** Reads `<dataDir>/<folder>`; none when the host never wrote there. */
export async function readSecretFiles(dataDir: string, folder: SecretFolder): Promise<SecretFiles | undefined> {
  const dir = join(dataDir, folder);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!names || names.length === 0) return undefined;
  const files: SecretFiles = {};
  for (const name of names.sort()) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

/** Writes files into `<dataDir>/<folder>`, readable by the owner only. */
export async function writeSecretFiles(dataDir: string, folder: SecretFolder, files: SecretFiles): Promise<void> {
  const dir = join(dataDir, folder);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [name, text] of Object.entries(files)) {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.'))
      throw new Error(`the dump names an unsafe file "${name}" in ${folder}/`);
    await writeFile(join(dir, name), text, { mode: 0o600 });
    await chmod(join(dir, name), 0o600);
  }
}
