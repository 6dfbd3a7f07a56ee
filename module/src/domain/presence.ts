import type { Identity } from 'spacetimedb';
import { t, type AnonymousViewCtx, type Infer, type InferSchema } from 'spacetimedb/server';
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

/** The number of registered learners online, and the first `size` of them by username. */
export function onlineWindow(ctx: AnonymousViewCtx<InferSchema<typeof spacetimedb>>, size = ONLINE_WINDOW): { count: number; rows: Infer<typeof ONLINE_WINDOW_ROW>[] } {
  const rows: Infer<typeof ONLINE_WINDOW_ROW>[] = [];
  for (const presence of ctx.db.presence.iter()) {
    if (!presence.online) continue;
    const name = ctx.db.learner_name.identity.find(presence.learner);
    if (name) rows.push({ ...name, idle: presence.idle, current_lab: presence.current_lab });
  }
  const count = rows.length;
  if (size === 0) return { count, rows: [] };
  rows.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  return { count, rows: rows.slice(0, size) };
}
