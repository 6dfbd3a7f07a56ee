import type { Identity } from 'spacetimedb';
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
