import { Range, ScheduleAt, t } from 'spacetimedb/server';
import { Timestamp } from 'spacetimedb';
import { syncCatalog, syncCatalogIfChanged } from '../domain/catalog.js';
import { spend } from '../domain/allowance.js';
import { refuseCall } from '../domain/context.js';
import { fillNamesIfMissing } from '../domain/names.js';
import { fillChatPagesIfMissing } from '../domain/chat-pages.js';
import { SILENT_CONNECTION_SECONDS, setConnections } from '../domain/presence.js';
import { spacetimedb } from '../schema.js';
import { presence_sweep } from '../tables/presence.js';

const SWEEP_EVERY_MICROS = 60_000_000n;

/**
 * First publish: the publisher becomes the academy's owner (when they register), the bundled catalog is mirrored
 * into the public tables, and the presence sweep is scheduled.
 */
export const init = spacetimedb.init((ctx) => {
  ctx.db.academy_config.insert({ id: 0, owner: ctx.sender, catalog_fingerprint: '' });
  syncCatalog(ctx);
  ctx.db.presence_sweep.insert({ id: 0n, scheduled_at: ScheduleAt.interval(SWEEP_EVERY_MICROS) });
});

/**
 * A tab or device connected: count it, so two tabs are one online learner. SpacetimeDB does not run `init` when
 * a new version is published over an existing database, so the first connection after an update refreshes the
 * catalog mirror if the bundled curriculum changed, and fills tables that version added.
 */
export const client_connected = spacetimedb.clientConnected((ctx) => {
  syncCatalogIfChanged(ctx);
  fillNamesIfMissing(ctx);
  fillChatPagesIfMissing(ctx);
  if (!ctx.connectionId) return;
  ctx.db.connection.insert({
    connection_id: ctx.connectionId,
    identity: ctx.sender,
    connected_at: ctx.timestamp,
    last_heartbeat: ctx.timestamp,
  });
  setConnections(ctx, ctx.sender, 1);
});

/** A tab or device closed: the learner stays online while another one is open. */
export const client_disconnected = spacetimedb.clientDisconnected((ctx) => {
  if (!ctx.connectionId || !ctx.db.connection.connection_id.delete(ctx.connectionId)) return;
  setConnections(ctx, ctx.sender, -1);
});

/**
 * Safety net for connections whose disconnect never ran (a host crash): drop those silent for 15 minutes. Only
 * the scheduler may call it; a client calling it by hand is refused.
 */
export const cleanup_offline_users = spacetimedb.reducer(
  { onSchedule: presence_sweep },
  { sweep: presence_sweep.rowType },
  (ctx) => {
    if (!ctx.sender.isEqual(ctx.databaseIdentity)) refuseCall('This cleanup runs on its own schedule');
    const cutoff = new Timestamp(ctx.timestamp.microsSinceUnixEpoch - BigInt(SILENT_CONNECTION_SECONDS) * 1_000_000n);
    const silent = [...ctx.db.connection.last_heartbeat.filter(new Range(null, { tag: 'excluded', value: cutoff }))];
    for (const row of silent) {
      ctx.db.connection.connection_id.delete(row.connection_id);
      setConnections(ctx, row.identity, -1);
    }
  },
);

/** A connection's liveness is rewritten at most this often: the sweep only needs minutes of precision. */
const HEARTBEAT_REFRESH_MICROS = 60_000_000n;

/**
 * A connection is alive: keeps it out of the sweep, and sets what others see (idle, which lab is open).
 * `current_lab` is a lab id or empty. Coalesced: a heartbeat that changes nothing others see, within a minute of
 * the connection's last refresh, writes nothing; a change of status spends the `presence` allowance.
 */
export const heartbeat = spacetimedb.reducer(
  { current_lab: t.string(), idle: t.bool() },
  (ctx, { current_lab, idle }) => {
    const connection = ctx.connectionId ? ctx.db.connection.connection_id.find(ctx.connectionId) : null;
    const now = ctx.timestamp.microsSinceUnixEpoch;
    if (connection && now - connection.last_heartbeat.microsSinceUnixEpoch >= HEARTBEAT_REFRESH_MICROS) {
      ctx.db.connection.connection_id.update({ ...connection, last_heartbeat: ctx.timestamp });
    }
    const row = ctx.db.presence.learner.find(ctx.sender);
    if (!row || (row.idle === idle && row.current_lab === current_lab)) return;
    if (current_lab !== '' && !ctx.db.lab.id.find(current_lab))
      refuseCall(`There is no lab "${current_lab.slice(0, 64)}"`);
    spend(ctx, 'presence');
    ctx.db.presence.learner.update({ ...row, idle, current_lab, last_seen: ctx.timestamp });
  },
);
