import type { Identity } from 'spacetimedb';
import { Range, t, type AnonymousViewCtx, type Infer, type InferSchema } from 'spacetimedb/server';
import type { spacetimedb } from '../schema.js';
import type { Ctx } from './context.js';

/** Seconds without a heartbeat after which the safety-net sweep treats a connection as gone. */
export const SILENT_CONNECTION_SECONDS = 15 * 60;

/** Set a registered learner's open-connection count; creates their presence row on first use. */
export function setConnections(ctx: Ctx, learner: Identity, change: number): void {
  if (!ctx.db.learner.identity.find(learner)) return;
  const row = ctx.db.presence.learner.find(learner);
  const connections = Math.max(0, (row?.connections ?? 0) + change);
  const next = {
    learner,
    connections,
    online: connections > 0,
    idle: row?.idle ?? false,
    current_lab: connections > 0 ? (row?.current_lab ?? '') : '',
    last_seen: ctx.timestamp,
  };
  if (row) ctx.db.presence.learner.update(next);
  else ctx.db.presence.insert(next);
  tallyOnline(ctx, Number(next.online) - Number(row?.online ?? false));
}

/** Keep `presence_tally` in step: `change` learners came online (or went, when negative). */
function tallyOnline(ctx: Ctx, change: number): void {
  const tally = ctx.db.presence_tally.id.find(0);
  if (tally) {
    if (change !== 0) ctx.db.presence_tally.id.update({ id: 0, online: tally.online + change });
    return;
  }
  // First use (a new academy, or one updated from before the tally): count once; the change is already in.
  let online = 0;
  for (const row of ctx.db.presence.iter()) if (row.online) online++;
  ctx.db.presence_tally.insert({ id: 0, online });
}

/** Count a learner's open connections from scratch (at registration: they connected before registering). */
export function countConnections(ctx: Ctx, identity: Identity): number {
  let count = 0;
  for (const _ of ctx.db.connection.identity.filter(identity)) count++;
  return count;
}

/** Most learners `online_learners` lists; the presence list counts the rest. */
export const ONLINE_WINDOW = 50;

/** One line of the presence list: who (as `learner_name` has it), idle or not, in which lab. */
export const ONLINE_WINDOW_ROW = t.object('PresenceLine', {
  identity: t.identity(),
  username: t.string(),
  display_name: t.string(),
  role: t.string(),
  idle: t.bool(),
  current_lab: t.string(),
});

type ViewReadCtx = AnonymousViewCtx<InferSchema<typeof spacetimedb>>;

/** How many registered learners are online. */
export function onlineCount(ctx: ViewReadCtx): number {
  return ctx.db.presence_tally.id.find(0)?.online ?? 0;
}

/**
 * The first `ONLINE_WINDOW` online learners by username. Walks names in username order and stops when the list
 * is full, so it reads (and is re-run for) the presence of those learners and the offline ones among them only.
 */
export function onlineWindow(ctx: ViewReadCtx): Infer<typeof ONLINE_WINDOW_ROW>[] {
  const rows: Infer<typeof ONLINE_WINDOW_ROW>[] = [];
  for (const name of ctx.db.learner_name.username.filter(new Range<string>(null, null))) {
    const presence = ctx.db.presence.learner.find(name.identity);
    if (!presence?.online) continue;
    rows.push({ ...name, idle: presence.idle, current_lab: presence.current_lab });
    if (rows.length === ONLINE_WINDOW) break;
  }
  return rows;
}
