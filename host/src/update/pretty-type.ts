import type { ResolvedType } from '../durability/stored-schema.js';

type Named = { name: string | null; type: ResolvedType };

/** A type as a person reads it in an error message, e.g. `u32`, `Array<string>`, `{ x: i32, y: i32 }`, `(a | b: u8)`. */
export function prettyType(type: ResolvedType): string {
  switch (type.tag) {
    case 'Array':
      return `Array<${prettyType(type.value as ResolvedType)}>`;
    case 'Product':
      return `{ ${(type.value as Named[]).map((e) => `${e.name ?? '_'}: ${prettyType(e.type)}`).join(', ')} }`;
    case 'Sum':
      return `(${(type.value as Named[])
        .map((v) =>
          v.type.tag === 'Product' && (v.type.value as Named[]).length === 0
            ? `${v.name}`
            : `${v.name}: ${prettyType(v.type)}`,
        )
        .join(' | ')})`;
    case 'Ref':
      return `type #${String(type.value)}`;
    default:
      return type.tag.toLowerCase();
  }
}
