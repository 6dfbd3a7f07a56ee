// A library module: its own schema, tables, reducers and views, written as if it were a module of its own. A module
// that mounts it (`schema({ ..., inventory })`, with `import * as inventory`) serves all of it under a namespace.
import { schema, table, t, ScheduleAt } from 'spacetimedb/server';

const stockItem = table(
  { public: true },
  {
    id: t.u32().primaryKey(),
    name: t.string().index('btree'),
    count: t.u32(),
  },
);

// Runs `restock` once, a moment after `scheduleRestock` asked.
const restockTimer = table(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table and its reducer refer to each other
  { scheduled: (): any => restock },
  {
    scheduledId: t.u64().primaryKey().autoInc(),
    scheduledAt: t.scheduleAt(),
    itemId: t.u32(),
  },
);

const inventory = schema({ stockItem, restockTimer });
export default inventory;

export const addItem = inventory.reducer({ id: t.u32(), name: t.string() }, (ctx, { id, name }) => {
  const existing = ctx.db.stockItem.id.find(id);
  if (existing) ctx.db.stockItem.id.update({ ...existing, count: existing.count + 1 });
  else ctx.db.stockItem.insert({ id, name, count: 1 });
});

export const scheduleRestock = inventory.reducer({ itemId: t.u32() }, (ctx, { itemId }) => {
  ctx.db.restockTimer.insert({
    scheduledId: 0n,
    scheduledAt: ScheduleAt.time(ctx.timestamp.microsSinceUnixEpoch),
    itemId,
  });
});

export const restock = inventory.reducer({ timer: restockTimer.rowType }, (ctx, { timer }) => {
  const item = ctx.db.stockItem.id.find(timer.itemId);
  if (item) ctx.db.stockItem.id.update({ ...item, count: item.count + 10 });
});

// Items there are more than one of, built with the query builder over the library's own table.
export const plentiful = inventory.anonymousView(
  { name: 'plentiful', public: true },
  t.array(stockItem.rowType),
  (ctx) => ctx.from.stockItem.where((item) => item.count.gt(1)),
);
