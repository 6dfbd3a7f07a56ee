/**
 * Types in SATS-JSON, the JSON form SpacetimeDB's HTTP API writes them in (serde of `AlgebraicType`): a sum is an
 * object with one key, the variant's name, so `u32` is `{"U32": []}`, a reference `{"Ref": 3}`, a product
 * `{"Product": {"elements": [{"name": {"some": "x"}, "algebraic_type": ...}]}}` and an absent name `{"none": []}`.
 */
import type { AlgebraicTypeType, ProductTypeType, SumTypeType } from 'spacetimedb';

/** An optional name as SATS-JSON writes `Option<String>`. */
const optionalName = (name: string | undefined) => (name === undefined ? { none: [] } : { some: name });

/** A product type's SATS-JSON (the `schema` of an SQL result, a table's row type). */
export function satsJsonProductType(product: ProductTypeType): { elements: { name: unknown; algebraic_type: unknown }[] } {
  return { elements: product.elements.map((e) => ({ name: optionalName(e.name), algebraic_type: satsJsonType(e.algebraicType) })) };
}

function satsJsonSumType(sum: SumTypeType): { variants: { name: unknown; algebraic_type: unknown }[] } {
  return { variants: sum.variants.map((v) => ({ name: optionalName(v.name), algebraic_type: satsJsonType(v.algebraicType) })) };
}

/** An algebraic type's SATS-JSON. */
export function satsJsonType(type: AlgebraicTypeType): unknown {
  switch (type.tag) {
    case 'Ref':
      return { Ref: type.value };
    case 'Array':
      return { Array: satsJsonType(type.value) };
    case 'Product':
      return { Product: satsJsonProductType(type.value) };
    case 'Sum':
      return { Sum: satsJsonSumType(type.value) };
    default:
      return { [type.tag]: [] };
  }
}
