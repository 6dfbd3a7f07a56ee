/**
 * The HTTP API's formats, byte for byte where SpacetimeDB's are fixed by its sources: `POST /sql` answers
 * (`SqlStmtResult`, rows without their type), `GET /schema?version=9|10`, `GET /v1/database/:name` with
 * `initial_program`, a procedure's return value, the SQL parser's refusals, paths with dot segments and the CLI's
 * `sql` table. Each expectation names the source it was read from (SpacetimeDB 2.x, `crates/...`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { RunningHost } from '../../src/index.js';
import { bundleModule } from '../../src/engine/bundle-module.js';
import { conformanceModule, ltaHost, startConformanceHost } from './support.js';

let host: RunningHost;
/** The identity 0x2a: its u256 is written without leading zeros (ethnum's serde). */
const WHO = `0x${'0'.repeat(62)}2a`;
const WHEN = 1_700_000_000_123_456;

before(async () => {
  host = await startConformanceHost('sats-json');
  const seeded = await post(
    '/call/seed',
    JSON.stringify([{ __identity__: WHO }, { __timestamp_micros_since_unix_epoch__: WHEN }]),
  );
  assert.equal(seeded.status, 200, await seeded.text());
});
after(() => host.close());

const api = (path: string) => `${host.url}/v1/database/${host.database}${path}`;
const post = (path: string, body: string, token: string | null = host.publisherToken) =>
  fetch(api(path), { method: 'POST', body, headers: token ? { authorization: `Bearer ${token}` } : {} });
/** The answer's text with its one varying number (the statement's duration) set to 0. */
const steady = (text: string) => text.replace(/"total_duration_micros":\d+/, '"total_duration_micros":0');

test('POST /sql writes rows without their type: products as arrays, sums as [tag, value], numbers exact', async () => {
  const answer = await post('/sql', 'SELECT * FROM sample');
  assert.equal(answer.status, 200);
  assert.equal(answer.headers.get('content-type'), 'application/json');
  const text = await answer.text();
  // crates/sats/src/ser/impls.rs, `impl_serialize!` for ProductValue/SumValue/ArrayValue (untyped: no names),
  // serde_json for integers (u64, i128 as literals) and floats (ryu: `1.0`, `1e21`, `1e-6`, f32 `0.1`),
  // ethnum for u256 (`"0x2a"`, `"0x0"`), `serialize_bytes` for byte arrays (hex without `0x`).
  const rows = [
    '[1,18446744073709551615,-170141183460469231731687303715884105728,"0x2a",0.1,1e21,["0x2a"],[1700000000123456],[1,[]],[0,7],[-1,2],"0102ff",["a","b"]]',
    '[2,0,0,"0x0",1.0,1e-6,["0x2a"],[1700000000123456],[0,"x"],[1,[]],[0,0],"",[]]',
  ];
  assert.ok(text.includes(`"rows":[${rows.join(',')}]`), text);
  // crates/client-api-messages/src/http.rs, `SqlStmtResult` field order; `SqlStmtStats` zero for a query.
  assert.match(
    steady(text),
    /^\[\{"schema":\{"elements":\[.*\]\},"rows":\[.*\],"total_duration_micros":0,"stats":\{"rows_inserted":0,"rows_deleted":0,"rows_updated":0\}\}\]$/,
  );
});

test("POST /sql's schema is the columns' ProductType in SATS-JSON, named types resolved", async () => {
  const answer = await post('/sql', 'SELECT big, shape, who FROM sample WHERE id = 1');
  // `ColumnSchema::from_module_def` resolves `Ref`s (crates/schema/src/schema.rs); `AlgebraicType` is a sum written
  // `{"Variant": payload}`, names are `Option<String>` (`{"some": ...}`), unit payloads `[]`.
  const schema =
    '{"elements":[' +
    '{"name":{"some":"big"},"algebraic_type":{"U64":[]}},' +
    '{"name":{"some":"shape"},"algebraic_type":{"Sum":{"variants":[' +
    '{"name":{"some":"circle"},"algebraic_type":{"U32":[]}},' +
    '{"name":{"some":"square"},"algebraic_type":{"Product":{"elements":[]}}}]}}},' +
    '{"name":{"some":"who"},"algebraic_type":{"Product":{"elements":[{"name":{"some":"__identity__"},"algebraic_type":{"U256":[]}}]}}}]}';
  assert.equal(
    steady(await answer.text()),
    `[{"schema":${schema},"rows":[[18446744073709551615,[0,7],["0x2a"]]],"total_duration_micros":0,` +
      '"stats":{"rows_inserted":0,"rows_deleted":0,"rows_updated":0}}]',
  );
  const counted = await post('/sql', 'SELECT COUNT(*) AS n FROM sample');
  assert.match(
    await counted.text(),
    /^\[\{"schema":\{"elements":\[\{"name":\{"some":"n"\},"algebraic_type":\{"U64":\[\]\}\}\]\},"rows":\[\[2\]\]/,
  );
});

test("the SQL parser's refusals, in its words, and nothing runs", async () => {
  assert.equal((await post('/sql', "INSERT INTO counter (id, label) VALUES (0, 'kept')")).status, 200);
  // crates/sql-parser/src/parser/errors.rs (`SqlUnsupported`) and sql.rs (`parse_sql`, `parse_delete`, its tests).
  const cases: [string, string][] = [
    ['SELECT * FROM sample; DELETE FROM counter', 'Multiple SQL statements are not supported'],
    ['  ;  ', 'Empty SQL query'],
    ['DELETE FROM counter c', 'Unsupported table expression in DELETE: counter AS c'],
    ["DELETE FROM counter AS c WHERE c.label = 'kept'", 'Unsupported table expression in DELETE: counter AS c'],
    ['DELETE FROM counter, sample', 'Multi-table DELETE is not supported'],
    ['SELECT COUNT(*) FROM sample', 'Aggregate expressions must have column aliases'],
    ['SELECT sample.*, id FROM sample', 'Mixed wildcard projections are not supported'],
    ['SELECT a.* FROM sample AS a, counter AS b', 'Implicit joins are not supported'],
    // crates/expr/src/errors.rs, `Unresolved::Field`.
    ['SELECT colour FROM sample', '`sample` does not have a field `colour`'],
  ];
  for (const [sql, expected] of cases) {
    const answer = await post('/sql', sql);
    assert.deepEqual([answer.status, await answer.text()], [400, expected], sql);
  }
  const left = await post('/sql', 'SELECT COUNT(*) AS n FROM counter');
  assert.match(await left.text(), /"rows":\[\[1\]\]/, 'the refused DELETEs deleted nothing');
});

test('GET /schema needs ?version=9 or 10, refused in serde_urlencoded words otherwise', async () => {
  // crates/client-api/src/routes/database.rs: `Query<SchemaQueryParams>` with `enum SchemaVersion { "9", "10" }`;
  // axum's rejection is 400 "Failed to deserialize query string: " and serde's error.
  const cases: [string, string][] = [
    ['', 'missing field `version`'],
    ['?version=11', 'unknown variant `11`, expected `9` or `10`'],
    ['?version=9&version=10', 'duplicate field `version`'],
  ];
  for (const [query, why] of cases) {
    const answer = await fetch(api(`/schema${query}`));
    assert.deepEqual([answer.status, await answer.text()], [400, `Failed to deserialize query string: ${why}`], query);
  }
});

test('GET /schema?version=9 is RawModuleDefV9 re-derived from the module, in SATS-JSON', async () => {
  const answer = await fetch(api('/schema?version=9'));
  assert.equal(answer.status, 200);
  // An anonymous caller gets an identity, as for every authenticated route (the `schema` handler returns its headers).
  assert.match(answer.headers.get('spacetime-identity') ?? '', /^[0-9a-f]{64}$/);
  const def = (await answer.json()) as Record<string, unknown[]> & { typespace: { types: unknown[] } };
  // crates/lib/src/db/raw_def/v9.rs, `RawModuleDefV9` field order.
  assert.deepEqual(Object.keys(def), [
    'typespace',
    'tables',
    'reducers',
    'types',
    'misc_exports',
    'row_level_security',
  ]);
  const tables = def.tables as { name: string; [key: string]: unknown }[];
  // crates/schema/src/def.rs: `to_raw` sorts tables, indexes, constraints and sequences by name.
  assert.deepEqual(
    tables.map((t) => t.name),
    ['counter', 'sample'],
  );
  const counter = tables[0]!;
  assert.deepEqual(Object.keys(counter), [
    'name',
    'product_type_ref',
    'primary_key',
    'indexes',
    'constraints',
    'sequences',
    'schedule',
    'table_type',
    'table_access',
  ]);
  assert.deepEqual(
    [
      counter.primary_key,
      counter.constraints,
      counter.sequences,
      counter.schedule,
      counter.table_type,
      counter.table_access,
    ],
    [
      [0],
      [{ name: { some: 'counter_id_key' }, data: { Unique: { columns: [0] } } }],
      // Options the module left unset stay unset (`start`, `min_value`, `max_value`); `increment` is an i128.
      [
        {
          name: { some: 'counter_id_seq' },
          column: 0,
          start: { none: [] },
          min_value: { none: [] },
          max_value: { none: [] },
          increment: 1,
        },
      ],
      { none: [] },
      { User: [] },
      { Private: [] },
    ],
  );
  const indexes = counter.indexes as { name: { some: string }; algorithm: unknown }[];
  assert.deepEqual(
    indexes.map((i) => [i.name, i.algorithm]),
    [
      [{ some: 'counter_id_idx_btree' }, { BTree: { columns: [0] } }],
      [{ some: 'counter_label_idx_btree' }, { BTree: { columns: [1] } }],
    ],
  );
  const product = def.typespace.types[counter.product_type_ref as number] as { Product: { elements: unknown[] } };
  assert.deepEqual(product.Product.elements, [
    { name: { some: 'id' }, algebraic_type: { U64: [] } },
    { name: { some: 'label' }, algebraic_type: { String: [] } },
  ]);
  assert.deepEqual(def.reducers, [
    {
      name: 'seed',
      params: {
        elements: [
          {
            name: { some: 'who' },
            algebraic_type: {
              Product: { elements: [{ name: { some: '__identity__' }, algebraic_type: { U256: [] } }] },
            },
          },
          {
            name: { some: 'when' },
            algebraic_type: {
              Product: {
                elements: [{ name: { some: '__timestamp_micros_since_unix_epoch__' }, algebraic_type: { I64: [] } }],
              },
            },
          },
        ],
      },
      lifecycle: { none: [] },
    },
  ]);
  const types = (def.types as { name: { scope: string[]; name: string } }[]).map((t) => t.name.name);
  assert.ok(types.includes('Point') && types.includes('Shape'), types.join());
  assert.deepEqual(types, [...types].sort(), 'types are sorted by their scoped name');
  const procedure = (def.misc_exports as Record<string, { name: string; return_type: unknown }>[]).find(
    (e) => 'Procedure' in e,
  );
  assert.equal(procedure?.Procedure?.name, 'half');
  assert.deepEqual(def.row_level_security, []);
});

test('GET /schema?version=10 is a RawModuleDefV10 (re-derived: schema-v10.test.ts)', async () => {
  const answer = await fetch(api('/schema?version=10'));
  assert.equal(answer.status, 200);
  const { sections } = (await answer.json()) as { sections: Record<string, unknown>[] };
  assert.ok(sections.some((s) => 'Tables' in s) && sections.some((s) => 'Typespace' in s));
});

test('GET /v1/database/:name has initial_program: the Keccak-256 of the program it was created with, kept by updates', async () => {
  // crates/sats/src/hash.rs: `hash_bytes` is Keccak-256 (not SHA3-256), serialized as `u256::from_le_bytes`.
  assert.equal(
    Buffer.from(keccak_256(new Uint8Array())).toString('hex'),
    'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
  );
  const asU256 = (bytes: Uint8Array) => `0x${BigInt(`0x${Buffer.from(bytes).reverse().toString('hex')}`).toString(16)}`;
  const info = async () => {
    const answer = await fetch(`${host.url}/v1/database/${host.database}`);
    return JSON.parse(await answer.text()) as Record<string, unknown>;
  };
  const { code } = await bundleModule(conformanceModule('sats-json'));
  const first = await info();
  // crates/client-api/src/routes/database.rs, `DatabaseResponse` field order; identities are u256s as ethnum writes them.
  assert.deepEqual(Object.keys(first), ['database_identity', 'owner_identity', 'host_type', 'initial_program']);
  assert.deepEqual(first.host_type, { Js: [] });
  assert.equal(first.initial_program, asU256(keccak_256(new TextEncoder().encode(code))));
  const identity = await (await fetch(api('/identity'))).text();
  assert.equal(
    (first.database_identity as { __identity__: string }).__identity__,
    `0x${BigInt(`0x${identity}`).toString(16)}`,
  );

  // An update keeps the initial program (crates/standalone/src/lib.rs changes it only on creation and reset).
  const updated = `${code}\n// a second version\n`;
  const publish = (program: string, query: string) =>
    fetch(api(`?host_type=Js${query}`), {
      method: 'PUT',
      body: program,
      headers: { authorization: `Bearer ${host.publisherToken}` },
    });
  assert.equal((await publish(updated, '')).status, 200);
  assert.equal((await info()).initial_program, first.initial_program);
  assert.equal((await publish(updated, '&clear=true')).status, 200);
  assert.equal((await info()).initial_program, asU256(keccak_256(new TextEncoder().encode(updated))));
  // Put the rows back for the other tests (the reset cleared them).
  await post('/call/seed', JSON.stringify([{ __identity__: WHO }, { __timestamp_micros_since_unix_epoch__: WHEN }]));
});

test("a procedure's return value is written without its type, as the row values of /sql", async () => {
  // crates/client-api/src/routes/database.rs, `procedure_outcome_response`: `SerdeWrapper(AlgebraicValue)`.
  assert.equal(await (await post('/call/half', '[5]')).text(), '[2,[0,1]]');
  assert.equal(await (await post('/call/half', '[4]')).text(), '[2,[1,[]]]');
});

/** A request whose path is sent as written (`fetch` would resolve its dot segments first). */
function rawRequest(method: string, path: string, body: string): Promise<{ status: number; text: string }> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('dot segments are not resolved: /route/../sql is a module route, not /sql (axum matches the path as written)', async () => {
  const base = `/v1/database/${host.database}`;
  for (const path of [`${base}/route/../sql`, `${base}/route/%2e%2e/sql`]) {
    // crates/client-api/src/routes/database.rs: `/:name_or_identity/route/*path`, then `NO_SUCH_ROUTE`.
    assert.deepEqual(await rawRequest('POST', path, 'DELETE FROM counter'), {
      status: 404,
      text: 'Database has not registered a handler for this route',
    });
  }
  assert.equal((await rawRequest('POST', `${base}/schema/../sql`, 'DELETE FROM counter')).status, 404);
  assert.equal((await rawRequest('GET', `/v1/identity/../database/${host.database}/schema?version=9`, '')).status, 404);
  const left = await post('/sql', 'SELECT COUNT(*) AS n FROM sample');
  assert.match(await left.text(), /"rows":\[\[2\]\]/);
});

test("lta-host sql prints spacetime sql's table: psql layout, values as its SQL formatter writes them", async () => {
  const { code, stdout, stderr } = await ltaHost(
    'sql',
    host.database,
    'SELECT id, big, ratio, precise, who, stamp, maybe, shape, point, raw, tags FROM sample WHERE id = 1',
    '--server',
    host.url,
  );
  assert.equal(code, 0, stderr);
  // crates/sats/src/satn.rs (`SqlFormatter`, `PsqlPrintFmt`): identity as 0x and 64 hex digits, timestamp in
  // RFC 3339, options and enums as `(variant = value)`, structs as `(x = -1, y = 2)`, bytes as 0x hex, arrays'
  // elements one after another, floats without an exponent; tabled's psql style (crates/cli/src/subcommands/sql.rs).
  const cells = [
    ['id', '1'],
    ['big', '18446744073709551615'],
    ['ratio', '0.1'],
    ['precise', '1000000000000000000000'],
    ['who', WHO],
    ['stamp', '2023-11-14T22:13:20.123456+00:00'],
    ['maybe', '(none = ())'],
    ['shape', '(circle = 7)'],
    ['point', '(x = -1, y = 2)'],
    ['raw', '0x0102ff'],
    ['tags', '"a""b"'],
  ];
  const widths = cells.map(([name, value]) => Math.max(name!.length, value!.length));
  const line = (texts: string[]) => texts.map((t, i) => ` ${t.padEnd(widths[i]!)} `).join('|');
  assert.equal(
    stdout,
    [line(cells.map((c) => c[0]!)), widths.map((w) => '-'.repeat(w + 2)).join('+'), line(cells.map((c) => c[1]!))].join(
      '\n',
    ) + '\n',
  );
});
