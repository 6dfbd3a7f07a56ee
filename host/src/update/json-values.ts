import {
  AlgebraicType,
  BinaryWriter,
  ConnectionId,
  Identity,
  TimeDuration,
  Timestamp,
  type AlgebraicTypeType,
} from 'spacetimedb';

/** Thrown when JSON does not fit the type it should have. */
export class JsonValueError extends Error {
  override name = 'JsonValueError';
}

const SPECIAL: Record<string, (value: unknown) => unknown> = {
  __identity__: (v) => new Identity(hexOrNumber(v, 'an identity')),
  __connection_id__: (v) => new ConnectionId(BigInt(hexOrNumber(v, 'a connection id'))),
  __timestamp_micros_since_unix_epoch__: (v) => new Timestamp(bigIntOf(v, 'a timestamp (microseconds)')),
  __time_duration_micros__: (v) => new TimeDuration(bigIntOf(v, 'a duration (microseconds)')),
};

function hexOrNumber(value: unknown, what: string): string {
  if (typeof value === 'string' && /^(0x)?[0-9a-fA-F]+$/.test(value))
    return value.startsWith('0x') ? value : `0x${value}`;
  throw new JsonValueError(`expected ${what} as a hex string, got ${JSON.stringify(value)}`);
}

function bigIntOf(value: unknown, what: string): bigint {
  if ((typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value)))
    return BigInt(value);
  throw new JsonValueError(`expected ${what}, got ${JSON.stringify(value)}`);
}

const BIG = new Set(['I64', 'U64', 'I128', 'U128', 'I256', 'U256']);
const SMALL = new Set(['I8', 'U8', 'I16', 'U16', 'I32', 'U32', 'F32', 'F64']);

/**
 * Turns a JSON value into the value the SDK's serializer takes for `type`: big integers from numbers or
 * decimal strings, byte arrays from hex, products from arrays (positional) or objects (by name), options from
 * null or the value, other sums from `{ "variant": value }`, identities and timestamps from hex and numbers.
 */
export function fromJson(
  value: unknown,
  type: AlgebraicTypeType,
  typespace: readonly AlgebraicTypeType[],
  path: string,
): unknown {
  while (type.tag === 'Ref') type = typespace[type.value]!;
  const fail = (expected: string): never => {
    throw new JsonValueError(`${path}: expected ${expected}, got ${JSON.stringify(value)}`);
  };
  if (type.tag === 'Bool') return typeof value === 'boolean' ? value : fail('true or false');
  if (type.tag === 'String') return typeof value === 'string' ? value : fail('a string');
  if (SMALL.has(type.tag)) return typeof value === 'number' ? value : fail('a number');
  if (BIG.has(type.tag)) return bigIntOf(value, `${path}: an integer`);
  if (type.tag === 'Array') {
    if (type.value.tag === 'U8' && typeof value === 'string')
      return Buffer.from(hexOrNumber(value, 'bytes').slice(2), 'hex');
    if (!Array.isArray(value)) return fail('an array');
    const items = value.map((item, i) => fromJson(item, type.value, typespace, `${path}[${i}]`));
    return type.value.tag === 'U8' ? Uint8Array.from(items as number[]) : items;
  }
  if (type.tag === 'Product') {
    const elements = type.value.elements;
    const special = elements.length === 1 ? SPECIAL[elements[0]!.name ?? ''] : undefined;
    if (special) {
      try {
        return special(
          typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.values(value)[0] : value,
        );
      } catch (error) {
        throw new JsonValueError(`${path}: ${(error as Error).message}`);
      }
    }
    const result: Record<string, unknown> = {};
    if (Array.isArray(value)) {
      if (value.length !== elements.length) fail(`${elements.length} values`);
      elements.forEach(
        (e, i) => (result[e.name!] = fromJson(value[i], e.algebraicType, typespace, `${path}.${e.name}`)),
      );
      return result;
    }
    if (typeof value !== 'object' || value === null) return fail('an array or an object');
    for (const e of elements) {
      if (!(e.name! in value)) fail(`a field ${e.name}`);
      result[e.name!] = fromJson(
        (value as Record<string, unknown>)[e.name!],
        e.algebraicType,
        typespace,
        `${path}.${e.name}`,
      );
    }
    return result;
  }
  if (type.tag === 'Sum') {
    const variants = type.value.variants;
    if (variants.length === 2 && variants[0]!.name === 'some' && variants[1]!.name === 'none') {
      if (value === null) return undefined;
      if (typeof value === 'object' && !Array.isArray(value) && ('some' in value || 'none' in value)) {
        return 'some' in value ? fromJson(value.some, variants[0]!.algebraicType, typespace, path) : undefined;
      }
      return fromJson(value, variants[0]!.algebraicType, typespace, path);
    }
    if (typeof value === 'string' && variants.some((v) => v.name === value)) return { tag: value, value: {} };
    if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length !== 1) {
      return fail(`one of ${variants.map((v) => v.name).join(', ')} as { "variant": value }`);
    }
    const [name, inner] = Object.entries(value)[0]!;
    const variant = variants.find((v) => v.name === name) ?? fail(`one of ${variants.map((v) => v.name).join(', ')}`);
    return { tag: name, value: fromJson(inner, variant.algebraicType, typespace, `${path}.${name}`) };
  }
  return fail(type.tag);
}

/** Encodes JSON arguments (an array in parameter order, or an object by parameter name) as a reducer's BSATN. */
export function encodeJsonArgs(
  args: unknown,
  params: AlgebraicTypeType & { tag: 'Product' },
  typespace: readonly AlgebraicTypeType[],
): Uint8Array {
  const value = fromJson(args ?? [], params, typespace, 'arguments');
  const writer = new BinaryWriter(64);
  AlgebraicType.makeSerializer(params, { types: [...typespace] })(writer, value);
  return writer.getBuffer();
}
