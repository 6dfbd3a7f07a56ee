import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, truncate, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CommitLog } from '../../src/durability/commit-log.js';
import type { LoggedTransaction } from '../../src/durability/transaction-record.js';

function tx(offset: number, text = `row ${offset}`): LoggedTransaction {
  return {
    txOffset: BigInt(offset),
    changes: [{ tableName: 'message', inserts: [Buffer.from(text)], deletes: offset > 1 ? [Buffer.from(`row ${offset - 1}`)] : [] }],
    sequences: new Map([['message.message_id_seq', BigInt(offset + 1)]]),
  };
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'lta-clog-'));
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
  assert.deepEqual(second.replayed.map((t) => t.txOffset), Array.from({ length: 50 }, (_, i) => BigInt(i + 1)));
  assert.equal(Buffer.from(second.replayed[41]!.changes[0]!.inserts[0]!).toString(), 'row 42');
  assert.equal(second.replayed[41]!.sequences.get('message.message_id_seq'), 43n);
  assert.equal(second.log.lastOffset, 50n);
  second.log.append(tx(51));
  await second.log.close();
  await rm(dir, { recursive: true });
});

test('transactions appended together share one fsync (group commit), and all are durable when it resolves', async () => {
  const dir = await tempDir();
  let fsyncs = 0;
  const log = await CommitLog.open({ dir, afterOffset: 0n, onTransaction: () => {}, warn: () => {}, onFsync: () => fsyncs++ });
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
  await rm(dir, { recursive: true });
  await rm(copy, { recursive: true });
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
  await rm(dir, { recursive: true });
});

test('a record whose checksum does not match is cut off, and so is everything after it', async () => {
  const dir = await tempDir();
  const first = await reopen(dir);
  for (let i = 1; i <= 3; i++) first.log.append(tx(i));
  await first.log.close();
  const segment = await onlySegment(dir);
  const bytes = await readFile(segment);
  bytes[bytes.length - 2] ^= 0xff; // flip a bit inside the last record's payload
  await writeFile(segment, bytes);
  await appendFile(segment, Buffer.alloc(64)); // and trailing zeros, as a crash may leave
  const second = await reopen(dir);
  assert.equal(second.replayed.length, 2);
  assert.match(second.warnings[0]!, /checksum mismatch/);
  await second.log.close();
  await rm(dir, { recursive: true });
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
  assert.deepEqual(second.replayed.map((t) => Number(t.txOffset)), [21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
  await second.log.close();
  // Without the snapshot the truncated transactions are missing: refuse rather than start with a hole.
  await assert.rejects(reopen(dir, 0n), /transactions are missing/);
  await rm(dir, { recursive: true });
});

test('damage before the last segment refuses to start instead of dropping acknowledged data', async () => {
  const dir = await tempDir();
  const first = await reopen(dir, 0n, { maxSegmentBytes: 100 });
  for (let i = 1; i <= 10; i++) {
    first.log.append(tx(i));
    await first.log.durable(BigInt(i));
  }
  await first.log.close();
  const segments = (await readdir(dir)).sort();
  const firstSegment = join(dir, segments[0]!);
  await truncate(firstSegment, (await stat(firstSegment)).size - 1);
  await assert.rejects(reopen(dir), /damaged before its end/);
  await rm(dir, { recursive: true });
});

test('appending out of order is refused', async () => {
  const dir = await tempDir();
  const { log } = await reopen(dir);
  log.append(tx(1));
  assert.throws(() => log.append(tx(3)), /expected transaction 2, got 3/);
  await log.close();
  await rm(dir, { recursive: true });
});
