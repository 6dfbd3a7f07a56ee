import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The files of `<dataDir>/keys` (the token signing key pair, the publisher's token), by name. */
export type KeyFiles = Record<string, string>;

/** Reads `<dataDir>/keys`; none when the host never started there. */
export async function readKeyFiles(dataDir: string): Promise<KeyFiles | undefined> {
  const dir = join(dataDir, 'keys');
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!names || names.length === 0) return undefined;
  const files: KeyFiles = {};
  for (const name of names.sort()) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

/** Writes key files into `<dataDir>/keys`, readable by the owner only (they sign every learner's token). */
export async function writeKeyFiles(dataDir: string, files: KeyFiles): Promise<void> {
  const dir = join(dataDir, 'keys');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const [name, text] of Object.entries(files)) {
    if (name.includes('/') || name.includes('\\') || name.startsWith('.'))
      throw new Error(`the dump names an unsafe key file "${name}"`);
    await writeFile(join(dir, name), text, { mode: 0o600 });
    await chmod(join(dir, name), 0o600);
  }
}
