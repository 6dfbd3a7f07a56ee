/*
 * Stand-in for the generated client bindings (`src/bindings/`, written by `npm run generate` from `module/`)
 * until the generator lands: the tables and reducers the widgets use, declared with the SDK's public client
 * builders exactly as the module declares them (column order and types must match: rows travel positionally).
 * When `src/bindings/index.ts` exists, this file becomes `export { DbConnection } from '../bindings/index.js'`.
 */
import {
  DbConnectionBuilder,
  DbConnectionImpl,
  reducerSchema,
  reducers,
  schema,
  t,
  table,
  type DbConnectionConfig,
} from 'spacetimedb';

const tablesSchema = schema({
  learner: table(
    { name: 'learner', public: true },
    {
      identity: t.identity().primaryKey(),
      username: t.string().unique(),
      display_name: t.string(),
      avatar_url: t.string(),
      role: t.string(),
      joined_at: t.timestamp(),
      xp: t.u64().index('btree'),
      level: t.u32(),
      labs_completed: t.u32(),
      current_streak: t.u32(),
      longest_streak: t.u32(),
    },
  ),
  presence: table(
    { name: 'presence', public: true },
    {
      learner: t.identity().primaryKey(),
      connections: t.u32(),
      online: t.bool(),
      idle: t.bool(),
      current_lab: t.string(),
      last_seen: t.timestamp(),
    },
  ),
  channel_message: table(
    { name: 'channel_message', public: true },
    {
      id: t.u64().primaryKey().autoInc(),
      channel: t.string().index('btree'),
      sender: t.identity().index('btree'),
      text: t.string(),
      sent_at: t.timestamp(),
      edited_at: t.option(t.timestamp()),
      deleted: t.bool(),
    },
  ),
  xp_count: table(
    { name: 'xp_count', public: true },
    { key: t.string().primaryKey(), board: t.u32().index('btree'), xp: t.u64(), learners: t.u64() },
  ),
  weekly_score: table(
    { name: 'weekly_score', public: true },
    { key: t.string().primaryKey(), week: t.u32().index('btree'), learner: t.identity(), xp: t.u64() },
  ),
  achievement: table(
    { name: 'achievement', public: true },
    { id: t.string().primaryKey(), title: t.string(), description: t.string(), position: t.u32() },
  ),
  achievement_award: table(
    { name: 'achievement_award', public: true },
    {
      key: t.string().primaryKey(),
      learner: t.identity().index('btree'),
      achievement_id: t.string(),
      awarded_at: t.timestamp(),
    },
  ),
  lab: table(
    { name: 'lab', public: true },
    {
      id: t.string().primaryKey(),
      module_id: t.string().index('btree'),
      title: t.string(),
      xp: t.u32(),
      difficulty: t.string(),
      position: t.u32(),
      source: t.string(),
      author: t.option(t.identity()),
      definition: t.string(),
      updated_at: t.timestamp(),
    },
  ),
  my_direct_messages: table(
    { name: 'my_direct_messages', public: true },
    {
      id: t.u64(),
      sender: t.identity(),
      recipient: t.identity(),
      text: t.string(),
      sent_at: t.timestamp(),
      edited_at: t.option(t.timestamp()),
      deleted: t.bool(),
    },
  ),
  my_sanction: table(
    { name: 'my_sanction', public: true },
    {
      learner: t.identity(),
      muted_until: t.option(t.timestamp()),
      banned: t.bool(),
      reason: t.string(),
      by: t.identity(),
      at: t.timestamp(),
    },
  ),
  course_module: table(
    { name: 'course_module', public: true },
    { id: t.string().primaryKey(), title: t.string(), summary: t.string(), position: t.u32(), lab_count: t.u32() },
  ),
});

const reducersSchema = reducers(
  reducerSchema('register_user', { username: t.string(), display_name: t.string(), time_zone: t.string() }),
  reducerSchema('update_profile', { display_name: t.string(), avatar_url: t.string() }),
  reducerSchema('set_time_zone', { time_zone: t.string() }),
  reducerSchema('heartbeat', { current_lab: t.string(), idle: t.bool() }),
  reducerSchema('send_message', { channel: t.string(), text: t.string() }),
  reducerSchema('edit_message', { message_id: t.u64(), text: t.string() }),
  reducerSchema('delete_message', { message_id: t.u64() }),
  reducerSchema('send_direct_message', { to_username: t.string(), text: t.string() }),
  reducerSchema('edit_direct_message', { message_id: t.u64(), text: t.string() }),
  reducerSchema('delete_direct_message', { message_id: t.u64() }),
  reducerSchema('block_learner', { username: t.string() }),
  reducerSchema('unblock_learner', { username: t.string() }),
  reducerSchema('report_message', { message_id: t.u64(), direct: t.bool(), reason: t.string() }),
  reducerSchema('mute_learner', { username: t.string(), minutes: t.u32(), reason: t.string() }),
  reducerSchema('ban_learner', { username: t.string(), reason: t.string() }),
  reducerSchema('lift_sanction', { username: t.string() }),
  reducerSchema('start_lab', { lab_id: t.string() }),
  reducerSchema('save_lab_state', { lab_id: t.string(), snapshot: t.string() }),
  reducerSchema('use_hint', { lab_id: t.string() }),
  reducerSchema('reset_lab', { lab_id: t.string() }),
  reducerSchema('delete_lab_state', { lab_id: t.string() }),
  reducerSchema('complete_lab', { lab_id: t.string(), snapshot: t.string() }),
);

const REMOTE_MODULE = {
  versionInfo: { cliVersion: '2.0.0' as const },
  tables: tablesSchema.schemaType.tables,
  reducers: reducersSchema.reducersType.reducers,
  procedures: [],
};

/** A connection to the academy module. */
export class DbConnection extends DbConnectionImpl<typeof REMOTE_MODULE> {
  /** Starts configuring a connection. */
  static builder = (): DbConnectionBuilder<DbConnection> =>
    new DbConnectionBuilder(REMOTE_MODULE, (config: DbConnectionConfig<typeof REMOTE_MODULE>) => new DbConnection(config));
}
