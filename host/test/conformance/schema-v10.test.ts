/**
 * `GET /schema?version=10` is the `RawModuleDefV10` SpacetimeDB re-derives from the validated module
 * (`impl From<ModuleDef> for RawModuleDefV10`, crates/schema/src/def.rs), not the one the module sent: the names
 * validation generates are filled in (crates/schema/src/def/validate/v9.rs `generate_unique_constraint_name`,
 * `generate_sequence_name`, `generate_schedule_name`), canonical names travel in an `ExplicitNames` section that is
 * always there, the typespace is case-converted, and the sections come in that function's order.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../src/index.js';
import { startKitchenSink } from '../server/support.js';

type Json = Record<string, unknown>;
let host: RunningHost;
let sections: Json[];
const section = <T>(tag: string) => sections.find((s) => tag in s)?.[tag] as T;

before(async () => {
  host = await startKitchenSink();
  const answer = await fetch(`${host.url}/v1/database/${host.database}/schema?version=10`);
  assert.equal(answer.status, 200);
  ({ sections } = (await answer.json()) as { sections: Json[] });
});
after(() => host.close());

test("sections come in From<ModuleDef>'s order, empty ones left out, ExplicitNames always and no case policy", () => {
  const order = [
    'Typespace',
    'Types',
    'Tables',
    'Reducers',
    'Procedures',
    'HttpHandlers',
    'HttpRoutes',
    'Views',
    'ViewPrimaryKeys',
    'Schedules',
    'LifeCycleReducers',
    'RowLevelSecurity',
    'ExplicitNames',
  ];
  const tags = sections.map((s) => Object.keys(s)[0]!);
  assert.deepEqual(
    tags,
    order.filter((tag) => tags.includes(tag)),
  );
  for (const tag of ['Typespace', 'Types', 'Tables', 'Reducers', 'Views', 'Schedules', 'LifeCycleReducers'])
    assert.ok(tags.includes(tag), tag);
  assert.ok(!tags.includes('CaseConversionPolicy'), 'the names it would make are spelled out instead');
  assert.ok(!tags.includes('Procedures') && !tags.includes('HttpHandlers'), 'the kitchen sink has none');
  assert.equal(tags.at(-1), 'ExplicitNames');
});

interface Table {
  source_name: string;
  product_type_ref: number;
  indexes: { source_name: Json; accessor_name: Json; algorithm: Json }[];
  constraints: { source_name: Json; data: Json }[];
  sequences: Json[];
}

test('tables carry the generated constraint and sequence names and the indexes as the module named them', () => {
  const tables = section<Table[]>('Tables');
  assert.deepEqual(
    tables.map((t) => t.source_name),
    ['everyType', 'account', 'score', 'secretNote', 'connection', 'reminder', 'announcement'],
  );
  const score = tables.find((t) => t.source_name === 'score')!;
  // `{table}_{columns}_key` and `{table}_{column}_seq` from canonical names; V10 keeps an index's source name.
  assert.deepEqual(score.constraints, [
    { source_name: { some: 'score_score_id_key' }, data: { Unique: { columns: [0] } } },
  ]);
  assert.deepEqual(score.sequences, [
    {
      source_name: { some: 'score_score_id_seq' },
      column: 0,
      start: { none: [] },
      min_value: { none: [] },
      max_value: { none: [] },
      increment: 1,
    },
  ]);
  assert.deepEqual(
    score.indexes.map((i) => [i.source_name, i.accessor_name]),
    [
      [{ some: 'score_scoreId_idx_btree' }, { some: 'scoreId' }],
      [{ some: 'score_level_idx_direct' }, { some: 'level' }],
      [{ some: 'score_game_points_idx_btree' }, { some: 'byGameAndPoints' }],
      [{ some: 'score_player_idx_hash' }, { some: 'byPlayerHash' }],
    ],
  );
  // The typespace is the validated one: columns by their canonical (snake_case) names.
  const types = section<{ types: Json[] }>('Typespace').types;
  const row = types[score.product_type_ref] as { Product: { elements: { name: Json }[] } };
  assert.deepEqual(row.Product.elements[0]!.name, { some: 'score_id' });
});

test('schedules and lifecycle reducers are named canonically, lifecycle in Init, OnConnect, OnDisconnect order', () => {
  assert.deepEqual(section('Schedules'), [
    { source_name: { some: 'reminder_sched' }, table_name: 'reminder', schedule_at_col: 1, function_name: 'remind' },
  ]);
  assert.deepEqual(section('LifeCycleReducers'), [
    { lifecycle_spec: { Init: [] }, function_name: 'init' },
    { lifecycle_spec: { OnConnect: [] }, function_name: 'on_connect' },
    { lifecycle_spec: { OnDisconnect: [] }, function_name: 'on_disconnect' },
  ]);
});

test('ExplicitNames maps every table, then every reducer, procedure and view, from its source name to its canonical one', () => {
  const { entries } = section<{ entries: Json[] }>('ExplicitNames');
  const tables = entries.filter((e) => 'Table' in e).map((e) => e.Table);
  const functions = entries.filter((e) => 'Function' in e).map((e) => e.Function);
  assert.equal(entries.length, tables.length + functions.length, 'no Index entries: they are not re-derived');
  assert.deepEqual(tables.slice(0, 4), [
    { source_name: 'everyType', canonical_name: 'every_type' },
    { source_name: 'account', canonical_name: 'account' },
    { source_name: 'score', canonical_name: 'score' },
    { source_name: 'secretNote', canonical_name: 'secret_note' },
  ]);
  const reducers = section<{ source_name: string }[]>('Reducers').map((r) => r.source_name);
  const views = section<{ source_name: string }[]>('Views').map((v) => v.source_name);
  assert.deepEqual(
    functions.map((f) => (f as Json).source_name),
    [...reducers, ...views],
  );
  assert.deepEqual(
    functions.find((f) => (f as Json).source_name === 'insertEveryType'),
    { source_name: 'insertEveryType', canonical_name: 'insert_every_type' },
  );
  assert.deepEqual(
    functions.find((f) => (f as Json).source_name === 'myNotes'),
    { source_name: 'myNotes', canonical_name: 'my_notes' },
  );
});
