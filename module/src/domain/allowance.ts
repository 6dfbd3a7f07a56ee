import { Timestamp } from 'spacetimedb';
import { ALLOWANCES, spendAllowance, type Action } from '../rules/rate-limit.js';
import { accept, type Ctx } from './context.js';

/** Whose allowance shared limits are charged to. */
export const EVERYONE = 'everyone';

/**
 * Charge one write (or `cost` units) to the caller's allowance for `action`, or to the allowance everyone shares
 * when `subject` is `EVERYONE`; refuses with the wait when it is spent. A refused call writes nothing (the
 * transaction rolls back), so refusals cost no storage.
 */
export function spend(ctx: Ctx, action: Action, cost = 1, subject = ctx.sender.toHexString()): void {
  const key = `${subject}/${action}`;
  const row = ctx.db.write_allowance.key.find(key);
  const bucket = row ? { tokens: row.tokens, at: row.at.microsSinceUnixEpoch } : undefined;
  const next = accept(spendAllowance(ALLOWANCES[action], bucket, ctx.timestamp.microsSinceUnixEpoch, cost));
  const updated = { key, tokens: next.tokens, at: new Timestamp(next.at) };
  if (row) ctx.db.write_allowance.key.update(updated);
  else ctx.db.write_allowance.insert(updated);
}
