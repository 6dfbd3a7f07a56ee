import { utf8Length } from '../rules/text.js';
import type { lab_session } from '../tables/labs.js';
import type { Infer } from 'spacetimedb/server';
import type { Ctx } from './context.js';

/** Most bytes of saved lab states one learner keeps over all labs (each lab's state is at most 256 KiB). */
export const LAB_STATES_MAX_BYTES = 512 * 1024;

type Session = Infer<typeof lab_session.rowType>;

/**
 * Keep a learner's saved states within `LAB_STATES_MAX_BYTES` once `session` holds `snapshot`: the states of their
 * other labs saved longest ago are dropped first (emptied; completions, hints and XP stay), so what they work on
 * now is never the one lost.
 */
export function makeRoomForState(ctx: Ctx, session: Session, snapshot: string): void {
  const others = [...ctx.db.lab_session.learner.filter(session.learner)].filter(
    (row) => row.key !== session.key && row.snapshot !== '',
  );
  let total = utf8Length(snapshot) + others.reduce((sum, row) => sum + utf8Length(row.snapshot), 0);
  others.sort((a, b) => Number(a.updated_at.microsSinceUnixEpoch - b.updated_at.microsSinceUnixEpoch));
  for (const oldest of others) {
    if (total <= LAB_STATES_MAX_BYTES) return;
    total -= utf8Length(oldest.snapshot);
    ctx.db.lab_session.key.update({ ...oldest, snapshot: '' });
  }
}
