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
  listOnline(ctx, learner, next.online);
  tallyOnline(ctx, Number(next.online) - Number(row?.online ?? false));
}

/** Keep `online_learner` in step with a learner's presence. */
function listOnline(ctx: Ctx, learner: Identity, online: boolean): void {
  const listed = ctx.db.online_learner.learner.find(learner);
  if (online && !listed) {
    const name = ctx.db.learner_name.identity.find(learner);
    if (name) ctx.db.online_learner.insert({ learner, username: name.username });
  } else if (!online && listed) ctx.db.online_learner.learner.delete(learner);
}

/**
 * Keep `presence_tally` in step: `change` learners came online (or went, when negative). A database from before
 * the tally or the `online_learner` list gets them here, counted once from `presence` (the change is already in).
 */
function tallyOnline(ctx: Ctx, change: number): void {
  const tally = ctx.db.presence_tally.id.find(0);
  if (tally && BigInt(tally.online + change) === ctx.db.online_learner.count()) {
    if (change !== 0) ctx.db.presence_tally.id.update({ id: 0, online: tally.online + change });
    return;
  }
  let online = 0;
  for (const row of [...ctx.db.online_learner.iter()]) ctx.db.online_learner.learner.delete(row.learner);
  for (const row of ctx.db.presence.iter()) {
    if (!row.online) continue;
    online++;
    listOnline(ctx, row.learner, true);
  }
  if (tally) ctx.db.presence_tally.id.update({ id: 0, online });
  else ctx.db.presence_tally.insert({ id: 0, online });
}

/** Count a learner's open connections from scratch (at registration: they connected before registering). */
export function countConnections(ctx: Ctx, identity: Identity): number {
  let count = 0;
  for (const _ of ctx.db.connection.identity.filter(identity)) count++;
  return count;
}

/** Most learners `online_learners` lists; the presence list counts the rest. */
export const ONLINE_WINDOW = 50;

/** What a line of a presence list says: who (as `learner_name` has it), idle or not, in which lab. */
export const PRESENCE_LINE_FIELDS = {
  identity: t.identity(),
  username: t.string(),
  display_name: t.string(),
  role: t.string(),
  idle: t.bool(),
  current_lab: t.string(),
};

/** One line of the presence list. */
export const ONLINE_WINDOW_ROW = t.object('PresenceLine', PRESENCE_LINE_FIELDS);

type ViewReadCtx = AnonymousViewCtx<InferSchema<typeof spacetimedb>>;

/** How many registered learners are online. */
export function onlineCount(ctx: ViewReadCtx): number {
  return ctx.db.presence_tally.id.find(0)?.online ?? 0;
}

/**
 * The first `ONLINE_WINDOW` online learners by username. Walks the online list in username order and stops when
 * the list is full, so it reads (and is re-run for) those learners only: however many have left, a departure costs
 * at most `ONLINE_WINDOW` lookups.
 */
export function onlineWindow(ctx: ViewReadCtx): Infer<typeof ONLINE_WINDOW_ROW>[] {
  const rows: Infer<typeof ONLINE_WINDOW_ROW>[] = [];
  for (const online of ctx.db.online_learner.username.filter(new Range<string>(null, null))) {
    const name = ctx.db.learner_name.identity.find(online.learner);
    const presence = ctx.db.presence.learner.find(online.learner);
    if (!name || !presence) continue;
    rows.push({ ...name, idle: presence.idle, current_lab: presence.current_lab });
    if (rows.length === ONLINE_WINDOW) break;
  }
  return rows;
}
