import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDirectory } from './fsync-directory.js';

/** Bytes taken out of the live data, to keep. */
export interface DamagedFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Writes `files` into a new folder `<dataDir>/damaged/<time>/` and makes them durable before the caller cuts them
 * out of the live data, so nothing is lost even when the cut turns out to be wrong. Returns the folder.
 */
export async function keepAside(dataDir: string, files: readonly DamagedFile[]): Promise<string> {
  const folder = join(dataDir, 'damaged', new Date().toISOString().replace(/[:.]/g, '-'));
  await mkdir(folder, { recursive: true });
  for (const file of files) {
    const handle = await open(join(folder, file.name), 'wx');
    try {
      await handle.writeFile(file.bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  await fsyncDirectory(folder);
  await fsyncDirectory(join(dataDir, 'damaged'));
  return folder;
}
