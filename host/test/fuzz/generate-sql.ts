/**
 * Random subscription SQL for the fuzzer: mostly well-formed queries over the kitchen-sink fixture's tables (so
 * they reach the compiler and the evaluator), with unknown names, wrong types, long AND/OR chains, deep
 * parentheses and random edits mixed in; a fifth are INSERT, UPDATE or DELETE statements.
 */
import type { SeededRandom } from '../seeded-random.js';

const TABLES: Record<string, string[]> = {
  account: ['id', 'owner', 'balance'],
  score: ['score_id', 'game', 'player', 'points', 'level'],
  every_type: [
    'id',
    'flag',
    'i8v',
    'u64v',
    'i128v',
    'u256v',
    'f32v',
    'f64v',
    'text',
    'bytes',
    'maybe_text',
    'owner',
    'conn',
    'created_at',
    'ttl',
  ],
  connection: ['identity', 'online'],
  secret_note: ['id', 'owner', 'body'],
  top_scores: ['game', 'points'],
  my_notes: ['id', 'body'],
  announcement: ['text', 'level'],
  nowhere: ['nothing'],
};
const OPERATORS = ['=', '!=', '<>', '<', '>', '<=', '>='];
const KEYWORDS = [
  'SELECT',
  'FROM',
  'WHERE',
  'JOIN',
  'ON',
  'AND',
  'OR',
  'NOT',
  'LIMIT',
  'ORDER BY',
  'NULL',
  'IS',
  ';',
  '*',
  '.',
  ',',
];

function literal(random: SeededRandom): string {
  switch (random.int(0, 9)) {
    case 0:
      return String(random.int(-5, 300));
    case 1:
      return random.pick([
        '1.5',
        '.1',
        '1e3',
        '-0',
        '1e400',
        '340282366920938463463374607431768211456',
        '-9223372036854775809',
      ]);
    case 2:
      return `'${random.pick(['', 'chess', "O''Brien", 'é😀', 'x'.repeat(random.int(0, 200))])}'`;
    case 3:
      return random.pick(['TRUE', 'FALSE', 'true']);
    case 4:
      return `0x${'c200'.padEnd(random.pick([4, 64, 63, 65]), '0')}`;
    case 5:
      return `X'${random.pick(['', '00', 'abc', 'zz'])}'`;
    case 6:
      return ':sender';
    default:
      return String(random.int(0, 10));
  }
}

function comparison(random: SeededRandom, columns: string[], alias: string | null): string {
  const column = random.chance(0.9) ? random.pick(columns) : random.pick(['missing', '"Quoted"', 'id.id']);
  const field = alias && random.chance(0.7) ? `${alias}.${column}` : column;
  if (random.chance(0.1)) return field;
  return `${field} ${random.pick(OPERATORS)} ${literal(random)}`;
}

function predicate(random: SeededRandom, columns: string[], alias: string | null, depth: number): string {
  const terms = depth === 0 && random.chance(0.05) ? random.int(500, 9000) : random.int(1, 4);
  const parts: string[] = [];
  for (let i = 0; i < terms; i++) {
    const nested = depth < 4 && random.chance(0.2);
    parts.push(nested ? `(${predicate(random, columns, alias, depth + 1)})` : comparison(random, columns, alias));
  }
  const joiner = random.pick([' AND ', ' OR ']);
  return parts.join(joiner);
}

function query(random: SeededRandom): string {
  const table = random.pick(Object.keys(TABLES));
  const columns = TABLES[table]!;
  const alias = random.chance(0.3) ? 't' : null;
  let sql = `SELECT ${alias ? `${alias}.*` : '*'} FROM ${table}${alias ? ` AS ${alias}` : ''}`;
  if (random.chance(0.1))
    sql = `SELECT s.* FROM score s JOIN account a ON s.${random.pick(['level', 'points'])} = a.${random.pick(['id', 'balance'])}`;
  if (random.chance(0.8)) sql += ` WHERE ${predicate(random, columns, alias, 0)}`;
  if (random.chance(0.03)) {
    const depth = random.int(60, 5000);
    sql = `SELECT * FROM account WHERE ${'('.repeat(depth)}id = 1${')'.repeat(depth)}`;
  }
  return sql;
}

/** INSERT, UPDATE or DELETE (the owner runs them over HTTP): well-formed, wrong counts, wrong types, views. */
function dml(random: SeededRandom): string {
  const table = random.pick(Object.keys(TABLES));
  const columns = TABLES[table]!;
  switch (random.int(0, 2)) {
    case 0: {
      const named = random.chance(0.8) ? columns : columns.slice(0, random.int(0, columns.length));
      const row = () =>
        `(${columns
          .map(() => literal(random))
          .slice(0, random.chance(0.9) ? columns.length : random.int(0, columns.length))
          .join(', ')})`;
      const rows = Array.from({ length: random.int(1, 3) }, row).join(', ');
      return `INSERT INTO ${table} (${named.join(', ')}) VALUES ${rows}`;
    }
    case 1: {
      const sets = Array.from({ length: random.int(1, 3) }, () => `${random.pick(columns)} = ${literal(random)}`).join(
        ', ',
      );
      return `UPDATE ${table} SET ${sets}${random.chance(0.7) ? ` WHERE ${predicate(random, columns, null, 0)}` : ''}`;
    }
    default:
      return `DELETE FROM ${table}${random.chance(0.8) ? ` WHERE ${predicate(random, columns, null, 0)}` : ''}`;
  }
}

/** Random edits: deleting, repeating or inserting characters and keywords. */
function mutate(random: SeededRandom, sql: string): string {
  let text = sql;
  for (let edits = random.int(1, 3); edits > 0; edits--) {
    const at = random.int(0, text.length);
    switch (random.int(0, 3)) {
      case 0:
        text = text.slice(0, at) + text.slice(at + random.int(1, 8));
        break;
      case 1:
        text = text.slice(0, at) + ` ${random.pick(KEYWORDS)} ` + text.slice(at);
        break;
      case 2:
        text =
          text.slice(0, at) + random.pick(["'", '"', '(', ')', '\u0000', '\uD800', ':', "x'", '0x']) + text.slice(at);
        break;
      default:
        text = text.slice(0, at) + text.slice(at, at + random.int(1, 20)).repeat(random.int(2, 50)) + text.slice(at);
    }
  }
  return text;
}

/** One random query: valid for the fixture about half the time, a near miss otherwise. */
export function randomSql(random: SeededRandom): string {
  const sql = random.chance(0.2) ? dml(random) : query(random);
  return random.chance(0.5) ? sql : mutate(random, sql);
}
