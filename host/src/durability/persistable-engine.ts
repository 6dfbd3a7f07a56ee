import type { CommittedOutcome, TableHandle } from '../engine/index.js';
import type { ModuleDef } from '../schema/module-def.js';
import type { LoggedTableChange } from './transaction-record.js';

/**
 * What durability needs from the engine (requested in host/ENGINE-REQUESTS.md, items 3-5): hear every commit,
 * put rows back at start-up without running reducers, and read and restore sequence positions.
 */
export interface PersistableEngine {
  readonly def: ModuleDef;
  readonly txOffset: bigint;
  table(name: string): Pick<TableHandle, 'rows'>;
  /** Hears every commit, in offset order, with the name of the reducer (or lifecycle kind) that made it. */
  onCommit(listener: (outcome: CommittedOutcome, reducerName: string) => void): () => void;
  applyChanges(changes: readonly LoggedTableChange[], txOffset: bigint): void;
  sequenceState(): Map<string, bigint>;
  restoreSequences(state: ReadonlyMap<string, bigint>): void;
}
