import type { ResolvedType, StoredSchema, StoredTable } from '../durability/stored-schema.js';
import type { RowUpgrade } from '../durability/persistence.js';
import { prettyType } from './pretty-type.js';

type Named = { name: string | null; type: ResolvedType };

/** An update SpacetimeDB would apply automatically. */
export interface AcceptedUpdate {
  ok: true;
  /** What changes, one line each (for the log). */
  steps: string[];
  /** True when connected clients must reconnect (SpacetimeDB's DisconnectAllUsers). */
  disconnectClients: boolean;
  /** Tables whose stored rows gain columns: how to rewrite each row. */
  upgrades: Map<string, RowUpgrade>;
  /** Tables the new module dropped: allowed only while they hold no rows (checked when the data is loaded). */
  removedTables: string[];
}

/** An update that needs a manual migration. */
export interface RefusedUpdate {
  ok: false;
  /** One line per incompatible change, each saying what and how to migrate. */
  problems: string[];
}

const HOW =
  'keep the old column as it is and add a new column at the end of the table with a default value ' +
  '(`.default(...)`), copy the data over in a reducer, or publish with --clear to start over with an empty database';

/** Why `next` cannot hold data of type `old` unchanged (SpacetimeDB's layout-compatible rules), or null. */
function typeProblem(old: ResolvedType, next: ResolvedType): string | null {
  if (old.tag !== next.tag) return 'a different type';
  if (old.tag === 'Array') return typeProblem(old.value as ResolvedType, next.value as ResolvedType);
  if (old.tag === 'Product') {
    const a = old.value as Named[];
    const b = next.value as Named[];
    if (a.length !== b.length) return b.length < a.length ? 'fewer fields' : 'more fields';
    for (let i = 0; i < a.length; i++) {
      if (a[i]!.name !== b[i]!.name) return `a renamed field (${a[i]!.name} -> ${b[i]!.name})`;
      const inner = typeProblem(a[i]!.type, b[i]!.type);
      if (inner) return inner;
    }
    return null;
  }
  if (old.tag === 'Sum') {
    const a = old.value as Named[];
    const b = next.value as Named[];
    // New variants may be added at the end: existing tags keep their meaning.
    if (b.length < a.length) return 'fewer variants';
    for (let i = 0; i < a.length; i++) {
      if (a[i]!.name !== b[i]!.name) return `a renamed variant (${a[i]!.name} -> ${b[i]!.name})`;
      const inner = typeProblem(a[i]!.type, b[i]!.type);
      if (inner) return inner;
    }
    return null;
  }
  return old.tag === 'Ref' && old.value !== next.value ? 'a different recursive type' : null;
}

function planTable(old: StoredTable, next: StoredTable, plan: AcceptedUpdate, problems: string[]): void {
  const where = `table ${old.name}`;
  if (old.isEvent !== next.isEvent) {
    problems.push(
      `Changing the event flag of ${where} requires a manual migration: publish the table under a new name instead.`,
    );
  }
  for (let i = 0; i < old.columns.length; i++) {
    const before = old.columns[i]!;
    const after = next.columns[i];
    if (!after || after.name !== before.name) {
      const moved = next.columns.findIndex((c) => c.name === before.name);
      problems.push(
        moved >= 0
          ? `Reordering ${where} (column ${before.name} moved from position ${i} to ${moved}) requires a manual migration: ` +
              'keep the columns in their order and add new ones at the end.'
          : `Removing column ${before.name} from ${where} requires a manual migration: keep the column (it may go unused), ` +
              'or publish with --clear to start over with an empty database.',
      );
      continue;
    }
    const problem = typeProblem(before.type, after.type);
    if (problem) {
      problems.push(
        `Changing the type of column ${before.name} in ${where} from ${prettyType(before.type)} to ${prettyType(after.type)} ` +
          `(${problem}) requires a manual migration: ${HOW}.`,
      );
    } else if (JSON.stringify(before.type) !== JSON.stringify(after.type)) {
      plan.steps.push(`${where}: column ${before.name} gains enum variants`);
    }
  }
  const added = next.columns.slice(old.columns.length);
  if (added.length > 0) {
    const defaults: Buffer[] = [];
    for (const [offset, column] of added.entries()) {
      const hex = next.defaults[String(old.columns.length + offset)];
      if (hex === undefined) {
        problems.push(
          `Adding column ${column.name} to ${where} requires a default value: declare it with .default(...) so existing rows get it.`,
        );
      } else defaults.push(Buffer.from(hex, 'hex'));
    }
    if (defaults.length === added.length) {
      const tail = Buffer.concat(defaults);
      plan.upgrades.set(old.name, (row) => Buffer.concat([row, tail]));
      plan.steps.push(`${where}: add column(s) ${added.map((c) => c.name).join(', ')} with their default values`);
      plan.disconnectClients = true;
    }
  }
  for (const constraint of next.uniqueConstraints) {
    const before = old.uniqueConstraints.find((c) => c.name === constraint.name);
    if (before && JSON.stringify(before.columns) !== JSON.stringify(constraint.columns)) {
      problems.push(
        `Changing the unique constraint ${constraint.name} of ${where} requires a manual migration: give it a new name.`,
      );
    } else if (!before)
      plan.steps.push(`${where}: add unique constraint ${constraint.name} (existing rows must be unique)`);
  }
  const indexKey = (i: StoredTable['indexes'][number]) => `${i.algorithm}(${i.columns.join(',')})`;
  for (const index of next.indexes) {
    const before = old.indexes.find((i) => i.name === index.name);
    if (!before) plan.steps.push(`${where}: add index ${index.name}`);
    else if (indexKey(before) !== indexKey(index)) plan.steps.push(`${where}: rebuild index ${index.name}`);
  }
  for (const index of old.indexes)
    if (!next.indexes.some((i) => i.name === index.name)) plan.steps.push(`${where}: remove index ${index.name}`);
  for (const sequence of next.sequences)
    if (!old.sequences.some((s) => s.name === sequence.name))
      plan.steps.push(`${where}: add sequence ${sequence.name}`);
  if (old.isPublic !== next.isPublic) plan.steps.push(`${where}: becomes ${next.isPublic ? 'public' : 'private'}`);
  if (JSON.stringify(old.schedule) !== JSON.stringify(next.schedule)) plan.steps.push(`${where}: schedule changes`);
  if (JSON.stringify(old.primaryKey) !== JSON.stringify(next.primaryKey))
    plan.steps.push(`${where}: primary key changes`);
}

/**
 * Decides whether data stored under schema `old` can be kept by a module with schema `next`, following the
 * automatic-migration rules of SpacetimeDB (crates/schema/src/auto_migrate.rs): tables, indexes, sequences,
 * reducers and views may be added (and, except non-empty tables, removed); columns may be added at the end
 * with a default value; enums may gain variants at the end. Anything else is refused with what and how.
 */
export function planUpdate(old: StoredSchema, next: StoredSchema): AcceptedUpdate | RefusedUpdate {
  const plan: AcceptedUpdate = {
    ok: true,
    steps: [],
    disconnectClients: false,
    upgrades: new Map(),
    removedTables: [],
  };
  const problems: string[] = [];
  for (const table of old.tables) {
    const successor = next.tables.find((t) => t.name === table.name);
    if (successor) planTable(table, successor, plan, problems);
    else {
      plan.removedTables.push(table.name);
      plan.steps.push(`remove table ${table.name} (only while it is empty)`);
      plan.disconnectClients = true;
    }
  }
  for (const table of next.tables)
    if (!old.tables.some((t) => t.name === table.name)) plan.steps.push(`add table ${table.name}`);
  for (const reducer of next.reducers)
    if (!old.reducers.some((r) => r.name === reducer.name)) plan.steps.push(`add reducer ${reducer.name}`);
  for (const reducer of old.reducers)
    if (!next.reducers.some((r) => r.name === reducer.name)) plan.steps.push(`remove reducer ${reducer.name}`);
  for (const view of next.views) {
    const before = old.views.find((v) => v.name === view.name);
    if (!before) plan.steps.push(`add view ${view.name}`);
    else if (JSON.stringify(before) !== JSON.stringify(view)) {
      plan.steps.push(`view ${view.name} changes`);
      plan.disconnectClients = true;
    }
  }
  for (const view of old.views) {
    if (!next.views.some((v) => v.name === view.name)) {
      plan.steps.push(`remove view ${view.name}`);
      plan.disconnectClients = true;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : plan;
}
