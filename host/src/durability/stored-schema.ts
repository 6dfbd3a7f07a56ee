import type { AlgebraicTypeType } from 'spacetimedb';
import type { ModuleDef } from '../schema/module-def.js';

/**
 * A type with every `Ref` replaced by what it points to, as plain JSON. A type that refers back to itself
 * keeps `{ tag: 'Ref', value: n }` at the point of recursion.
 */
export type ResolvedType = { tag: string; value?: unknown };

export interface StoredColumn {
  name: string;
  type: ResolvedType;
}

export interface StoredTable {
  name: string;
  columns: StoredColumn[];
  primaryKey: number[];
  indexes: { name: string; algorithm: string; columns: number[] }[];
  uniqueConstraints: { name: string; columns: number[] }[];
  sequences: { name: string; column: number }[];
  isPublic: boolean;
  isEvent: boolean;
  schedule: { reducer: string; scheduleAtColumn: number } | null;
  /** Column default values as hex BSATN, by column id (what lets a later version add columns). */
  defaults: Record<string, string>;
}

/**
 * The part of a module's definition the stored data depends on, as portable JSON: kept in the data directory
 * (to check a module update against) and at the head of every dump (to check a restore against).
 */
export interface StoredSchema {
  tables: StoredTable[];
  reducers: { name: string; params: ResolvedType; lifecycle: string | null }[];
  views: { name: string; isPublic: boolean; isAnonymous: boolean; returnType: ResolvedType }[];
}

function resolve(
  type: AlgebraicTypeType,
  typespace: readonly AlgebraicTypeType[],
  seen: readonly number[],
): ResolvedType {
  switch (type.tag) {
    case 'Ref':
      if (seen.includes(type.value)) return { tag: 'Ref', value: type.value };
      return resolve(typespace[type.value]!, typespace, [...seen, type.value]);
    case 'Product':
      return {
        tag: 'Product',
        value: type.value.elements.map((e) => ({
          name: e.name ?? null,
          type: resolve(e.algebraicType, typespace, seen),
        })),
      };
    case 'Sum':
      return {
        tag: 'Sum',
        value: type.value.variants.map((v) => ({
          name: v.name ?? null,
          type: resolve(v.algebraicType, typespace, seen),
        })),
      };
    case 'Array':
      return { tag: 'Array', value: resolve(type.value, typespace, seen) };
    default:
      return { tag: type.tag };
  }
}

/** Describes what the stored data of `def` looks like. */
export function describeSchema(def: ModuleDef): StoredSchema {
  const typeOf = (type: AlgebraicTypeType) => resolve(type, def.typespace, []);
  return {
    tables: def.tables.map((table) => ({
      name: table.name,
      columns: table.columns.map((c) => ({ name: c.name, type: typeOf(c.type) })),
      primaryKey: [...table.primaryKey],
      indexes: table.indexes.map((i) => ({ name: i.name, algorithm: i.algorithm, columns: [...i.columns] })),
      uniqueConstraints: table.uniqueConstraints.map((u) => ({ name: u.name, columns: [...u.columns] })),
      sequences: table.sequences.map((s) => ({ name: s.name, column: s.column })),
      isPublic: table.isPublic,
      isEvent: table.isEvent,
      schedule: table.schedule
        ? { reducer: table.schedule.functionName, scheduleAtColumn: table.schedule.scheduleAtColumn }
        : null,
      defaults: Object.fromEntries(
        [...table.defaultValues].map(([column, bytes]) => [String(column), Buffer.from(bytes).toString('hex')]),
      ),
    })),
    reducers: def.reducers.map((r) => ({
      name: r.name,
      params: typeOf({ tag: 'Product', value: r.params }),
      lifecycle: r.lifecycle,
    })),
    views: def.views.map((v) => ({
      name: v.name,
      isPublic: v.isPublic,
      isAnonymous: v.isAnonymous,
      returnType: typeOf(v.returnType),
    })),
  };
}
