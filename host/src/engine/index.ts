/**
 * The host's engine: loads a SpacetimeDB module (TypeScript, `spacetimedb/server` 2.x), gives it the
 * `spacetime:sys@2.0`/`@2.1` syscalls over an in-memory transactional datastore, and runs its reducers
 * and views. The server side (`host/src/server`) drives one `Engine` per database.
 *
 * @example
 * const engine = await loadModule({ moduleDir: 'module', databaseName: 'lta' });
 * engine.callLifecycle('init', { sender: 0n, connectionId: 0n, timestamp: nowMicros() });
 * const outcome = engine.callReducer('send_message', argsBsatn, caller);
 */
export { loadModule } from './load-module.js';
export {
  INSTANCE_FATAL_ERROR,
  invalidArgumentsLogLine,
  lifecycleRefusal,
  mayCall,
  noSuchFunctionLogLine,
  type FunctionKind,
} from './refusals.js';
export { ModuleLoadError } from './module-load-error.js';
export { DatastoreError } from './datastore/errno.js';
export { compareValues, Cursor, makeDecoder } from './datastore/sats-codec.js';
export { ReadSet } from './datastore/read-set.js';
export { ReadWatchers } from './datastore/read-watchers.js';
export type {
  Bound,
  Caller,
  CommitCheck,
  CommitNotice,
  CommittedOutcome,
  Engine,
  FailedOutcome,
  HttpHandlerOutcome,
  HttpHandlerRequest,
  IndexHandle,
  LoadModuleOptions,
  BundledModule,
  ModuleLogger,
  ModuleLogRecord,
  ProcedureOutcome,
  ReducerOutcome,
  ReplayedChange,
  RowWriter,
  SatsValue,
  StoredRow,
  TableChange,
  TableHandle,
  ViewResult,
} from './types.js';
export type {
  ColumnDef,
  HttpHandlerDef,
  HttpRouteDef,
  IndexAlgorithm,
  IndexDef,
  LifecycleKind,
  ModuleDef,
  ProcedureDef,
  ReducerDef,
  ScheduleDef,
  SequenceDef,
  TableDef,
  TypeDef,
  UniqueConstraintDef,
  ViewDef,
} from '../schema/module-def.js';
