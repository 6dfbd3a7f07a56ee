import { crc32 } from 'node:zlib';
import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ByteReader, ByteWriter, CorruptDataError } from './binary.js';
import { fsyncDirectory } from './fsync-directory.js';

/** Every row of every table at one transaction offset, with the sequences' next values. */
export interface DatabaseState {
  txOffset: bigint;
  /** `table.sequence` -> next value to hand out. */
  sequences: Map<string, bigint>;
  tables: { tableName: string; rows: readonly Uint8Array[] }[];
}

/** A state plus a JSON header (what kind of file, schema, ...). */
export interface DatabaseImage<Header> {
  header: Header;
  state: DatabaseState;
}

/** Rows are encoded and written in chunks of this many, yielding to the event loop in between. */
const ROWS_PER_CHUNK = 20_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes an image file atomically: a temporary file, fsynced, renamed over `path`, directory fsynced.
 * Layout: magic (8 bytes), header JSON, tx offset, sequences, tables with their rows, CRC-32 of all of it.
 * Encoding yields between chunks so the host keeps serving while a snapshot is written.
 */
export async function writeImage<Header>(path: string, magic: string, image: DatabaseImage<Header>): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  const file = await open(temporary, 'w');
  let checksum = 0;
  const emit = async (writer: ByteWriter) => {
    const bytes = writer.finish();
    checksum = crc32(bytes, checksum);
    await file.write(bytes);
  };
  try {
    const { state } = image;
    const head = new ByteWriter().raw(Buffer.from(magic)).string(JSON.stringify(image.header)).u64(state.txOffset);
    head.u32(state.sequences.size);
    for (const [key, next] of state.sequences) head.string(key).bigint(next);
    head.u32(state.tables.length);
    await emit(head);
    for (const table of state.tables) {
      await emit(new ByteWriter(64).string(table.tableName).u32(table.rows.length));
      for (let start = 0; start < table.rows.length; start += ROWS_PER_CHUNK) {
        const chunk = new ByteWriter(1 << 20);
        const end = Math.min(start + ROWS_PER_CHUNK, table.rows.length);
        for (let i = start; i < end; i++) chunk.bytes(table.rows[i]!);
        await emit(chunk);
        await yieldToEventLoop();
      }
    }
    await file.write(new ByteWriter(4).u32(checksum).finish());
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  await fsyncDirectory(dirname(path));
}

/** Reads an image file written by `writeImage`; throws `CorruptDataError` naming the file when it is damaged. */
export async function readImage<Header>(path: string, magic: string): Promise<DatabaseImage<Header>> {
  const data = await readFile(path);
  try {
    if (data.length < magic.length + 4 || data.subarray(0, magic.length).toString('latin1') !== magic) {
      throw new CorruptDataError(`not a ${magic} file`);
    }
    const bodyEnd = data.length - 4;
    if (crc32(data.subarray(0, bodyEnd)) !== data.readUInt32LE(bodyEnd))
      throw new CorruptDataError('checksum mismatch');
    const reader = new ByteReader(data, magic.length, bodyEnd);
    const header = JSON.parse(reader.string()) as Header;
    const txOffset = reader.u64();
    const sequences = new Map<string, bigint>();
    for (let i = reader.u32(); i > 0; i--) sequences.set(reader.string(), reader.bigint());
    const tables: DatabaseState['tables'] = [];
    for (let t = reader.u32(); t > 0; t--) {
      const tableName = reader.string();
      const rows: Uint8Array[] = new Array(reader.u32());
      for (let i = 0; i < rows.length; i++) rows[i] = reader.bytes();
      tables.push({ tableName, rows });
    }
    if (reader.remaining !== 0) throw new CorruptDataError(`${reader.remaining} unexpected bytes at the end`);
    return { header, state: { txOffset, sequences, tables } };
  } catch (error) {
    if (error instanceof CorruptDataError || error instanceof SyntaxError) {
      throw new CorruptDataError(`${path} is damaged: ${error.message}`);
    }
    throw error;
  }
}
