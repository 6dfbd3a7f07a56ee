import { crc32 } from 'node:zlib';
import { mkdir, open, readFile, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  FRAME_HEADER_BYTES,
  judgeDamage,
  listSegments,
  scanSegment,
  SEGMENT_MAGIC,
  segmentName,
  type Segment,
} from './commit-log-scan.js';
import { keepAside } from './damaged-copies.js';
import { encodeTransaction, type LoggedTransaction } from './transaction-record.js';
import { fsyncDirectory } from './fsync-directory.js';

export interface CommitLogOptions {
  /** Folder holding the segment files (`<data dir>/clog`). */
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

interface Waiter {
  offset: bigint;
  resolve: () => void;
  reject: (error: Error) => void;
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
  private failureListeners: ((error: Error) => void)[] = [];
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
   * Opens (or creates) the log in `dir`, replays what follows `afterOffset` through `onTransaction`, and returns
   * the log ready for appends after the last valid transaction. An unfinished write at the end is cut off with a
   * warning; a damaged last record is cut off too, its bytes kept in `<data dir>/damaged/`. Throws
   * `CommitLogDamagedError` when cutting would drop acknowledged transactions (valid records after the damage, or
   * damage in an older segment), and an error when transactions are missing after the snapshot.
   */
  static async open(options: CommitLogOptions): Promise<CommitLog> {
    const { dir, afterOffset, onTransaction, warn } = options;
    await mkdir(dir, { recursive: true });
    const segments = await listSegments(dir);
    let lastOffset = afterOffset;
    /** Offset of the last record in the last segment (its first offset - 1 when it holds none). */
    let lastLogged = afterOffset;
    for (const [index, segment] of segments.entries()) {
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
        const verdict = judgeDamage({
          segment,
          next: segments[index + 1],
          data,
          scan,
          afterOffset,
          dataDir: dirname(dir),
        });
        if (verdict.action === 'refuse') throw verdict.error;
        if (verdict.action === 'harmless') {
          warn(`commit log ${segment.path}: ${scan.problem}; harmless: no transaction needed is in the damaged part`);
          continue;
        }
        const cut = `cut off ${data.length - scan.validBytes} bytes after transaction ${lastOffset}`;
        if (verdict.damage.torn) {
          warn(`commit log ${segment.path}: ${scan.problem}; ${cut} (an unfinished write, never acknowledged)`);
        } else {
          // A whole last record that fails its checksum was written out and may have been acknowledged: keep it.
          const name = `${basename(segment.path)}.from-byte-${scan.validBytes}`;
          const folder = await keepAside(dirname(dir), [{ name, bytes: data.subarray(scan.validBytes) }]);
          warn(
            `commit log ${segment.path}: ${scan.problem}, in its last record; ${cut}. That record may have been ` +
              `acknowledged: its bytes are kept in ${join(folder, name)}`,
          );
        }
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
      return new CommitLog(
        dir,
        segments,
        file,
        size,
        lastOffset,
        lastOffset,
        maxSegmentBytes,
        options.onFsync,
        earlierBytes,
      );
    }
    // No segment yet, or the snapshot is ahead of the log (a restored dump): the log continues after the snapshot.
    if (current) earlierBytes += (await stat(current.path)).size;
    const fresh = await CommitLog.createSegment(dir, lastOffset + 1n);
    segments.push(fresh.segment);
    return new CommitLog(
      dir,
      segments,
      fresh.file,
      SEGMENT_MAGIC.length,
      lastOffset,
      lastOffset,
      maxSegmentBytes,
      options.onFsync,
      earlierBytes,
    );
  }

  private static async createSegment(
    dir: string,
    firstOffset: bigint,
  ): Promise<{ segment: Segment; file: FileHandle }> {
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

  /** Why the log can no longer write (every later append fails), or null. */
  get writeFailure(): Error | null {
    return this.failure;
  }

  /** Calls `listener` once if the log fails to write (from then on nothing more becomes durable). */
  onWriteFailure(listener: (error: Error) => void): void {
    this.failureListeners.push(listener);
  }

  /** Bytes in all segment files, including what is buffered for the next flush. */
  get sizeBytes(): number {
    return (
      this.segmentsBytesBeforeCurrent + this.segmentBytes + this.pending.reduce((sum, frame) => sum + frame.length, 0)
    );
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
      for (const listener of this.failureListeners) listener(this.failure);
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
