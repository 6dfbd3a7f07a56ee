// Views as a SpacetimeDB developer writes them. Publishable unchanged with `spacetime publish`.
import { schema, table, t } from 'spacetimedb/server';

// Private: clients see items only through the views below. The accessor `shopItem` differs from the
// canonical name `shop_item`, which query-builder SQL must still resolve.
const shopItem = table(
  {},
  {
    id: t.u32().primaryKey(),
    owner: t.identity().index('btree'),
    name: t.string(),
    price: t.u32(),
  },
);

const itemTag = table(
  { public: true },
  {
    id: t.u32().primaryKey().autoInc(),
    itemId: t.u32().index('btree'),
    tag: t.string(),
  },
);

const spacetimedb = schema({ shopItem, itemTag });
export default spacetimedb;

const itemRow = t.row('ItemRow', {
  id: t.u32().primaryKey(),
  name: t.string(),
  price: t.u32(),
});

// Per sender, array, with a primary key: clients get onUpdate when an item changes.
export const myItems = spacetimedb.view({ name: 'my_items', public: true }, t.array(itemRow), (ctx) =>
  [...ctx.db.shopItem.owner.filter(ctx.sender)].map(({ id, name, price }) => ({ id, name, price })),
);

// Per sender, optional: the sender's dearest item, or nothing.
export const myDearest = spacetimedb.view({ name: 'my_dearest', public: true }, t.option(itemRow), (ctx) => {
  let best: { id: number; name: string; price: number } | undefined;
  for (const { id, name, price } of ctx.db.shopItem.owner.filter(ctx.sender)) {
    if (!best || price > best.price) best = { id, name, price };
  }
  return best;
});

// Anonymous, optional: the cheapest item of anyone.
export const cheapest = spacetimedb.anonymousView({ name: 'cheapest', public: true }, t.option(itemRow), (ctx) => {
  let best: { id: number; name: string; price: number } | undefined;
  for (const { id, name, price } of ctx.db.shopItem.iter()) {
    if (!best || price < best.price) best = { id, name, price };
  }
  return best;
});

// Anonymous: the shop's total, which throws once it passes a million. A write that would make it throw fails while
// someone watches it, as SpacetimeDB refreshes watched views before it commits.
export const shopTotal = spacetimedb.anonymousView(
  { name: 'shop_total', public: true },
  t.array(t.row('TotalRow', { total: t.u64() })),
  (ctx) => {
    let total = 0n;
    for (const item of ctx.db.shopItem.iter()) total += BigInt(item.price);
    if (total > 1_000_000n) throw new Error(`the shop's total ${total} is past a million`);
    return [{ total }];
  },
);

// Built with the query builder, over the table by its accessor name.
export const expensive = spacetimedb.anonymousView(
  { name: 'expensive', public: true },
  t.array(shopItem.rowType),
  (ctx) => ctx.from.shopItem.where((item) => item.price.gt(100)),
);

export const stock = spacetimedb.reducer(
  { id: t.u32(), name: t.string(), price: t.u32() },
  (ctx, { id, name, price }) => {
    const existing = ctx.db.shopItem.id.find(id);
    if (existing) ctx.db.shopItem.id.update({ ...existing, name, price });
    else ctx.db.shopItem.insert({ id, owner: ctx.sender, name, price });
  },
);

// The same write from a procedure's transaction.
export const stockInTx = spacetimedb.procedure(
  { id: t.u32(), name: t.string(), price: t.u32() },
  t.bool(),
  (ctx, { id, name, price }) => {
    ctx.withTx((tx) => tx.db.shopItem.insert({ id, owner: ctx.sender, name, price }));
    return true;
  },
);

export const drop = spacetimedb.reducer({ id: t.u32() }, (ctx, { id }) => {
  ctx.db.shopItem.id.delete(id);
});

export const tag = spacetimedb.reducer({ itemId: t.u32(), tag: t.string() }, (ctx, { itemId, tag }) => {
  ctx.db.itemTag.insert({ id: 0, itemId, tag });
});
