import type { AlgebraicTypeType } from 'spacetimedb';
import type { IndexDef } from '../../schema/module-def.js';
import type { Bound, SatsValue } from '../types.js';
import { compositeKey, isScalarKey, makeComparator, makeDecoder, type Comparator, type Decoder } from './sats-codec.js';
import type { Cell, RowSlot } from './row-slot.js';
import { SortedEntries } from './sorted-entries.js';

export type { RowSlot } from './row-slot.js';

type MapKey = boolean | number | bigint | string;

/** Equal for equal keys of one index: what a point read remembers and a changed row is matched by. */
export type IndexKeyId = MapKey;

/**
 * One index of a table over decoded keys. Unique indexes answer point lookups from a hash map (O(1));
 * B-tree and direct indexes also keep entries in key order for range scans (O(log n) to the first match).
 * Hash indexes keep only the map, as in SpacetimeDB (no range scans).
 */
export class TableIndex {
  readonly def: IndexDef;
  /** Decoders of the indexed columns, in index order (to read keys the module sends as BSATN). */
  readonly keyDecoders: Decoder[];
  private readonly compareColumn: Comparator[];
  private readonly unique: Map<MapKey, RowSlot> | null;
  private readonly buckets: Map<MapKey, RowSlot[]> | null;
  private readonly sorted: SortedEntries<RowSlot> | null;

  constructor(def: IndexDef, columnTypes: AlgebraicTypeType[], typespace: readonly AlgebraicTypeType[]) {
    this.def = def;
    const types = def.columns.map((c) => columnTypes[c]!);
    this.keyDecoders = types.map((t) => makeDecoder(t, typespace));
    this.compareColumn = types.map((t) => makeComparator(t, typespace));
    this.unique = def.unique ? new Map() : null;
    this.buckets = !def.unique && def.algorithm === 'hash' ? new Map() : null;
    this.sorted =
      def.algorithm === 'hash'
        ? null
        : new SortedEntries(
            (a, b) => this.compareCells(a.cells, b.cells),
            (slot) => slot.id,
          );
  }

  /** The key of a row: its indexed column values in index order (a stored row's cells hold them decoded). */
  keyOf(columns: readonly Cell[]): SatsValue[] {
    const cols = this.def.columns;
    const key: SatsValue[] = new Array(cols.length);
    for (let i = 0; i < cols.length; i++) key[i] = columns[cols[i]!]! as SatsValue;
    return key;
  }

  private mapKey(key: readonly SatsValue[]): MapKey {
    const only = key[0]!;
    return key.length === 1 && isScalarKey(only) ? only : compositeKey(key as SatsValue[]);
  }

  /** The id of a key (all indexed columns). */
  keyIdOf(key: readonly SatsValue[]): IndexKeyId {
    return this.mapKey(key);
  }

  /** The id of the key of a row with these columns. */
  rowKeyId(columns: readonly SatsValue[]): IndexKeyId {
    return this.mapKey(this.keyOf(columns));
  }

  /** Compares two values of the key column at `position`. */
  compareColumnAt(position: number, a: SatsValue, b: SatsValue): number {
    return this.compareColumn[position]!(a, b);
  }

  /** Compares the first `len` key columns of a row (its cells, read in place) with the first `len` values of a key. */
  private compareRowKey(cells: readonly Cell[], key: readonly SatsValue[], len: number): number {
    const cols = this.def.columns;
    for (let i = 0; i < len; i++) {
      const r = this.compareColumn[i]!(cells[cols[i]!] as SatsValue, key[i]!);
      if (r !== 0) return r;
    }
    return 0;
  }

  /** Orders two rows (as column values or cells) by their keys, read in place. */
  private compareCells(a: readonly Cell[], b: readonly Cell[]): number {
    const cols = this.def.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const r = this.compareColumn[i]!(a[c] as SatsValue, b[c] as SatsValue);
      if (r !== 0) return r;
    }
    return 0;
  }

  /** Compares the first `len` values of two keys. */
  compareKeys(a: readonly SatsValue[], b: readonly SatsValue[], len: number): number {
    for (let i = 0; i < len; i++) {
      const r = this.compareColumn[i]!(a[i]!, b[i]!);
      if (r !== 0) return r;
    }
    return 0;
  }

  /** Whether two rows (as column values or cells) have different keys in this index. */
  keyChanged(before: readonly Cell[], after: readonly Cell[]): boolean {
    return this.compareCells(before, after) !== 0;
  }

  /** The row holding `key` in a unique index (undefined when none). */
  findUnique(key: readonly SatsValue[]): RowSlot | undefined {
    return this.unique!.get(this.mapKey(key));
  }

  /** The row whose key equals that of a row with these columns, in a unique index (no key array built). */
  findUniqueFor(columns: readonly Cell[]): RowSlot | undefined {
    const cols = this.def.columns;
    if (cols.length === 1) {
      const only = columns[cols[0]!]! as SatsValue;
      if (isScalarKey(only)) return this.unique!.get(only);
    }
    return this.unique!.get(this.mapKey(this.keyOf(columns)));
  }

  add(slot: RowSlot): void {
    this.addUnordered(slot);
    this.sorted?.insert(slot);
  }

  /** Adds a row to the hash maps only; a bulk load then orders all its rows at once with `addOrdered`. */
  addUnordered(slot: RowSlot): void {
    if (!this.unique && !this.buckets) return;
    const mk = this.mapKey(this.keyOf(slot.cells));
    if (this.unique) this.unique.set(mk, slot);
    if (this.buckets) {
      const bucket = this.buckets.get(mk);
      if (bucket) bucket.push(slot);
      else this.buckets.set(mk, [slot]);
    }
  }

  /**
   * Bulk load into an empty ordered index: sorts the entries once instead of a binary search and a chunk
   * splice per row. `slots` must already be in the hash maps (`addUnordered`).
   */
  addOrdered(slots: readonly RowSlot[]): void {
    this.sorted?.load(slots);
  }

  /** Whether the index holds no row (bulk loading needs that). */
  get empty(): boolean {
    return (this.unique?.size ?? 0) === 0 && (this.buckets?.size ?? 0) === 0 && (this.sorted?.length ?? 0) === 0;
  }

  remove(slot: RowSlot): void {
    if (this.unique) this.unique.delete(this.mapKey(this.keyOf(slot.cells)));
    if (this.buckets) {
      const mk = this.mapKey(this.keyOf(slot.cells));
      const bucket = this.buckets.get(mk);
      const at = bucket?.indexOf(slot) ?? -1;
      if (bucket && at >= 0) {
        bucket.splice(at, 1);
        if (bucket.length === 0) this.buckets.delete(mk);
      }
    }
    this.sorted?.remove(slot);
  }

  /** Rows whose key equals `key` (all indexed columns). */
  find(key: readonly SatsValue[]): RowSlot[] {
    if (this.unique) {
      const slot = this.unique.get(this.mapKey(key));
      return slot ? [slot] : [];
    }
    if (this.buckets) return [...(this.buckets.get(this.mapKey(key)) ?? [])];
    const [prefix, only] = this.pointRange(key);
    return this.range(prefix, only, only);
  }

  /** How many rows `find(key)` returns, without collecting them. */
  countKey(key: readonly SatsValue[]): number {
    if (this.unique) return this.unique.has(this.mapKey(key)) ? 1 : 0;
    if (this.buckets) return this.buckets.get(this.mapKey(key))?.length ?? 0;
    const [prefix, only] = this.pointRange(key);
    return this.countRange(prefix, only, only);
  }

  /**
   * Rows whose first `prefix.length` key columns equal `prefix` and whose next column lies within
   * `from`..`to`, in key order. Throws for hash indexes, which have no order.
   */
  range(prefix: readonly SatsValue[], from: Bound, to: Bound): RowSlot[] {
    const [below, beyond] = this.rangeLimits(prefix, from, to);
    return [...this.sorted!.scan(below, beyond)];
  }

  /** How many rows `range(prefix, from, to)` returns, without collecting them (O(log n) plus a sum per chunk). */
  countRange(prefix: readonly SatsValue[], from: Bound, to: Bound): number {
    const [below, beyond] = this.rangeLimits(prefix, from, to);
    return this.sorted!.count(below, beyond);
  }

  /** A whole key as a prefix and the one value of its last column. */
  private pointRange(key: readonly SatsValue[]): [prefix: SatsValue[], only: Bound] {
    return [key.slice(0, -1), { kind: 'included', value: key[key.length - 1]! }];
  }

  /** Where a range starts (rows whose keys lie `below` it) and ends (`beyond` it), as tests on rows in index order. */
  private rangeLimits(
    prefix: readonly SatsValue[],
    from: Bound,
    to: Bound,
  ): [below: (row: RowSlot) => boolean, beyond: (row: RowSlot) => boolean] {
    if (!this.sorted) throw new Error(`index ${this.def.name} is a hash index: it has no range scans`);
    const n = prefix.length;
    const probe = (value: SatsValue | undefined) => (value === undefined ? [...prefix] : [...prefix, value]);
    const lower = probe(from.kind === 'unbounded' ? undefined : from.value);
    const upper = probe(to.kind === 'unbounded' ? undefined : to.value);
    const below =
      from.kind === 'excluded'
        ? (r: RowSlot) => this.compareRowKey(r.cells, lower, n + 1) <= 0
        : (r: RowSlot) => this.compareRowKey(r.cells, lower, lower.length) < 0;
    const beyond =
      to.kind === 'excluded'
        ? (r: RowSlot) => this.compareRowKey(r.cells, upper, n + 1) >= 0
        : (r: RowSlot) => this.compareRowKey(r.cells, upper, upper.length) > 0;
    return [below, beyond];
  }
}
