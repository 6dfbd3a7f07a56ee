// SpacetimeDB derives canonical names with the Rust `convert_case` 0.6 crate. These functions split words at
// the same boundaries (`_`, `-`, space, aB, ABc, a1, A1, 1a, 1A) so our names match the real server's.

const isUpper = (c: string): boolean => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string): boolean => c !== c.toUpperCase() && c === c.toLowerCase();
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Splits an identifier into words the way `convert_case` does with its default boundaries. */
export function splitWords(identifier: string): string[] {
  const words: string[] = [];
  for (const part of identifier.split(/[_\- ]+/)) {
    const chars = Array.from(part);
    let word = '';
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const prev = chars[i - 1];
      const next = chars[i + 1];
      const boundary =
        prev !== undefined &&
        ((isLower(prev) && isUpper(c)) ||
          (isUpper(prev) && isUpper(c) && next !== undefined && isLower(next)) ||
          (isDigit(prev) !== isDigit(c) &&
            (isDigit(prev) || isDigit(c)) &&
            (isLower(prev) || isUpper(prev) || isLower(c) || isUpper(c))));
      if (boundary && word !== '') {
        words.push(word);
        word = '';
      }
      word += c;
    }
    if (word !== '') words.push(word);
  }
  return words;
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** `fooBar2Baz` -> `foo_bar_2_baz` (canonical table, column and reducer names under the default policy). */
export const toSnakeCase = (identifier: string): string =>
  splitWords(identifier)
    .map((w) => w.toLowerCase())
    .join('_');

/** `red_apple` -> `redApple` (canonical enum variant names under the default policy). */
export const toCamelCase = (identifier: string): string =>
  splitWords(identifier)
    .map((w, i) => (i === 0 ? w.toLowerCase() : capitalize(w)))
    .join('');

/** `metaInfo` -> `MetaInfo` (canonical type names under the default policy). */
export const toPascalCase = (identifier: string): string => splitWords(identifier).map(capitalize).join('');
