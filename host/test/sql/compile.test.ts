import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AlgebraicType, Identity } from 'spacetimedb';
import { compileSubscription, type SqlCatalog, type SqlRelation } from '../../src/sql/compile.js';
import { DEFAULT_SQL_LIMITS, type SqlLimits } from '../../src/sql/limits.js';
import { parseSubscriptionSql, SqlError } from '../../src/sql/parser.js';

const identityType = Identity.getAlgebraicType();
const relations: SqlRelation[] = [
  {
    name: 'person',
    kind: 'table',
    isPublic: true,
    indexedColumns: new Set([0]),
    columns: [
      { name: 'id', accessorName: 'id', type: AlgebraicType.U32 },
      { name: 'owner', accessorName: 'owner', type: identityType },
      { name: 'name', accessorName: 'name', type: AlgebraicType.String },
      { name: 'score', accessorName: 'score', type: AlgebraicType.I64 },
      { name: 'online', accessorName: 'online', type: AlgebraicType.Bool },
      { name: 'ratio', accessorName: 'ratio', type: AlgebraicType.F64 },
    ],
  },
  {
    name: 'pet',
    kind: 'table',
    isPublic: true,
    indexedColumns: new Set([1]),
    columns: [
      { name: 'id', accessorName: 'id', type: AlgebraicType.U32 },
      { name: 'person_id', accessorName: 'personId', type: AlgebraicType.U32 },
      { name: 'species', accessorName: 'species', type: AlgebraicType.String },
    ],
  },
  {
    name: 'secret',
    kind: 'table',
    isPublic: false,
    indexedColumns: new Set(),
    columns: [{ name: 'id', accessorName: 'id', type: AlgebraicType.U32 }],
  },
];
const catalog: SqlCatalog = { relation: (name) => relations.find((r) => r.name === name), typespace: [] };

const alice = 0xc200aaaan;
const bob = 0xc200bbbbn;
const aliceRow = [1, alice, "O'Brien", 10n, true, 0.5];
const bobRow = [2, bob, 'Bob', -3n, false, 2.5];

function matching(sql: string, sender = alice) {
  const query = compileSubscription(sql, catalog);
  return [aliceRow, bobRow].filter((row) => query.matches([row], sender)).map((row) => row[0]);
}

test('single-table queries filter with comparisons, AND/OR, parentheses and every literal kind', () => {
  assert.deepEqual(matching('SELECT * FROM person'), [1, 2]);
  assert.deepEqual(matching('select * from person where score > 0'), [1]);
  assert.deepEqual(matching('SELECT * FROM person WHERE score <= -3'), [2]);
  assert.deepEqual(matching("SELECT * FROM person WHERE name = 'O''Brien'"), [1]);
  assert.deepEqual(matching('SELECT * FROM person WHERE online = TRUE OR ratio >= 2.5'), [1, 2]);
  assert.deepEqual(matching('SELECT * FROM person WHERE online AND (id = 1 OR id = 2)'), [1]);
  assert.deepEqual(matching('SELECT * FROM person WHERE id <> 1'), [2]);
  assert.deepEqual(matching('SELECT * FROM person WHERE score = 1e1'), [1]);
  assert.deepEqual(
    matching(`SELECT * FROM "person" WHERE "person"."owner" = 0x${bob.toString(16).padStart(64, '0')}`),
    [2],
  );
  assert.deepEqual(matching('SELECT p.* FROM person AS p WHERE p.id = 2'), [2]);
});

test(':sender is the subscriber identity', () => {
  const query = compileSubscription('SELECT * FROM person WHERE owner = :sender', catalog);
  assert.equal(query.usesSender, true);
  assert.equal(query.matches([aliceRow], alice), true);
  assert.equal(query.matches([aliceRow], bob), false);
});

test('a join returns the projected table and names the join columns', () => {
  const query = compileSubscription(
    "SELECT person.* FROM pet JOIN person ON pet.person_id = person.id WHERE pet.species = 'cat'",
    catalog,
  );
  assert.equal(query.returned.name, 'person');
  assert.deepEqual(
    query.join && { name: query.join.relation.name, r: query.join.returnedColumn, j: query.join.joinedColumn },
    { name: 'pet', r: 0, j: 1 },
  );
  assert.equal(query.matches([aliceRow, [9, 1, 'cat']], 0n), true);
  assert.equal(query.matches([aliceRow, [9, 1, 'dog']], 0n), false);
});

test('bad queries are refused with the reason a developer needs', () => {
  const refused: [string, RegExp][] = [
    ['', /empty query/],
    ['SELECT * FROM nobody', /no such table: `nobody`/],
    ['SELECT * FROM secret', /may be marked private/],
    ['SELECT name FROM person', /Column projections are not supported/],
    ['SELECT * FROM person WHERE nope = 1', /does not have a field `nope`/],
    ["SELECT * FROM person WHERE id = 'one'", /cannot be parsed as type `U32`/],
    ['SELECT * FROM person WHERE id = -1', /cannot be parsed/],
    ['SELECT * FROM person WHERE id = 0.5', /cannot be parsed/],
    ['SELECT * FROM person WHERE id = 5000000000', /cannot be parsed/],
    ['SELECT * FROM person LIMIT 5', /LIMIT is not supported/],
    ['SELECT * FROM person JOIN pet ON pet.person_id = person.id', /SELECT \* is not supported for joins/],
    ['SELECT person.* FROM person JOIN pet ON person.name = pet.species', /require indexes on join columns/],
    ['SELECT person.* FROM person JOIN pet ON pet.person_id = person.id WHERE id = 1', /must be qualified/],
    ['SELECT * FROM person WHERE name = :sender', /Identity/],
    ['SELECT * FROM person WHERE online < TRUE OR x', /Invalid binary operator|does not have a field/],
    ["SELECT * FROM person WHERE name = 'open", /unterminated string/],
    ['SELECT * FROM person; DROP TABLE person', /unexpected/],
  ];
  for (const [sql, reason] of refused) {
    assert.throws(
      () => compileSubscription(sql, catalog),
      (err: unknown) => err instanceof SqlError && reason.test(err.message),
      sql,
    );
  }
});

test('the parser keeps quoted identifiers and accepts INNER JOIN with aliases', () => {
  const ast = parseSubscriptionSql('SELECT "P".* FROM person "P" INNER JOIN pet AS x ON "P".id = x.person_id');
  assert.deepEqual(ast.from, { table: 'person', alias: 'P' });
  assert.deepEqual(ast.join?.relation, { table: 'pet', alias: 'x' });
});

test('a WHERE of tens of thousands of AND/OR terms compiles and filters (6,000 once overflowed the stack)', () => {
  const roomy = { ...DEFAULT_SQL_LIMITS, maxQueryBytes: 4 * 1024 * 1024 };
  const many = (op: string, term: (i: number) => string) =>
    Array.from({ length: 50_000 }, (_, i) => term(i)).join(` ${op} `);
  const ids = (where: string) => {
    const query = compileSubscription(`SELECT * FROM person WHERE ${where}`, catalog, false, roomy);
    return [aliceRow, bobRow].filter((row) => query.matches([row], alice)).map((row) => row[0]);
  };
  assert.deepEqual(ids(many('OR', (i) => `id = ${i + 2}`)), [2]);
  assert.deepEqual(ids(many('AND', (i) => `id != ${i + 2}`)), [1]);
  assert.deepEqual(ids(many('OR', (i) => `(id = ${i + 1} AND online)`)), [1]);
});

test('queries past the size or nesting limits are refused with a reason', () => {
  const deep = (levels: number) => `SELECT * FROM person WHERE ${'('.repeat(levels)}id = 1${')'.repeat(levels)}`;
  assert.deepEqual(matching(deep(64)), [1]);
  const refused = (sql: string, reason: RegExp, limits?: SqlLimits) =>
    assert.throws(
      () => compileSubscription(sql, catalog, false, limits),
      (err: unknown) => err instanceof SqlError && reason.test(err.message),
    );
  refused(deep(65), /nested too deeply: more than 64 levels/);
  refused(deep(100_000), /nested too deeply/, { ...DEFAULT_SQL_LIMITS, maxQueryBytes: 1024 * 1024 });
  refused(
    `SELECT * FROM person WHERE name = '${'é'.repeat(40 * 1024)}'`,
    /query too long: \d+ bytes, the limit is 65536/,
  );
  refused(deep(3), /nested too deeply: more than 2 levels/, { ...DEFAULT_SQL_LIMITS, maxNestingDepth: 2 });
  refused('SELECT * FROM person', /the limit is 10/, { ...DEFAULT_SQL_LIMITS, maxQueryBytes: 10 });
});

test("columns resolve by canonical name, else by the module's accessor name, as SpacetimeDB resolves them", () => {
  const query = compileSubscription('SELECT * FROM pet WHERE personId = 1', catalog);
  assert.equal(query.matches([[7, 1, 'cat']], alice), true);
  assert.equal(query.matches([[7, 2, 'cat']], alice), false);
  assert.throws(
    () => compileSubscription('SELECT * FROM pet WHERE person = 1', catalog),
    /`pet` does not have a field `person`/,
  );
});
