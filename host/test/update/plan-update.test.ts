import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModule } from '../../src/engine/index.js';
import { describeSchema, type StoredSchema } from '../../src/durability/stored-schema.js';
import { planUpdate } from '../../src/update/plan-update.js';
import { LEDGER_MODULE, ledgerVariant } from './module-variant.js';

async function schemaOf(moduleDir: string): Promise<StoredSchema> {
  return describeSchema((await loadModule({ moduleDir, databaseName: 'ledger', log: () => {} })).def);
}

const original = schemaOf(LEDGER_MODULE);

test('adding a table, an index, a reducer and a column with a default keeps the data, and old rows get the default', async () => {
  const next = await ledgerVariant([
    ['    amount: t.i64(),\n  },', "    amount: t.i64(),\n    memo: t.string().default('none'),\n  },"],
    ['    seq: t.u32(),', "    seq: t.u32().index('btree'),"],
    [
      'const spacetimedb = schema({ entry, meta, tally, timer, timerRun });',
      "const note = table({ name: 'note' }, { text: t.string() });\nconst spacetimedb = schema({ entry, meta, tally, timer, timerRun, note });",
    ],
    [
      'export const onTimer',
      'export const addNote = spacetimedb.reducer({ text: t.string() }, (ctx, { text }) => { ctx.db.note.insert({ text }); });\nexport const onTimer',
    ],
  ]);
  const plan = planUpdate(await original, await schemaOf(next));
  assert.ok(plan.ok, JSON.stringify(plan));
  assert.ok(plan.disconnectClients, 'adding a column disconnects clients, as in SpacetimeDB');
  assert.ok(plan.steps.includes('add table note'));
  assert.ok(plan.steps.includes('add reducer add_note'));
  assert.ok(
    plan.steps.some((s) => /table entry: add index entry_seq_idx_btree/.test(s)),
    plan.steps.join('\n'),
  );
  assert.ok(plan.steps.includes('table entry: add column(s) memo with their default values'));
  // A row stored by the old module, brought to the new layout, decodes with the new module and carries the default.
  const oldEngine = await loadModule({ moduleDir: LEDGER_MODULE, databaseName: 'ledger', log: () => {} });
  const newEngine = await loadModule({ moduleDir: next, databaseName: 'ledger', log: () => {} });
  const oldRow = oldEngine.table('entry').encodeRow({ id: 7n, client: 'a', seq: 1, amount: 5n });
  const upgraded = plan.upgrades.get('entry')!(oldRow);
  assert.deepEqual(newEngine.table('entry').decodeRow(upgraded), {
    id: 7n,
    client: 'a',
    seq: 1,
    amount: 5n,
    memo: 'none',
  });
});

test('changing a column type is refused with what changed and how to migrate', async () => {
  const next = await ledgerVariant([['    amount: t.i64(),', '    amount: t.i32(),']]);
  const plan = planUpdate(await original, await schemaOf(next));
  assert.equal(plan.ok, false);
  assert.ok(!plan.ok);
  assert.equal(plan.problems.length, 1);
  assert.match(
    plan.problems[0]!,
    /^Changing the type of column amount in table entry from i64 to i32 \(a different type\) requires a manual migration: /,
  );
  assert.match(plan.problems[0]!, /add a new column at the end of the table with a default value/);
});

test('removing or reordering columns, and adding one without a default, are refused', async () => {
  const removed = planUpdate(await original, await schemaOf(await ledgerVariant([['    seq: t.u32(),\n', '']])));
  assert.ok(!removed.ok);
  assert.match(removed.problems.join('\n'), /Reordering table entry \(column amount moved from position 3 to 2\)/);
  assert.match(removed.problems.join('\n'), /Removing column seq from table entry requires a manual migration/);
  const noDefault = planUpdate(
    await original,
    await schemaOf(
      await ledgerVariant([['    amount: t.i64(),\n  },', '    amount: t.i64(),\n    memo: t.string(),\n  },']]),
    ),
  );
  assert.ok(!noDefault.ok);
  assert.deepEqual(noDefault.problems, [
    'Adding column memo to table entry requires a default value: declare it with .default(...) so existing rows get it.',
  ]);
});

test('dropping a table is accepted only as a plan that checks the table is empty', async () => {
  const next = await ledgerVariant([
    [
      'const spacetimedb = schema({ entry, meta, tally, timer, timerRun });',
      'const spacetimedb = schema({ entry, meta, tally, timer });',
    ],
    ['  ctx.db.timerRun.insert({ id: 0n, label: arg.label, ranAt: ctx.timestamp });', ''],
  ]);
  const plan = planUpdate(await original, await schemaOf(next));
  assert.ok(plan.ok);
  assert.deepEqual(plan.removedTables, ['timer_run']);
});

test('an unchanged module plans nothing', async () => {
  const plan = planUpdate(await original, await schemaOf(LEDGER_MODULE));
  assert.ok(plan.ok);
  assert.deepEqual(plan.steps, []);
  assert.equal(plan.disconnectClients, false);
});
