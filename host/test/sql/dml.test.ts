import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDml, parseDml } from '../../src/sql/dml.js';
import { SqlError } from '../../src/sql/parser.js';
import { splitStatements } from '../../src/sql/split-statements.js';

test('INSERT, UPDATE and DELETE parse to their table, values and the query that finds their rows', () => {
  assert.deepEqual(parseDml("insert into t (a, b) values (1, 'x'), (-2, TRUE);"), {
    kind: 'insert',
    table: 't',
    columns: ['a', 'b'],
    rows: [
      [
        { kind: 'number', text: '1' },
        { kind: 'string', value: 'x' },
      ],
      [
        { kind: 'number', text: '-2' },
        { kind: 'bool', value: true },
      ],
    ],
  });
  assert.deepEqual(parseDml('INSERT INTO t VALUES (0x0A)'), {
    kind: 'insert',
    table: 't',
    columns: [],
    rows: [[{ kind: 'hex', digits: '0A' }]],
  });
  const update = parseDml("UPDATE t SET a = 1, b = 'y' WHERE a > 0 AND b = 'x'");
  assert.equal(update.kind, 'update');
  assert.deepEqual(update.kind === 'update' && update.assignments.map((a) => a.column), ['a', 'b']);
  assert.equal(update.kind === 'update' && update.select, "SELECT * FROM t  WHERE a > 0 AND b = 'x'");
  assert.equal((parseDml('UPDATE "T" SET a = 1') as { select: string }).select, 'SELECT * FROM "T"  ');
  assert.deepEqual(parseDml('DELETE FROM t WHERE a = 1'), {
    kind: 'delete',
    table: 't',
    select: 'SELECT * FROM t WHERE a = 1',
  });
  assert.deepEqual(parseDml('delete from t'), { kind: 'delete', table: 't', select: 'SELECT * FROM t' });
});

test('malformed DML is refused with where and why; only INSERT/UPDATE/DELETE count as DML', () => {
  for (const [sql, expected] of [
    ['INSERT INTO t (a) VALUES', /expected '\(' at position 24/],
    ['INSERT INTO t (a) VALUES (b)', /expected a literal .* at position 26, found 'b'/],
    ['INSERT t VALUES (1)', /expected INTO/],
    ['UPDATE t a = 1', /expected SET/],
    ['UPDATE t SET a = b', /expected a literal/],
    ['UPDATE t SET a = 1 ORDER BY a', /expected the end of the statement/],
    ['INSERT INTO t (a) VALUES (1) RETURNING a', /expected the end of the statement/],
    ['DELETE t', /expected FROM/],
    ["INSERT INTO t (a) VALUES ('open", /unterminated string literal/],
  ] as const) {
    assert.throws(
      () => parseDml(sql),
      (error: unknown) => error instanceof SqlError && expected.test(error.message),
      sql,
    );
  }
  assert.throws(() => parseDml(`DELETE FROM t WHERE a = '${'x'.repeat(70_000)}'`), /query too long/);
  assert.deepEqual(['insert into t', ' UPDATE t', 'Delete from t', 'SELECT * FROM t', 'inserted'].map(isDml), [
    true,
    true,
    true,
    false,
    false,
  ]);
});

test('a /sql body splits at semicolons outside strings and quoted names', () => {
  assert.deepEqual(splitStatements("SELECT 1; INSERT INTO t (a) VALUES ('a;b', 'it''s;'); ;"), [
    'SELECT 1',
    "INSERT INTO t (a) VALUES ('a;b', 'it''s;')",
  ]);
  assert.deepEqual(splitStatements('SELECT * FROM "a;b"'), ['SELECT * FROM "a;b"']);
  assert.deepEqual(splitStatements('  ;  '), []);
});
