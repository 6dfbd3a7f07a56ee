/**
 * The messages a transaction sends, assembled from pieces encoded once per transaction. A chat message watched by
 * a thousand learners is one delta: its rows are encoded once and copied into each learner's message, whose own
 * parts (query set ids, table names, counts) are a few bytes written directly. The bytes are exactly those of
 * `encodeServerMessage` for the same message (host/test/protocol/shared-encoding.test.ts compares both).
 *
 * Every message is written one byte into its buffer, with that first byte 0: the frame's "uncompressed" byte, so
 * an uncompressed frame needs no second copy (see frameWithSpareByte in compression.ts).
 */
import { BinaryWriter } from 'spacetimedb';
import { TableUpdateRows, type QuerySetUpdate } from './messages.js';

type Rows = QuerySetUpdate['tables'][number]['rows'][number];

/** BSATN tags of the server messages and outcome built here (their variant positions in messages.ts). */
const TRANSACTION_UPDATE_TAG = 4;
const REDUCER_RESULT_TAG = 6;
const REDUCER_OK_TAG = 0;

const utf8 = new TextEncoder();

/** Encodes one transaction's messages; make one per transaction (it keeps each delta's bytes until dropped). */
export class TransactionEncoder {
  readonly #rows = new Map<Rows, Uint8Array>();
  readonly #names = new Map<string, Uint8Array>();
  readonly #writer = new BinaryWriter(1024);

  /** A `TransactionUpdate` carrying `querySets`, after one spare byte (0). */
  transactionUpdate(querySets: readonly QuerySetUpdate[]): Uint8Array {
    const out = new MessageWriter(1 + 1 + this.#querySetsLength(querySets));
    out.u8(0);
    out.u8(TRANSACTION_UPDATE_TAG);
    this.#writeQuerySets(out, querySets);
    return out.bytes;
  }

  /** A successful `ReducerResult` (no return value) carrying `querySets`, after one spare byte (0). */
  reducerResult(requestId: number, timestampMicros: bigint, querySets: readonly QuerySetUpdate[]): Uint8Array {
    const out = new MessageWriter(1 + 1 + 4 + 8 + 1 + 4 + this.#querySetsLength(querySets));
    out.u8(0);
    out.u8(REDUCER_RESULT_TAG);
    out.u32(requestId);
    out.i64(timestampMicros);
    out.u8(REDUCER_OK_TAG);
    out.u32(0); // retValue: an empty byte array
    this.#writeQuerySets(out, querySets);
    return out.bytes;
  }

  #querySetsLength(querySets: readonly QuerySetUpdate[]): number {
    let length = 4;
    for (const set of querySets) {
      length += 4 + 4;
      for (const table of set.tables) {
        length += this.#name(table.tableName).length + 4;
        for (const rows of table.rows) length += this.#encoded(rows).length;
      }
    }
    return length;
  }

  #writeQuerySets(out: MessageWriter, querySets: readonly QuerySetUpdate[]): void {
    out.u32(querySets.length);
    for (const set of querySets) {
      out.u32(set.querySetId.id);
      out.u32(set.tables.length);
      for (const table of set.tables) {
        out.bytesOf(this.#name(table.tableName));
        out.u32(table.rows.length);
        for (const rows of table.rows) out.bytesOf(this.#encoded(rows));
      }
    }
  }

  /** A delta's bytes, encoded the first time any subscriber's message carries it. */
  #encoded(rows: Rows): Uint8Array {
    let bytes = this.#rows.get(rows);
    if (!bytes) {
      this.#writer.clear();
      TableUpdateRows.serialize(this.#writer, rows);
      this.#rows.set(rows, (bytes = this.#writer.getBuffer().slice()));
    }
    return bytes;
  }

  /** A table name as a BSATN string (length, then UTF-8). */
  #name(name: string): Uint8Array {
    let bytes = this.#names.get(name);
    if (!bytes) {
      const text = utf8.encode(name);
      bytes = new Uint8Array(4 + text.length);
      new DataView(bytes.buffer).setUint32(0, text.length, true);
      bytes.set(text, 4);
      this.#names.set(name, bytes);
    }
    return bytes;
  }
}

/** Little-endian writes into a buffer of a size known in advance. */
class MessageWriter {
  readonly bytes: Uint8Array;
  readonly #view: DataView;
  #at = 0;

  constructor(length: number) {
    // Every byte is written below, so the buffer need not be zeroed (small ones come from Node's pool).
    this.bytes = Buffer.allocUnsafe(length);
    this.#view = new DataView(this.bytes.buffer, this.bytes.byteOffset, length);
  }

  u8(value: number): void {
    this.#view.setUint8(this.#at, value);
    this.#at += 1;
  }

  u32(value: number): void {
    this.#view.setUint32(this.#at, value, true);
    this.#at += 4;
  }

  i64(value: bigint): void {
    this.#view.setBigInt64(this.#at, value, true);
    this.#at += 8;
  }

  bytesOf(piece: Uint8Array): void {
    this.bytes.set(piece, this.#at);
    this.#at += piece.length;
  }
}
