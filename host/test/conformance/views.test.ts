/**
 * Views as SpacetimeDB serves them, through the real SDK and generated bindings: per-sender and anonymous views,
 * optional and array returns, a primary key (so `onUpdate` fires), a query-builder view over a table named by its
 * accessor, and subscriptions that join a view with a table.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../src/index.js';
import { DbConnection } from './modules/views/bindings/index.js';
import { connectWith, eventually, startConformanceHost, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('views');
});
after(() => host.close());

const connect = () => connectWith(DbConnection, host);
const names = (rows: Iterable<{ name: string }>) => [...rows].map((r) => r.name).sort();

test('a per-sender array view with a primary key: own rows only, and changes arrive as updates', async () => {
  const ann = await connect();
  const bob = await connect();
  await ann.conn.reducers.stock({ id: 1, name: 'lamp', price: 40 });
  await bob.conn.reducers.stock({ id: 2, name: 'desk', price: 300 });
  await Promise.all([ann, bob].map(({ conn }) => subscribe(conn, ['SELECT * FROM my_items'])));
  assert.deepEqual(names(ann.conn.db.myItems.iter()), ['lamp']);
  assert.deepEqual(names(bob.conn.db.myItems.iter()), ['desk']);

  const updates: [string, string][] = [];
  ann.conn.db.myItems.onUpdate((_ctx, before, after) => updates.push([before.name, after.name]));
  await ann.conn.reducers.stock({ id: 1, name: 'lamp (used)', price: 30 });
  await eventually(() => updates.length === 1, 'the update callback');
  assert.deepEqual(updates, [['lamp', 'lamp (used)']]);
  assert.deepEqual(names(ann.conn.db.myItems.iter()), ['lamp (used)']);
  assert.equal(ann.conn.db.myItems.id.find(1)?.price, 30, 'the primary key is an index the bindings know');
  ann.conn.disconnect();
  bob.conn.disconnect();
});

test('optional views deliver their one row or none, per sender and anonymous', async () => {
  const cid = await connect();
  await subscribe(cid.conn, ['SELECT * FROM my_dearest', 'SELECT * FROM cheapest']);
  assert.equal(cid.conn.db.myDearest.count(), 0n, 'no items: the optional view is empty');
  await cid.conn.reducers.stock({ id: 10, name: 'pen', price: 2 });
  await eventually(() => cid.conn.db.myDearest.count() === 1n, 'the optional view to get its row');
  await cid.conn.reducers.stock({ id: 11, name: 'watch', price: 900 });
  await eventually(() => names(cid.conn.db.myDearest.iter())[0] === 'watch', 'the dearest item to change');
  assert.equal(cid.conn.db.myDearest.count(), 1n);
  assert.deepEqual(names(cid.conn.db.cheapest.iter()), ['pen']);
  await cid.conn.reducers.drop({ id: 11 });
  await cid.conn.reducers.drop({ id: 10 });
  await eventually(() => cid.conn.db.myDearest.count() === 0n, 'the optional view to empty');
  cid.conn.disconnect();
});

test('a query-builder view over a table named by its accessor', async () => {
  const dee = await connect();
  await dee.conn.reducers.stock({ id: 20, name: 'sofa', price: 500 });
  await dee.conn.reducers.stock({ id: 21, name: 'cup', price: 5 });
  await subscribe(dee.conn, ['SELECT * FROM expensive']);
  assert.ok(names(dee.conn.db.expensive.iter()).includes('sofa'));
  assert.ok(!names(dee.conn.db.expensive.iter()).includes('cup'));
  await dee.conn.reducers.stock({ id: 21, name: 'golden cup', price: 5000 });
  await eventually(
    () => names(dee.conn.db.expensive.iter()).includes('golden cup'),
    'the query-builder view to update',
  );
  dee.conn.disconnect();
});

test('subscriptions join a view with a table, either side returned, and follow changes on both', async () => {
  const eve = await connect();
  const fay = await connect();
  await eve.conn.reducers.stock({ id: 30, name: 'kettle', price: 25 });
  await fay.conn.reducers.stock({ id: 31, name: 'rug', price: 80 });
  await eve.conn.reducers.tag({ itemId: 30, tag: 'kitchen' });
  await eve.conn.reducers.tag({ itemId: 31, tag: 'floor' });
  await subscribe(eve.conn, ['SELECT item_tag.* FROM my_items JOIN item_tag ON my_items.id = item_tag.item_id']);
  assert.deepEqual(
    [...eve.conn.db.itemTag.iter()].map((t) => t.tag),
    ['kitchen'],
    "only tags of eve's own items",
  );
  await eve.conn.reducers.tag({ itemId: 30, tag: 'metal' });
  await eventually(() => eve.conn.db.itemTag.count() === 2n, 'a new tag of her item');
  await eve.conn.reducers.stock({ id: 32, name: 'pan', price: 15 });
  await eve.conn.reducers.tag({ itemId: 32, tag: 'kitchen' });
  await eventually(() => eve.conn.db.itemTag.count() === 3n, 'a tag of her new item');

  await subscribe(fay.conn, ['SELECT my_items.* FROM my_items JOIN item_tag ON my_items.id = item_tag.item_id']);
  assert.deepEqual(names(fay.conn.db.myItems.iter()), ['rug'], "the view's rows that have a tag");
  await assert.rejects(
    subscribe(fay.conn, ['SELECT item_tag.* FROM item_tag JOIN my_items ON item_tag.tag = my_items.name']),
    /Subscriptions require indexes on join columns/,
  );
  eve.conn.disconnect();
  fay.conn.disconnect();
});

// SpacetimeDB refreshes the views a reducer made stale before it commits, and a view that fails fails the reducer
// ("The instance encountered a fatal error."), its writes rolled back (`call_views_with_tx` in
// `call_reducer_with_tx`, crates/core/src/host/wasm_common/module_host_actor.rs): subscribers see no change and no
// error.
test('a write that makes a watched view throw fails and rolls back; the view and other subscriptions go on', async () => {
  const gus = await connect();
  const hal = await connect();
  await subscribe(gus.conn, ['SELECT * FROM shop_total']);
  await subscribe(gus.conn, ['SELECT * FROM item_tag']);
  await subscribe(hal.conn, ['SELECT * FROM my_items']);
  const totalBefore = [...gus.conn.db.shopTotal.iter()][0]!.total;
  const errors: string[] = [];
  gus.conn.db.shopTotal.onDelete(() => errors.push('a row of shop_total was deleted'));

  await assert.rejects(
    hal.conn.reducers.stock({ id: 40, name: 'castle', price: 2_000_000 }),
    /The instance encountered a fatal error\./,
  );
  await hal.conn.reducers.tag({ itemId: 40, tag: 'after the failure' });
  await eventually(
    () => [...gus.conn.db.itemTag.iter()].some((t) => t.tag === 'after the failure'),
    "gus's other subscription to keep working",
  );
  assert.deepEqual(
    names(hal.conn.db.myItems.iter()),
    [],
    "the castle was never stored: the reducer's writes rolled back",
  );
  assert.equal([...gus.conn.db.shopTotal.iter()][0]!.total, totalBefore, 'the view keeps its rows');
  assert.deepEqual(errors, []);
  const dml = await fetch(`${host.url}/v1/database/${host.database}/sql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.publisherToken}` },
    body: `INSERT INTO shop_item (id, owner, name, price) VALUES (42, 0x${'0'.repeat(64)}, 'tower', 3000000)`,
  });
  assert.equal(dml.status, 400, 'SQL DML that makes it throw is refused too');
  assert.match(await dml.text(), /past a million/);
  await assert.rejects(
    hal.conn.procedures.stockInTx({ id: 43, name: 'palace', price: 5_000_000 }),
    /transaction retry failed again/,
    "a procedure's ctx.withTx is refused too (the module runtime retries it once)",
  );
  assert.deepEqual(names(hal.conn.db.myItems.iter()), []);

  await hal.conn.reducers.stock({ id: 41, name: 'shed', price: 700 });
  await eventually(
    () => [...gus.conn.db.shopTotal.iter()][0]?.total === totalBefore + 700n,
    'the view to follow a write it does not throw on',
  );
  gus.conn.disconnect();
  hal.conn.disconnect();
});
