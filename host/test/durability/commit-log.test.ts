import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { CommitLog } from '../../src/durability/commit-log.js';
import { CommitLogDamagedError } from '../../src/durability/commit-log-scan.js';
import { flipBits, recordStarts } from './log-bytes.js';
import type { LoggedTransaction } from '../../src/durability/transaction-record.js';

function tx(offset: number, text = `row ${offset}`): LoggedTransaction {
  return {
    txOffset: BigInt(offset),
    changes: [
      {
        tableName: 'message',
        inserts: [Buffer.from(text)],
        deletes: offset > 1 ? [Buffer.from(`row ${offset - 1}`)] : [],
      },
    ],
    sequences: new Map([['message.message_id_seq', BigInt(offset + 1)]]),
  };
}

/** A commit log folder inside a fresh data directory (damaged bytes are kept in the data directory). */
async function tempDir(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'lta-clog-')), 'clog');
  await mkdir(dir);
  return dir;
}

async function reopen(dir: string, afterOffset = 0n, extra: { maxSegmentBytes?: number } = {}) {
  const replayed: LoggedTransaction[] = [];
  const warnings: string[] = [];
  const log = await CommitLog.open({
    dir,
    afterOffset,
    onTransaction: (t) => replayed.push(t),
    warn: (w) => warnings.push(w),
    ...extra,
  });
  return { log, replayed, warnings };
}

async function onlySegment(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.log'));
  assert.equal(files.length, 1);
  return join(dir, files[0]!);
}

test('every appended transaction comes back, in order and intact, after reopening', async () => {
  const dir = await tempDir();
  const first = await reopen(dir);
  for (let i = 1; i <= 50; i++) first.log.append(tx(i));
  await first.log.durable(50n);
  await first.log.close();
  const second = await reopen(dir);
  assert.deepEqual(second.warnings, []);
  assert.equal(second.replayed.length, 50);
  assert.deepEqual(
    second.replayed.map((t) => t.txOffset),
    Array.from({ length: 50 }, (_, i) => BigInt(i + 1)),
  );
  assert.equal(Buffer.from(second.replayed[41]!.changes[0]!.inserts[0]!).toString(), 'row 42');
  assert.equal(second.replayed[41]!.sequences.get('message.message_id_seq'), 43n);
  assert.equal(second.log.lastOffset, 50n);
  second.log.append(tx(51));
  await second.log.close();
  await rm(dirname(dir), { recursive: true });
});

test('transactions appended together share one fsync (group commit), and all are durable when it resolves', async () => {
  const dir = await tempDir();
  let fsyncs = 0;
  const log = await CommitLog.open({
    dir,
    afterOffset: 0n,
    onTransaction: () => {},
    warn: () => {},
    onFsync: () => fsyncs++,
  });
  for (let i = 1; i <= 200; i++) log.append(tx(i));
  const acknowledged = await Promise.all([log.durable(1n), log.durable(200n)]);
  assert.equal(acknowledged.length, 2);
  assert.equal(fsyncs, 1);
  // What was acknowledged is in the file already, before close.
  const copy = await tempDir();
  const segment = await onlySegment(dir);
  await writeFile(join(copy, basename(segment)), await readFile(segment));
  const reread = await reopen(copy);
  assert.equal(reread.replayed.length, 200);
  await reread.log.close();
  await log.close();
  await rm(dirname(dir), { recursive: true });
  await rm(dirname(copy), { recursive: true });
});

test('a torn tail is cut off with a warning and never half-applied; the log continues after it', async () => {
  const dir = await tempDir();
  const first = await reopen(dir);
  for (let i = 1; i <= 5; i++) first.log.append(tx(i));
  await first.log.close();
  const segment = await onlySegment(dir);
  await truncate(segment, (await stat(segment)).size - 3);
  const second = await reopen(dir);
  assert.equal(second.replayed.length, 4);
  assert.equal(second.warnings.length, 1);
  assert.match(second.warnings[0]!, /torn record.*after transaction 4/);
  second.log.append(tx(5, 'rewritten'));
  await second.log.close();
  const third = await reopen(dir);
  assert.deepEqual(third.warnings, []);
  assert.equal(third.replayed.length, 5);
  assert.equal(Buffer.from(third.replayed[4]!.changes[0]!.inserts[0]!).toString(), 'rewritten');
  await third.log.close();
  await rm(dirname(dir), { recursive: true });
});

/** Writes transactions 1..count, each durable before the next, and closes the log. */
async function written(dir: string, count: number, extra: { maxSegmentBytes?: number } = {}): Promise<void> {
  const { log } = await reopen(dir, 0n, extra);
  for (let i = 1; i <= count; i++) {
    log.append(tx(i));
    await log.durable(BigInt(i));
  }
  await log.close();
}

/**
 * Writes transactions 1..count into one segment, then flips the bits `mask` of the byte `at(bytes)` picks.
 * Returns the segment and its damaged bytes.
 */
async function writtenThenFlipped(
  dir: string,
  count: number,
  at: (bytes: Buffer) => number,
  mask: number,
): Promise<{ segment: string; bytes: Buffer }> {
  await written(dir, count);
  const segment = await onlySegment(dir);
  const bytes = await readFile(segment);
  flipBits(bytes, at(bytes), mask);
  await writeFile(segment, bytes);
  return { segment, bytes };
}

test('a flipped byte in the last record: the record is cut off but kept aside, and the warning says where', async () => {
  const dir = await tempDir();
  // A bit inside the last record's payload.
  const { segment, bytes } = await writtenThenFlipped(dir, 3, (b) => b.length - 2, 0xff);
  const lastRecord = bytes.subarray(recordStarts(bytes).at(-1)!);
  await appendFile(segment, Buffer.alloc(64)); // and trailing zeros, as a crash may leave
  const second = await reopen(dir);
  assert.equal(second.replayed.length, 2);
  assert.equal(second.warnings.length, 1);
  assert.match(
    second.warnings[0]!,
    /checksum mismatch .* last record; cut off .* after transaction 2\. That record may have been acknowledged: its bytes are kept in /,
  );
  const kept = await readFile(/kept in (\S+)$/.exec(second.warnings[0]!)![1]!);
  assert.equal(kept.length, lastRecord.length + 64);
  assert.ok(kept.subarray(0, 8).equals(lastRecord.subarray(0, 8)), 'the kept bytes start with the damaged record');
  second.log.append(tx(3, 'again'));
  await second.log.close();
  const third = await reopen(dir);
  assert.equal(third.replayed.length, 3);
  await third.log.close();
  await rm(dirname(dir), { recursive: true });
});

test('a flipped length byte in the last record is damage to keep, not an unfinished write', async () => {
  const dir = await tempDir();
  // The record now announces 64 KiB more than the file holds.
  await writtenThenFlipped(dir, 3, (b) => recordStarts(b).at(-1)! + 2, 0x01);
  const second = await reopen(dir);
  assert.equal(second.replayed.length, 2);
  assert.match(second.warnings[0]!, /may have been acknowledged: its bytes are kept in/);
  await second.log.close();
  await rm(dirname(dir), { recursive: true });
});

test('a flipped byte in the middle of the current segment refuses to start, names file and byte, changes nothing', async () => {
  const dir = await tempDir();
  let damaged = 0;
  const { segment, bytes } = await writtenThenFlipped(dir, 40, (b) => (damaged = recordStarts(b)[19]!) + 12, 0x10); // transaction 20
  const error = await reopen(dir).then(
    () => assert.fail('opened a log with acknowledged transactions after the damage'),
    (e: unknown) => e as CommitLogDamagedError,
  );
  assert.ok(error instanceof CommitLogDamagedError);
  assert.equal(error.damage.path, segment);
  assert.equal(error.damage.byteOffset, damaged);
  assert.equal(error.damage.lastGoodOffset, 19n);
  assert.deepEqual(error.damage.following && [error.damage.following.firstOffset, error.damage.following.lastOffset], [
    21n,
    40n,
  ]);
  assert.match(
    error.message,
    new RegExp(
      `${segment} is damaged at byte ${damaged} \\(checksum mismatch.*after transaction 19\\); 20 valid record\\(s\\) follow`,
    ),
  );
  assert.match(error.message, /lta-repair --data .* --cut/);
  assert.ok((await readFile(segment)).equals(bytes), 'the damaged segment is left as it was');
  await rm(dirname(dir), { recursive: true });
});

test('a damaged header of the current segment refuses to start instead of deleting the segment', async () => {
  const dir = await tempDir();
  const { segment, bytes } = await writtenThenFlipped(dir, 5, () => 1, 0xff);
  await assert.rejects(
    reopen(dir),
    /damaged at byte 0 \(missing or damaged segment header.*5 valid record\(s\) follow it from byte 8/,
  );
  assert.ok((await readFile(segment)).equals(bytes));
  await rm(dirname(dir), { recursive: true });
});

test('segments roll over; truncating behind a snapshot drops old segments and replay resumes after it', async () => {
  const dir = await tempDir();
  const first = await reopen(dir, 0n, { maxSegmentBytes: 200 });
  for (let i = 1; i <= 30; i++) {
    first.log.append(tx(i));
    await first.log.durable(BigInt(i));
  }
  const before = (await readdir(dir)).length;
  assert.ok(before > 3, `expected several segments, got ${before}`);
  const sizeBefore = first.log.sizeBytes;
  assert.ok((await first.log.truncateThrough(20n)) > 0);
  assert.ok(first.log.sizeBytes < sizeBefore);
  await first.log.close();
  const second = await reopen(dir, 20n);
  assert.deepEqual(
    second.replayed.map((t) => Number(t.txOffset)),
    [21, 22, 23, 24, 25, 26, 27, 28, 29, 30],
  );
  await second.log.close();
  // Without the snapshot the truncated transactions are missing: refuse rather than start with a hole.
  await assert.rejects(reopen(dir, 0n), /transactions are missing/);
  await rm(dirname(dir), { recursive: true });
});

test('damage in an older segment refuses to start instead of dropping acknowledged data', async () => {
  const dir = await tempDir();
  await written(dir, 10, { maxSegmentBytes: 100 });
  const segments = (await readdir(dir)).sort();
  const firstSegment = join(dir, segments[0]!);
  const bytes = await readFile(firstSegment);
  flipBits(bytes, -1, 0x01);
  await writeFile(firstSegment, bytes);
  await assert.rejects(reopen(dir), (error: unknown) => {
    assert.ok(error instanceof CommitLogDamagedError);
    assert.match(
      error.message,
      new RegExp(`${firstSegment} is damaged at byte ${recordStarts(bytes).at(-1)} .*are in the damaged part`),
    );
    return true;
  });
  assert.ok((await readFile(firstSegment)).equals(bytes));
  // Once a snapshot holds those transactions the damage is harmless.
  const covered = await reopen(dir, BigInt(segments[1]!.slice(0, 20)) - 1n);
  assert.match(covered.warnings[0]!, /harmless/);
  await covered.log.close();
  await rm(dirname(dir), { recursive: true });
});

test('appending out of order is refused', async () => {
  const dir = await tempDir();
  const { log } = await reopen(dir);
  log.append(tx(1));
  assert.throws(() => log.append(tx(3)), /expected transaction 2, got 3/);
  await log.close();
  await rm(dirname(dir), { recursive: true });
});
