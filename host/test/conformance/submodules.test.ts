/**
 * Submodules as SpacetimeDB 2.x serves them (crates/schema/src/def/validate/v10.rs, crates/schema/src/def.rs), through
 * the real SDK and generated bindings: a library module mounted under a namespace publishes, its tables, view and
 * reducers answer to `namespace.name`, its scheduled reducer runs, the root module writes to its tables, and what
 * SpacetimeDB refuses in a submodule is refused with its words.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BinaryWriter } from 'spacetimedb';
import { openDatabase } from '../../src/durability/index.js';
import { loadModule } from '../../src/engine/index.js';
import { startHost, type RunningHost } from '../../src/index.js';
import { DbConnection, tables } from './modules/submodules/bindings/index.js';
import { conformanceModule, connectWith, eventually, startConformanceHost, subscribe } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startConformanceHost('submodules');
});
after(() => host.close());

const connect = () => connectWith(DbConnection, host);
const countOf = (conn: DbConnection, id: number) => conn.db['inventory.stock_item'].id.find(id)?.count;

test("a submodule's table and reducer answer to namespace.name", async () => {
  const { conn } = await connect();
  await subscribe(conn, ['SELECT * FROM inventory.stock_item']);
  const updates: number[] = [];
  conn.db['inventory.stock_item'].onUpdate((_ctx, _old, row) => updates.push(row.count));
  await conn.reducers['inventory.addItem']({ id: 1, name: 'rope' });
  await eventually(() => countOf(conn, 1) === 1, 'the new item');
  await conn.reducers['inventory.addItem']({ id: 1, name: 'rope' });
  await eventually(() => countOf(conn, 1) === 2, 'the second rope');
  assert.deepEqual(updates, [2], 'an update by primary key, as the bindings know the index');
  conn.disconnect();
});

test("the root module writes to the submodule's table under its namespace", async () => {
  const { conn } = await connect();
  await subscribe(conn, ['SELECT * FROM "inventory"."stock_item" WHERE inventory.stock_item.id = 100']);
  await conn.reducers.giveStarterKit({});
  await eventually(() => countOf(conn, 100) === 1, 'the starter kit');
  assert.equal(conn.db['inventory.stock_item'].count(), 1n, 'the WHERE on a qualified column applies');
  conn.disconnect();
});

test("a submodule's query-builder view and scheduled reducer run over its own tables", async () => {
  const { conn } = await connect();
  await conn.reducers['inventory.addItem']({ id: 7, name: 'lamp' });
  await subscribe(conn, ['SELECT * FROM inventory.plentiful']);
  const plentiful = () => [...conn.db['inventory.plentiful'].iter()].map((item) => item.id).sort((a, b) => a - b);
  assert.ok(!plentiful().includes(7), 'one lamp is not plenty');
  await conn.reducers['inventory.scheduleRestock']({ itemId: 7 });
  await eventually(() => plentiful().includes(7), 'the scheduled restock to run and the view to follow it');
  assert.equal([...conn.db['inventory.plentiful'].iter()].find((item) => item.id === 7)?.count, 11);
  conn.disconnect();
});

test('the generated query builder names submodule tables by namespace', async () => {
  const { conn } = await connect();
  await new Promise<void>((resolve, reject) =>
    conn
      .subscriptionBuilder()
      .onApplied(() => resolve())
      .onError((ctx) => reject(ctx.event ?? new Error('subscription error')))
      .subscribe(tables.inventory.stockItem.where((item) => item.name.eq('rope'))),
  );
  assert.deepEqual(
    [...conn.db['inventory.stock_item'].iter()].map((item) => item.name),
    ['rope'],
  );
  conn.disconnect();
});

test('HTTP /call reaches a submodule reducer by its qualified name', async () => {
  const response = await fetch(`${host.url}/v1/database/${host.database}/call/inventory.add_item`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify([9, 'kettle']),
  });
  assert.equal(response.status, 200, await response.text());
  const { conn } = await connect();
  await subscribe(conn, ['SELECT * FROM inventory.stock_item WHERE id = 9']);
  assert.equal(countOf(conn, 9), 1);
  conn.disconnect();
});

test("a submodule's rows and sequences come back after a restart from a snapshot", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-submodules-data-'));
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  const open = () =>
    openDatabase({ moduleDir: conformanceModule('submodules'), database: 'submodules', dataDir, log: () => {} });
  const scheduleRestock = (db: Awaited<ReturnType<typeof open>>) => {
    const args = new BinaryWriter(4);
    args.writeU32(5);
    const caller = { sender: 7n, connectionId: 0n, timestamp: BigInt(Date.now()) * 1000n };
    assert.equal(db.engine.callReducer('inventory.schedule_restock', args.getBuffer(), caller).status, 'committed');
    // The timer row is read before the scheduler runs it (on a later turn of the event loop).
    return [...db.engine.table('inventory.restock_timer').rows()].map((row) => row.columns[0] as bigint);
  };
  let db = await open();
  const [first] = scheduleRestock(db);
  await db.snapshot();
  await db.close();
  db = await open();
  const after = scheduleRestock(db);
  assert.ok(
    after.every((id) => id >= first!) && after.some((id) => id > first!),
    `the timer table's sequence went on from ${first}: ${after.join(', ')}`,
  );
  await db.close();
});

const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

/** A module folder of these `src/` files (name to source) in a temporary folder that sees this repository's packages. */
async function moduleOf(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'lta-submodule-'));
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  await symlink(NODE_MODULES, join(root, 'node_modules'));
  await mkdir(join(root, 'src'));
  for (const [name, source] of Object.entries(files)) await writeFile(join(root, 'src', name), source);
  return root;
}

/** Loads a module whose root mounts `library` (the source of `src/lib.ts`) as `lib`; resolves to the refusal. */
async function refusalOf(library: string, namespace = 'lib'): Promise<string> {
  const mount = namespace === 'lib' ? 'lib' : `${JSON.stringify(namespace)}: lib`;
  const moduleDir = await moduleOf({
    'lib.ts': library,
    'index.ts': [
      "import { schema, table, t } from 'spacetimedb/server';",
      "import * as lib from './lib.js';",
      'const player = table({}, { id: t.u32().primaryKey() });',
      `export default schema({ player, ${mount} });`,
    ].join('\n'),
  });
  try {
    await loadModule({ moduleDir, databaseName: 'refused', log: () => {} });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the module was accepted');
}

/**
 * A library module with one public table `table` (its only column `<table>Id`, so each module's row type differs),
 * a reducer `add_<table>` inserting an id into it, mounting the modules `mounts` under their file names; `more`
 * lines after that.
 */
const library = (table: string, mounts: string[] = [], more: string[] = []) =>
  [
    "import { schema, table, t, Router, SyncResponse } from 'spacetimedb/server';",
    ...mounts.map((m) => `import * as ${m} from './${m}.js';`),
    `const ${table} = table({ public: true }, { ${table}Id: t.u32().primaryKey() });`,
    `const db = schema({ ${[table, ...mounts].join(', ')} });`,
    'export default db;',
    `export const add_${table} = db.reducer({ id: t.u32() }, (ctx, { id }) => { ctx.db.${table}.insert({ ${table}Id: id }); });`,
    ...more,
  ].join('\n');

test('nested submodules are named by their path and numbered depth-first, as the module runtime calls them', async () => {
  const moduleDir = await moduleOf({
    'index.ts': [
      "import { schema, table, t } from 'spacetimedb/server';",
      "import * as lib from './lib.js';",
      "import * as other from './other.js';",
      'const player = table({ public: true }, { id: t.u32().primaryKey() });',
      'const db = schema({ player, lib, other });',
      'export default db;',
      'export const add_player = db.reducer({ id: t.u32() }, (ctx, { id }) => { ctx.db.player.insert({ id }); });',
    ].join('\n'),
    'lib.ts': library('note', ['inner']),
    'inner.ts': library('mark'),
    'other.ts': library('tally'),
  });
  const engine = await loadModule({ moduleDir, databaseName: 'nested', log: () => {} });
  const tables = ['player', 'lib.note', 'lib.inner.mark', 'other.tally'];
  assert.deepEqual(
    engine.def.tables.map((t) => t.name),
    tables,
  );
  const reducers = ['add_player', 'lib.add_note', 'lib.inner.add_mark', 'other.add_tally'];
  assert.deepEqual(
    engine.def.reducers.map((r) => `${r.id} ${r.name}`),
    reducers.map((name, id) => `${id} ${name}`),
  );
  const caller = { sender: 7n, connectionId: 0n, timestamp: BigInt(Date.now()) * 1000n };
  reducers.forEach((name, i) => {
    const args = new BinaryWriter(4);
    args.writeU32(i);
    assert.equal(engine.callReducer(name, args.getBuffer(), caller).status, 'committed', name);
  });
  assert.deepEqual(
    tables.map((name) => [...engine.table(name).rows()].map((row) => row.columns[0])),
    [[0], [1], [2], [3]],
    "each reducer wrote its own module's table",
  );
});

const LIBRARY = [
  "import { schema, table, t } from 'spacetimedb/server';",
  'const note = table({}, { id: t.u32().primaryKey() });',
  'const lib = schema({ note });',
  'export default lib;',
].join('\n');

test('a submodule may not declare lifecycle reducers (SpacetimeDB: LifecycleInSubmodule)', async () => {
  assert.match(
    await refusalOf(`${LIBRARY}\nexport const onConnect = lib.clientConnected(() => {});`),
    /lifecycle event OnConnect is not permitted in submodule under namespace `lib`; lifecycle reducers may only be declared in the root module/,
  );
});

test('a submodule namespace must be an identifier of at most 63 bytes', async () => {
  assert.match(await refusalOf(LIBRARY, '9lives'), /Identifier `9lives`'s starting character '9' is neither/);
  assert.match(await refusalOf(LIBRARY, 'x'.repeat(64)), /is 64 bytes, which exceeds the 63-byte limit/);
});

/** What a library adds to serve an HTTP handler at `/hello`. */
const ROUTES = [
  "export const hello = db.httpHandler(() => new SyncResponse('hello'));",
  "export const routes = db.httpRouter(new Router().get('/hello', hello));",
];

test("a submodule's HTTP routes are ignored with SpacetimeDB's publish warning in the host log, nested ones too", async () => {
  const moduleDir = await moduleOf({
    'index.ts': library('player', ['lib']),
    'lib.ts': library('note', ['inner'], ROUTES),
    'inner.ts': library('mark', [], ROUTES),
  });
  const warnings: string[] = [];
  const routed = await startHost({
    moduleDir,
    database: 'routed',
    log: (level, message) => {
      if (level === 'warn') warnings.push(message);
    },
  });
  try {
    // `ModuleDef::collect_warnings` (crates/schema/src/def.rs) names each submodule by its own namespace.
    assert.deepEqual(
      warnings,
      ['lib', 'inner'].map(
        (namespace) =>
          `routed: The submodule under namespace '${namespace}' registers HTTP routes via a router. Route ` +
          "registrations in submodules are ignored. Only the root module's routes are served. Define routes in the " +
          `root module and call the submodule's HTTP handler functions via \`ctx.as.${namespace}\`.`,
      ),
    );
    const answer = await fetch(`${routed.url}/v1/database/routed/route/hello`);
    assert.equal(answer.status, 404, 'the route is not served');
  } finally {
    await routed.close();
  }
});

test('an SQL keyword is a namespace like any other: SpacetimeDB reserves no identifiers', async () => {
  // `Identifier::is_reserved` reads crates/schema/src/reserved_identifiers.txt, empty since "Remove reserved
  // identifiers" (#1724), so `select` passes `validate_identifier` there too.
  const moduleDir = await moduleOf({
    'index.ts': [
      "import { schema, table, t } from 'spacetimedb/server';",
      "import * as lib from './lib.js';",
      'const player = table({}, { id: t.u32().primaryKey() });',
      'export default schema({ player, select: lib });',
    ].join('\n'),
    'lib.ts': library('note'),
  });
  const engine = await loadModule({ moduleDir, databaseName: 'keyword', log: () => {} });
  assert.deepEqual(
    engine.def.tables.map((t) => t.name),
    ['player', 'select.note'],
  );
  const args = new BinaryWriter(4);
  args.writeU32(3);
  const caller = { sender: 7n, connectionId: 0n, timestamp: BigInt(Date.now()) * 1000n };
  assert.equal(engine.callReducer('select.add_note', args.getBuffer(), caller).status, 'committed');
  assert.deepEqual(
    [...engine.table('select.note').rows()].map((row) => row.columns[0]),
    [3],
  );
});

type V10 = { sections: Record<string, unknown>[] };

test('GET /schema?version=10 writes each submodule as a module of its own, in a Submodules section, as SpacetimeDB', async () => {
  // `impl From<ModuleDef> for RawModuleDefV10` (crates/schema/src/def.rs): a module's own typespace, tables and
  // names (local: `apply_namespace` keeps table names and writes reducers' `name.local()`), then `Submodules`.
  const moduleDir = await moduleOf({
    'index.ts': library('player', ['lib', 'other']),
    'lib.ts': library('note', ['inner']),
    'inner.ts': library('mark'),
    'other.ts': library('tally'),
  });
  const served = await startHost({ moduleDir, database: 'mounted', log: false });
  try {
    const answer = await fetch(`${served.url}/v1/database/mounted/schema?version=10`);
    assert.equal(answer.status, 200);
    const root = (await answer.json()) as V10;
    const section = <T>(module: V10, tag: string) => module.sections.find((s) => tag in s)?.[tag] as T;
    const submodules = (module: V10) =>
      (section<{ namespace: string; module: V10 }[]>(module, 'Submodules') ?? []).map((s) => [s.namespace, s.module]);
    const modules = new Map<string, V10>([['', root]]);
    for (const [path, module] of modules)
      for (const [namespace, sub] of submodules(module))
        modules.set(path ? `${path}.${namespace as string}` : (namespace as string), sub as V10);
    assert.deepEqual([...modules.keys()], ['', 'lib', 'other', 'lib.inner']);
    assert.deepEqual(root.sections.map((s) => Object.keys(s)[0]).slice(-2), ['ExplicitNames', 'Submodules']);
    const tableOf = { '': 'player', lib: 'note', 'lib.inner': 'mark', other: 'tally' } as Record<string, string>;
    for (const [path, module] of modules) {
      const table = tableOf[path]!;
      type Product = { Product: { elements: { name: { some: string } }[] } };
      const typespace = section<{ types: Product[] }>(module, 'Typespace').types;
      const tables = section<{ source_name: string; product_type_ref: number }[]>(module, 'Tables');
      assert.deepEqual(
        tables.map((t) => t.source_name),
        [table],
        `${path || 'the root'} has its own table only`,
      );
      const row = typespace[tables[0]!.product_type_ref]!;
      assert.deepEqual(
        row.Product.elements.map((e) => e.name.some),
        [`${table}_id`],
        `${path || 'the root'}'s table refers to its own typespace`,
      );
      const columns = typespace.flatMap((t) => t.Product.elements.map((e) => e.name.some));
      assert.deepEqual(new Set(columns), new Set([`${table}_id`, 'id']), `${path || 'the root'} has only its types`);
      assert.deepEqual(
        section<{ entries: Record<string, { source_name: string; canonical_name: string }>[] }>(
          module,
          'ExplicitNames',
        ).entries.map((e) => Object.values(e)[0]!.canonical_name),
        [table, `add_${table}`],
        'local names',
      );
    }
  } finally {
    await served.close();
  }
});
