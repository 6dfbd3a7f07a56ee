#!/usr/bin/env -S node --import tsx
/**
 * Checks a stopped host's commit log and, only when asked, cuts it at damage the host refuses to start with:
 * `node --import tsx host/bin/lta-repair.ts --data .lta-data [--cut]`
 * Exit codes: 0 the host will start (or the cut was made), 3 the host refuses to start, 1 error, 2 bad usage.
 */
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFollowing } from '../src/durability/commit-log-scan.js';
import { lockDataDir } from '../src/durability/data-dir-lock.js';
import { cutAtDamage, inspectCommitLog, type SegmentReport } from '../src/durability/repair-log.js';

const USAGE = 'usage: lta-repair --data <dir> [--cut]';

function describeSegment({ segment, bytes, transactions, verdict }: SegmentReport): string {
  const held =
    transactions === 0
      ? 'no valid transaction'
      : `transactions ${segment.firstOffset} to ${segment.firstOffset + BigInt(transactions) - 1n}`;
  const line = `  ${basename(segment.path)}  ${bytes} bytes  ${held}`;
  if (!verdict) return `${line}  ok`;
  const { damage } = verdict;
  const where = `damaged at byte ${damage.byteOffset} (${damage.problem}); ${describeFollowing(damage)}`;
  if (verdict.action === 'harmless')
    return `${line}  ${where}: harmless, the snapshot or the next segment holds what it lost`;
  if (verdict.action === 'refuse') return `${line}  ${where}: THE HOST REFUSES TO START`;
  return `${line}  ${where}: the host cuts it at start-up (${damage.torn ? 'an unfinished write' : 'a damaged last record, kept in damaged/'})`;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        cut: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`lta-repair: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.data) {
    console.error(`lta-repair: --data is required\n${USAGE}`);
    return 2;
  }
  const dataDir = resolve(values.data);
  const lock = await lockDataDir(dataDir);
  try {
    const inspection = await inspectCommitLog(dataDir, (message) => console.warn(`lta-repair: ${message}`));
    console.log(
      `lta-repair: ${dataDir}: snapshot at transaction ${inspection.snapshotOffset}, ${inspection.segments.length} commit log segment(s)`,
    );
    for (const report of inspection.segments) console.log(describeSegment(report));
    if (inspection.refused === null) {
      console.log('lta-repair: the host will start; nothing to repair.');
      return 0;
    }
    const { damage } = inspection.segments[inspection.refused]!.verdict!;
    if (!values.cut) {
      console.log(
        `lta-repair: the host refuses to start. "lta-repair --data ${values.data} --cut" copies ${basename(damage.path)} and every later ` +
          `segment to ${dataDir}/damaged/<time>/ and cuts the log at byte ${damage.byteOffset}: the database then ends at ` +
          `transaction ${damage.lastGoodOffset}, later transactions stay only in the copy. Or restore a dump.`,
      );
      return 3;
    }
    const cut = await cutAtDamage(dataDir, inspection);
    console.log(`lta-repair: kept ${cut.kept.join(', ')} in ${cut.folder}`);
    console.log(
      `lta-repair: cut the log at byte ${damage.byteOffset} of ${basename(damage.path)}; the database now ends at transaction ${cut.endsAt}.`,
    );
    return 0;
  } finally {
    await lock.release();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`lta-repair: ${(error as Error).message}`);
    process.exit(1);
  },
);
