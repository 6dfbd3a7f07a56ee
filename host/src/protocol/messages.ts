/**
 * The v2 client protocol's message types (`v2.bsatn.spacetimedb`), declared with the public `t` builders of the
 * `spacetimedb` package so that their BSATN layout is exactly the one the SDK reads and writes.
 * Field order and variant order are the wire format: never reorder them.
 */
import { t, type Infer } from 'spacetimedb';

export const QuerySetId = t.object('QuerySetId', { id: t.u32() });

export const RowSizeHint = t.enum('RowSizeHint', {
  FixedSize: t.u16(),
  RowOffsets: t.array(t.u64()),
});

/** Rows of one table as concatenated BSATN, with a hint to split them. */
export const BsatnRowList = t.object('BsatnRowList', {
  sizeHint: RowSizeHint,
  rowsData: t.byteArray(),
});

export const SingleTableRows = t.object('SingleTableRows', { table: t.string(), rows: BsatnRowList });
export const QueryRows = t.object('QueryRows', { tables: t.array(SingleTableRows) });

export const PersistentTableRows = t.object('PersistentTableRows', { inserts: BsatnRowList, deletes: BsatnRowList });
export const EventTableRows = t.object('EventTableRows', { events: BsatnRowList });
export const TableUpdateRows = t.enum('TableUpdateRows', {
  PersistentTable: PersistentTableRows,
  EventTable: EventTableRows,
});
export const TableUpdate = t.object('TableUpdate', { tableName: t.string(), rows: t.array(TableUpdateRows) });
export const QuerySetUpdate = t.object('QuerySetUpdate', { querySetId: QuerySetId, tables: t.array(TableUpdate) });
export const TransactionUpdate = t.object('TransactionUpdate', { querySets: t.array(QuerySetUpdate) });

export const UnsubscribeFlags = t.enum('UnsubscribeFlags', { Default: t.unit(), SendDroppedRows: t.unit() });

export const Subscribe = t.object('Subscribe', {
  requestId: t.u32(),
  querySetId: QuerySetId,
  queryStrings: t.array(t.string()),
});
export const Unsubscribe = t.object('Unsubscribe', {
  requestId: t.u32(),
  querySetId: QuerySetId,
  flags: UnsubscribeFlags,
});
export const OneOffQuery = t.object('OneOffQuery', { requestId: t.u32(), queryString: t.string() });
export const CallReducer = t.object('CallReducer', {
  requestId: t.u32(),
  flags: t.u8(),
  reducer: t.string(),
  args: t.byteArray(),
});
export const CallProcedure = t.object('CallProcedure', {
  requestId: t.u32(),
  flags: t.u8(),
  procedure: t.string(),
  args: t.byteArray(),
});

/** What a client sends. */
export const ClientMessage = t.enum('ClientMessage', {
  Subscribe,
  Unsubscribe,
  OneOffQuery,
  CallReducer,
  CallProcedure,
});
export type ClientMessage = Infer<typeof ClientMessage>;

export const InitialConnection = t.object('InitialConnection', {
  identity: t.identity(),
  connectionId: t.connectionId(),
  token: t.string(),
});
export const SubscribeApplied = t.object('SubscribeApplied', {
  requestId: t.u32(),
  querySetId: QuerySetId,
  rows: QueryRows,
});
export const UnsubscribeApplied = t.object('UnsubscribeApplied', {
  requestId: t.u32(),
  querySetId: QuerySetId,
  rows: t.option(QueryRows),
});
export const SubscriptionError = t.object('SubscriptionError', {
  requestId: t.option(t.u32()),
  querySetId: QuerySetId,
  error: t.string(),
});
/**
 * `Result<QueryRows, String>` on the wire (tag 0 ok, 1 err). Declared as a plain enum because the package's
 * `t.result` serializer writes the error with the ok type's serializer.
 */
export const OneOffQueryOutcome = t.enum('OneOffQueryOutcome', { Ok: QueryRows, Err: t.string() });
export const OneOffQueryResult = t.object('OneOffQueryResult', {
  requestId: t.u32(),
  result: OneOffQueryOutcome,
});
export const ReducerOk = t.object('ReducerOk', { retValue: t.byteArray(), transactionUpdate: TransactionUpdate });
export const ReducerOutcome = t.enum('ReducerOutcome', {
  Ok: ReducerOk,
  OkEmpty: t.unit(),
  Err: t.byteArray(),
  InternalError: t.string(),
});
export const ReducerResult = t.object('ReducerResult', {
  requestId: t.u32(),
  timestamp: t.timestamp(),
  result: ReducerOutcome,
});
export const ProcedureStatus = t.enum('ProcedureStatus', { Returned: t.byteArray(), InternalError: t.string() });
export const ProcedureResult = t.object('ProcedureResult', {
  status: ProcedureStatus,
  timestamp: t.timestamp(),
  totalHostExecutionDuration: t.timeDuration(),
  requestId: t.u32(),
});

/** What the host sends. */
export const ServerMessage = t.enum('ServerMessage', {
  InitialConnection,
  SubscribeApplied,
  UnsubscribeApplied,
  SubscriptionError,
  TransactionUpdate,
  OneOffQueryResult,
  ReducerResult,
  ProcedureResult,
});
export type ServerMessage = Infer<typeof ServerMessage>;
export type QueryRows = Infer<typeof QueryRows>;
export type TableUpdate = Infer<typeof TableUpdate>;
export type QuerySetUpdate = Infer<typeof QuerySetUpdate>;
export type BsatnRowList = Infer<typeof BsatnRowList>;
