import type { Datastore } from './datastore/datastore.js';
import type { ReadSet } from './datastore/read-set.js';
import { DatastoreError, Errno } from './datastore/errno.js';
import { OutboundHttpError, outboundHttp } from './outbound-http.js';
import { BsatnError, Cursor } from './datastore/sats-codec.js';
import type { RowSlot } from './datastore/row-slot.js';
import type { TableIndex } from './datastore/table-index.js';
import type { TableStore } from './datastore/table-store.js';
import type { Bound, ModuleLogRecord, SatsValue } from './types.js';
import type { HandedRows } from './view-rows.js';

/** What the syscalls need from the engine that owns them. */
export interface SyscallHost {
  readonly datastore: Datastore;
  readonly databaseIdentity: bigint;
  /** 'mutable' inside a reducer, 'readonly' inside a view, 'none' otherwise. */
  readonly txMode: 'none' | 'mutable' | 'readonly';
  /** What the running view read (tables, index keys, ranges), or null when not evaluating a view. */
  readonly viewReads: ReadSet | null;
  /** The table rows the running view was handed, which its result may return unchanged; null when not kept. */
  readonly viewHandedRows: HandedRows | null;
  log(level: ModuleLogRecord['level'], message: string): void;
  jwtPayload(connectionId: bigint): string | null;
  /** Builds the module's own error for an errno (falls back to a plain Error before hooks exist). */
  moduleError(code: number, message: string): unknown;
  /** Origins (`https://example.com`) procedures may reach with `ctx.http.fetch`; empty: none. */
  readonly allowHttpTo: readonly string[];
  /** A procedure's `ctx.withTx`: begin (returns the transaction's timestamp), commit, abort. */
  startProcedureTx(): bigint;
  commitProcedureTx(): void;
  abortProcedureTx(): void;
  /** `volatile_nonatomic_schedule_immediate`: queues a call of the reducer or procedure to run after this one. */
  scheduleImmediate(functionName: string, args: Uint8Array): void;
}

const LOG_LEVELS: Record<number, ModuleLogRecord['level']> = {
  0: 'error',
  1: 'warn',
  2: 'info',
  3: 'debug',
  4: 'trace',
  101: 'panic',
};

/**
 * Builds the `spacetime:sys@2.0` and `@2.1` tables for one module instance, with SpacetimeDB's semantics
 * (`crates/core/src/host/v8/syscall/v2.rs`): errors thrown as the module's error classes by errno, iterators
 * holding the rows found when they were opened, generated auto-inc values written back into the row buffer.
 */
export function makeSyscalls(host: SyscallHost): { '2.0': Record<string, unknown>; '2.1': Record<string, unknown> } {
  // Open iterators by id, in a slab: ids of closed iterators are reused (as SpacetimeDB's host does), so the
  // open-advance-close of every point lookup touches an array slot instead of growing and shrinking a Map.
  const iterators: ({ rows: Uint8Array[]; next: number } | null)[] = [null];
  const freeIterIds: number[] = [];
  const timers = new Map<number, { name: string; start: number }>();
  let nextTimerId = 1;
  // Name lookups are built on first use: the module is evaluated (and may log) before its tables exist.
  let names: {
    tableByName: Map<string, TableStore>;
    indexById: Map<number, { table: TableStore; index: TableIndex }>;
    indexByName: Map<string, number>;
  } | null = null;
  const lookup = () => {
    if (names) return names;
    names = { tableByName: new Map(), indexById: new Map(), indexByName: new Map() };
    for (const table of host.datastore.tables) {
      names.tableByName.set(table.def.accessorName, table);
      names.tableByName.set(table.def.name, table);
      for (const index of table.indexes) {
        names.indexById.set(index.def.id, { table, index });
        names.indexByName.set(index.def.sourceName, index.def.id);
        names.indexByName.set(index.def.name, index.def.id);
      }
    }
    return names;
  };

  // Modules reuse a few buffers for every call: keep a byte view of the last one instead of making one per call.
  let lastBuffer: ArrayBuffer | null = null;
  let lastBytes = new Uint8Array(0);
  const bytesOver = (buf: ArrayBuffer): Uint8Array => {
    if (buf !== lastBuffer) {
      lastBuffer = buf;
      lastBytes = new Uint8Array(buf);
    }
    return lastBytes;
  };
  const prefixOf = (buf: ArrayBuffer, len: number): Uint8Array => {
    const all = bytesOver(buf);
    if (len > all.length) throw new RangeError('length argument was out of bounds for `ArrayBuffer`');
    return all.subarray(0, len);
  };

  const fail = (code: number, message: string): never => {
    throw host.moduleError(code, message);
  };
  // Runs a syscall body, turning datastore refusals into the module's errors.
  // Fixed arity (no rest parameters): these run several times per reducer call.
  type Arg = never;
  const guard =
    <R>(name: string, body: (a: Arg, b: Arg, c: Arg, d: Arg, e: Arg, f: Arg) => R) =>
    (a: Arg, b: Arg, c: Arg, d: Arg, e: Arg, f: Arg): R => {
      try {
        return body(a, b, c, d, e, f);
      } catch (error) {
        if (error instanceof DatastoreError) return fail(error.code, error.message);
        if (error instanceof BsatnError) return fail(Errno.BSATN_DECODE_ERROR, `${name}: ${error.message}`);
        throw error;
      }
    };
  const needTx = (name: string, write: boolean) => {
    if (host.txMode === 'none') fail(Errno.NOT_IN_TRANSACTION, `${name} called outside a transaction`);
    if (write && host.txMode === 'readonly')
      fail(Errno.TRANSACTION_IS_READ_ONLY, `${name}: views cannot change the database`);
  };
  const table = (id: number): TableStore => {
    const t = host.datastore.tables[id];
    if (!t) return fail(Errno.NO_SUCH_TABLE, `no table with id ${id}`);
    return t;
  };
  const index = (id: number) => {
    const found = lookup().indexById.get(id);
    if (!found) return fail(Errno.NO_SUCH_INDEX, `no index with id ${id}`);
    return found;
  };
  const openIterator = (rows: Uint8Array[]) => {
    const id = freeIterIds.pop() ?? iterators.length;
    iterators[id] = { rows, next: 0 };
    return id;
  };
  const closeIterator = (id: number) => {
    iterators[id] = null;
    freeIterIds.push(id);
  };
  /** The bytes of rows of table `t` a reducer or view reads. */
  const bytesOf = (t: TableStore, slots: Iterable<RowSlot>) => {
    const out: Uint8Array[] = [];
    for (const slot of slots) out.push(slot.bytes);
    host.viewHandedRows?.add(t.def.id, out);
    return out;
  };

  const pointCursor = new Cursor(new Uint8Array(0));
  const decodePoint = (ix: TableIndex, bytes: Uint8Array): SatsValue[] => {
    const c = pointCursor.reset(bytes);
    const decoders = ix.keyDecoders;
    const key: SatsValue[] = new Array(decoders.length);
    for (let i = 0; i < decoders.length; i++) key[i] = decoders[i]!(c);
    if (c.offset !== bytes.length) throw new BsatnError(`key has ${bytes.length - c.offset} trailing bytes`);
    return key;
  };
  // Range-scan buffer: prefix (prefixElems values) ++ start bound ++ end bound (rendLen 0: end = start).
  const decodeRange = (
    ix: TableIndex,
    buf: ArrayBuffer,
    prefixLen: number,
    prefixElems: number,
    rstartLen: number,
    rendLen: number,
  ) => {
    const all = bytesOver(buf);
    if (prefixLen + rstartLen + rendLen > all.length)
      throw new RangeError('length argument was out of bounds for `ArrayBuffer`');
    if (prefixElems >= ix.keyDecoders.length)
      throw new BsatnError(`prefix of ${prefixElems} columns leaves no column to bound`);
    const prefixCursor = new Cursor(all.subarray(0, prefixLen));
    const prefix = ix.keyDecoders.slice(0, prefixElems).map((d) => d(prefixCursor));
    const bound = (bytes: Uint8Array): Bound => {
      const c = new Cursor(bytes);
      c.need(1);
      const tag = bytes[c.offset++];
      if (tag === 2) return { kind: 'unbounded' };
      if (tag !== 0 && tag !== 1) throw new BsatnError(`invalid bound tag ${tag}`);
      const value = ix.keyDecoders[prefixElems]!(c);
      return { kind: tag === 0 ? 'included' : 'excluded', value };
    };
    const start = all.subarray(prefixLen, prefixLen + rstartLen);
    const end = rendLen === 0 ? start : all.subarray(prefixLen + rstartLen, prefixLen + rstartLen + rendLen);
    return { prefix, from: bound(start), to: bound(end) };
  };
  const rangeRows = (ix: TableIndex, r: { prefix: SatsValue[]; from: Bound; to: Bound }) => {
    try {
      return ix.range(r.prefix, r.from, r.to);
    } catch (error) {
      return fail(Errno.HOST_CALL_FAILURE, (error as Error).message);
    }
  };
  const deleteSlots = (t: TableStore, slots: RowSlot[]): number => {
    for (const slot of slots) {
      t.unlink(slot);
      host.datastore.record({ kind: 'delete', table: t, slot });
    }
    return slots.length;
  };
  // Writes the generated column values (BSATN, in column order) to the start of the module's buffer.
  const writeBack = (buf: ArrayBuffer, bytes: Uint8Array, offsets: number[], generated: number[]): number => {
    const out = bytesOver(buf);
    let at = 0;
    for (const col of generated) {
      const end = offsets[col + 1] ?? bytes.length;
      out.set(bytes.subarray(offsets[col]!, end), at);
      at += end - offsets[col]!;
    }
    return at;
  };
  const unsupported = (what: string) => () =>
    fail(Errno.HOST_CALL_FAILURE, `${what} is not supported by this host yet`);

  const v2_0: Record<string, unknown> = {
    moduleHooks: Symbol('moduleHooks'),
    register_hooks: unsupported('register_hooks (use the default export)'),
    table_id_from_name: guard('table_id_from_name', (name: string) => {
      const t = lookup().tableByName.get(name);
      return t ? t.def.id : fail(Errno.NO_SUCH_TABLE, `no table named ${name}`);
    }),
    index_id_from_name: guard('index_id_from_name', (name: string) => {
      const id = lookup().indexByName.get(name);
      return id ?? fail(Errno.NO_SUCH_INDEX, `no index named ${name}`);
    }),
    datastore_table_row_count: guard('datastore_table_row_count', (tableId: number) => {
      needTx('datastore_table_row_count', false);
      const t = table(tableId);
      host.viewReads?.table(t.def.name);
      return BigInt(t.slots.size);
    }),
    datastore_table_scan_bsatn: guard('datastore_table_scan_bsatn', (tableId: number) => {
      needTx('datastore_table_scan_bsatn', false);
      const t = table(tableId);
      host.viewReads?.table(t.def.name);
      return openIterator(bytesOf(t, t.slots));
    }),
    datastore_index_scan_point_bsatn: guard(
      'datastore_index_scan_point_bsatn',
      (indexId: number, buf: ArrayBuffer, len: number) => {
        needTx('datastore_index_scan_point_bsatn', false);
        const { table: t, index: ix } = index(indexId);
        const key = decodePoint(ix, prefixOf(buf, len));
        host.viewReads?.point(t.def.name, ix, key);
        return openIterator(bytesOf(t, ix.find(key)));
      },
    ),
    datastore_index_scan_range_bsatn: guard(
      'datastore_index_scan_range_bsatn',
      (
        indexId: number,
        buf: ArrayBuffer,
        prefixLen: number,
        prefixElems: number,
        rstartLen: number,
        rendLen: number,
      ) => {
        needTx('datastore_index_scan_range_bsatn', false);
        const { table: t, index: ix } = index(indexId);
        const range = decodeRange(ix, buf, prefixLen, prefixElems, rstartLen, rendLen);
        host.viewReads?.range(t.def.name, ix, range);
        return openIterator(bytesOf(t, rangeRows(ix, range)));
      },
    ),
    row_iter_bsatn_advance: guard('row_iter_bsatn_advance', (iterId: number, buf: ArrayBuffer) => {
      const iter = iterators[iterId];
      if (!iter) return fail(Errno.NO_SUCH_ITER, `no iterator with id ${iterId}`);
      const out = bytesOver(buf);
      let written = 0;
      while (iter.next < iter.rows.length) {
        const row = iter.rows[iter.next]!;
        if (written + row.length > out.length) break;
        out.set(row, written);
        written += row.length;
        iter.next++;
      }
      if (iter.next < iter.rows.length) {
        if (written === 0) throw { __buffer_too_small__: iter.rows[iter.next]!.length };
        return written;
      }
      closeIterator(iterId);
      return -written;
    }),
    row_iter_bsatn_close: (iterId: number) => {
      if (iterators[iterId]) closeIterator(iterId);
    },
    datastore_insert_bsatn: guard('datastore_insert_bsatn', (tableId: number, buf: ArrayBuffer, len: number) => {
      needTx('datastore_insert_bsatn', true);
      const t = table(tableId);
      const result = t.insert(prefixOf(buf, len));
      if (result.slot) host.datastore.record({ kind: 'insert', table: t, slot: result.slot });
      return writeBack(buf, result.bytes, result.row.offsets, result.generated);
    }),
    datastore_update_bsatn: guard(
      'datastore_update_bsatn',
      (tableId: number, indexId: number, buf: ArrayBuffer, len: number) => {
        needTx('datastore_update_bsatn', true);
        const t = table(tableId);
        const ix =
          t.indexById(indexId) ?? fail(Errno.NO_SUCH_INDEX, `index ${indexId} is not an index of ${t.def.name}`);
        const result = t.update(ix, prefixOf(buf, len));
        host.datastore.record({ kind: 'update', table: t, slot: result.slot, old: result.old });
        return writeBack(buf, result.bytes, result.row.offsets, result.generated);
      },
    ),
    datastore_delete_by_index_scan_point_bsatn: guard(
      'datastore_delete_by_index_scan_point_bsatn',
      (indexId: number, buf: ArrayBuffer, len: number) => {
        needTx('datastore_delete_by_index_scan_point_bsatn', true);
        const { table: t, index: ix } = index(indexId);
        return deleteSlots(t, ix.find(decodePoint(ix, prefixOf(buf, len))));
      },
    ),
    datastore_delete_by_index_scan_range_bsatn: guard(
      'datastore_delete_by_index_scan_range_bsatn',
      (
        indexId: number,
        buf: ArrayBuffer,
        prefixLen: number,
        prefixElems: number,
        rstartLen: number,
        rendLen: number,
      ) => {
        needTx('datastore_delete_by_index_scan_range_bsatn', true);
        const { table: t, index: ix } = index(indexId);
        return deleteSlots(t, rangeRows(ix, decodeRange(ix, buf, prefixLen, prefixElems, rstartLen, rendLen)));
      },
    ),
    datastore_delete_all_by_eq_bsatn: guard(
      'datastore_delete_all_by_eq_bsatn',
      (tableId: number, buf: ArrayBuffer, len: number) => {
        needTx('datastore_delete_all_by_eq_bsatn', true);
        const t = table(tableId);
        const bytes = prefixOf(buf, len);
        const c = new Cursor(bytes);
        c.need(4);
        const count = c.view.getUint32(c.base, true);
        c.offset = 4;
        const found: RowSlot[] = [];
        // Rows are concatenated without lengths: decoding each one tells where the next starts.
        for (let i = 0; i < count; i++) {
          const { columns, length } = t.decode(bytes.subarray(c.offset), true);
          const slot = t.identical(bytes.subarray(c.offset, c.offset + length), columns);
          if (slot && !found.includes(slot)) found.push(slot);
          c.offset += length;
        }
        return deleteSlots(t, found);
      },
    ),
    // Queued at once, whether or not the calling transaction commits ("nonatomic"), and run after it by the host's
    // scheduler (SpacetimeDB: `Scheduler::volatile_nonatomic_schedule_immediate`, crates/core/src/host/scheduler.rs).
    volatile_nonatomic_schedule_immediate: guard(
      'volatile_nonatomic_schedule_immediate',
      (name: string, args: Uint8Array) => {
        if (typeof name !== 'string' || !ArrayBuffer.isView(args))
          return fail(Errno.BSATN_DECODE_ERROR, 'volatile_nonatomic_schedule_immediate takes a name and a Uint8Array');
        const view = args as ArrayBufferView;
        host.scheduleImmediate(name, new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice());
      },
    ),
    console_log: (level: number, message: string) => host.log(LOG_LEVELS[level] ?? 'info', String(message)),
    console_timer_start: (name: string) => {
      const id = nextTimerId++;
      timers.set(id, { name, start: performance.now() });
      return id;
    },
    console_timer_end: guard('console_timer_end', (id: number) => {
      const timer = timers.get(id);
      if (!timer) return fail(Errno.NO_SUCH_CONSOLE_TIMER, `no console timer with id ${id}`);
      timers.delete(id);
      host.log('info', `Timing span "${timer.name}": ${(performance.now() - timer.start).toFixed(3)}ms`);
    }),
    identity: () => host.databaseIdentity,
    get_jwt_payload: (connectionId: bigint) => {
      const payload = host.jwtPayload(connectionId);
      return payload === null ? new Uint8Array(0) : new TextEncoder().encode(payload);
    },
    // Off unless the host lists origins (a lesson's module must not reach the network); the module's fetch throws
    // its HttpError with the reason.
    procedure_http_request: (request: Uint8Array, body: Uint8Array | string) => {
      try {
        return outboundHttp(request, body, host.allowHttpTo);
      } catch (error) {
        if (error instanceof OutboundHttpError) return fail(Errno.HTTP_ERROR, error.message);
        throw error;
      }
    },
    procedure_start_mut_tx: () => host.startProcedureTx(),
    procedure_commit_mut_tx: () => host.commitProcedureTx(),
    procedure_abort_mut_tx: () => host.abortProcedureTx(),
  };
  const v2_1: Record<string, unknown> = {
    datastore_clear: guard('datastore_clear', (tableId: number) => {
      needTx('datastore_clear', true);
      const t = table(tableId);
      return BigInt(deleteSlots(t, [...t.slots]));
    }),
  };
  return { '2.0': v2_0, '2.1': v2_1 };
}
