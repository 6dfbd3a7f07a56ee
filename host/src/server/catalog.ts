/** The module's tables and views as subscription SQL sees them, by canonical name. */
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
      columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
      isPublic: table.isPublic,
      indexedColumns,
    });
  }
  for (const view of engine.def.views) {
    relations.set(view.name, {
      name: view.name,
      kind: 'view',
      columns: view.rowType.elements.map((e) => ({ name: e.name ?? '', type: e.algebraicType })),
      isPublic: view.isPublic,
      indexedColumns: new Set(),
    });
  }
  return { relation: (name) => relations.get(name), typespace: engine.def.typespace };
}
