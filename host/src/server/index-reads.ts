/**
 * How a query of one table reads it: through the index that yields the fewest candidate rows for what its WHERE
 * demands of single columns (equalities as key lookups, bounds as range scans of an ordered index, on the leading
 * columns of a multi-column one), else the whole table. Indexes are weighed by counting, not guessing: a channel's
 * 5,000 messages lose to the 100 with `id >= N`. The candidates are then filtered by the whole WHERE, and what was
 * read (keys, ranges or the table) is recorded, so only writes inside it can change the answer.
 */
import {
  compareValues,
  type Bound,
  type IndexHandle,
  type ReadSet,
  type SatsValue,
  type StoredRow,
  type TableHandle,
} from '../engine/index.js';
import type { ColumnCondition } from '../sql/compile.js';

/** Beyond this many key combinations, a multi-column index is looked up on fewer of its columns. */
const MAX_PROBES = 1024;

const UNBOUNDED: Bound = { kind: 'unbounded' };

/** What the conditions demand of one column, for one sender. */
interface ColumnDemand {
  /** The column holds one of these (the fewest values any of its equalities names). */
  values?: SatsValue[];
  from: Bound;
  to: Bound;
}

/** One look into an index: a whole key, or a key prefix and a range of the next column. */
interface Probe {
  prefix: SatsValue[];
  range: { from: Bound; to: Bound } | null;
}

/** A way to find the candidates: some probes of one index, and how many rows they bring. */
interface IndexRead {
  index: IndexHandle;
  probes: Probe[];
  rows: number;
}

/**
 * The rows of `table` that can meet `conditions` for `sender` (a superset of the matching ones), recording what
 * was read in `reads`.
 */
export function candidateRows(
  table: TableHandle,
  conditions: readonly ColumnCondition[],
  sender: bigint,
  reads: ReadSet,
): Iterable<StoredRow> {
  const best = conditions.length === 0 ? null : cheapestRead(table, demandsOf(conditions, sender));
  if (!best) {
    reads.table(table.def.name);
    return table.rows();
  }
  if (best.probes.length === 1) return readProbe(best.index, best.probes[0]!, reads);
  // Probes may overlap (`id = 3 OR id = 3`): each row once.
  const rows = new Map<Uint8Array, StoredRow>();
  for (const probe of best.probes) for (const row of readProbe(best.index, probe, reads)) rows.set(row.bytes, row);
  return rows.values();
}

/**
 * How many rows the index read `candidateRows` would choose brings, counted without reading them; null when no
 * index narrows the read (the whole table is read).
 */
export function indexedCandidateCount(
  table: TableHandle,
  conditions: readonly ColumnCondition[],
  sender: bigint,
): number | null {
  if (conditions.length === 0) return null;
  return cheapestRead(table, demandsOf(conditions, sender))?.rows ?? null;
}

function demandsOf(conditions: readonly ColumnCondition[], sender: bigint): Map<number, ColumnDemand> {
  const demands = new Map<number, ColumnDemand>();
  for (const condition of conditions) {
    let demand = demands.get(condition.column);
    if (!demand) demands.set(condition.column, (demand = { from: UNBOUNDED, to: UNBOUNDED }));
    if (condition.kind === 'equals') {
      const values = condition.values(sender);
      if (!demand.values || values.length < demand.values.length) demand.values = values;
      continue;
    }
    const bound: Bound = { kind: condition.inclusive ? 'included' : 'excluded', value: condition.value(sender) };
    if (condition.side === 'lower') demand.from = tighter(demand.from, bound, 1);
    else demand.to = tighter(demand.to, bound, -1);
  }
  return demands;
}

/** The tighter of two bounds of one side: the higher lower bound (`direction` 1), the lower upper bound (-1). */
function tighter(a: Bound, b: Bound, direction: 1 | -1): Bound {
  if (a.kind === 'unbounded') return b;
  if (b.kind === 'unbounded') return a;
  const order = compareValues(b.value, a.value) * direction;
  if (order !== 0) return order > 0 ? b : a;
  return b.kind === 'excluded' ? b : a;
}

function cheapestRead(table: TableHandle, demands: ReadonlyMap<number, ColumnDemand>): IndexRead | null {
  let best: IndexRead | null = null;
  for (const def of table.def.indexes) {
    const read = indexRead(table.indexOn(def.columns)!, demands);
    if (read && (!best || read.rows < best.rows)) best = read;
  }
  return best;
}

/** How `index` can find the candidates (null when the demands do not narrow it down), and at what count. */
function indexRead(index: IndexHandle, demands: ReadonlyMap<number, ColumnDemand>): IndexRead | null {
  const { columns, algorithm } = index.def;
  // The leading columns pinned by equalities, as every combination of their values.
  let prefixes: SatsValue[][] = [[]];
  let pinned = 0;
  for (const column of columns) {
    const values = demands.get(column)?.values;
    if (!values || (pinned > 0 && prefixes.length * values.length > MAX_PROBES)) break;
    prefixes = prefixes.flatMap((prefix) => values.map((value) => [...prefix, value]));
    pinned++;
  }
  if (pinned === columns.length) {
    let rows = 0;
    for (const key of prefixes) rows += index.countKey(key);
    return { index, probes: prefixes.map((prefix) => ({ prefix, range: null })), rows };
  }
  // A hash index finds whole keys only; an ordered one also a leading part of its key and a range after it.
  if (algorithm === 'hash') return null;
  const next = demands.get(columns[pinned]!);
  const range = { from: next?.from ?? UNBOUNDED, to: next?.to ?? UNBOUNDED };
  if (pinned === 0 && range.from.kind === 'unbounded' && range.to.kind === 'unbounded') return null;
  let rows = 0;
  for (const prefix of prefixes) rows += index.countRange(prefix, range.from, range.to);
  return { index, probes: prefixes.map((prefix) => ({ prefix, range })), rows };
}

function readProbe(index: IndexHandle, { prefix, range }: Probe, reads: ReadSet): StoredRow[] {
  if (!range) {
    index.recordRead(reads, prefix);
    return index.find(prefix);
  }
  index.recordRangeRead(reads, prefix, range.from, range.to);
  return index.range(prefix, range.from, range.to);
}
