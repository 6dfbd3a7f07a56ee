import type { Engine } from '../engine/index.js';

/**
 * What durability uses of the engine: hear every commit, put rows back at start-up without running reducers,
 * and read and restore sequence positions.
 */
export type PersistableEngine = Pick<
  Engine,
  'def' | 'txOffset' | 'table' | 'onCommit' | 'applyChanges' | 'sequenceState' | 'restoreSequences'
>;
