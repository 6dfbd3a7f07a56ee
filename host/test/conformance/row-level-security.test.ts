/**
 * Row-level security (`clientVisibilityFilter`) as SpacetimeDB applies it, through the real SDK: each client sees
 * only the rows the rules let it see, in its initial rows and every later update, one-off queries and SQL over HTTP;
 * rules are OR-ed per table, may use :sender and join other guarded tables; the owner sees everything; views are
 * not restricted.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BinaryReader, Identity } from 'spacetimedb';
import { loadModule, ModuleLoadError } from '../../src/engine/index.js';
import type { RunningHost } from '../../src/index.js';
import { RawClient } from '../server/raw-client.js';
import { DbConnection } from './modules/row-level-security/bindings/index.js';
import { conformanceModule, connectWith, eventually, startConformanceHost, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('row-level-security');
});
after(() => host.close());

const connect = (token?: string) => connectWith(DbConnection, host, token);
const names = (conn: DbConnection) => [...conn.db.player.iter()].map((p) => p.name).sort();
const texts = (rows: Iterable<{ text: string }>) => [...rows].map((r) => r.text).sort();

test('a :sender rule shows each client its own rows, initially and in updates; the owner sees every row', async () => {
  const ann = await connect();
  const bob = await connect();
  await ann.conn.reducers.join({ name: 'ann', team: 'red' });
  await bob.conn.reducers.join({ name: 'bob', team: 'blue' });
  const owner = await connect(host.publisherToken);
  await Promise.all([ann, bob, owner].map(({ conn }) => subscribe(conn, ['SELECT * FROM player'])));
  assert.deepEqual(names(ann.conn), ['ann']);
  assert.deepEqual(names(bob.conn), ['bob']);
  assert.deepEqual(names(owner.conn), ['ann', 'bob']);

  const cid = await connect();
  await cid.conn.reducers.join({ name: 'cid', team: 'red' });
  await eventually(() => names(owner.conn).length === 3, 'the owner to see the new player');
  await ann.conn.reducers.join({ name: 'ann2', team: 'red' });
  await eventually(() => names(ann.conn)[0] === 'ann2', 'ann to see her own update');
  assert.deepEqual(names(ann.conn), ['ann2'], "another client's insert never reached ann");
  assert.deepEqual(names(bob.conn), ['bob']);
  for (const { conn } of [ann, bob, cid, owner]) conn.disconnect();
});

test('a rule with a join follows the joined table: changing team changes which messages a client sees', async () => {
  const dee = await connect();
  await dee.conn.reducers.join({ name: 'dee', team: 'green' });
  await dee.conn.reducers.post({ team: 'green', text: 'g1' });
  await dee.conn.reducers.post({ team: 'yellow', text: 'y1' });
  await subscribe(dee.conn, ['SELECT * FROM message']);
  assert.deepEqual(texts(dee.conn.db.message.iter()), ['g1']);

  const eve = await connect();
  await eve.conn.reducers.post({ team: 'green', text: 'g2' });
  await eventually(() => dee.conn.db.message.count() === 2n, 'dee to get the new green message');
  await eve.conn.reducers.post({ team: 'yellow', text: 'y2' });
  await dee.conn.reducers.join({ name: 'dee', team: 'yellow' });
  await eventually(() => texts(dee.conn.db.message.iter()).join() === 'y1,y2', 'dee to see yellow messages only');
  // eve has no player row: the joined table's own rule leaves her nothing to join with.
  await subscribe(eve.conn, ['SELECT * FROM message']);
  assert.equal(eve.conn.db.message.count(), 0n);
  dee.conn.disconnect();
  eve.conn.disconnect();
});

test("several rules on one table are OR-ed, and a client's own join sees only rows visible on both sides", async () => {
  const fay = await connect();
  const gus = await connect();
  await fay.conn.reducers.join({ name: 'fay', team: 'purple' });
  await fay.conn.reducers.addNotice({ id: 1, everyone: true, recipient: Identity.zero(), text: 'all' });
  await fay.conn.reducers.addNotice({ id: 2, everyone: false, recipient: fay.identity, text: 'to fay' });
  await fay.conn.reducers.addNotice({ id: 3, everyone: false, recipient: gus.identity, text: 'to gus' });
  await Promise.all([fay, gus].map(({ conn }) => subscribe(conn, ['SELECT * FROM notice'])));
  assert.deepEqual(texts(fay.conn.db.notice.iter()), ['all', 'to fay']);
  assert.deepEqual(texts(gus.conn.db.notice.iter()), ['all', 'to gus']);

  // gus joins purple too; fay's query over the join sees only her own player row, so only her name comes back.
  await gus.conn.reducers.join({ name: 'gus', team: 'purple' });
  await fay.conn.reducers.post({ team: 'purple', text: 'p1' });
  await subscribe(fay.conn, ['SELECT player.* FROM player JOIN message ON player.team = message.team']);
  assert.deepEqual(names(fay.conn), ['fay']);
  fay.conn.disconnect();
  gus.conn.disconnect();
});

test('one-off queries are restricted like subscriptions', async () => {
  const hal = await connect();
  await hal.conn.reducers.join({ name: 'hal', team: 'red' });
  const raw = await RawClient.connect(host.url, host.database, { token: hal.token });
  await raw.next('InitialConnection');
  raw.send({ tag: 'OneOffQuery', value: { requestId: 1, queryString: 'SELECT * FROM player' } });
  const { value } = await raw.next('OneOffQueryResult');
  assert.equal(value.result.tag, 'Ok');
  const rows = value.result.tag === 'Ok' ? value.result.value.tables[0]!.rows.rowsData : new Uint8Array();
  const reader = new BinaryReader(rows);
  const found: string[] = [];
  while (reader.remaining > 0) {
    reader.readU256();
    found.push(reader.readString());
    reader.readString();
  }
  assert.deepEqual(found, ['hal']);
  raw.close();
  hal.conn.disconnect();
});

test('SQL over HTTP is restricted like subscriptions; the owner reads every row', async () => {
  const jay = await connect();
  await jay.conn.reducers.join({ name: 'jay', team: 'red' });
  const sql = async (token: string) => {
    const response = await fetch(`${host.url}/v1/database/${host.database}/sql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: 'SELECT * FROM player',
    });
    assert.equal(response.status, 200);
    const [result] = (await response.json()) as { rows: unknown[][] }[];
    return result!.rows.map((row) => row[1]);
  };
  assert.deepEqual(await sql(jay.token), ['jay']);
  const all = await sql(host.publisherToken);
  assert.ok(all.length > 1 && all.includes('jay'), JSON.stringify(all));
  jay.conn.disconnect();
});

test('views are not restricted by the rules: they do their own access control', async () => {
  const ivy = await connect();
  await ivy.conn.reducers.join({ name: 'ivy', team: 'red' });
  await subscribe(ivy.conn, ['SELECT * FROM roster']);
  assert.ok(ivy.conn.db.roster.count() > 1n, 'the roster view lists every player');
  ivy.conn.disconnect();
});

// Inside the repository, so the module resolves `spacetimedb/server` from our node_modules.
const SCRATCH = path.resolve(
  conformanceModule('row-level-security'),
  '../../../../../node_modules/.cache/lta-test-modules',
);

async function moduleWithRule(rule: string, extraTable = ''): Promise<string> {
  await mkdir(SCRATCH, { recursive: true });
  const dir = await mkdtemp(path.join(SCRATCH, 'rls-'));
  await mkdir(path.join(dir, 'src'));
  await writeFile(
    path.join(dir, 'src', 'index.ts'),
    `import { schema, table, t } from 'spacetimedb/server';
const secret = table({}, { owner: t.identity().primaryKey() });
const shown = table({ public: true }, { owner: t.identity().primaryKey() });
${extraTable}
const spacetimedb = schema({ secret, shown${extraTable ? ', other' : ''} });
export default spacetimedb;
${rule}
`,
  );
  return dir;
}

test('publishing refuses the rules SpacetimeDB refuses, with its texts', async () => {
  const refusal = async (dir: string) => {
    const error = await loadModule({ moduleDir: dir, databaseName: 'x', log: () => {} }).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(error instanceof ModuleLoadError, String(error));
    return error.message;
  };
  assert.match(
    await refusal(
      await moduleWithRule(
        `export const f = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM secret WHERE owner = :sender');`,
      ),
    ),
    /Cannot define RLS rule on private table: secret\. Please make table public if you wish to restrict access using RLS\./,
  );
  assert.match(
    await refusal(
      await moduleWithRule(`export const f = spacetimedb.clientVisibilityFilter.sql('SELECT * FROM nowhere');`),
    ),
    /failed to create row-level security: `SELECT \* FROM nowhere`: no such table: `nowhere`/,
  );
  const other = `const other = table({ public: true }, { owner: t.identity().primaryKey() });`;
  assert.match(
    await refusal(
      await moduleWithRule(
        `export const a = spacetimedb.clientVisibilityFilter.sql('SELECT shown.* FROM shown JOIN other ON shown.owner = other.owner');
export const b = spacetimedb.clientVisibilityFilter.sql('SELECT other.* FROM other JOIN shown ON other.owner = shown.owner');`,
        other,
      ),
    ),
    /Discovered cyclic dependency when resolving RLS rules/,
  );
  // A rule may join a private table: only the rows it returns must be of a public one.
  const joinsPrivate = await moduleWithRule(
    `export const f = spacetimedb.clientVisibilityFilter.sql('SELECT shown.* FROM shown JOIN secret ON shown.owner = secret.owner');`,
  );
  await loadModule({ moduleDir: joinsPrivate, databaseName: 'x', log: () => {} });
});
