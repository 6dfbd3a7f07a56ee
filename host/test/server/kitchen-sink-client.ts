/**
 * Client bindings for the kitchen-sink fixture, written the way `spacetime generate --lang typescript` writes
 * them (tables and views with canonical names, reducers by canonical name), for the tables these tests use.
 * Node 20 has no global WebSocket: the SDK gets the `ws` package's.
 */
import {
  DbConnectionBuilder,
  DbConnectionImpl,
  convertToAccessorMap,
  procedures,
  reducerSchema,
  reducers,
  schema,
  setGlobalLogLevel,
  t,
  table,
  type DbConnectionConfig,
} from 'spacetimedb';
import { WebSocket } from 'ws';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
// The SDK's info lines ("Connecting...") interleave with node:test's own stdout protocol; keep warnings only.
setGlobalLogLevel('warn');

const AccountRow = t.row({ id: t.u32().primaryKey(), owner: t.identity(), balance: t.i64() });
const ConnectionRow = t.row({
  identity: t.identity().primaryKey(),
  connectedAt: t.timestamp().name('connected_at'),
  online: t.bool(),
});
const ScoreRow = t.row({
  scoreId: t.u64().primaryKey().name('score_id'),
  game: t.string(),
  player: t.string(),
  points: t.i32(),
  level: t.u8(),
});
const NoteRow = t.row({ id: t.u32(), owner: t.identity(), body: t.string() });
const ScoreViewRow = t.row({ scoreId: t.u64().name('score_id'), game: t.string(), player: t.string(), points: t.i32(), level: t.u8() });

const tablesSchema = schema({
  account: table({ name: 'account', indexes: [], constraints: [] }, AccountRow),
  connection: table({ name: 'connection', indexes: [], constraints: [] }, ConnectionRow),
  score: table({ name: 'score', indexes: [], constraints: [] }, ScoreRow),
  secretNote: table({ name: 'secret_note', indexes: [], constraints: [] }, NoteRow),
  myNotes: table({ name: 'my_notes', indexes: [], constraints: [] }, NoteRow),
  topScores: table({ name: 'top_scores', indexes: [], constraints: [] }, ScoreViewRow),
});

const reducersSchema = reducers(
  reducerSchema('open_account', { id: t.u32(), balance: t.i64() }),
  reducerSchema('transfer', { from: t.u32(), to: t.u32(), amount: t.i64() }),
  reducerSchema('add_score', { game: t.string(), player: t.string(), points: t.i32(), level: t.u8() }),
  reducerSchema('delete_scores_below', { game: t.string(), points: t.i32() }),
  reducerSchema('add_note', { body: t.string() }),
  reducerSchema('fail_after_write', { body: t.string() }),
  reducerSchema('clear_scores', {}),
);
const proceduresSchema = procedures();

const REMOTE_MODULE = {
  versionInfo: { cliVersion: '2.0.0' as const },
  tables: tablesSchema.schemaType.tables,
  reducers: reducersSchema.reducersType.reducers,
  ...proceduresSchema,
};

export const reducerAccessors = convertToAccessorMap(reducersSchema.reducersType.reducers);

export class KitchenSinkConnection extends DbConnectionImpl<typeof REMOTE_MODULE> {
  static builder = (): DbConnectionBuilder<KitchenSinkConnection> =>
    new DbConnectionBuilder<KitchenSinkConnection>(
      REMOTE_MODULE,
      (config: DbConnectionConfig<typeof REMOTE_MODULE>) => new KitchenSinkConnection(config),
    );
}
