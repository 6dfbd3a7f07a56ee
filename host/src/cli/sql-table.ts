/**
 * `spacetime sql`'s table, from one `SqlStmtResult` of `POST /sql`: its `schema` (a ProductType in SATS-JSON) types
 * the untyped rows, and each value is written as `PsqlClient::SpacetimeDB` writes it (`crates/sats/src/satn.rs`,
 * `SqlFormatter`): strings in double quotes, identities and bytes as `0x` hex, timestamps in RFC 3339, durations as
 * `+secs.micros`, products and sums as `(name = value, ...)`, floats without an exponent; laid out in tabled's psql
 * style (`crates/cli/src/subcommands/sql.rs`, `build_table`).
 */
import { JsonNumber, type JsonTree } from '../update/json-text.js';

type SatsType =
  | { kind: 'primitive'; tag: string }
  | { kind: 'product'; elements: Element[] }
  | { kind: 'sum'; variants: Element[] }
  | { kind: 'array'; element: SatsType };
interface Element {
  name: string | undefined;
  type: SatsType;
}

/** Where a value sits (`PsqlType`): the product around it and its element, which pick a special format. */
interface Place {
  tuple: Element[];
  field: Element;
}

/** Thrown for an answer this printer cannot read (it is not what `POST /sql` writes). */
export class SqlTableError extends Error {}

/** A JSON string, number or literal, read where the last one ended (sticky). */
const SCALAR = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** Reads JSON keeping every number's text, so a u64 past 2^53 prints exactly. */
export function readJson(text: string): JsonTree {
  let at = 0;
  const fail = (): never => {
    throw new SqlTableError(`the answer is not JSON (at character ${at})`);
  };
  const space = () => {
    while (/\s/.test(text[at] ?? '')) at++;
  };
  /** Consumes `c` if it is next (after white space). */
  const take = (c: string) => {
    space();
    if (text[at] !== c) return false;
    at++;
    return true;
  };
  const value = (): JsonTree => {
    space();
    if (take('{')) {
      const out: { [key: string]: JsonTree } = {};
      if (take('}')) return out;
      do {
        const key = value();
        if (typeof key !== 'string' || !take(':')) fail();
        out[key as string] = value();
      } while (take(','));
      if (!take('}')) fail();
      return out;
    }
    if (take('[')) {
      const out: JsonTree[] = [];
      if (take(']')) return out;
      do out.push(value());
      while (take(','));
      if (!take(']')) fail();
      return out;
    }
    SCALAR.lastIndex = at;
    const token = SCALAR.exec(text);
    if (!token) return fail();
    at += token[0].length;
    if (/^[-\d]/.test(token[0])) return new JsonNumber(token[0]);
    return JSON.parse(token[0]) as JsonTree;
  };
  const result = value();
  space();
  if (at !== text.length) fail();
  return result;
}

/** The type a SATS-JSON `AlgebraicType` describes (the schema of an answer has no `Ref`s: its typespace is empty). */
function typeOf(json: JsonTree): SatsType {
  const [[tag, payload] = []] = Object.entries((json ?? {}) as { [key: string]: JsonTree });
  const elements = (list: JsonTree): Element[] =>
    (list as { name: { some?: string }; algebraic_type: JsonTree }[]).map((e) => ({
      name: e.name.some,
      type: typeOf(e.algebraic_type),
    }));
  if (tag === 'Product') return { kind: 'product', elements: elements((payload as { elements: JsonTree }).elements) };
  if (tag === 'Sum') return { kind: 'sum', variants: elements((payload as { variants: JsonTree }).variants) };
  if (tag === 'Array') return { kind: 'array', element: typeOf(payload!) };
  if (tag === undefined || tag === 'Ref')
    throw new SqlTableError(`cannot print a column of type ${JSON.stringify(json)}`);
  return { kind: 'primitive', tag };
}

const SPECIAL = {
  hex: ['__identity__', '__connection_id__'],
  timestamp: ['__timestamp_micros_since_unix_epoch__'],
  duration: ['__time_duration_micros__'],
  uuid: ['__uuid__'],
} as const;
type Format = keyof typeof SPECIAL | 'satn';

const specialName = (elements: Element[]) => (elements.length === 1 ? elements[0]!.name : undefined);
const isSpecial = (elements: Element[], format: keyof typeof SPECIAL) =>
  (SPECIAL[format] as readonly (string | undefined)[]).includes(specialName(elements));

/** `PsqlPrintFmt::use_fmt`: the surrounding product or the element's own type makes a value special. */
function formatAt({ tuple, field }: Place): Format {
  const own = field.type.kind === 'product' ? field.type.elements : [];
  for (const format of ['hex', 'timestamp', 'duration', 'uuid'] as const)
    if (isSpecial(tuple, format) || isSpecial(own, format)) return format;
  return 'satn';
}

const text = (value: JsonTree) => (value instanceof JsonNumber ? value.text : String(value));
const bigIntOf = (value: JsonTree) => BigInt(text(value));
/** A u256/i256 from ethnum's `"0x2a"` / `"-0x2a"`. */
const wide = (value: JsonTree) => {
  const t = text(value);
  return t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t);
};
const hexOf = (value: bigint, bytes: number) => `0x${value.toString(16).padStart(bytes * 2, '0')}`;

/** A float as Rust's `Display` writes it: the same shortest digits as the JSON, never an exponent, `1` for 1.0. */
function rustFloat(value: JsonTree): string {
  // serde_json writes NaN and the infinities as null; which one it was is lost.
  if (value === null) return 'NaN';
  const [mantissa = '', exponent = '0'] = text(value).toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '', fraction = ''] = mantissa.replace('-', '').split('.');
  // value = 0.<digits> * 10^point, once leading zeros are gone.
  let digits = `${whole}${fraction}`;
  let point = whole.length + Number(exponent);
  while (digits.startsWith('0')) {
    digits = digits.slice(1);
    point--;
  }
  digits = digits.replace(/0+$/, '');
  const sign = negative ? '-' : '';
  if (digits === '') return `${sign}0`;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** chrono's `to_rfc3339` of microseconds since the epoch: `2026-01-02T03:04:05.123456+00:00` (fraction only when non-zero). */
function rfc3339(micros: bigint): string {
  const seconds = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
  const fractionMicros = Number(micros - seconds * 1_000_000n);
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const fraction =
    fractionMicros === 0
      ? ''
      : fractionMicros % 1000 === 0
        ? `.${String(fractionMicros / 1000).padStart(3, '0')}`
        : `.${String(fractionMicros).padStart(6, '0')}`;
  return `${base}${fraction}+00:00`;
}

/** `TimeDuration`'s `Display`: `+1.500000`. */
function duration(micros: bigint): string {
  const size = micros < 0n ? -micros : micros;
  return `${micros < 0n ? '-' : '+'}${size / 1_000_000n}.${String(size % 1_000_000n).padStart(6, '0')}`;
}

function uuid(value: bigint): string {
  const hex = value.toString(16).padStart(32, '0');
  return `"${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}"`;
}

function primitive(tag: string, value: JsonTree, format: Format): string {
  switch (tag) {
    case 'Bool':
    case 'I8':
    case 'U8':
    case 'I16':
    case 'U16':
    case 'I32':
    case 'U32':
    case 'U64':
    case 'I128':
      return text(value);
    case 'I64':
      if (format === 'duration') return duration(bigIntOf(value));
      if (format === 'timestamp') return rfc3339(bigIntOf(value));
      return text(value);
    case 'U128':
      if (format === 'hex') return hexOf(bigIntOf(value), 16);
      if (format === 'uuid') return uuid(bigIntOf(value));
      return text(value);
    case 'U256':
      return format === 'hex' ? hexOf(wide(value), 32) : wide(value).toString();
    case 'I256':
      return wide(value).toString();
    case 'F32':
    case 'F64':
      return rustFloat(value);
    case 'String':
      return `"${value as string}"`;
    default:
      throw new SqlTableError(`cannot print a value of type ${tag}`);
  }
}

/** `(name = value, ...)`: a record, unnamed elements as `col_N`. */
const record = (fields: string[]) => `(${fields.join(', ')})`;

/** One value of `type` at `place`, as `SqlFormatter` writes it. */
function formatValue(value: JsonTree, type: SatsType, place: Place): string {
  const format = formatAt(place);
  switch (type.kind) {
    case 'primitive':
      return primitive(type.tag, value, format);
    case 'array':
      if (type.element.kind === 'primitive' && type.element.tag === 'U8') return `0x${value as string}`;
      // `TypedArrayFormatter` writes the elements one after another, with nothing between them.
      return (value as JsonTree[]).map((item) => formatValue(item, type.element, place)).join('');
    case 'product': {
      const values = value as JsonTree[];
      if (format !== 'satn') {
        const inner = place.field.type.kind === 'product' ? place.field.type.elements : null;
        const at = inner ? { tuple: inner, field: inner[0]! } : place;
        return formatValue(values[0]!, type.elements[0]!.type, at);
      }
      return record(
        type.elements.map(
          (e, i) => `${e.name ?? `col_${i}`} = ${formatValue(values[i]!, e.type, { tuple: type.elements, field: e })}`,
        ),
      );
    }
    case 'sum': {
      const [tag, payload] = value as [JsonNumber, JsonTree];
      const index = Number(tag.text);
      const variant = type.variants[index];
      if (!variant) throw new SqlTableError(`sum tag ${index} out of range`);
      const self: Element = { name: undefined, type };
      const shown = formatValue(payload, variant.type, { tuple: [self], field: self });
      return record([`${variant.name ?? `col_${index}`} = ${shown}`]);
    }
  }
}

/**
 * The table `spacetime sql` prints for one statement's answer: a header of column names (`column N` when unnamed),
 * a `---+---` rule and one line per row, each cell padded by one space; nothing for an answer without columns.
 */
export function sqlTable(statement: JsonTree): string {
  const { schema, rows } = statement as { schema: JsonTree; rows: JsonTree[][] };
  const row = typeOf({ Product: schema });
  if (row.kind !== 'product') throw new SqlTableError('the answer has no row type');
  if (row.elements.length === 0) return '';
  const header = row.elements.map((e, i) => e.name ?? `column ${i}`);
  const cells = rows.map((values) =>
    row.elements.map((e, i) => formatValue(values[i]!, e.type, { tuple: row.elements, field: e })),
  );
  const width = (s: string) => [...s].length;
  const widths = header.map((h, i) => Math.max(width(h), ...cells.map((line) => width(line[i]!))));
  const line = (values: string[]) => values.map((v, i) => ` ${v}${' '.repeat(widths[i]! - width(v))} `).join('|');
  return [line(header), widths.map((w) => '-'.repeat(w + 2)).join('+'), ...cells.map(line)].join('\n');
}
