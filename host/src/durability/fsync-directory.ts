import { open } from 'node:fs/promises';

/** Makes a file's creation, rename or removal in `dir` durable (POSIX needs the directory itself synced). */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
