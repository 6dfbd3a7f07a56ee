// Tables for SQL DML over HTTP: a public one with a unique name and an auto-increment id, a private one, a view.
// Publishable unchanged with `spacetime publish`.
import { schema, table, t } from 'spacetimedb/server';

const player = table(
  { public: true },
  {
    id: t.u32().primaryKey().autoInc(),
    name: t.string().unique(),
    score: t.i64(),
    active: t.bool(),
    owner: t.identity(),
  },
);

const secret = table({}, { key: t.string().primaryKey(), value: t.string() });

const spacetimedb = schema({ player, secret });
export default spacetimedb;

export const activePlayers = spacetimedb.anonymousView(
  { name: 'active_players', public: true },
  t.array(player.rowType),
  (ctx) => [...ctx.db.player.iter()].filter((p) => p.active),
);
