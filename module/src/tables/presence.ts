import { table, t } from 'spacetimedb/server';

/** Who is online, idle, and in which lab. One row per registered learner who ever connected. */
export const presence = table(
  { name: 'presence', public: true },
  {
    learner: t.identity().primaryKey(),
    /** Open connections (tabs, devices): online while above zero. */
    connections: t.u32(),
    online: t.bool(),
    idle: t.bool(),
    /** Lab id the learner has open, or empty. */
    current_lab: t.string(),
    /** When the learner's presence last changed (connections, idle, lab); routine heartbeats leave it. */
    last_seen: t.timestamp(),
  },
);

/** Every open connection, registered or not (private). */
export const connection = table(
  { name: 'connection' },
  {
    connection_id: t.connectionId().primaryKey(),
    identity: t.identity().index('btree'),
    connected_at: t.timestamp(),
    /** Indexed so the safety-net sweep reads only silent connections. */
    last_heartbeat: t.timestamp().index('btree'),
  },
);

/** Drives `cleanup_offline_users`, the safety net for connections whose disconnect never ran. */
export const presence_sweep = table(
  { name: 'presence_sweep' },
  {
    id: t.u64().primaryKey().autoInc(),
    scheduled_at: t.scheduleAt(),
  },
);

/** How many learners are online (one row, id 0): kept by `setConnections`, so counting reads one row. */
export const presence_tally = table(
  { name: 'presence_tally' },
  {
    id: t.u32().primaryKey(),
    online: t.u32(),
  },
);

/**
 * The learners online now, by username (private): what the presence list walks, so it reads the first
 * `ONLINE_WINDOW` online learners and never the offline ones before them. Kept by `setConnections` (usernames
 * never change); rebuilt from `presence` when it disagrees with `presence_tally` (a database from before it).
 */
export const online_learner = table(
  { name: 'online_learner' },
  {
    learner: t.identity().primaryKey(),
    username: t.string().index('btree'),
  },
);
