/**
 * Types in SATS-JSON, the JSON form SpacetimeDB's HTTP API writes them in (serde of `AlgebraicType`): a sum is an
 * object with one key, the variant's name, so `u32` is `{"U32": []}`, a reference `{"Ref": 3}`, a product
 * `{"Product": {"elements": [{"name": {"some": "x"}, "algebraic_type": ...}]}}` and an absent name `{"none": []}`.
 * Values likewise (`satsJsonValue`): products as objects, sums as `{"Variant": value}`, options as some/none.
 */
import type { AlgebraicTypeType, ProductTypeType, SumTypeType } from 'spacetimedb';
import { toSnakeCase } from '../schema/case-conversion.js';

/** An optional name as SATS-JSON writes `Option<String>`. */
const optionalName = (name: string | undefined) => (name === undefined ? { none: [] } : { some: name });

/** A product type's SATS-JSON (the `schema` of an SQL result, a table's row type). */
export function satsJsonProductType(product: ProductTypeType): {
  elements: { name: unknown; algebraic_type: unknown }[];
} {
  return {
    elements: product.elements.map((e) => ({
      name: optionalName(e.name),
      algebraic_type: satsJsonType(e.algebraicType),
    })),
  };
}

function satsJsonSumType(sum: SumTypeType): { variants: { name: unknown; algebraic_type: unknown }[] } {
  return {
    variants: sum.variants.map((v) => ({ name: optionalName(v.name), algebraic_type: satsJsonType(v.algebraicType) })),
  };
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

const isOption = (sum: SumTypeType) =>
  sum.variants.length === 2 && sum.variants[0]!.name === 'some' && sum.variants[1]!.name === 'none';

/**
 * A value the SDK's deserializer produced for `type`, in SATS-JSON with SpacetimeDB's (snake_case) field names:
 * products become objects, sums `{"Variant": value}` (a unit variant's value is `[]`), options `{"some": x}` or
 * `{"none": []}`, byte arrays hex strings, 64-bit and wider integers numbers when exact, else decimal strings.
 */
export function satsJsonValue(type: AlgebraicTypeType, value: unknown): unknown {
  switch (type.tag) {
    case 'Product': {
      // The unit value (no fields) is written `[]`, as in `{"U32": []}`.
      if (type.value.elements.length === 0) return [];
      const object = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const element of type.value.elements)
        out[toSnakeCase(element.name ?? '')] = satsJsonValue(element.algebraicType, object[element.name ?? '']);
      return out;
    }
    case 'Sum': {
      if (isOption(type.value))
        return value === undefined
          ? { none: [] }
          : { some: satsJsonValue(type.value.variants[0]!.algebraicType, value) };
      const { tag, value: payload } = value as { tag: string; value: unknown };
      const variant = type.value.variants.find((v) => v.name === tag)!;
      return { [tag]: satsJsonValue(variant.algebraicType, payload) };
    }
    case 'Array':
      if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
      return (value as unknown[]).map((item) => satsJsonValue(type.value, item));
    default:
      if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
      return value;
  }
}
