/**
 * Watches the module's `lab_completion` rows as transactions commit (host-side, read only: the module's tables
 * are not changed), so grades can go back to the LMS.
 */
import type { Engine } from '../engine/index.js';
import type { Completion } from './score-delivery.js';

const TABLE = 'lab_completion';

/**
 * Calls `onCompletion` for every completion row inserted from now on; returns a function that stops watching.
 * It runs inside the engine's commit, so a failure here is reported to `onError`, never thrown into the commit.
 */
export function observeCompletions(
  engine: Engine,
  onCompletion: (completion: Completion) => void,
  onError: (err: Error) => void,
): () => void {
  if (!engine.def.tables.some((table) => table.name === TABLE)) return () => {};
  const table = engine.table(TABLE);
  return engine.onCommit((tx) => {
    for (const change of tx.changes) {
      if (change.tableName !== TABLE) continue;
      for (const bytes of change.inserts) {
        try {
          // Keyed by the module's column names (lab_completion in module/src/tables/labs.ts).
          const row = table.decodeRow(bytes) as {
            learner: { toHexString(): string };
            lab_id: string;
            completed_at: { toDate(): Date };
            hints_used: number;
          };
          onCompletion({
            identityHex: row.learner.toHexString(),
            labId: row.lab_id,
            completedAt: row.completed_at.toDate(),
            hintsUsed: row.hints_used,
          });
        } catch (err) {
          onError(err as Error);
        }
      }
    }
  });
}
