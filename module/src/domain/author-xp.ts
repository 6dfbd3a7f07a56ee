import type { CatalogLab } from './catalog.js';
import { learnerKey, type Ctx } from './context.js';

/** Most XP one learner can earn from all the labs of one author: a friend's labs cannot out-pay the curriculum. */
export const AUTHOR_XP_PER_LEARNER_MAX = 200;

/**
 * The XP completing `entry` pays the caller, and records it. Built-in labs pay their catalog XP; an author's lab
 * pays only once an admin approved it, and only what is left of the caller's allowance for that author.
 */
export function payableXp(ctx: Ctx, entry: CatalogLab): number {
  if (!entry.author) return entry.lab.xp;
  if (!ctx.db.lab_approval.lab_id.find(entry.lab.id)) return 0;
  const key = learnerKey(ctx.sender, entry.author.toHexString());
  const row = ctx.db.author_xp.key.find(key);
  const earned = row?.xp ?? 0;
  const pay = Math.max(0, Math.min(entry.lab.xp, AUTHOR_XP_PER_LEARNER_MAX - earned));
  if (pay === 0) return 0;
  if (row) ctx.db.author_xp.key.update({ key, xp: earned + pay });
  else ctx.db.author_xp.insert({ key, xp: pay });
  return pay;
}
