import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readImage, writeImage, type DatabaseState } from './database-image.js';

/** What a snapshot says about itself: the schema its rows follow. */
export interface SnapshotHeader {
  schemaHash: string;
}

const SNAPSHOT_MAGIC = 'LTASNAP1';
/** The newest snapshots kept: an older one is the fallback if the newest turns out damaged. */
const KEPT_SNAPSHOTS = 2;

async function snapshotOffsets(dir: string): Promise<bigint[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{20}\.snap$/.test(name));
  return names.map((name) => BigInt(name.slice(0, 20))).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
}

const snapshotPath = (dir: string, offset: bigint) => join(dir, `${offset.toString().padStart(20, '0')}.snap`);

/** Snapshots of the whole database in `dir`, one file per transaction offset. */
export class SnapshotStore {
  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<SnapshotStore> {
    await mkdir(dir, { recursive: true });
    return new SnapshotStore(dir);
  }

  /** The newest snapshot that reads back intact (damaged ones are reported through `warn` and skipped), or null. */
  async latest(warn: (message: string) => void): Promise<{ header: SnapshotHeader; state: DatabaseState } | null> {
    for (const offset of await snapshotOffsets(this.dir)) {
      try {
        return await readImage<SnapshotHeader>(snapshotPath(this.dir, offset), SNAPSHOT_MAGIC);
      } catch (error) {
        warn(`skipping snapshot: ${(error as Error).message}`);
      }
    }
    return null;
  }

  /**
   * Writes `state` as a new snapshot, drops all but the newest few, and returns the offset up to which the
   * commit log is no longer needed (the oldest snapshot kept).
   */
  async write(state: DatabaseState, header: SnapshotHeader): Promise<bigint> {
    await writeImage(snapshotPath(this.dir, state.txOffset), SNAPSHOT_MAGIC, { header, state });
    const offsets = await snapshotOffsets(this.dir);
    for (const stale of offsets.slice(KEPT_SNAPSHOTS)) await rm(snapshotPath(this.dir, stale));
    return offsets.slice(0, KEPT_SNAPSHOTS).at(-1)!;
  }
}
