import type { AlgebraicTypeType, ProductTypeType } from 'spacetimedb';
import type { LifecycleKind, ModuleDef } from './module-def.js';

// Submodules as SpacetimeDB 2.x serves them (crates/schema/src/def/validate/v10.rs `validate_submodules`,
// crates/schema/src/def.rs `apply_namespace`, `reducer_by_name_with_module`): a submodule is a whole module definition
// the root module's `schema({ ..., lib: libNamespace })` embeds under a namespace. It is validated on its own; then
// every table, index, reducer, view and procedure it owns is named `namespace.name` (nested ones `auth.baz.name`),
// which is what clients subscribe to and call, and what the module runtime asks the host for. Ids run depth-first:
// the module's own first, then each submodule's in order, its own submodules after it.

const LIFECYCLE_VARIANTS: Record<LifecycleKind, string> = {
  init: 'Init',
  clientConnected: 'OnConnect',
  clientDisconnected: 'OnDisconnect',
};

/** Refuses a namespace SpacetimeDB refuses, with its texts (crates/schema/src/error.rs). */
export function checkNamespace(namespace: string, seen: Set<string>): void {
  const bytes = new TextEncoder().encode(namespace).length;
  if (bytes > 63)
    throw new Error(`submodule namespace \`${namespace}\` is ${bytes} bytes, which exceeds the 63-byte limit`);
  if (namespace === '') throw new Error('Empty identifiers are forbidden.');
  if (namespace.normalize('NFC') !== namespace)
    throw new Error(
      `Identifier \`${namespace}\` is not in normalization form C according to Unicode Standard Annex 15 ` +
        '(http://www.unicode.org/reports/tr15/) and cannot be used for entities in a module.',
    );
  const [start = '', ...rest] = [...namespace];
  if (start !== '_' && !/^\p{XID_Start}$/u.test(start))
    throw new Error(
      `Identifier \`${namespace}\`'s starting character '${start}' is neither an underscore ('_') nor a Unicode ` +
        'XID_start character (according to Unicode Standard Annex 31, https://www.unicode.org/reports/tr31/) and ' +
        'cannot be used for entities in a module.',
    );
  const bad = rest.find((c) => !/^\p{XID_Continue}$/u.test(c));
  if (bad !== undefined)
    throw new Error(
      `Identifier \`${namespace}\` contains a character '${bad}' that is not an XID_continue character (according ` +
        'to Unicode Standard Annex 31, https://www.unicode.org/reports/tr31/) and cannot be used for entities in a module.',
    );
  if (seen.has(namespace)) throw new Error(`name \`${namespace}\` is used for multiple entities`);
  seen.add(namespace);
}

/**
 * A mounted name without its submodule's namespace path (`lib.stock_item` in `lib` is `stock_item`): what
 * `mountSubmodule` qualified, undone. The root module's names ('' namespace) are their own.
 */
export function localName(mounted: string, namespace: string): string {
  return namespace === '' ? mounted : mounted.slice(namespace.length + 1);
}

/** Appends submodule `sub` to `into` under `namespace`: its types after `into`'s (refs moved), its names qualified. */
export function mountSubmodule(into: Omit<ModuleDef, 'raw'>, sub: Omit<ModuleDef, 'raw'>, namespace: string): void {
  const lifecycle = sub.reducers.find((r) => r.namespace === '' && r.lifecycle !== null)?.lifecycle;
  if (lifecycle)
    throw new Error(
      `lifecycle event ${LIFECYCLE_VARIANTS[lifecycle]} is not permitted in submodule under namespace \`${namespace}\`; ` +
        'lifecycle reducers may only be declared in the root module',
    );
  // SpacetimeDB installs the root module's rules only (`init_database`, crates/core/src/host/module_host.rs), which
  // leaves a library's tables unrestricted; refusing says so instead of dropping its access rules in silence.
  if (sub.rowLevelSecurity.length > 0)
    throw new Error(
      `the submodule under namespace \`${namespace}\` declares row-level security rules, which this host does not support yet`,
    );
  const offset = into.typespace.length;
  const move = (type: AlgebraicTypeType): AlgebraicTypeType => moveRefs(type, offset);
  const moveProduct = (product: ProductTypeType): ProductTypeType => ({
    elements: product.elements.map((e) => ({ name: e.name, algebraicType: move(e.algebraicType) })),
  });
  const name = (local: string) => `${namespace}.${local}`;
  const path = (inner: string) => (inner === '' ? namespace : `${namespace}.${inner}`);

  into.typespace.push(...sub.typespace.map(move));
  into.typespaceWithAccessorNames.push(...sub.typespaceWithAccessorNames.map(move));
  into.types.push(...sub.types.map((t) => ({ ...t, namespace: path(t.namespace), ref: t.ref + offset })));

  const tableOffset = into.tables.length;
  const indexOffset = into.tables.reduce((n, t) => n + t.indexes.length, 0);
  into.tables.push(
    ...sub.tables.map((t) => ({
      ...t,
      id: t.id + tableOffset,
      namespace: path(t.namespace),
      name: name(t.name),
      accessorName: name(t.accessorName),
      productTypeRef: t.productTypeRef + offset,
      rowType: moveProduct(t.rowType),
      columns: t.columns.map((c) => ({ ...c, type: move(c.type) })),
      indexes: t.indexes.map((i) => ({
        ...i,
        id: i.id + indexOffset,
        name: name(i.name),
        sourceName: name(i.sourceName),
      })),
      uniqueConstraints: t.uniqueConstraints.map((c) => ({ ...c, name: name(c.name) })),
      sequences: t.sequences.map((s) => ({ ...s, name: name(s.name) })),
      schedule: t.schedule && {
        ...t.schedule,
        name: name(t.schedule.name),
        functionName: name(t.schedule.functionName),
      },
    })),
  );

  const reducerOffset = into.reducers.length;
  into.reducers.push(
    ...sub.reducers.map((r) => ({
      ...r,
      id: r.id + reducerOffset,
      namespace: path(r.namespace),
      name: name(r.name),
      accessorName: name(r.accessorName),
      params: moveProduct(r.params),
      paramsWithAccessorNames: moveProduct(r.paramsWithAccessorNames),
    })),
  );

  // `__call_view__` and `__call_view_anon__` number each kind on its own, across the modules depth-first.
  const anonymousOffset = into.views.filter((v) => v.isAnonymous).length;
  const perSenderOffset = into.views.length - anonymousOffset;
  into.views.push(
    ...sub.views.map((v) => ({
      ...v,
      id: v.id + (v.isAnonymous ? anonymousOffset : perSenderOffset),
      namespace: path(v.namespace),
      name: name(v.name),
      accessorName: name(v.accessorName),
      params: moveProduct(v.params),
      returnType: move(v.returnType),
      rowType: moveProduct(v.rowType),
      rowTypeWithAccessorNames: moveProduct(v.rowTypeWithAccessorNames),
      rowTypeRef: v.rowTypeRef === null ? null : v.rowTypeRef + offset,
    })),
  );

  const procedureOffset = into.procedures.length;
  into.procedures.push(
    ...sub.procedures.map((p) => ({
      ...p,
      id: p.id + procedureOffset,
      namespace: path(p.namespace),
      name: name(p.name),
      accessorName: name(p.accessorName),
      params: moveProduct(p.params),
      paramsWithAccessorNames: moveProduct(p.paramsWithAccessorNames),
      returnType: move(p.returnType),
    })),
  );
  // A submodule's HTTP handlers and routes are not served: SpacetimeDB serves the root module's routes only, and
  // `__call_http_handler__` numbers the root's handlers only. Routes are ignored with SpacetimeDB's warning
  // (`ModuleDef::collect_warnings`, crates/schema/src/def.rs), naming the nearest namespace, then the nested ones'.
  if (sub.httpRoutes.length > 0)
    into.warnings.push(
      `The submodule under namespace '${namespace}' registers HTTP routes via a router. Route registrations in ` +
        "submodules are ignored. Only the root module's routes are served. Define routes in the root module and " +
        `call the submodule's HTTP handler functions via \`ctx.as.${namespace}\`.`,
    );
  into.warnings.push(...sub.warnings);
}

/** The type with every `Ref` moved by `offset` (the submodule's typespace now starts there). */
export function moveRefs(type: AlgebraicTypeType, offset: number): AlgebraicTypeType {
  switch (type.tag) {
    case 'Ref':
      return { tag: 'Ref', value: type.value + offset };
    case 'Array':
      return { tag: 'Array', value: moveRefs(type.value, offset) };
    case 'Product':
      return {
        tag: 'Product',
        value: {
          elements: type.value.elements.map((e) => ({
            name: e.name,
            algebraicType: moveRefs(e.algebraicType, offset),
          })),
        },
      };
    case 'Sum':
      return {
        tag: 'Sum',
        value: {
          variants: type.value.variants.map((v) => ({
            name: v.name,
            algebraicType: moveRefs(v.algebraicType, offset),
          })),
        },
      };
    default:
      return type;
  }
}
