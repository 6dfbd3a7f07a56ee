/**
 * Queries of one table read it through its indexes: equalities as key lookups, `<`, `<=`, `>`, `>=` (and pairs of
 * them) as range scans of ordered indexes, whichever brings the fewest rows. Their answers must be exactly those of
 * a full scan, and what they record as read must hold every row that can match, and nothing far outside.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowKey } from '../../src/engine/datastore/row-key.js';
import { loadModule, ReadWatchers, type Engine, type ReadSet } from '../../src/engine/index.js';
import { catalogOf } from '../../src/server/catalog.js';
import { evaluateQuery } from '../../src/server/evaluate.js';
import { SubscriptionManager } from '../../src/server/subscriptions.js';
import { compileSubscription } from '../../src/sql/compile.js';
import { call, caller } from '../engine/kitchen-sink.js';
import { SeededRandom } from '../seeded-random.js';
import { KITCHEN_SINK } from './support.js';

const OPS = ['=', '!=', '<', '<=', '>', '>='] as const;
/** The operator that says the same with its sides swapped (`3 < id` is `id > 3`). */
const MIRRORED: Record<(typeof OPS)[number], string> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

/** A kitchen-sink instance with a few hundred scores and accounts, some deleted again. */
async function filledEngine(random: SeededRandom): Promise<Engine> {
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'range-scans', log: () => {} });
  for (let i = 0; i < 600; i++) {
    const who = caller(BigInt(random.int(1, 5)), 1_700_000_000_000_000n + BigInt(i));
    const roll = random.next();
    if (roll < 0.6) {
      call(
        engine,
        'add_score',
        {
          game: random.pick(['chess', 'go', 'tennis']),
          player: random.pick(['ann', 'bob', 'cy']),
          points: random.int(-50, 350),
          level: random.int(0, 5),
        },
        who,
      );
    } else if (roll < 0.65) {
      call(engine, 'delete_scores_below', { game: random.pick(['chess', 'go']), points: random.int(-60, 100) }, who);
    } else if (roll < 0.95) {
      call(engine, 'open_account', { id: random.int(0, 300), balance: BigInt(random.int(-100, 100)) }, who);
    } else {
      call(engine, 'close_account', { id: random.int(0, 300) }, who);
    }
  }
  return engine;
}

/** A random single-column condition of the score or account table, as SQL. */
function randomTerm(random: SeededRandom, table: 'score' | 'account'): string {
  const op = random.pick(OPS);
  const flipped = (column: string, value: number) =>
    random.chance(0.2) ? `${value} ${MIRRORED[op]} ${column}` : `${column} ${op} ${value}`;
  if (table === 'account') {
    const column = random.pick(['id', 'id', 'balance', 'owner']);
    if (column === 'owner') return random.chance(0.5) ? 'owner = :sender' : `owner = 0x${'3'.padStart(64, '0')}`;
    return flipped(column, column === 'id' ? random.int(0, 310) : random.int(-120, 120));
  }
  const column = random.pick(['scoreId', 'points', 'level', 'game', 'player']);
  if (column === 'game' || column === 'player') {
    const value = `'${random.pick(column === 'game' ? ['chess', 'go', 'tennis', 'poker'] : ['ann', 'bob', 'zed'])}'`;
    return random.chance(0.3) ? `${column} = ${value} OR ${column} = 'go'` : `${column} = ${value}`;
  }
  if (column === 'level' && random.chance(0.2)) return `level = ${random.int(0, 6)} OR level = ${random.int(0, 6)}`;
  const value =
    column === 'scoreId' ? random.int(0, 450) : column === 'points' ? random.int(-60, 360) : random.int(0, 6);
  return flipped(column, value);
}

/** Rows of `table` the query matches, found by reading every row: the reference. */
function fullScan(engine: Engine, sql: string, sender: bigint): string[] {
  const query = compileSubscription(sql, catalogOf(engine));
  const rows = [...engine.table(query.returned.name).rows()].filter((row) => query.matches([row.columns], sender));
  return rows.map((row) => rowKey(row.bytes)).sort();
}

/** Whether a write of `bytes` into `table` reaches an evaluation that read `reads`. */
function reaches(engine: Engine, reads: ReadSet, table: string, bytes: Uint8Array): boolean {
  const watchers = new ReadWatchers<string>((name, row) => engine.table(name).decodeColumns(row));
  watchers.add('query', reads);
  return watchers.affected([{ tableId: 0, tableName: table, inserts: [bytes], deletes: [] }]).has('query');
}

test('index reads answer exactly what a full scan does, and record every row that can match, on 1,500 random queries', async () => {
  const random = new SeededRandom(20261207);
  const engine = await filledEngine(random);
  const catalog = catalogOf(engine);
  const counts = [engine.table('score').count(), engine.table('account').count()];
  assert.ok(counts[0]! > 200 && counts[1]! > 100, `the tables have rows (${counts.join(', ')})`);
  let throughIndexes = 0;
  let nonEmpty = 0;
  for (let i = 0; i < 1500; i++) {
    const table = random.chance(0.7) ? 'score' : 'account';
    const terms = Array.from({ length: random.int(1, 3) }, () => randomTerm(random, table));
    const sql = `SELECT * FROM ${table} WHERE ${terms.map((term) => `(${term})`).join(' AND ')}`;
    const sender = BigInt(random.int(1, 5));
    const { rows, reads } = evaluateQuery(engine, catalog, compileSubscription(sql, catalog), sender);
    const expected = fullScan(engine, sql, sender);
    assert.deepEqual(rows.map(rowKey).sort(), expected, sql);
    if (expected.length > 0) nonEmpty++;
    if (!reads.tables.get(table)!.full) {
      throughIndexes++;
      for (const row of engine.table(table).rows()) {
        if (expected.includes(rowKey(row.bytes)))
          assert.ok(reaches(engine, reads, table, row.bytes), `a write of a matching row reaches ${sql}`);
      }
    }
  }
  assert.ok(throughIndexes > 1000, `most queries read through an index (${throughIndexes})`);
  assert.ok(nonEmpty > 500, `many queries have rows (${nonEmpty})`);
});

test('a range query records the range it read: writes outside it do not reach it', async () => {
  const engine = await filledEngine(new SeededRandom(3));
  const catalog = catalogOf(engine);
  const { reads } = evaluateQuery(
    engine,
    catalog,
    compileSubscription('SELECT * FROM score WHERE level >= 4', catalog),
    1n,
  );
  assert.equal(reads.tables.get('score')!.full, false, 'the level index was read, not the table');
  const levels = new Map<number, Uint8Array>();
  for (const row of engine.table('score').rows()) levels.set(row.columns[4] as number, row.bytes);
  assert.deepEqual([...levels.keys()].sort(), [0, 1, 2, 3, 4, 5]);
  for (const [level, bytes] of levels)
    assert.equal(reaches(engine, reads, 'score', bytes), level >= 4, `level ${level}`);
});

test('the paged chat query reads only the page range, not the whole channel', async () => {
  const engine = await filledEngine(new SeededRandom(5));
  const catalog = catalogOf(engine);
  // `game = 'chess' AND scoreId >= N`: the chess scores are many, those from N on few; both have an index.
  const ids = [...engine.table('score').rows()].map((row) => row.columns[0] as bigint).sort((a, b) => Number(a - b));
  const start = ids[ids.length - 10]!;
  const sql = `SELECT * FROM score WHERE game = 'chess' AND scoreId >= ${start}`;
  const { rows, reads } = evaluateQuery(engine, catalog, compileSubscription(sql, catalog), 1n);
  assert.deepEqual(rows.map(rowKey).sort(), fullScan(engine, sql, 1n));
  const score = reads.tables.get('score')!;
  assert.equal(score.full, false);
  assert.equal(score.points.size, 0, 'the game key was not looked up');
  const [ranges] = [...score.ranges.values()];
  assert.equal(ranges?.length, 1, 'one range scan');
  assert.deepEqual(ranges![0]!.from, { kind: 'included', value: start });
  const older = [...engine.table('score').rows()].find(
    (row) => (row.columns[0] as bigint) < start && row.columns[1] === 'chess',
  )!;
  assert.equal(reaches(engine, reads, 'score', older.bytes), false, 'an older chess score is outside what was read');
});

test('a view built with the query builder re-runs only for writes inside the range it reads', async () => {
  const engine = await loadModule({ moduleDir: KITCHEN_SINK, databaseName: 'range-view', log: () => {} });
  const ran: string[] = [];
  const counting = Object.create(engine) as Engine;
  counting.evaluateView = (name, sender) => {
    ran.push(name);
    return engine.evaluateView(name, sender);
  };
  const manager = new SubscriptionManager(counting);
  const learner = { identity: 1n };
  manager.subscribe(learner, 0, ['SELECT * FROM high_level_scores']);
  ran.length = 0;
  const score = (level: number) => {
    const outcome = call(engine, 'add_score', { game: 'go', player: 'ann', points: 10, level });
    assert.equal(outcome.status, 'committed');
    return manager.updatesFor(outcome.status === 'committed' ? outcome.changes : []);
  };
  assert.equal(score(0).size, 0, 'a level 0 score changes nothing');
  assert.deepEqual(ran, [], 'and does not re-run the view');
  const updates = score(3);
  assert.deepEqual(ran, ['high_level_scores'], 'a level 3 score re-runs it');
  assert.equal(updates.get(learner)?.querySets[0]?.tables[0]?.tableName, 'high_level_scores', 'and is sent');
});
