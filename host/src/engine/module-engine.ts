import { AlgebraicType, BinaryReader, BinaryWriter, type AlgebraicTypeType } from 'spacetimedb';
import type { LifecycleKind, ModuleDef, ReducerDef, ViewDef } from '../schema/module-def.js';
import { Datastore } from './datastore/datastore.js';
import { ReadSet } from './datastore/read-set.js';
import { Cursor, makeDecoder, type Decoder } from './datastore/sats-codec.js';
import type { RowSlot } from './datastore/row-slot.js';
import type { TableIndex } from './datastore/table-index.js';
import type { TableStore } from './datastore/table-store.js';
import { describeThrown, ModuleTimeoutError, type TimedCall } from './module-context.js';
import { DatastoreError, Errno } from './datastore/errno.js';
import { INSTANCE_FATAL_ERROR, invalidArgumentsLogLine, lifecycleRefusal } from './refusals.js';
import type { SyscallHost } from './syscalls.js';
import { readResponse, writeRequest } from './http-wire.js';
import { HandedRows, tablesSharingRowType } from './view-rows.js';
import type {
  Bound,
  Caller,
  CommitCheck,
  CommitNotice,
  Engine,
  FailedOutcome,
  HttpHandlerOutcome,
  HttpHandlerRequest,
  IndexHandle,
  ModuleLogger,
  ModuleLogRecord,
  CommittedOutcome,
  ProcedureOutcome,
  ReducerOutcome,
  ReplayedChange,
  RowWriter,
  SatsValue,
  StoredRow,
  TableHandle,
  ViewResult,
} from './types.js';

/** The hooks a module's default export hands the host (`spacetime:sys@2.0` `ModuleHooks`). */
export interface ModuleHooks {
  __describe_module__(): Uint8Array;
  __get_error_constructor__(code: number): new (message: string) => Error;
  __sender_error_class__: new (message: string) => Error;
  __call_reducer__(id: number, sender: bigint, connectionId: bigint, timestamp: bigint, args: DataView): void;
  __call_view__(id: number, sender: bigint, args: Uint8Array): { data: Uint8Array } | Uint8Array;
  __call_procedure__(id: number, sender: bigint, connectionId: bigint, timestamp: bigint, args: Uint8Array): Uint8Array;
  __call_view_anon__(id: number, args: Uint8Array): { data: Uint8Array } | Uint8Array;
  __call_http_handler__(id: number, timestamp: bigint, request: Uint8Array, body: Uint8Array): [Uint8Array, Uint8Array];
}

const EMPTY_ARGS = new Uint8Array(0);
const micros = (since: number) => Math.round((performance.now() - since) * 1000);
/** A row for readers outside the datastore: its content now (later updates replace the slot's, not this). */
const stored = (slot: RowSlot): StoredRow => slot.snapshot();

/**
 * One running module instance: its hooks, its datastore, and the state its syscalls consult
 * (transaction mode, the tables a view reads, connection JWTs).
 */
export class ModuleEngine implements Engine, SyscallHost {
  readonly databaseName: string;
  readonly databaseIdentity: bigint;
  txMode: 'none' | 'mutable' | 'readonly' = 'none';
  viewReads: ReadSet | null = null;
  /** The table rows the running view was handed that its result may return unchanged (see view-rows.ts). */
  viewHandedRows: HandedRows | null = null;
  private readonly logger: ModuleLogger;
  private readonly jwts = new Map<bigint, string>();
  private readonly argsCursor = new Cursor(EMPTY_ARGS);
  /**
   * Reducer arguments are copied here before a call: one buffer for every call, so neither the argument check
   * nor the module's DataView has to materialise a buffer for each small (on-heap) argument array. The module
   * runtime deserialises its arguments before the reducer body runs, so nothing reads them after the call.
   */
  private argsBuffer = new Uint8Array(new ArrayBuffer(4096));
  private readonly commitListeners = new Set<(tx: CommitNotice) => void>();
  private readonly failureListeners = new Set<(reducerName: string, outcome: FailedOutcome) => void>();
  private readonly immediateListeners = new Set<(functionName: string, args: Uint8Array) => void>();
  private commitCheck: CommitCheck | null = null;
  private readonly viewRowDecoders = new Map<string, Decoder>();
  /** Per view, the tables whose rows have its row type. */
  private readonly viewRowTables = new Map<ViewDef, Set<number>>();
  private readonly tableHandles = new Map<TableStore, TableHandle>();
  private loaded: {
    def: ModuleDef;
    hooks: ModuleHooks;
    datastore: Datastore;
    argDecoders: Decoder[];
    procedureArgDecoders: Decoder[];
    ModuleDataView: DataViewConstructor;
    runTimed: TimedCall;
  } | null = null;
  /** The procedure or HTTP handler running now and the transactions it committed so far with `ctx.withTx`. */
  private procedure: { name: string; commits: CommittedOutcome[] } | null = null;

  constructor(
    databaseName: string,
    databaseIdentity: bigint,
    logger: ModuleLogger,
    readonly programHash: Uint8Array,
    readonly allowHttpTo: readonly string[] = [],
  ) {
    this.databaseName = databaseName;
    this.databaseIdentity = databaseIdentity;
    this.logger = logger;
  }

  /**
   * Completes loading once the module described itself; `ModuleDataView` is the module context's DataView,
   * `runTimed` runs a call into it with a time limit.
   */
  attach(def: ModuleDef, hooks: ModuleHooks, ModuleDataView: DataViewConstructor, runTimed: TimedCall): void {
    const argDecoders = def.reducers.map((r) => makeDecoder({ tag: 'Product', value: r.params }, def.typespace));
    const procedureArgDecoders = def.procedures.map((p) =>
      makeDecoder({ tag: 'Product', value: p.params }, def.typespace),
    );
    this.loaded = {
      def,
      hooks,
      datastore: new Datastore(def.tables, def.typespace),
      argDecoders,
      procedureArgDecoders,
      ModuleDataView,
      runTimed,
    };
  }

  private get ready() {
    if (!this.loaded) throw new Error(`module ${this.databaseName} is still loading`);
    return this.loaded;
  }

  get def(): ModuleDef {
    return this.ready.def;
  }

  get datastore(): Datastore {
    return this.ready.datastore;
  }

  get txOffset(): bigint {
    return this.ready.datastore.txOffset;
  }

  log(level: ModuleLogRecord['level'], message: string): void {
    this.logger({ level, message, databaseName: this.databaseName });
  }

  jwtPayload(connectionId: bigint): string | null {
    return this.jwts.get(connectionId) ?? null;
  }

  setConnectionJwt(connectionId: bigint, payload: string | null): void {
    if (payload === null) this.jwts.delete(connectionId);
    else this.jwts.set(connectionId, payload);
  }

  moduleError(code: number, message: string): unknown {
    const ctor = this.loaded?.hooks.__get_error_constructor__(code);
    return ctor ? new ctor(message) : new Error(message);
  }

  callReducer(nameOrId: string | number, args: Uint8Array, caller: Caller): ReducerOutcome {
    const { def } = this.ready;
    const reducer =
      typeof nameOrId === 'number'
        ? def.reducers[nameOrId]
        : def.reducers.find((r) => r.name === nameOrId || r.accessorName === nameOrId);
    if (!reducer)
      return {
        status: 'failed',
        message: `no such reducer: ${String(nameOrId)}`,
        isSenderError: false,
        durationMicros: 0,
      };
    if (reducer.lifecycle) {
      return {
        status: 'failed',
        message: lifecycleRefusal(reducer.lifecycle),
        isSenderError: false,
        durationMicros: 0,
      };
    }
    return this.run(reducer, args, caller);
  }

  callProcedure(nameOrId: string | number, givenArgs: Uint8Array, caller: Caller): ProcedureOutcome {
    const { def, hooks, procedureArgDecoders } = this.ready;
    const procedure =
      typeof nameOrId === 'number'
        ? def.procedures[nameOrId]
        : def.procedures.find((p) => p.name === nameOrId || p.accessorName === nameOrId);
    // SpacetimeDB's texts (`ProcedureCallError` in crates/core/src/host/module_host.rs).
    if (!procedure) return { status: 'failed', message: 'No such procedure', commits: [], durationMicros: 0 };
    const args = this.stageArgs(givenArgs);
    const badArgs = this.checkArgs(procedureArgDecoders[procedure.id]!, args);
    if (badArgs) {
      this.log('error', invalidArgumentsLogLine('procedure', procedure.name));
      return {
        status: 'failed',
        message: `invalid arguments for procedure ${procedure.name}: ${badArgs}`,
        commits: [],
        durationMicros: 0,
      };
    }
    const start = performance.now();
    const ran = this.runOutsideTx(procedure.name, () =>
      // The module reads its arguments before anything else runs, so the shared buffer can be handed over as is.
      hooks.__call_procedure__(procedure.id, caller.sender, caller.connectionId, caller.timestamp, args).slice(),
    );
    if (ran.ok) return { status: 'returned', value: ran.value, commits: ran.commits, durationMicros: micros(start) };
    this.log('error', `procedure ${procedure.name} failed: ${ran.error}`);
    // SpacetimeDB's text around V8's message for an uncaught exception (`Uncaught Error: ...`).
    return {
      status: 'failed',
      message: `The module instance encountered a fatal error: Uncaught ${ran.error}`,
      commits: ran.commits,
      durationMicros: micros(start),
    };
  }

  callHttpHandler(
    id: number,
    request: HttpHandlerRequest,
    body: Uint8Array,
    timestamp: bigint,
    timeoutMs: number,
  ): HttpHandlerOutcome {
    const { def, hooks, runTimed } = this.ready;
    const handler = def.httpHandlers[id];
    if (!handler) return { status: 'failed', message: `no such http handler: ${id}`, commits: [] };
    const ran = this.runOutsideTx(handler.name, () => {
      const [response, responseBody] = runTimed(timeoutMs, () =>
        hooks.__call_http_handler__(id, timestamp, writeRequest({ ...request, timeoutMicros: null }), body),
      );
      return { ...readResponse(response), body: responseBody.slice() };
    });
    if (ran.ok) return { status: 'answered', response: ran.value, commits: ran.commits };
    this.log(
      'error',
      `HTTP handler ${handler.name} failed: ${ran.timedOut ? `stopped after ${timeoutMs} ms` : ran.error}`,
    );
    // SpacetimeDB answers V8's message for an uncaught exception (`Uncaught Error: ...`) as it is.
    const message = ran.timedOut
      ? `The HTTP handler ${handler.name} ran longer than ${timeoutMs} ms (the host's httpHandlerTimeoutMs) and was stopped`
      : `Uncaught ${ran.error}`;
    return { status: 'failed', message, commits: ran.commits };
  }

  /**
   * Runs a procedure or an HTTP handler: outside any transaction, each `ctx.withTx` committing its own. A
   * transaction it left open is rolled back; what it committed stays, whether it returned or threw.
   */
  private runOutsideTx<T>(
    name: string,
    body: () => T,
  ): ({ ok: true; value: T } | { ok: false; error: string; timedOut: boolean }) & { commits: CommittedOutcome[] } {
    const running = { name, commits: [] as CommittedOutcome[] };
    this.procedure = running;
    try {
      return { ok: true, value: body(), commits: running.commits };
    } catch (thrown) {
      return {
        ok: false,
        error: describeThrown(thrown),
        timedOut: thrown instanceof ModuleTimeoutError,
        commits: running.commits,
      };
    } finally {
      if (this.ready.datastore.inTransaction) this.ready.datastore.rollback();
      this.txMode = 'none';
      this.procedure = null;
    }
  }

  /** `procedure_start_mut_tx`: begins the transaction of a procedure's `ctx.withTx`; returns its timestamp. */
  startProcedureTx(): bigint {
    if (!this.procedure)
      throw this.moduleError(Errno.TRANSACTION_NOT_ANONYMOUS, 'procedure_start_mut_tx called outside a procedure');
    if (this.txMode !== 'none') throw this.moduleError(Errno.HOST_CALL_FAILURE, 'a procedure cannot nest transactions');
    this.ready.datastore.begin();
    this.txMode = 'mutable';
    return BigInt(Date.now()) * 1000n;
  }

  /** `procedure_commit_mut_tx`: commits it; subscribers see it like any other transaction. */
  commitProcedureTx(): void {
    if (!this.procedure || this.txMode !== 'mutable')
      throw this.moduleError(Errno.NOT_IN_TRANSACTION, 'procedure_commit_mut_tx called outside a transaction');
    this.txMode = 'none';
    // SpacetimeDB refreshes the views the transaction made stale before committing it, and rolls it back when one
    // fails (`refresh_views` in crates/core/src/host/v8/syscall/common.rs).
    const refused = this.refusal();
    if (refused !== null) {
      this.ready.datastore.rollback();
      throw this.moduleError(Errno.HOST_CALL_FAILURE, `view refresh failed after procedure call: ${refused}`);
    }
    this.procedure.commits.push(this.commit(this.procedure.name, performance.now()));
  }

  /** `procedure_abort_mut_tx`: rolls it back. */
  abortProcedureTx(): void {
    if (!this.procedure || this.txMode !== 'mutable')
      throw this.moduleError(Errno.NOT_IN_TRANSACTION, 'procedure_abort_mut_tx called outside a transaction');
    this.txMode = 'none';
    this.ready.datastore.rollback();
  }

  writeRows<T>(label: string, write: (rows: RowWriter) => T): { value: T; outcome: CommittedOutcome } {
    const { datastore } = this.ready;
    const start = performance.now();
    datastore.begin();
    try {
      const value = write({
        insert: (table, row) => {
          const store = this.store(table);
          const { slot } = store.insert(row);
          if (slot) datastore.record({ kind: 'insert', table: store, slot });
          return slot !== null;
        },
        delete: (table, row) => {
          const store = this.store(table);
          const slot = store.identical(row, store.decode(row).columns);
          if (!slot) return false;
          store.unlink(slot);
          datastore.record({ kind: 'delete', table: store, slot });
          return true;
        },
      });
      const refused = this.refusal();
      if (refused !== null) throw new DatastoreError(Errno.HOST_CALL_FAILURE, refused);
      return { value, outcome: this.commit(label, start) };
    } catch (error) {
      datastore.rollback();
      throw error;
    }
  }

  callLifecycle(kind: LifecycleKind, caller: Caller): ReducerOutcome {
    const reducer = this.ready.def.reducers.find((r) => r.lifecycle === kind);
    if (!reducer) {
      this.ready.datastore.begin();
      return this.commit(kind, performance.now());
    }
    return this.run(reducer, EMPTY_ARGS, caller);
  }

  /**
   * Runs a reducer as one transaction; `beforeCommit` may add writes to it (outside the module) after the
   * reducer succeeded.
   */
  private run(reducer: ReducerDef, givenArgs: Uint8Array, caller: Caller, beforeCommit?: () => void): ReducerOutcome {
    const { hooks, datastore, argDecoders, ModuleDataView } = this.ready;
    const start = performance.now();
    const args = this.stageArgs(givenArgs);
    const badArgs = this.checkArgs(argDecoders[reducer.id]!, args);
    if (badArgs) {
      this.log('error', invalidArgumentsLogLine('reducer', reducer.name));
      return this.failed(reducer.name, {
        status: 'failed',
        message: `invalid arguments for reducer ${reducer.name}: ${badArgs}`,
        isSenderError: false,
        durationMicros: 0,
      });
    }
    datastore.begin();
    this.txMode = 'mutable';
    try {
      hooks.__call_reducer__(
        reducer.id,
        caller.sender,
        caller.connectionId,
        caller.timestamp,
        new ModuleDataView(args.buffer, args.byteOffset, args.byteLength),
      );
    } catch (thrown) {
      datastore.rollback();
      this.txMode = 'none';
      const isSenderError = thrown instanceof hooks.__sender_error_class__;
      if (isSenderError) {
        return this.failed(reducer.name, {
          status: 'failed',
          message: String((thrown as Error).message),
          isSenderError,
          durationMicros: micros(start),
        });
      }
      // Internal errors are the module author's to fix: the details go to the module's log and the caller gets
      // SpacetimeDB's fixed text, so a module's internals never reach its clients.
      this.log('error', `reducer ${reducer.name} failed: ${describeThrown(thrown)}`);
      return this.failed(reducer.name, {
        status: 'failed',
        message: INSTANCE_FATAL_ERROR,
        isSenderError,
        durationMicros: micros(start),
      });
    }
    this.txMode = 'none';
    beforeCommit?.();
    const refused = this.refusal();
    if (refused !== null) {
      datastore.rollback();
      this.log('error', `reducer ${reducer.name} failed: ${refused}`);
      return this.failed(reducer.name, {
        status: 'failed',
        message: INSTANCE_FATAL_ERROR,
        isSenderError: false,
        durationMicros: micros(start),
      });
    }
    return this.commit(reducer.name, start);
  }

  setCommitCheck(check: CommitCheck | null): void {
    this.commitCheck = check;
  }

  /** Why the open transaction may not commit (the commit check's answer), or null. */
  private refusal(): string | null {
    const { datastore } = this.ready;
    return this.commitCheck?.(() => datastore.pendingChanges()) ?? null;
  }

  /** The arguments, copied into the shared arguments buffer (grown when too small). */
  private stageArgs(args: Uint8Array): Uint8Array {
    if (args.length > this.argsBuffer.length)
      this.argsBuffer = new Uint8Array(new ArrayBuffer(Math.max(args.length, 2 * this.argsBuffer.length)));
    this.argsBuffer.set(args);
    return this.argsBuffer.subarray(0, args.length);
  }

  /** Commits the running transaction and tells the commit listeners. */
  private commit(reducerName: string, start: number): CommittedOutcome {
    const { txOffset, changes } = this.ready.datastore.commit();
    const outcome: CommittedOutcome = { status: 'committed', txOffset, changes, durationMicros: micros(start) };
    if (this.commitListeners.size > 0) {
      const notice: CommitNotice = {
        status: 'committed',
        txOffset,
        changes,
        durationMicros: outcome.durationMicros,
        reducerName,
      };
      for (const listener of this.commitListeners) listener(notice);
    }
    return outcome;
  }

  private failed(reducerName: string, outcome: FailedOutcome): FailedOutcome {
    for (const listener of this.failureListeners) listener(reducerName, outcome);
    return outcome;
  }

  onCommit(listener: (tx: CommitNotice) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  onReducerFailed(listener: (reducerName: string, outcome: FailedOutcome) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  scheduleImmediate(functionName: string, args: Uint8Array): void {
    for (const listener of this.immediateListeners) listener(functionName, args);
  }

  onScheduleImmediate(listener: (functionName: string, args: Uint8Array) => void): () => void {
    this.immediateListeners.add(listener);
    return () => this.immediateListeners.delete(listener);
  }

  rollbackOpenTransaction(): boolean {
    this.txMode = 'none';
    this.viewReads = null;
    if (!this.loaded?.datastore.inTransaction) return false;
    this.loaded.datastore.rollback();
    return true;
  }

  callScheduled(tableName: string, rowBytes: Uint8Array, caller: Caller): ReducerOutcome {
    const { datastore, def } = this.ready;
    const store = this.store(tableName);
    const schedule = store.def.schedule;
    if (!schedule) throw new Error(`table ${store.def.name} is not a schedule table`);
    const reducer = def.reducers.find((r) => r.name === schedule.functionName);
    const procedure = reducer ? undefined : def.procedures.find((p) => p.name === schedule.functionName);
    if (!reducer && !procedure)
      throw new Error(
        `schedule table ${store.def.name} names ${schedule.functionName}, which is neither a reducer nor a procedure`,
      );
    const row = store.decode(rowBytes);
    if (!store.identical(rowBytes, row.columns)) {
      return this.failed(schedule.functionName, {
        status: 'failed',
        message: 'schedule row no longer exists',
        isSenderError: false,
        durationMicros: 0,
      });
    }
    // ScheduleAt is a sum: Interval = 0 (repeats), Time = 1 (runs once, then its row goes).
    const once = (row.columns[schedule.scheduleAtColumn] as { tag: number }).tag === 1;
    const removeRow = () => {
      const present = store.identical(rowBytes, store.decode(rowBytes).columns);
      if (!present) return;
      store.unlink(present);
      datastore.record({ kind: 'delete', table: store, slot: present });
    };
    if (procedure) {
      // A procedure runs outside any transaction: a one-off row goes in a commit of its own before it runs.
      if (once) {
        datastore.begin();
        removeRow();
        this.commit(procedure.name, performance.now());
      }
      const ran = this.callProcedure(procedure.name, rowBytes, caller);
      if (ran.status === 'failed')
        return this.failed(procedure.name, {
          status: 'failed',
          message: ran.message,
          isSenderError: false,
          durationMicros: ran.durationMicros,
        });
      return { status: 'committed', txOffset: datastore.txOffset, changes: [], durationMicros: ran.durationMicros };
    }
    const outcome = this.run(reducer!, rowBytes, caller, once ? removeRow : undefined);
    if (outcome.status === 'failed' && once) {
      datastore.begin();
      removeRow();
      this.commit(reducer!.name, performance.now());
    }
    return outcome;
  }

  applyChanges(changes: readonly ReplayedChange[], txOffset: bigint): void {
    for (const change of changes) {
      const store = this.store(change.tableName);
      if (store.def.isEvent) continue;
      for (const bytes of change.deletes) {
        const present = store.identical(bytes, store.decode(bytes).columns);
        if (!present) throw new Error(`replay: a row to delete from ${store.def.name} is not there`);
        store.unlink(present);
      }
      // Start-up fills empty tables (a snapshot's million rows): the bulk path builds each index once.
      if (store.empty) store.load(change.inserts);
      else for (const bytes of change.inserts) store.insert(bytes, false);
    }
    this.ready.datastore.restoreOffset(txOffset);
  }

  sequenceState(): Map<string, bigint> {
    const state = new Map<string, bigint>();
    for (const store of this.ready.datastore.tables) {
      for (const [name, next] of store.sequenceState()) state.set(`${store.def.name}.${name}`, next);
    }
    return state;
  }

  restoreSequences(state: ReadonlyMap<string, bigint>): void {
    for (const [key, next] of state) {
      // A submodule's table names hold dots (`lib.items`): the table is whichever name, then a dot, starts the key.
      const restored = this.ready.datastore.tables.some(
        (t) => key.startsWith(`${t.def.name}.`) && t.restoreSequence(key.slice(t.def.name.length + 1), next),
      );
      if (!restored) throw new Error(`no sequence ${key} in this module`);
    }
  }

  decodeViewRow(viewName: string, bytes: Uint8Array): SatsValue[] {
    let decode = this.viewRowDecoders.get(viewName);
    if (!decode) {
      const view = this.view(viewName);
      if (!view) throw new Error(`no such view: ${viewName}`);
      decode = makeDecoder({ tag: 'Product', value: view.rowType }, this.ready.def.typespace);
      this.viewRowDecoders.set(viewName, decode);
    }
    const c = new Cursor(bytes);
    const row = decode(c) as SatsValue[];
    if (c.offset !== bytes.length)
      throw new Error(`row of view ${viewName} has ${bytes.length - c.offset} trailing bytes`);
    return row;
  }

  private store(name: string): TableStore {
    const store = this.ready.datastore.tables.find((t) => t.def.name === name || t.def.accessorName === name);
    if (!store) throw new Error(`no such table: ${name}`);
    return store;
  }

  /** Why `args` is not exactly one value of the reducer's parameter type, or null when it is. */
  private checkArgs(decode: Decoder, args: Uint8Array): string | null {
    const c = this.argsCursor.reset(args);
    try {
      decode(c);
    } catch (error) {
      return (error as Error).message;
    }
    return c.offset === args.length ? null : `${args.length - c.offset} trailing bytes`;
  }

  view(name: string): ViewDef | null {
    return this.ready.def.views.find((v) => v.name === name || v.accessorName === name) ?? null;
  }

  evaluateView(name: string, sender: bigint | null): ViewResult {
    const { hooks, def } = this.ready;
    const view = this.view(name);
    if (!view) throw new Error(`no such view: ${name}`);
    if (!view.isAnonymous && sender === null) throw new Error(`view ${view.name} needs a sender`);
    const reads = new ReadSet();
    let rowTables = this.viewRowTables.get(view);
    if (!rowTables) this.viewRowTables.set(view, (rowTables = tablesSharingRowType(view, def.tables)));
    const handed = rowTables.size > 0 ? new HandedRows(rowTables) : null;
    this.txMode = 'readonly';
    this.viewReads = reads;
    this.viewHandedRows = handed;
    let returned: { data: Uint8Array } | Uint8Array;
    try {
      returned = view.isAnonymous
        ? hooks.__call_view_anon__(view.id, EMPTY_ARGS)
        : hooks.__call_view__(view.id, sender!, EMPTY_ARGS);
    } catch (thrown) {
      throw new Error(`view ${view.name} threw: ${describeThrown(thrown)}`, { cause: thrown });
    } finally {
      this.txMode = 'none';
      this.viewReads = null;
      this.viewHandedRows = null;
    }
    const data = 'data' in returned ? returned.data : returned;
    return { ...splitViewResult(data, view, def.typespace, handed), reads, readTables: new Set(reads.tableNames()) };
  }

  table(name: string): TableHandle {
    const store = this.store(name);
    let handle = this.tableHandles.get(store);
    if (!handle) {
      handle = makeTableHandle(store, this.ready.def);
      this.tableHandles.set(store, handle);
    }
    return handle;
  }
}

/**
 * Splits a view's return value (`ViewResultHeader` then the value) into rows, or returns its SQL. A row equal to
 * one of the `handed` table rows is that row's bytes; others are copied out of `data`.
 */
function splitViewResult(
  data: Uint8Array,
  view: ViewDef,
  typespace: AlgebraicTypeType[],
  handed: HandedRows | null,
): { rows: Uint8Array[]; sql: string | null } {
  const c = new Cursor(data);
  const header = data[c.offset++];
  if (header === 1) {
    const sql = makeDecoder({ tag: 'String' }, typespace)(c) as string;
    return { rows: [], sql };
  }
  const measureRow = makeDecoder({ tag: 'Product', value: view.rowType }, typespace);
  const rows: Uint8Array[] = [];
  const take = () => {
    const start = c.offset;
    measureRow(c);
    rows.push(handed ? handed.rowAt(data, start, c.offset) : data.slice(start, c.offset));
  };
  // `spacetimedb/server` returns an option view's value as an array of zero or one rows (its module definition
  // still says Option), so both read as arrays.
  if (view.returnType.tag === 'Array' || view.returnType.tag === 'Sum') {
    const count = c.view.getUint32(c.base + c.offset, true);
    c.offset += 4;
    for (let i = 0; i < count; i++) take();
  } else {
    take();
  }
  return { rows, sql: null };
}

function makeTableHandle(store: TableStore, def: ModuleDef): TableHandle {
  const rowType: AlgebraicTypeType = def.typespaceWithAccessorNames[store.def.productTypeRef]!;
  const typespace = { types: def.typespaceWithAccessorNames };
  const deserialize = AlgebraicType.makeDeserializer(rowType, typespace);
  const serialize = AlgebraicType.makeSerializer(rowType, typespace);
  const indexHandle = (index: TableIndex): IndexHandle => ({
    def: index.def,
    find: (key: readonly SatsValue[]) => index.find(key).map(stored),
    range: (prefix: readonly SatsValue[], from: Bound, to: Bound) => index.range(prefix, from, to).map(stored),
    countKey: (key) => index.countKey(key),
    countRange: (prefix, from, to) => index.countRange(prefix, from, to),
    recordRead: (reads, key) => reads.point(store.def.name, index, key),
    recordRangeRead: (reads, prefix, from, to) => reads.range(store.def.name, index, { prefix, from, to }),
  });
  return {
    def: store.def,
    count: () => store.slots.size,
    rows: function* () {
      for (const slot of store.slots) yield stored(slot);
    },
    indexOn: (columns) => {
      const index = store.indexes.find(
        (i) => i.def.columns.length === columns.length && i.def.columns.every((c, k) => c === columns[k]),
      );
      return index ? indexHandle(index) : null;
    },
    decodeRow: (bytes) => deserialize(new BinaryReader(bytes)) as Record<string, unknown>,
    encodeRow: (row) => {
      const writer = new BinaryWriter(64);
      serialize(writer, row);
      return writer.getBuffer();
    },
    decodeColumns: (bytes) => store.decode(bytes).columns,
  };
}
