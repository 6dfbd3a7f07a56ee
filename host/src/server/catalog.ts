/**
 * The module's tables and views as SQL sees them: by canonical name, else by the module's accessor name (so a
 * query-builder view's SQL, written with accessor names, resolves as on SpacetimeDB's `table_id_from_name_or_alias`).
 */
import type { Engine } from '../engine/index.js';
import type { SqlCatalog, SqlRelation } from '../sql/compile.js';

export function catalogOf(engine: Engine): SqlCatalog {
  const relations = new Map<string, SqlRelation>();
  for (const table of engine.def.tables) {
    const indexedColumns = new Set<number>();
    for (const index of table.indexes) {
      if (index.columns.length === 1 || index.algorithm === 'btree') indexedColumns.add(index.columns[0]!);
    }
    relations.set(table.name, {
      name: table.name,
      kind: 'table',
      columns: table.columns.map((c) => ({ name: c.name, accessorName: c.accessorName, type: c.type })),
      isPublic: table.isPublic,
      indexedColumns,
    });
  }
  for (const view of engine.def.views) {
    relations.set(view.name, {
      name: view.name,
      kind: 'view',
      columns: view.rowType.elements.map((e, i) => ({
        name: e.name ?? '',
        accessorName: view.rowTypeWithAccessorNames.elements[i]?.name ?? '',
        type: e.algebraicType,
      })),
      isPublic: view.isPublic,
      // SpacetimeDB stores a view's rows with an index on its primary key (and the hidden argument hash) only.
      indexedColumns: new Set(view.primaryKey === null ? [] : [view.primaryKey]),
    });
  }
  const byAccessor = new Map<string, SqlRelation>();
  for (const table of engine.def.tables) byAccessor.set(table.accessorName, relations.get(table.name)!);
  for (const view of engine.def.views) byAccessor.set(view.accessorName, relations.get(view.name)!);
  return { relation: (name) => relations.get(name) ?? byAccessor.get(name), typespace: engine.def.typespace };
}
