/**
 * A damaged commit log, through a real host process: damage at the tail is cut (the bytes kept aside), damage in
 * the middle of the current segment or in an older segment refuses to start (exit code 3, file and byte named)
 * until `lta-repair --cut` is asked for, and nothing acknowledged is ever silently dropped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { callOverHttp, runRepair, startHostProcess, stopHost } from './host-process.js';
import { LEDGER, storedEntries } from './ledger-database.js';
import { flipBits, recordStarts, segmentFiles } from './log-bytes.js';

const DATABASE = 'ledger';
const WRITES = 30;

const start = (dataDir: string) => startHostProcess({ dataDir, moduleDir: LEDGER, database: DATABASE });

/** A data directory holding `WRITES` acknowledged entries (seq 1..WRITES), its host stopped with SIGTERM. */
async function ledgerWithEntries(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-damage-'));
  const host = await start(dataDir);
  for (let seq = 1; seq <= WRITES; seq++) {
    assert.equal((await callOverHttp(host.url, DATABASE, 'record', ['a', seq, seq])).status, 200);
  }
  assert.equal(await stopHost(host), 0);
  return dataDir;
}

/** The entries' seq numbers the data directory holds, in order, and the transaction it ends at. */
async function storedSeqs(dataDir: string): Promise<{ seqs: number[]; txOffset: bigint }> {
  const { entries, txOffset } = await storedEntries(dataDir);
  return { seqs: entries.map((e) => e.seq).sort((a, b) => a - b), txOffset };
}

const seqsUpTo = (last: number) => Array.from({ length: last }, (_, i) => i + 1);

/** Flips one bit inside record `index` of a segment (in its payload, past the length and checksum); returns its byte. */
async function flipInRecord(segment: string, index: number): Promise<number> {
  const bytes = await readFile(segment);
  const at = recordStarts(bytes).at(index)!;
  flipBits(bytes, at + 20, 0x04);
  await writeFile(segment, bytes);
  return at;
}

/** Splits the only segment before record `index`, as the host does when a segment is full. */
async function splitSegment(dataDir: string, index: number): Promise<void> {
  const [segment] = await segmentFiles(dataDir);
  const bytes = await readFile(segment!);
  const at = recordStarts(bytes)[index]!;
  const firstOffset = bytes.readBigUInt64LE(at + 8);
  await writeFile(
    join(dataDir, 'clog', `${firstOffset.toString().padStart(20, '0')}.log`),
    Buffer.concat([bytes.subarray(0, 8), bytes.subarray(at)]),
  );
  await truncate(segment!, at);
}

test(
  'a flipped byte in the last record: the host starts without it, says so, and keeps its bytes',
  { timeout: 120_000 },
  async () => {
    const dataDir = await ledgerWithEntries();
    const [segment] = await segmentFiles(dataDir);
    await flipInRecord(segment!, -1);
    const host = await start(dataDir);
    assert.equal(
      (await callOverHttp(host.url, DATABASE, 'record', ['a', WRITES, WRITES])).status,
      200,
      'the lost entry can be written again',
    );
    assert.equal(await stopHost(host), 0);
    assert.match(
      host.output(),
      /checksum mismatch .* in its last record; .* That record may have been acknowledged: its bytes are kept in \S+damaged/,
    );
    assert.deepEqual((await storedSeqs(dataDir)).seqs, seqsUpTo(WRITES));
    assert.equal((await readdir(join(dataDir, 'damaged'))).length, 1);
    const report = await runRepair(dataDir);
    assert.equal(report.code, 0, report.output);
    assert.match(report.output, /the host will start; nothing to repair/);
    await rm(dataDir, { recursive: true });
  },
);

test(
  'a flipped byte in the middle of the current segment: refuses to start (exit 3) until lta-repair --cut',
  { timeout: 120_000 },
  async (t) => {
    const dataDir = await ledgerWithEntries();
    const [segment] = await segmentFiles(dataDir);
    const byte = await flipInRecord(segment!, 15);
    const damaged = await readFile(segment!);

    await assert.rejects(start(dataDir), (error: Error) => {
      assert.match(error.message, /exited \(code 3\)/);
      assert.match(error.message, new RegExp(`${segment} is damaged at byte ${byte} \\(checksum mismatch`));
      assert.match(error.message, /\d+ valid record\(s\) follow it .*lta-repair --data/);
      return true;
    });
    assert.ok((await readFile(segment!)).equals(damaged), 'refusing changed nothing');

    const report = await runRepair(dataDir);
    assert.equal(report.code, 3, report.output);
    assert.match(
      report.output,
      new RegExp(`${basename(segment!)} .* damaged at byte ${byte} .*THE HOST REFUSES TO START`),
    );
    assert.ok((await readFile(segment!)).equals(damaged), 'a report changes nothing');
    const after = Number(/then ends at transaction (\d+)/.exec(report.output)![1]);

    const cut = await runRepair(dataDir, '--cut');
    assert.equal(cut.code, 0, cut.output);
    const folder = /kept \S+ in (\S+)/.exec(cut.output)![1]!;
    assert.ok((await readFile(join(folder, basename(segment!)))).equals(damaged), 'the damaged segment is kept whole');

    const host = await start(dataDir);
    assert.equal(await stopHost(host), 0);
    const { seqs, txOffset } = await storedSeqs(dataDir);
    assert.equal(txOffset, BigInt(after));
    assert.ok(seqs.length < WRITES && seqs.length > 0);
    assert.deepEqual(seqs, seqsUpTo(seqs.length), 'the database keeps every entry before the damage');
    t.diagnostic(
      `${WRITES - seqs.length} acknowledged entries after the damage: refused start, then cut only on request and kept in ${folder}`,
    );
    await rm(dataDir, { recursive: true });
  },
);

test(
  'a flipped byte in an older segment refuses to start (exit 3) and names that segment',
  { timeout: 120_000 },
  async () => {
    const dataDir = await ledgerWithEntries();
    await splitSegment(dataDir, 20);
    const [older, current] = await segmentFiles(dataDir);
    const byte = await flipInRecord(older!, 10);
    await assert.rejects(start(dataDir), (error: Error) => {
      assert.match(error.message, /exited \(code 3\)/);
      assert.match(error.message, new RegExp(`${older} is damaged at byte ${byte} `));
      return true;
    });
    const report = await runRepair(dataDir);
    assert.equal(report.code, 3, report.output);
    assert.match(report.output, new RegExp(`${basename(current!)} .* ok`));
    await rm(dataDir, { recursive: true });
  },
);
