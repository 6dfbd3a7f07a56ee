// A module that mounts a library module as a submodule, as SpacetimeDB 2.x modules may: the library's tables,
// reducers and views are served as `inventory.<name>`. Publishable unchanged with `spacetime publish`.
import { schema, table, t } from 'spacetimedb/server';
import * as inventory from './inventory.js';

const player = table({ public: true }, { identity: t.identity().primaryKey(), name: t.string() });

const spacetimedb = schema({ player, inventory });
export default spacetimedb;

export const join = spacetimedb.reducer({ name: t.string() }, (ctx, { name }) => {
  ctx.db.player.insert({ identity: ctx.sender, name });
});

// The root module reaches the library's tables under its namespace.
export const giveStarterKit = spacetimedb.reducer((ctx) => {
  const kit = ctx.db.inventory.stockItem.id.find(100);
  if (kit) ctx.db.inventory.stockItem.id.update({ ...kit, count: kit.count + 1 });
  else ctx.db.inventory.stockItem.insert({ id: 100, name: 'starter kit', count: 1 });
});
