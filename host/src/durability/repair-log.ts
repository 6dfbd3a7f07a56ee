/**
 * What `lta-repair` does to a stopped host's commit log: reports what the host would find at start-up and, only on
 * request, keeps a copy of the damaged part and cuts the log at the damage.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { judgeDamage, listSegments, scanSegment, type DamageVerdict, type Segment } from './commit-log-scan.js';
import { keepAside } from './damaged-copies.js';
import { fsyncDirectory } from './fsync-directory.js';
import { SnapshotStore } from './snapshot-store.js';

/** One segment as found. */
export interface SegmentReport {
  segment: Segment;
  bytes: number;
  /** Valid transactions from its start. */
  transactions: number;
  /** Null when the whole segment is valid. */
  verdict: DamageVerdict | null;
}

export interface LogInspection {
  /** Transactions up to this offset are in the newest readable snapshot (0 without one). */
  snapshotOffset: bigint;
  segments: SegmentReport[];
  /** Index in `segments` of the damage that makes the host refuse to start, or null when it starts. */
  refused: number | null;
}

/** Reads every segment of `dataDir`'s commit log without changing anything. */
export async function inspectCommitLog(dataDir: string, warn: (message: string) => void): Promise<LogInspection> {
  const latest = await (await SnapshotStore.open(join(dataDir, 'snapshots'))).latest(warn);
  const snapshotOffset = latest?.state.txOffset ?? 0n;
  const segments = await listSegments(join(dataDir, 'clog')).catch(() => []);
  const reports: SegmentReport[] = [];
  let refused: number | null = null;
  for (const [index, segment] of segments.entries()) {
    const data = await readFile(segment.path);
    const scan = scanSegment(data, segment.firstOffset);
    const verdict =
      scan.problem === null
        ? null
        : judgeDamage({ segment, next: segments[index + 1], data, scan, afterOffset: snapshotOffset, dataDir });
    if (verdict?.action === 'refuse') refused ??= index;
    reports.push({ segment, bytes: data.length, transactions: scan.transactions.length, verdict });
  }
  return { snapshotOffset, segments: reports, refused };
}

/** What `cutAtDamage` did. */
export interface CutReport {
  /** Where the damaged segment and every later one were copied, whole. */
  folder: string;
  kept: string[];
  /** The last transaction left in the log. */
  endsAt: bigint;
}

/**
 * Copies the segment the host refuses and every later segment into `<data>/damaged/<time>/` (durably), then cuts
 * that segment where its valid records end and removes the later ones, so the host starts with the transactions
 * before the damage. Only for an inspection with `refused` set.
 */
export async function cutAtDamage(dataDir: string, inspection: LogInspection): Promise<CutReport> {
  if (inspection.refused === null) throw new Error('the commit log has no damage the host refuses: nothing to cut');
  const affected = inspection.segments.slice(inspection.refused);
  const { damage } = affected[0]!.verdict!;
  const files = await Promise.all(
    affected.map(async ({ segment }) => ({ name: basename(segment.path), bytes: await readFile(segment.path) })),
  );
  const folder = await keepAside(dataDir, files);
  if (damage.byteOffset === 0) {
    await rm(damage.path);
  } else {
    const handle = await open(damage.path, 'r+');
    try {
      await handle.truncate(damage.byteOffset);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  for (const { segment } of affected.slice(1)) await rm(segment.path);
  await fsyncDirectory(join(dataDir, 'clog'));
  return { folder, kept: files.map((f) => f.name), endsAt: damage.lastGoodOffset };
}
