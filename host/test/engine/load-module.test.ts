import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadModule, ModuleLoadError } from '../../src/engine/index.js';
import { KITCHEN_SINK, loadKitchenSink } from './kitchen-sink.js';

test('the module definition carries canonical names, indexes, constraints, sequences and schedules', async () => {
  const { engine } = await loadKitchenSink();
  const { tables, reducers, views } = engine.def;
  const byName = (name: string) => tables.find((t) => t.name === name)!;
  assert.deepEqual(
    tables.map((t) => [t.name, t.accessorName, t.isPublic]),
    [
      ['every_type', 'everyType', true],
      ['account', 'account', true],
      ['score', 'score', true],
      ['secret_note', 'secretNote', false],
      ['connection', 'connection', true],
      ['reminder', 'reminder', false],
      ['announcement', 'announcement', true],
    ],
  );
  const score = byName('score');
  assert.deepEqual(
    score.columns.map((c) => [c.name, c.accessorName, c.type.tag]),
    [
      ['score_id', 'scoreId', 'U64'],
      ['game', 'game', 'String'],
      ['player', 'player', 'String'],
      ['points', 'points', 'I32'],
      ['level', 'level', 'U8'],
    ],
  );
  assert.deepEqual(score.primaryKey, [0]);
  assert.deepEqual(
    score.indexes.map((i) => [i.name, i.accessorName, i.algorithm, i.columns, i.unique]),
    [
      ['score_score_id_idx_btree', 'scoreId', 'btree', [0], true],
      ['score_level_idx_direct', 'level', 'direct', [4], false],
      ['score_game_points_idx_btree', 'byGameAndPoints', 'btree', [1, 3], false],
      ['score_player_idx_hash', 'byPlayerHash', 'hash', [2], false],
    ],
  );
  assert.deepEqual(score.uniqueConstraints, [{ name: 'score_score_id_key', columns: [0] }]);
  assert.deepEqual(
    score.sequences.map((s) => [s.name, s.column, s.start, s.increment]),
    [['score_score_id_seq', 0, 1n, 1n]],
  );
  assert.deepEqual(byName('reminder').schedule, {
    name: 'reminder_sched',
    functionName: 'remind',
    scheduleAtColumn: 1,
  });
  assert.deepEqual(
    reducers.filter((r) => r.lifecycle).map((r) => [r.name, r.lifecycle, r.clientCallable]),
    [
      ['init', 'init', false],
      ['on_connect', 'clientConnected', false],
      ['on_disconnect', 'clientDisconnected', false],
    ],
  );
  assert.equal(
    reducers.find((r) => r.name === 'remind')!.clientCallable,
    false,
    'scheduled reducers are not client-callable',
  );
  assert.equal(reducers.find((r) => r.name === 'open_account')!.accessorName, 'openAccount');
  assert.deepEqual(
    views.map((v) => [v.name, v.isAnonymous, v.isPublic]),
    [
      ['chess_leaders', true, true],
      ['high_level_scores', true, true],
      ['long_texts', true, true],
      ['my_notes', false, true],
      ['top_scores', true, true],
    ],
  );
  // Reducer ids follow the sorted export names, as module namespaces list them.
  assert.deepEqual(
    reducers.map((r) => r.accessorName),
    [...reducers.map((r) => r.accessorName)].sort(),
  );
});

// Inside the repository, so the module resolves `spacetimedb` from its node_modules.
const SCRATCH = path.resolve(KITCHEN_SINK, '../../../../node_modules/.cache/lta-test-modules');

async function moduleWith(source: string): Promise<string> {
  await mkdir(SCRATCH, { recursive: true });
  const dir = await mkdtemp(path.join(SCRATCH, 'module-'));
  await mkdir(path.join(dir, 'src'));
  await writeFile(path.join(dir, 'src', 'index.ts'), source);
  return dir;
}

test('a folder without src/index.ts is refused with the path it looked for', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lta-empty-'));
  await assert.rejects(loadModule({ moduleDir: dir, databaseName: 'x' }), (error: unknown) => {
    assert.ok(error instanceof ModuleLoadError);
    assert.equal(error.file, path.join(dir, 'src', 'index.ts'));
    assert.match(error.message, /entry point not found/);
    return true;
  });
});

test('a module that does not build names the file, line and cause', async () => {
  const dir = await moduleWith(`import { schema } from 'spacetimedb/server';\nexport default schema({ oops: });\n`);
  await assert.rejects(loadModule({ moduleDir: dir, databaseName: 'x' }), (error: unknown) => {
    assert.ok(error instanceof ModuleLoadError);
    assert.equal(error.file, path.join(dir, 'src', 'index.ts'));
    assert.match(error.message, /index\.ts:2:\d+: .*Unexpected/);
    return true;
  });
});

test('a module that throws while loading or has no schema gives a clear error', async () => {
  const throwing = await moduleWith(`throw new Error('boom at load');\n`);
  await assert.rejects(
    loadModule({ moduleDir: throwing, databaseName: 'x' }),
    /evaluating the module threw: Error: boom at load/,
  );
  const noSchema = await moduleWith(`export const x = 1;\n`);
  await assert.rejects(loadModule({ moduleDir: noSchema, databaseName: 'x' }), /no default export from schema/);
});

test('modules run in their own context: Math.random is refused as on SpacetimeDB, host globals are untouched', async () => {
  const dir = await moduleWith(`import { schema, table, t } from 'spacetimedb/server';
const item = table({ public: true }, { n: t.f64() });
const spacetimedb = schema({ item });
export default spacetimedb;
export const roll = spacetimedb.reducer(ctx => { ctx.db.item.insert({ n: Math.random() }); });
`);
  const hostConsole = globalThis.console;
  const logged: string[] = [];
  const engine = await loadModule({ moduleDir: dir, databaseName: 'x', log: (record) => logged.push(record.message) });
  assert.equal(globalThis.console, hostConsole);
  const outcome = engine.callReducer('roll', new Uint8Array(0), { sender: 1n, connectionId: 0n, timestamp: 0n });
  assert.equal(outcome.status, 'failed');
  assert.match(logged.join('\n'), /Math\.random is not available/);
});

test('two instances of one module keep separate data and syscall tables', async () => {
  const first = await loadKitchenSink();
  const second = await loadKitchenSink();
  first.engine.callLifecycle('init', { sender: 1n, connectionId: 0n, timestamp: 0n });
  assert.equal(first.engine.table('account').count(), 1);
  assert.equal(second.engine.table('account').count(), 0);
  assert.equal(first.logs.length, 1);
  assert.equal(second.logs.length, 0);
});

test('explicit names and the None case-conversion policy shape canonical names like SpacetimeDB', async () => {
  const dir = await moduleWith(`import { schema, table, t, CaseConversionPolicy } from 'spacetimedb/server';
const playerStats = table(
  { name: 'PlayerStats', public: true, indexes: [{ accessor: 'byTeam', name: 'team_lookup', algorithm: 'btree', columns: ['teamName'] }] },
  { playerId: t.u32().primaryKey(), teamName: t.string() }
);
const spacetimedb = schema({ playerStats }, { CASE_CONVERSION_POLICY: CaseConversionPolicy.None });
export default spacetimedb;
export const addPlayer = spacetimedb.reducer({ name: 'AddPlayerNow' }, { playerId: t.u32(), teamName: t.string() }, (ctx, row) => {
  ctx.db.playerStats.insert(row);
});
export const renameTeam = spacetimedb.reducer({ teamName: t.string() }, (ctx, { teamName }) => {
  for (const p of [...ctx.db.playerStats.byTeam.filter('red')]) ctx.db.playerStats.playerId.update({ ...p, teamName });
});
`);
  const engine = await loadModule({ moduleDir: dir, databaseName: 'names', log: () => {} });
  const [table] = engine.def.tables;
  assert.deepEqual([table!.name, table!.accessorName], ['PlayerStats', 'playerStats']);
  assert.deepEqual(
    table!.columns.map((c) => c.name),
    ['playerId', 'teamName'],
  );
  assert.deepEqual(
    table!.indexes.map((i) => [i.name, i.accessorName]),
    [
      ['PlayerStats_playerId_idx_btree', 'playerId'],
      ['team_lookup', 'byTeam'],
    ],
  );
  assert.deepEqual(
    engine.def.reducers.map((r) => [r.name, r.accessorName]),
    [
      ['AddPlayerNow', 'addPlayer'],
      ['renameTeam', 'renameTeam'],
    ],
  );
  // The module finds its tables and indexes by the names it knows, whatever their canonical names are.
  const handle = engine.table('PlayerStats');
  const encode = (row: Record<string, unknown>) => handle.encodeRow(row);
  assert.equal(
    engine.callReducer('AddPlayerNow', encode({ playerId: 1, teamName: 'red' }), {
      sender: 1n,
      connectionId: 0n,
      timestamp: 0n,
    }).status,
    'committed',
  );
  const args = encode({ playerId: 0, teamName: 'blue' }).subarray(4);
  assert.equal(
    engine.callReducer('renameTeam', args, { sender: 1n, connectionId: 0n, timestamp: 0n }).status,
    'committed',
  );
  assert.deepEqual(
    Array.from(handle.rows(), (r) => handle.decodeRow(r.bytes)),
    [{ playerId: 1, teamName: 'blue' }],
  );
});

test('with typeCheck, a module with a type error is refused with the file, position and message', async () => {
  const dir = await moduleWith(`import { schema, table, t } from 'spacetimedb/server';
const item = table({ public: true }, { n: t.u32() });
const spacetimedb = schema({ item });
export default spacetimedb;
export const add = spacetimedb.reducer(ctx => { ctx.db.item.insert({ n: 'not a number' }); });
`);
  await assert.rejects(loadModule({ moduleDir: dir, databaseName: 'x', typeCheck: true }), (error: unknown) => {
    assert.ok(error instanceof ModuleLoadError);
    assert.equal(path.resolve(error.file), path.join(dir, 'src', 'index.ts'));
    assert.match(error.message, /type error at 5:\d+: Type 'string' is not assignable to type 'number'/);
    return true;
  });
  // Without it the module loads (esbuild strips types), as with a CLI that finds no tsc.
  await loadModule({ moduleDir: dir, databaseName: 'x', log: () => {} });
});
