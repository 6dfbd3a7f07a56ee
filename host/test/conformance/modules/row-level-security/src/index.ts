// Row-level security as a SpacetimeDB developer writes it. Publishable unchanged with `spacetime publish`.
import { schema, table, t } from 'spacetimedb/server';

const player = table(
  { public: true },
  {
    identity: t.identity().primaryKey(),
    name: t.string(),
    team: t.string().index('btree'),
  },
);

const message = table(
  { public: true },
  {
    id: t.u64().primaryKey().autoInc(),
    team: t.string().index('btree'),
    text: t.string(),
  },
);

const notice = table(
  { public: true },
  {
    id: t.u32().primaryKey(),
    everyone: t.bool(),
    recipient: t.identity(),
    text: t.string(),
  },
);

const spacetimedb = schema({ player, message, notice });
export default spacetimedb;

// Each client sees its own player row only.
export const ownPlayer = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM player WHERE identity = :sender');
// A client sees the messages of its team: the join reads `player`, whose own rule applies to it as well.
export const teamMessages = spacetimedb.clientVisibilityFilter.sql(
  'SELECT message.* FROM message JOIN player ON message.team = player.team',
);
// Two rules on one table: a client sees the rows either of them returns.
export const publicNotices = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM notice WHERE everyone = true');
export const myNotices = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM notice WHERE recipient = :sender');

// Views do their own access control in code: the rules do not apply to what a view reads.
export const roster = spacetimedb.anonymousView({ name: 'roster', public: true }, t.array(player.rowType), (ctx) => [
  ...ctx.db.player.iter(),
]);

export const join = spacetimedb.reducer({ name: t.string(), team: t.string() }, (ctx, { name, team }) => {
  const existing = ctx.db.player.identity.find(ctx.sender);
  if (existing) ctx.db.player.identity.update({ ...existing, name, team });
  else ctx.db.player.insert({ identity: ctx.sender, name, team });
});

export const post = spacetimedb.reducer({ team: t.string(), text: t.string() }, (ctx, { team, text }) => {
  ctx.db.message.insert({ id: 0n, team, text });
});

export const addNotice = spacetimedb.reducer(
  { id: t.u32(), everyone: t.bool(), recipient: t.identity(), text: t.string() },
  (ctx, row) => {
    ctx.db.notice.insert(row);
  },
);
