/**
 * Reading commit log segments without changing them: the record format, where valid records end, and what kind
 * of damage follows (a write that never finished, or damage to records that were acknowledged).
 */
import { crc32 } from 'node:zlib';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ByteReader, CorruptDataError } from './binary.js';
import { decodeTransaction, type LoggedTransaction } from './transaction-record.js';

/** Every segment file starts with these bytes, so a stray file is never replayed. */
export const SEGMENT_MAGIC = Buffer.from('LTACLOG1');
/** Each record is framed as u32 payload length, u32 CRC-32 of the payload, payload. */
export const FRAME_HEADER_BYTES = 8;
/** The smallest payload: u64 offset, u32 table count, u32 sequence count. */
const MIN_PAYLOAD_BYTES = 16;
const SEGMENT_SUFFIX = '.log';

export interface Segment {
  /** Offset of its first transaction, which is also its file name. */
  firstOffset: bigint;
  path: string;
}

export function segmentName(firstOffset: bigint): string {
  return firstOffset.toString().padStart(20, '0') + SEGMENT_SUFFIX;
}

/** The segment files in `dir`, oldest first. */
export async function listSegments(dir: string): Promise<Segment[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{20}\.log$/.test(name));
  return names
    .map((name) => ({ firstOffset: BigInt(name.slice(0, 20)), path: join(dir, name) }))
    .sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1));
}

/** Result of reading one segment: its valid records and where the valid bytes end. */
export interface SegmentScan {
  transactions: LoggedTransaction[];
  validBytes: number;
  /** Why reading stopped before the end of the file, or null when the whole file was valid. */
  problem: string | null;
}

/** Reads consecutive records from `position`, the first one being transaction `expected`, until one is not valid. */
function scanRecords(data: Buffer, position: number, expected: bigint): SegmentScan {
  const transactions: LoggedTransaction[] = [];
  while (position < data.length) {
    if (data.length - position < FRAME_HEADER_BYTES) {
      return { transactions, validBytes: position, problem: `torn record header at byte ${position}` };
    }
    const length = data.readUInt32LE(position);
    const checksum = data.readUInt32LE(position + 4);
    const start = position + FRAME_HEADER_BYTES;
    if (length > data.length - start) {
      return {
        transactions,
        validBytes: position,
        problem: `torn record at byte ${position} (${length} bytes announced)`,
      };
    }
    const payload = data.subarray(start, start + length);
    if (crc32(payload) !== checksum) {
      return { transactions, validBytes: position, problem: `checksum mismatch in the record at byte ${position}` };
    }
    let tx: LoggedTransaction;
    try {
      tx = decodeTransaction(new ByteReader(payload));
    } catch (error) {
      const reason = error instanceof CorruptDataError ? error.message : String(error);
      return { transactions, validBytes: position, problem: `undecodable record at byte ${position}: ${reason}` };
    }
    if (tx.txOffset !== expected) {
      return {
        transactions,
        validBytes: position,
        problem: `record at byte ${position} has offset ${tx.txOffset}, expected ${expected}`,
      };
    }
    transactions.push(tx);
    expected++;
    position = start + length;
  }
  return { transactions, validBytes: position, problem: null };
}

/** Reads a whole segment whose first record is transaction `expectedFirst`. */
export function scanSegment(data: Buffer, expectedFirst: bigint): SegmentScan {
  if (data.length < SEGMENT_MAGIC.length || !data.subarray(0, SEGMENT_MAGIC.length).equals(SEGMENT_MAGIC)) {
    return { transactions: [], validBytes: 0, problem: 'missing or damaged segment header' };
  }
  return scanRecords(data, SEGMENT_MAGIC.length, expectedFirst);
}

/** Valid records found after damaged bytes. */
export interface FollowingRecords {
  /** Where the first of them starts. */
  byteOffset: number;
  firstOffset: bigint;
  lastOffset: bigint;
  count: number;
}

/**
 * The first run of valid records after byte `from` whose transactions come after `after`. Every byte position is
 * tried, but only one announcing a plausible length and transaction offset costs a checksum.
 */
function findFollowingRecords(data: Buffer, from: number, after: bigint): FollowingRecords | null {
  const highest = after + BigInt(data.length);
  for (let at = from; at + FRAME_HEADER_BYTES + MIN_PAYLOAD_BYTES <= data.length; at++) {
    const length = data.readUInt32LE(at);
    if (length < MIN_PAYLOAD_BYTES || length > data.length - at - FRAME_HEADER_BYTES) continue;
    const txOffset = data.readBigUInt64LE(at + FRAME_HEADER_BYTES);
    if (txOffset <= after || txOffset > highest) continue;
    if (crc32(data.subarray(at + FRAME_HEADER_BYTES, at + FRAME_HEADER_BYTES + length)) !== data.readUInt32LE(at + 4))
      continue;
    const run = scanRecords(data, at, txOffset);
    if (run.transactions.length === 0) continue;
    return {
      byteOffset: at,
      firstOffset: txOffset,
      lastOffset: run.transactions.at(-1)!.txOffset,
      count: run.transactions.length,
    };
  }
  return null;
}

/**
 * True when the bytes from `at` on are a write that never finished: zeros (space the file system allocated but
 * the write never reached), or one record cut short (its announced length runs past the end of the file and the
 * bytes present do not carry its checksum, so it is not a whole record with a damaged length). Such a record's
 * fsync never completed, so it was never acknowledged.
 */
function isTornWrite(data: Buffer, at: number): boolean {
  const rest = data.subarray(at);
  if (rest.every((byte) => byte === 0)) return true;
  if (rest.length < FRAME_HEADER_BYTES) return true;
  const payload = rest.subarray(FRAME_HEADER_BYTES);
  return rest.readUInt32LE(0) > payload.length && crc32(payload) !== rest.readUInt32LE(4);
}

/** Where a segment stops being valid and what follows. */
export interface SegmentDamage {
  path: string;
  /** Where the valid records end: the first damaged byte is at or after it. */
  byteOffset: number;
  problem: string;
  /** The last valid transaction before the damage. */
  lastGoodOffset: bigint;
  /** Valid records after the damage (transactions written, and likely acknowledged, after the damaged one). */
  following: FollowingRecords | null;
  /** A write that never finished (see `isTornWrite`): safe to cut. */
  torn: boolean;
}

/** Describes the damage `scan` stopped at in the segment `segment` holding `data`. */
export function describeDamage(segment: Segment, data: Buffer, scan: SegmentScan): SegmentDamage {
  const lastGoodOffset = segment.firstOffset + BigInt(scan.transactions.length) - 1n;
  const following = findFollowingRecords(data, scan.validBytes + 1, lastGoodOffset);
  return {
    path: segment.path,
    byteOffset: scan.validBytes,
    problem: scan.problem ?? 'no damage',
    lastGoodOffset,
    following,
    torn: following === null && isTornWrite(data, scan.validBytes),
  };
}

/** Says what follows the damage, for people. */
export function describeFollowing(damage: SegmentDamage): string {
  const { following } = damage;
  if (!following) return 'no valid record follows it';
  return (
    `${following.count} valid record(s) follow it from byte ${following.byteOffset} ` +
    `(transactions ${following.firstOffset} to ${following.lastOffset})`
  );
}

/**
 * The commit log is damaged where cutting it would lose transactions that were acknowledged: the host refuses to
 * start (exit code 3) and names the file and byte; `lta-repair` shows the damage and cuts it on request.
 */
export class CommitLogDamagedError extends Error {
  override name = 'CommitLogDamagedError';

  constructor(
    readonly damage: SegmentDamage,
    /** The data directory, for the repair command in the message. */
    readonly dataDir: string,
    /** Why cutting there would lose acknowledged data. */
    reason: string,
  ) {
    super(
      `commit log ${damage.path} is damaged at byte ${damage.byteOffset} (${damage.problem}, after transaction ` +
        `${damage.lastGoodOffset}); ${reason}. Refusing to start rather than lose them. Inspect it with ` +
        `"lta-repair --data ${dataDir}"; "lta-repair --data ${dataDir} --cut" keeps a copy of the damaged files in ` +
        `${join(dataDir, 'damaged')}/ and cuts the log at that byte (the database then ends at transaction ` +
        `${damage.lastGoodOffset}); or restore a dump.`,
    );
  }
}

/** What to do about a damaged segment. */
export type DamageVerdict =
  | { action: 'harmless'; damage: SegmentDamage }
  | { action: 'cut'; damage: SegmentDamage }
  | { action: 'refuse'; damage: SegmentDamage; error: CommitLogDamagedError };

/**
 * Decides about the damage `scan` found in `segment`: `harmless` when no transaction needed (after `afterOffset`,
 * the snapshot) is lost with it; `cut` at the end of the log when no valid record follows (`damage.torn` says
 * whether it was an unfinished write or a whole record that fails its check and may have been acknowledged);
 * otherwise `refuse`, because cutting would drop acknowledged transactions.
 */
export function judgeDamage(at: {
  segment: Segment;
  /** The segment after it, if any. */
  next: Segment | undefined;
  data: Buffer;
  scan: SegmentScan;
  afterOffset: bigint;
  dataDir: string;
}): DamageVerdict {
  const damage = describeDamage(at.segment, at.data, at.scan);
  const refuse = (reason: string): DamageVerdict => ({
    action: 'refuse',
    damage,
    error: new CommitLogDamagedError(damage, at.dataDir, reason),
  });
  if (at.next) {
    // Older segments are never written again, so a problem there is damage, not an unfinished write.
    const lastNeeded = at.next.firstOffset - 1n;
    if (lastNeeded <= damage.lastGoodOffset || lastNeeded <= at.afterOffset) return { action: 'harmless', damage };
    return refuse(
      damage.following
        ? `${describeFollowing(damage)} and transactions up to ${lastNeeded} were written before the next segment`
        : `transactions ${damage.lastGoodOffset + 1n} to ${lastNeeded} are in the damaged part (the next segment starts at ${at.next.firstOffset})`,
    );
  }
  if (damage.following)
    return refuse(`${describeFollowing(damage)}: acknowledged transactions that cutting there would drop`);
  return { action: 'cut', damage };
}
