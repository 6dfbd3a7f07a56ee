import type { ReadSet } from './datastore/read-set.js';
import type { LifecycleKind, ModuleDef, TableDef, IndexDef, ViewDef } from '../schema/module-def.js';

/**
 * A column value as the datastore keeps it, decoded from BSATN:
 * `bool` -> boolean; 8-32 bit integers and floats -> number; 64-256 bit integers -> bigint; `string` -> string;
 * `Array<u8>` -> Uint8Array; other arrays -> SatsValue[]; products -> SatsValue[] in column order;
 * sums (enums, Option, ScheduleAt) -> `{ tag, value }` with the variant's position as tag (Option: some = 0, none = 1).
 * Identity, ConnectionId, Timestamp, TimeDuration and Uuid decode to their inner bigint, so SQL literals
 * (`0x...` hex, integers) compare directly. Values order the way SpacetimeDB orders them.
 */
export type SatsValue =
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | readonly SatsValue[]
  | { readonly tag: number; readonly value: SatsValue };

/** Who calls a reducer, and when. */
export interface Caller {
  /** Identity as a u256. */
  sender: bigint;
  /** Connection id as a u128; 0n when there is none (e.g. `init`). */
  connectionId: bigint;
  /** Microseconds since the Unix epoch. */
  timestamp: bigint;
}

/** Rows one transaction inserted into and deleted from one table, as BSATN, in the order they happened. */
export interface TableChange {
  tableId: number;
  /** Canonical table name. */
  tableName: string;
  inserts: Uint8Array[];
  deletes: Uint8Array[];
}

/** A reducer call that committed. */
export interface CommittedOutcome {
  status: 'committed';
  /** Monotonically increasing offset of this transaction (1 for the first one). */
  txOffset: bigint;
  /** Net changes per table; tables the transaction did not change are left out. */
  changes: TableChange[];
  /** Wall time the reducer ran, in microseconds. */
  durationMicros: number;
}

/** A reducer call that threw: nothing it did is kept. */
export interface FailedOutcome {
  status: 'failed';
  /** The `SenderError` message, or the internal error's description. */
  message: string;
  /** True when the module threw `SenderError` (the caller's fault), false for any other throw. */
  isSenderError: boolean;
  durationMicros: number;
}

export type ReducerOutcome = CommittedOutcome | FailedOutcome;

/**
 * A procedure call: what it returned (BSATN of its return type) or why it failed. Either way the transactions it
 * committed with `ctx.withTx` stay committed, in order, in `commits`.
 */
export type ProcedureOutcome =
  | { status: 'returned'; value: Uint8Array; commits: CommittedOutcome[]; durationMicros: number }
  | { status: 'failed'; message: string; commits: CommittedOutcome[]; durationMicros: number };

/** Whole-row writes by table (canonical or accessor name), inside `Engine.writeRows`. */
export interface RowWriter {
  /** Inserts a row (BSATN), generating auto-increment columns that are 0; false when an identical row was there. */
  insert(table: string, row: Uint8Array): boolean;
  /** Deletes the row equal to `row` (BSATN); false when there was none. */
  delete(table: string, row: Uint8Array): boolean;
}

/** A request for a module's HTTP handler, as the host received it. */
export interface HttpHandlerRequest {
  /** `GET`, `POST`, ... or any other method's name as sent. */
  method: string;
  /** The request's headers in order, values as sent (bytes). */
  headers: [string, Uint8Array][];
  /** The whole URL the client asked for (scheme, host, path and query). */
  uri: string;
}

/**
 * An HTTP handler's answer, or why it failed (it threw, or answered something that is not a response). Either way
 * the transactions it committed with `ctx.withTx` stay committed, in order, in `commits`.
 */
export type HttpHandlerOutcome =
  | {
      status: 'answered';
      response: { status: number; headers: [string, Uint8Array][]; body: Uint8Array };
      commits: CommittedOutcome[];
    }
  | { status: 'failed'; message: string; commits: CommittedOutcome[] };

/** A commit as the engine reports it to `onCommit` listeners. */
export type CommitNotice = CommittedOutcome & {
  /** Canonical name of the reducer that ran (the lifecycle kind when the module has no such reducer). */
  reducerName: string;
};

/** Rows to put back or take out of one table when replaying stored transactions. */
export interface ReplayedChange {
  tableName: string;
  inserts: readonly Uint8Array[];
  deletes: readonly Uint8Array[];
}

/** A row as stored: its BSATN bytes (never mutate them) and its decoded columns. */
export interface StoredRow {
  readonly bytes: Uint8Array;
  readonly columns: readonly SatsValue[];
}

/** A bound of a range lookup on an index's last compared column. */
export type Bound =
  { kind: 'included'; value: SatsValue } | { kind: 'excluded'; value: SatsValue } | { kind: 'unbounded' };

/** Read access to one index of a table (for SQL evaluation and joins). */
export interface IndexHandle {
  readonly def: IndexDef;
  /** Rows whose indexed columns equal `key` (one value per indexed column). O(log n) or O(1). */
  find(key: readonly SatsValue[]): StoredRow[];
  /**
   * Rows whose first `prefix.length` indexed columns equal `prefix` and whose next column lies between
   * `from` and `to`, in key order. B-tree indexes only.
   */
  range(prefix: readonly SatsValue[], from: Bound, to: Bound): StoredRow[];
  /** How many rows `find(key)` returns, without building them (to weigh one index read against another). */
  countKey(key: readonly SatsValue[]): number;
  /** How many rows `range(prefix, from, to)` returns, without building them. B-tree indexes only. */
  countRange(prefix: readonly SatsValue[], from: Bound, to: Bound): number;
  /** Records in `reads` that the rows with this key were read (so only writes of such rows concern the reader). */
  recordRead(reads: ReadSet, key: readonly SatsValue[]): void;
  /** Records in `reads` that the rows of `range(prefix, from, to)` were read: only writes inside it concern the reader. */
  recordRangeRead(reads: ReadSet, prefix: readonly SatsValue[], from: Bound, to: Bound): void;
}

/** Read access to one table's committed rows. */
export interface TableHandle {
  readonly def: TableDef;
  count(): number;
  /** Every committed row, in insertion order. */
  rows(): Iterable<StoredRow>;
  /** The index whose columns are exactly `columns` (by column id), or null. */
  indexOn(columns: readonly number[]): IndexHandle | null;
  /** Decodes a row the way client SDKs see it: an object keyed by the module's (accessor) column names. */
  decodeRow(bytes: Uint8Array): Record<string, unknown>;
  /** Encodes an object keyed by accessor column names (SDK value shapes) to BSATN. */
  encodeRow(row: Record<string, unknown>): Uint8Array;
  /** Decodes BSATN to the datastore's column values. */
  decodeColumns(bytes: Uint8Array): SatsValue[];
}

/** What a view returned for one subscriber. */
export interface ViewResult {
  /** Row data: each returned row as BSATN of the view's row type. Empty when `sql` is set. */
  rows: Uint8Array[];
  /** Set when the view returned a query (built with `ctx.from`): the SQL to evaluate instead of rows. */
  sql: string | null;
  /** Canonical names of the tables the view read. */
  readTables: ReadonlySet<string>;
  /** What the view read (tables, index keys, ranges): only a write into it can change the view's rows. */
  reads: ReadSet;
}

/** One line the module logged. */
export interface ModuleLogRecord {
  level: 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'panic';
  message: string;
  /** The database (module instance) name. */
  databaseName: string;
}

export type ModuleLogger = (record: ModuleLogRecord) => void;

/** A module already bundled into one JavaScript file, as `spacetime build` writes it and `spacetime publish` uploads it. */
export interface BundledModule {
  /** Where it came from, for error messages (a path or `published program`). */
  entry: string;
  code: string;
}

export interface LoadModuleOptions {
  /** Folder of the module, holding `src/index.ts` (the layout `spacetime build` expects). Default `module`. */
  moduleDir?: string;
  /** The module already bundled (an uploaded program): used instead of building `moduleDir`. */
  program?: BundledModule;
  /** Name of the database this instance serves; used in logs. */
  databaseName: string;
  /** The database's identity (u256) returned by `ctx.identity`. Default: derived from the database name. */
  databaseIdentity?: bigint;
  /** Where the module's console output goes. Default: the host's console, prefixed with the database name. */
  log?: ModuleLogger;
  /**
   * Type-check the module first, as `spacetime build` does (`tsc --noEmit` with the module's tsconfig.json).
   * Off by default: it takes seconds. A module with type errors is refused with the first error's location.
   */
  typeCheck?: boolean;
  /**
   * Origins (`https://api.example.com`) the module's procedures may reach with `ctx.http.fetch`. Default: none, so
   * every outbound request is refused with the reason.
   */
  allowHttpTo?: readonly string[];
}

/**
 * Decides whether a transaction may commit: given its changes (computed when first asked), the reason to refuse it, or
 * null. Runs with the transaction still open, so what it reads (a view it re-evaluates) sees the transaction's rows.
 */
export type CommitCheck = (changes: () => readonly TableChange[]) => string | null;

/** A loaded module with its own datastore: what the server side drives. */
export interface Engine {
  readonly databaseName: string;
  readonly databaseIdentity: bigint;
  readonly def: ModuleDef;
  /** Keccak-256 of the program's bytes (the bundled module), SpacetimeDB's hash of a program. */
  readonly programHash: Uint8Array;
  /** Offset of the last committed transaction (0n before the first). */
  readonly txOffset: bigint;
  /**
   * Runs a reducer as one transaction. `args` is the BSATN of the reducer's parameter product.
   * A throw rolls back everything the reducer did. Unknown names, bad argument bytes and lifecycle
   * reducers called by name give a failed outcome, never a throw.
   */
  callReducer(nameOrId: string | number, args: Uint8Array, caller: Caller): ReducerOutcome;
  /**
   * Runs a procedure by canonical or accessor name, or by id (its position in `def.procedures`). It runs outside
   * any transaction; each `ctx.withTx` commits (or rolls back) on its own. Unknown names and bad argument bytes
   * give a failed outcome, never a throw.
   */
  callProcedure(nameOrId: string | number, args: Uint8Array, caller: Caller): ProcedureOutcome;
  /**
   * Runs HTTP handler `id` (its position in `def.httpHandlers`) on a request, like a procedure: outside any
   * transaction, each `ctx.withTx` committing on its own. A throw, or running past `timeoutMs` (the module's code
   * is stopped; an open transaction rolled back), gives a failed outcome (the module's log has it).
   */
  callHttpHandler(
    id: number,
    request: HttpHandlerRequest,
    body: Uint8Array,
    timestamp: bigint,
    timeoutMs: number,
  ): HttpHandlerOutcome;
  /**
   * Runs writes the host makes itself (SQL DML over HTTP) as one transaction named `label`: committed (commit
   * listeners told) when `write` returns, rolled back when it throws (a DatastoreError for a unique violation).
   */
  writeRows<T>(label: string, write: (rows: RowWriter) => T): { value: T; outcome: CommittedOutcome };
  /** Runs the module's lifecycle reducer of that kind; a committed empty outcome when it has none. */
  callLifecycle(kind: LifecycleKind, caller: Caller): ReducerOutcome;
  /** Read access to a table by canonical or accessor name; throws a clear error for unknown names. */
  table(name: string): TableHandle;
  /**
   * Evaluates a view for one subscriber (`sender` null for anonymous views) against committed state.
   * Throws when the view throws (the message names the view).
   */
  evaluateView(name: string, sender: bigint | null): ViewResult;
  /** The view definition by canonical or accessor name, or null. */
  view(name: string): ViewDef | null;
  /** Records the JWT payload (JSON text) of a connection, for `ctx.senderAuth`; null forgets it. */
  setConnectionJwt(connectionId: bigint, payload: string | null): void;
  /** Writes a line to the module's log as the host (SpacetimeDB's injected lines: a call it refused, and why). */
  log(level: ModuleLogRecord['level'], message: string): void;
  /** Decodes one row a view returned to the datastore's column values (for WHERE clauses on views). */
  decodeViewRow(viewName: string, bytes: Uint8Array): SatsValue[];
  /**
   * Calls `listener` synchronously after every commit (client, lifecycle and scheduled reducers), in tx offset
   * order, before the call that committed returns. Returns a function that stops the calls.
   */
  onCommit(listener: (tx: CommitNotice) => void): () => void;
  /**
   * Sets what a transaction must pass before it commits (null: nothing). A refused reducer fails with SpacetimeDB's
   * "The instance encountered a fatal error." and rolls back (the reason goes to the module's log), a procedure's
   * `ctx.withTx` throws, host writes (SQL DML) throw a DatastoreError; nothing of it is kept or sent.
   */
  setCommitCheck(check: CommitCheck | null): void;
  /** Calls `listener` after every reducer call that failed (nothing was committed). Returns an unsubscribe. */
  onReducerFailed(listener: (reducerName: string, outcome: FailedOutcome) => void): () => void;
  /**
   * Calls `listener` when the module asks for a reducer or procedure to run as soon as possible
   * (`volatile_nonatomic_schedule_immediate`), at the moment it asks: the call is the listener's to run, after the
   * running one. Returns an unsubscribe.
   */
  onScheduleImmediate(listener: (functionName: string, args: Uint8Array) => void): () => void;
  /**
   * Rolls back a transaction an unexpected host error left open (nothing of it is kept, nothing is committed), so
   * the next call starts clean. Returns whether one was open. The host's failure guard calls it.
   */
  rollbackOpenTransaction(): boolean;
  /**
   * Replays stored changes without running reducers: deletes rows equal to `deletes`, then inserts `inserts`
   * (indexes and unique constraints kept, sequences not advanced), then moves the tx offset to `txOffset`.
   * Throws a clear error for an unknown table, bytes that are not a row, or a row to delete that is absent.
   * Rows inserted into an empty table keep the given bytes (start-up loads a snapshot without copying it):
   * never mutate them afterwards.
   */
  applyChanges(changes: readonly ReplayedChange[], txOffset: bigint): void;
  /** The next value of every sequence, keyed `${tableName}.${sequenceName}` (canonical names). */
  sequenceState(): Map<string, bigint>;
  /** Sets sequences from `sequenceState()` output; throws for keys naming no sequence. */
  restoreSequences(state: ReadonlyMap<string, bigint>): void;
  /**
   * Runs the scheduled reducer of schedule table `tableName` with `rowBytes` (a row of that table) as argument.
   * A row whose ScheduleAt is `Time` is deleted: in the same transaction when the reducer succeeds, in one of its
   * own when it fails (both go to `onCommit`). Fails with 'schedule row no longer exists' when the row is gone.
   */
  callScheduled(tableName: string, rowBytes: Uint8Array, caller: Caller): ReducerOutcome;
}
