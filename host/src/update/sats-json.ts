/**
 * Types in SATS-JSON, the JSON form SpacetimeDB's HTTP API writes them in (serde of `AlgebraicType`): a sum is an
 * object with one key, the variant's name, so `u32` is `{"U32": []}`, a reference `{"Ref": 3}`, a product
 * `{"Product": {"elements": [{"name": {"some": "x"}, "algebraic_type": ...}]}}` and an absent name `{"none": []}`.
 * Values likewise (`satsJsonValue`): products as objects, sums as `{"Variant": value}`, options as some/none.
 * A value without its type (`untypedSatsJson`, the rows of an SQL answer) has no names: products are arrays and
 * sums `[tag, value]`.
 */
import type { AlgebraicTypeType, ProductTypeType, SumTypeType } from 'spacetimedb';
import { toSnakeCase } from '../schema/case-conversion.js';
import { isSpecialType } from '../schema/decode-module-def.js';
import type { SatsValue } from '../engine/index.js';
import { f32, f64, integer, quantity, type JsonTree } from './json-text.js';

/** An optional name as SATS-JSON writes `Option<String>`. */
const optionalName = (name: string | undefined): JsonTree => (name === undefined ? { none: [] } : { some: name });

/** A product type's SATS-JSON (the `schema` of an SQL result, a table's row type). */
export function satsJsonProductType(product: ProductTypeType): {
  elements: { name: JsonTree; algebraic_type: JsonTree }[];
} {
  return {
    elements: product.elements.map((e) => ({
      name: optionalName(e.name),
      algebraic_type: satsJsonType(e.algebraicType),
    })),
  };
}

function satsJsonSumType(sum: SumTypeType): { variants: { name: JsonTree; algebraic_type: JsonTree }[] } {
  return {
    variants: sum.variants.map((v) => ({ name: optionalName(v.name), algebraic_type: satsJsonType(v.algebraicType) })),
  };
}

/**
 * `type` with every `Ref` replaced by the type it names, as SpacetimeDB gives column types to SQL
 * (`ColumnSchema::from_module_def` resolves them), so an answer's schema stands on its own.
 */
export function resolveRefs(
  type: AlgebraicTypeType,
  typespace: readonly AlgebraicTypeType[],
  depth = 0,
): AlgebraicTypeType {
  // A column type cannot refer to itself (SpacetimeDB refuses recursive column types at publish).
  if (depth > 64) throw new Error('type references nest too deeply to resolve');
  const resolve = (t: AlgebraicTypeType) => resolveRefs(t, typespace, depth + 1);
  switch (type.tag) {
    case 'Ref':
      return resolve(typespace[type.value]!);
    case 'Array':
      return { tag: 'Array', value: resolve(type.value) };
    case 'Product':
      return {
        tag: 'Product',
        value: { elements: type.value.elements.map((e) => ({ ...e, algebraicType: resolve(e.algebraicType) })) },
      };
    case 'Sum':
      return {
        tag: 'Sum',
        value: { variants: type.value.variants.map((v) => ({ ...v, algebraicType: resolve(v.algebraicType) })) },
      };
    default:
      return type;
  }
}

/** An algebraic type's SATS-JSON. */
export function satsJsonType(type: AlgebraicTypeType): JsonTree {
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

/** A primitive as serde_json writes it: 64-bit and wider integers exact, floats in ryu's form, u256 as hex. */
function primitive(tag: AlgebraicTypeType['tag'], value: unknown): JsonTree {
  switch (tag) {
    case 'I64':
    case 'U64':
    case 'I128':
    case 'U128':
      return integer(value as bigint);
    case 'I256':
    case 'U256':
      return quantity(value as bigint);
    case 'F32':
      return f32(value as number);
    case 'F64':
      return f64(value as number);
    default:
      return value as JsonTree;
  }
}

/**
 * A value the SDK's deserializer produced for `type`, in SATS-JSON with SpacetimeDB's (snake_case) field names:
 * products become objects, sums `{"Variant": value}` (a unit variant's value is `[]`), options `{"some": x}` or
 * `{"none": []}`, byte arrays hex strings (`serialize_bytes`), other numbers as serde_json writes them.
 */
export function satsJsonValue(type: AlgebraicTypeType, value: unknown): JsonTree {
  switch (type.tag) {
    case 'Product': {
      // The unit value (no fields) is written `[]`, as in `{"U32": []}`.
      if (type.value.elements.length === 0) return [];
      const object = value as Record<string, unknown>;
      const out: Record<string, JsonTree> = {};
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
      return primitive(type.tag, value);
  }
}

/**
 * A stored value (the datastore's decoding of BSATN) as SpacetimeDB writes a `ProductValue` with no type beside it,
 * the rows of `POST /sql` (`impl_serialize!` for `AlgebraicValue` in `crates/sats/src/ser/impls.rs`): every product
 * an array, every sum `[tag, payload]` (so an option is `[0, x]` or `[1, []]`), identities and other special
 * types as the one-element products they are (`["0xc200..."]`), byte arrays as hex.
 */
export function untypedSatsJson(
  type: AlgebraicTypeType,
  value: SatsValue,
  typespace: readonly AlgebraicTypeType[],
): JsonTree {
  while (type.tag === 'Ref') type = typespace[type.value]!;
  switch (type.tag) {
    case 'Product':
      // The datastore hands a special type (identity, timestamp...) over as its one field's value.
      if (isSpecialType(type)) return [untypedSatsJson(type.value.elements[0]!.algebraicType, value, typespace)];
      return type.value.elements.map((e, i) => untypedSatsJson(e.algebraicType, (value as SatsValue[])[i]!, typespace));
    case 'Sum': {
      const { tag, value: payload } = value as { tag: number; value: SatsValue };
      return [tag, untypedSatsJson(type.value.variants[tag]!.algebraicType, payload, typespace)];
    }
    case 'Array':
      if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
      return (value as SatsValue[]).map((item) => untypedSatsJson(type.value, item, typespace));
    default:
      return primitive(type.tag, value);
  }
}
