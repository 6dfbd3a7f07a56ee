/**
 * `SET` and `SHOW` over `POST /v1/database/:name/sql`, as SpacetimeDB runs them: `row_limit` is the one system
 * variable (crates/expr/src/statement.rs, `is_var_valid`); SET is DML (the owner only, checked first) that inserts
 * into `st_var`, SHOW a query anyone may run; once set, a query of anyone but the owner whose estimated rows exceed
 * it is refused before it runs (crates/core/src/estimation.rs, `check_row_limit`). The value outlives a restart.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningHost } from '../../src/index.js';
import { DbConnection } from './modules/sql-dml/bindings/index.js';
import { connectWith, startConformanceHost, subscribe } from './support.js';

let host: RunningHost;
let dataDir: string;
/** A caller who is not the owner (a fresh identity of this host). */
let stranger: { identity: string; token: string };

interface Answer {
  schema: { elements: { name: unknown; algebraic_type: unknown }[] };
  rows: unknown[][];
  stats: { rows_inserted: number; rows_deleted: number; rows_updated: number };
}

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lta-st-var-'));
  host = await startConformanceHost('sql-dml', { dataDir });
  stranger = (await (await fetch(`${host.url}/v1/identity`, { method: 'POST' })).json()) as typeof stranger;
  const values = ['ana', 'ben', 'cy', 'dee', 'eve'].map((name, i) => `(0, '${name}', ${i}, true, 0x${'0'.repeat(64)})`);
  await ok(`INSERT INTO player (id, name, score, active, owner) VALUES ${values.join(', ')}`);
});
after(async () => {
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
});

const sql = (body: string, token: string | null = host.publisherToken) =>
  fetch(`${host.url}/v1/database/${host.database}/sql`, {
    method: 'POST',
    body,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

async function ok(body: string, token: string | null = host.publisherToken): Promise<Answer> {
  const answer = await sql(body, token);
  const text = await answer.text();
  assert.equal(answer.status, 200, `${body}: ${text}`);
  return (JSON.parse(text) as Answer[])[0]!;
}

async function refused(body: string, token: string | null = host.publisherToken): Promise<string> {
  const answer = await sql(body, token);
  const text = await answer.text();
  assert.equal(answer.status, 400, `${body}: ${text}`);
  return text;
}

/** `StVarValue` (crates/lib/src/st_var.rs) as SATS-JSON writes a sum type: its variants in tag order. */
const ST_VAR_VALUE = {
  Sum: {
    variants: [
      'Bool',
      'I8',
      'U8',
      'I16',
      'U16',
      'I32',
      'U32',
      'I64',
      'U64',
      'I128',
      'U128',
      'F32',
      'F64',
      'String',
    ].map((tag) => ({ name: { some: tag }, algebraic_type: { [tag]: [] } })),
  },
};

test('SHOW row_limit: anyone may ask; one column `value` of type StVarValue, no row until it is set', async () => {
  // `type_and_rewrite_show`: `SELECT value FROM st_var WHERE name = 'row_limit'`, st_var being public.
  const shown = await ok('SHOW row_limit', stranger.token);
  assert.deepEqual(shown.schema, { elements: [{ name: { some: 'value' }, algebraic_type: ST_VAR_VALUE }] });
  assert.deepEqual(shown.rows, []);
});

test("SET and SHOW refuse other variables and other values in the type checker's words, before checking the caller", async () => {
  // crates/expr/src/statement.rs `InvalidVar`; crates/expr/src/errors.rs `UnexpectedType`, `InvalidLiteral`.
  assert.equal(await refused('SET rowlimit = 5', stranger.token), 'rowlimit is not a valid system variable');
  assert.equal(await refused('SHOW ROW_LIMIT'), 'ROW_LIMIT is not a valid system variable');
  assert.equal(await refused("SET row_limit = 'ten'"), 'Unexpected type: (expected) U64 != String (inferred)');
  assert.equal(await refused('SET row_limit = true'), 'Unexpected type: (expected) U64 != Bool (inferred)');
  assert.equal(await refused("SET row_limit = X'0a'"), 'Unexpected type: (expected) U64 != Array<U8> (inferred)');
  assert.equal(await refused('SET row_limit = -1'), 'The literal expression `-1` cannot be parsed as type `U64`');
  assert.equal(await refused('SET row_limit = 2.5'), 'The literal expression `2.5` cannot be parsed as type `U64`');
  // Then the caller: SET is an INSERT into st_var, DML (crates/core/src/sql/execute.rs `has_write_access`).
  assert.equal(
    await refused('SET row_limit = 3', stranger.token),
    `Caller ${stranger.identity} is not authorized to run SQL DML statements`,
  );
  assert.deepEqual((await ok('SHOW row_limit')).rows, [], 'nothing was set');
});

test('the owner sets row_limit; a query of anyone else estimated to read more rows is refused, the owner is not', async () => {
  const set = await ok('SET row_limit TO 3');
  assert.deepEqual(set.stats, { rows_inserted: 1, rows_deleted: 0, rows_updated: 0 });
  assert.deepEqual(set.rows, []);
  // A u64 without its type is `[tag, value]`: U64 is StVarValue's variant 8.
  assert.deepEqual((await ok('SHOW row_limit', stranger.token)).rows, [[[8, 3]]]);

  // `check_row_limit`: "Estimated cardinality (N rows) exceeds limit (M rows)"; a table scan reads every row...
  assert.equal(
    await refused('SELECT * FROM player', stranger.token),
    'Estimated cardinality (5 rows) exceeds limit (3 rows)',
  );
  // ...and a filter no index serves reads them and filters them (`estimate_rows_scanned` of a Filter).
  assert.equal(
    await refused('SELECT * FROM player WHERE score = 1', stranger.token),
    'Estimated cardinality (10 rows) exceeds limit (3 rows)',
  );
  assert.match(await refused('SELECT COUNT(*) AS n FROM player', stranger.token), /Estimated cardinality \(5 rows\)/);
  // Through an index only the rows it brings; a LIMIT on `SELECT *` is pushed into the scan.
  assert.equal((await ok("SELECT * FROM player WHERE name = 'cy'", stranger.token)).rows.length, 1);
  assert.equal((await ok('SELECT * FROM player WHERE id <= 2', stranger.token)).rows.length, 2);
  assert.equal((await ok('SELECT * FROM player LIMIT 3', stranger.token)).rows.length, 3);
  assert.match(await refused('SELECT * FROM player LIMIT 4', stranger.token), /Estimated cardinality \(4 rows\)/);
  // The owner may exceed the limit (`exceed_row_limit`).
  assert.equal((await ok('SELECT * FROM player')).rows.length, 5);
});

test("SET of the value already set changes nothing; another value breaks st_var's key until DELETE FROM st_var", async () => {
  assert.deepEqual((await ok('SET row_limit = 3')).stats, { rows_inserted: 0, rows_deleted: 0, rows_updated: 0 });
  // crates/table/src/table.rs `UniqueConstraintViolation`, through the datastore's `IndexError`.
  assert.equal(
    await refused('SET row_limit = 10'),
    `IndexError: Unique constraint violation 'st_var_name_idx_btree' in table 'st_var': column(s): '["name"]' value: "row_limit"`,
  );
  // SpacetimeDB's own `test_row_limit` (crates/core/src/sql/execute.rs) raises the limit this way.
  assert.equal(
    await refused("DELETE FROM st_var WHERE name = 'row_limit'", stranger.token),
    `Caller ${stranger.identity} is not authorized to run SQL DML statements`,
  );
  const deleted = await ok("DELETE FROM st_var WHERE name = 'row_limit'");
  assert.deepEqual(deleted.stats, { rows_inserted: 0, rows_deleted: 1, rows_updated: 0 });
  assert.equal((await ok('SELECT * FROM player', stranger.token)).rows.length, 5, 'no limit any more');
  assert.equal((await ok('SET row_limit = 10')).stats.rows_inserted, 1);
  assert.equal((await ok('SELECT * FROM player', stranger.token)).rows.length, 5);
});

test("row_limit refuses a non-owner's subscription estimated to read more, as SpacetimeDB's subscriptions do", async () => {
  await ok('DELETE FROM st_var');
  await ok('SET row_limit = 3');
  // crates/core/src/subscription/module_subscription_actor.rs `check_new_query_row_limit`.
  const { conn } = await connectWith(DbConnection, host, stranger.token);
  // The SDK hands the SubscriptionError's text over as the error event.
  const refusal = await subscribe(conn, ['SELECT * FROM player']).then(
    () => 'applied',
    (error: unknown) => String(error),
  );
  assert.match(refusal, /Estimated cardinality \(5 rows\) exceeds limit \(3 rows\)/);
  await subscribe(conn, ["SELECT * FROM player WHERE name = 'ana'"]);
  assert.equal([...conn.db.player.iter()].length, 1);
  conn.disconnect();
  const owner = await connectWith(DbConnection, host, host.publisherToken);
  await subscribe(owner.conn, ['SELECT * FROM player']);
  assert.equal([...owner.conn.db.player.iter()].length, 5, 'the owner may exceed it');
  owner.conn.disconnect();
});

test('row_limit is kept with the database: a restart still limits', async () => {
  await ok('DELETE FROM st_var');
  await ok('SET row_limit = 4');
  await host.close();
  host = await startConformanceHost('sql-dml', { dataDir });
  assert.deepEqual((await ok('SHOW row_limit', stranger.token)).rows, [[[8, 4]]]);
  assert.match(await refused('SELECT * FROM player', stranger.token), /exceeds limit \(4 rows\)/);
});
