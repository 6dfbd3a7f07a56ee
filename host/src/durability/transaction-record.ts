import type { ByteReader } from './binary.js';
import { ByteWriter } from './binary.js';

/** Rows one transaction inserted and deleted in one table, as BSATN. */
export interface LoggedTableChange {
  tableName: string;
  inserts: Uint8Array[];
  deletes: Uint8Array[];
}

/** What the commit log keeps of one committed transaction: enough to redo it at start-up. */
export interface LoggedTransaction {
  txOffset: bigint;
  changes: LoggedTableChange[];
  /** Next value of every sequence the transaction advanced (`table.sequence` -> next), so none is reused. */
  sequences: Map<string, bigint>;
}

function writeRows(writer: ByteWriter, rows: readonly Uint8Array[]): void {
  writer.u32(rows.length);
  for (const row of rows) writer.bytes(row);
}

function readRows(reader: ByteReader): Buffer[] {
  const count = reader.u32();
  const rows: Buffer[] = [];
  for (let i = 0; i < count; i++) rows.push(reader.bytes());
  return rows;
}

/** Encodes a transaction as a commit log record payload. */
export function encodeTransaction(tx: LoggedTransaction, writer = new ByteWriter(256)): Buffer {
  writer.u64(tx.txOffset).u32(tx.changes.length);
  for (const change of tx.changes) {
    writer.string(change.tableName);
    writeRows(writer, change.inserts);
    writeRows(writer, change.deletes);
  }
  writer.u32(tx.sequences.size);
  for (const [key, next] of tx.sequences) writer.string(key).bigint(next);
  return writer.finish();
}

/** Decodes a record payload; throws `CorruptDataError` when the bytes do not form one. */
export function decodeTransaction(reader: ByteReader): LoggedTransaction {
  const txOffset = reader.u64();
  const tableCount = reader.u32();
  const changes: LoggedTableChange[] = [];
  for (let i = 0; i < tableCount; i++) {
    const tableName = reader.string();
    const inserts = readRows(reader);
    const deletes = readRows(reader);
    changes.push({ tableName, inserts, deletes });
  }
  const sequenceCount = reader.u32();
  const sequences = new Map<string, bigint>();
  for (let i = 0; i < sequenceCount; i++) sequences.set(reader.string(), reader.bigint());
  return { txOffset, changes, sequences };
}
