import { crc32 } from 'node:zlib';
import { mkdir, open, readdir, readFile, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ByteReader, CorruptDataError } from './binary.js';
import { decodeTransaction, encodeTransaction, type LoggedTransaction } from './transaction-record.js';
import { fsyncDirectory } from './fsync-directory.js';

/** Every segment file starts with these bytes, so a stray file is never replayed. */
const SEGMENT_MAGIC = Buffer.from('LTACLOG1');
/** Each record is framed as u32 payload length, u32 CRC-32 of the payload, payload. */
const FRAME_HEADER_BYTES = 8;
const SEGMENT_SUFFIX = '.log';

export interface CommitLogOptions {
  /** Folder holding the segment files. */
  dir: string;
  /** Transactions at or below this offset are already in the snapshot: they are skipped, not replayed. */
  afterOffset: bigint;
  /** Called for every valid logged transaction after `afterOffset`, in order, while opening. */
  onTransaction: (tx: LoggedTransaction) => void;
  /** Where warnings go (a torn tail cut off). */
  warn: (message: string) => void;
  /** A new segment starts once the current one reaches this size. Default 64 MiB. */
  maxSegmentBytes?: number;
  /** Observes each fsync's duration in seconds (for metrics). */
  onFsync?: (seconds: number) => void;
}

interface Segment {
  /** Offset of its first transaction, which is also its file name. */
  firstOffset: bigint;
  path: string;
}

interface Waiter {
  offset: bigint;
  resolve: () => void;
  reject: (error: Error) => void;
}

function segmentName(firstOffset: bigint): string {
  return firstOffset.toString().padStart(20, '0') + SEGMENT_SUFFIX;
}

async function listSegments(dir: string): Promise<Segment[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{20}\.log$/.test(name));
  return names
    .map((name) => ({ firstOffset: BigInt(name.slice(0, 20)), path: join(dir, name) }))
    .sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : 1));
}

/** Result of reading one segment: its valid records and where the valid bytes end. */
interface SegmentScan {
  transactions: LoggedTransaction[];
  validBytes: number;
  /** Why reading stopped before the end of the file, or null when the whole file was valid. */
  problem: string | null;
}

function scanSegment(data: Buffer, expectedFirst: bigint): SegmentScan {
  if (data.length < SEGMENT_MAGIC.length || !data.subarray(0, SEGMENT_MAGIC.length).equals(SEGMENT_MAGIC)) {
    return { transactions: [], validBytes: 0, problem: 'missing or damaged segment header' };
  }
  const transactions: LoggedTransaction[] = [];
  let position = SEGMENT_MAGIC.length;
  let expected = expectedFirst;
  while (position < data.length) {
    if (data.length - position < FRAME_HEADER_BYTES) {
      return { transactions, validBytes: position, problem: `torn record header at byte ${position}` };
    }
    const length = data.readUInt32LE(position);
    const checksum = data.readUInt32LE(position + 4);
    const start = position + FRAME_HEADER_BYTES;
    if (length > data.length - start) {
      return { transactions, validBytes: position, problem: `torn record at byte ${position} (${length} bytes announced)` };
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
      return { transactions, validBytes: position, problem: `record at byte ${position} has offset ${tx.txOffset}, expected ${expected}` };
    }
    transactions.push(tx);
    expected++;
    position = start + length;
  }
  return { transactions, validBytes: position, problem: null };
}

/**
 * The commit log: an append-only sequence of segment files holding every committed transaction.
 * Appends are batched (group commit): one write and one fsync cover every transaction appended since the
 * previous flush, and `durable(offset)` resolves only after the fsync that covers `offset`.
 */
export class CommitLog {
  private pending: Buffer[] = [];
  private pendingFirstOffset: bigint | null = null;
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  private failure: Error | null = null;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private segments: Segment[],
    private file: FileHandle,
    private segmentBytes: number,
    private appendedOffset: bigint,
    private flushedOffset: bigint,
    private readonly maxSegmentBytes: number,
    private readonly onFsync: ((seconds: number) => void) | undefined,
    private segmentsBytesBeforeCurrent: number,
  ) {}

  /**
   * Opens (or creates) the log in `dir`, replays what follows `afterOffset` through `onTransaction`, cuts off a
   * torn or corrupt tail with a warning, and returns the log ready for appends after the last valid transaction.
   * Throws when damage is found anywhere but at the tail, or when transactions are missing after the snapshot.
   */
  static async open(options: CommitLogOptions): Promise<CommitLog> {
    const { dir, afterOffset, onTransaction, warn } = options;
    await mkdir(dir, { recursive: true });
    const segments = await listSegments(dir);
    let lastOffset = afterOffset;
    /** Offset of the last record in the last segment (its first offset - 1 when it holds none). */
    let lastLogged = afterOffset;
    for (const [index, segment] of segments.entries()) {
      const isLast = index === segments.length - 1;
      const data = await readFile(segment.path);
      const scan = scanSegment(data, segment.firstOffset);
      if (segment.firstOffset > lastOffset + 1n && scan.transactions.length > 0) {
        throw new Error(
          `commit log ${segment.path} starts at transaction ${segment.firstOffset} but the data directory only ` +
            `holds up to ${lastOffset}: transactions are missing; restore from a dump`,
        );
      }
      lastLogged = segment.firstOffset + BigInt(scan.transactions.length) - 1n;
      for (const tx of scan.transactions) {
        if (tx.txOffset <= afterOffset) continue;
        onTransaction(tx);
        lastOffset = tx.txOffset;
      }
      if (scan.problem !== null) {
        if (!isLast) {
          throw new Error(`commit log segment ${segment.path} is damaged before its end (${scan.problem}); refusing to start`);
        }
        warn(
          `commit log ${segment.path}: ${scan.problem}; cut off ${data.length - scan.validBytes} bytes after ` +
            `transaction ${lastOffset} (never acknowledged)`,
        );
        await truncate(segment.path, scan.validBytes);
        if (scan.validBytes === 0) {
          await rm(segment.path);
          segments.pop();
        }
      }
    }
    const maxSegmentBytes = options.maxSegmentBytes ?? 64 * 1024 * 1024;
    const last = segments.at(-1);
    if (last && lastLogged < last.firstOffset && lastLogged !== lastOffset) {
      // An empty last segment that does not start where the next transaction goes.
      await rm(last.path);
      segments.pop();
    }
    let earlierBytes = 0;
    for (const segment of segments.slice(0, -1)) earlierBytes += (await stat(segment.path)).size;
    const current = segments.at(-1);
    if (current && lastLogged === lastOffset) {
      const file = await open(current.path, 'a');
      const { size } = await stat(current.path);
      return new CommitLog(dir, segments, file, size, lastOffset, lastOffset, maxSegmentBytes, options.onFsync, earlierBytes);
    }
    // No segment yet, or the snapshot is ahead of the log (a restored dump): the log continues after the snapshot.
    if (current) earlierBytes += (await stat(current.path)).size;
    const fresh = await CommitLog.createSegment(dir, lastOffset + 1n);
    segments.push(fresh.segment);
    return new CommitLog(dir, segments, fresh.file, SEGMENT_MAGIC.length, lastOffset, lastOffset, maxSegmentBytes, options.onFsync, earlierBytes);
  }

  private static async createSegment(dir: string, firstOffset: bigint): Promise<{ segment: Segment; file: FileHandle }> {
    const path = join(dir, segmentName(firstOffset));
    const file = await open(path, 'wx');
    await file.write(SEGMENT_MAGIC);
    await file.datasync();
    await fsyncDirectory(dir);
    return { segment: { firstOffset, path }, file };
  }

  /** Offset of the last transaction appended (durable or not). */
  get lastOffset(): bigint {
    return this.appendedOffset;
  }

  /** Offset of the last transaction known to be on disk. */
  get durableOffset(): bigint {
    return this.flushedOffset;
  }

  /** Bytes in all segment files, including what is buffered for the next flush. */
  get sizeBytes(): number {
    return this.segmentsBytesBeforeCurrent + this.segmentBytes + this.pending.reduce((sum, frame) => sum + frame.length, 0);
  }

  /**
   * Queues a committed transaction for the next group flush. Offsets must follow each other without gaps.
   * Returns at once; await `durable(tx.txOffset)` before acknowledging it.
   */
  append(tx: LoggedTransaction): void {
    if (this.closed) throw new Error('commit log is closed');
    if (tx.txOffset !== this.appendedOffset + 1n) {
      throw new Error(`commit log expected transaction ${this.appendedOffset + 1n}, got ${tx.txOffset}`);
    }
    const payload = encodeTransaction(tx);
    const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
    frame.writeUInt32LE(payload.length, 0);
    frame.writeUInt32LE(crc32(payload), 4);
    payload.copy(frame, FRAME_HEADER_BYTES);
    this.pending.push(frame);
    this.pendingFirstOffset ??= tx.txOffset;
    this.appendedOffset = tx.txOffset;
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flushLoop());
  }

  /** Resolves once transaction `offset` is on disk (fsynced); rejects if the log failed to write. */
  durable(offset: bigint): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (offset <= this.flushedOffset) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ offset, resolve, reject }));
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.failure) {
        const batch = this.pending;
        const firstOffset = this.pendingFirstOffset!;
        const upTo = this.appendedOffset;
        this.pending = [];
        this.pendingFirstOffset = null;
        if (this.segmentBytes >= this.maxSegmentBytes) await this.startSegment(firstOffset);
        let bytes = 0;
        for (const frame of batch) bytes += frame.length;
        const joined = batch.length === 1 ? batch[0]! : Buffer.concat(batch, bytes);
        let written = 0;
        while (written < joined.length) {
          written += (await this.file.write(joined, written)).bytesWritten;
        }
        this.segmentBytes += bytes;
        const started = process.hrtime.bigint();
        await this.file.datasync();
        this.onFsync?.(Number(process.hrtime.bigint() - started) / 1e9);
        this.flushedOffset = upTo;
        this.settleWaiters();
      }
    } catch (error) {
      this.failure = new Error(`commit log write failed: ${(error as Error).message}`);
      for (const waiter of this.waiters) waiter.reject(this.failure);
      this.waiters = [];
    } finally {
      this.flushing = null;
    }
  }

  private settleWaiters(): void {
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.offset <= this.flushedOffset) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private async startSegment(firstOffset: bigint): Promise<void> {
    await this.file.close();
    const { segment, file } = await CommitLog.createSegment(this.dir, firstOffset);
    this.segmentsBytesBeforeCurrent += this.segmentBytes;
    this.segments.push(segment);
    this.file = file;
    this.segmentBytes = SEGMENT_MAGIC.length;
  }

  /** Waits until everything appended so far is on disk. */
  async flush(): Promise<void> {
    await this.durable(this.appendedOffset);
  }

  /**
   * Deletes whole segments whose transactions are all at or below `offset` (covered by a durable snapshot).
   * The segment being written is never deleted.
   */
  async truncateThrough(offset: bigint): Promise<number> {
    let removed = 0;
    while (this.segments.length > 1 && this.segments[1]!.firstOffset <= offset + 1n) {
      const segment = this.segments.shift()!;
      const { size } = await stat(segment.path);
      await rm(segment.path);
      this.segmentsBytesBeforeCurrent -= size;
      removed++;
    }
    return removed;
  }

  /** Flushes what is pending and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flushing;
    if (!this.failure) await this.flush();
    this.closed = true;
    await this.file.close();
  }
}
