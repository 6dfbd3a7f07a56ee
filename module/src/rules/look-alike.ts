/**
 * Look-alike folding for names, after Unicode Technical Standard #39 ("Unicode Security Mechanisms", skeletons of
 * confusable strings). No kept npm package ships the confusables data, so this is our own table focused on what
 * passes for Latin: the ASCII pairs of UTS #39 `confusables.txt` (`0`/`o`, `1`/`l`/`I`, `rn`/`m`, `vv`/`w`,
 * `cl`/`d`), the Cyrillic and Greek letters it maps to Latin ones, and the digits commonly read as letters
 * (`4lice`, `adm1n`, `5taff`), plus separator folding (`a-lice`, `alice_`).
 */

/** Single characters read as a Latin letter (UTS #39 `confusables.txt`, Cyrillic and Greek to Latin; digits). */
const LOOKS_LIKE: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  ѕ: 's',
  т: 't',
  у: 'y',
  х: 'x',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ь: 'b',
  г: 'r',
  п: 'n',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  μ: 'u',
  // Digits and symbols read as letters
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '|': 'l',
  '!': 'i',
};

/** Character pairs read as one letter (UTS #39: `rn` → `m`, `vv` → `w`, `cl` → `d`), and `i` read as `l`. */
const PAIRS: readonly [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
  [/i/g, 'l'],
];

/**
 * The skeleton of a name: what it looks like, ignoring case, compatibility forms, separators, spaces, punctuation
 * and marks. Two names with the same skeleton are too alike to tell apart in a chat or on a leaderboard.
 * Symbols (emoji) stay, so names made only of them still differ from each other.
 */
export function nameSkeleton(name: string): string {
  let folded = '';
  for (const char of name.normalize('NFKD').toLowerCase()) {
    const mapped = LOOKS_LIKE[char];
    if (mapped) folded += mapped;
    else if (/[\p{L}\p{N}\p{S}]/u.test(char)) folded += char;
  }
  for (const [pattern, letter] of PAIRS) folded = folded.replace(pattern, letter);
  return folded;
}

/**
 * Words that make a name pass for the academy's staff or the system. A name is refused when one of its words
 * (split at spaces, separators, digits-to-letters and camelCase) has the skeleton of one of these, or when its
 * whole skeleton starts or ends with one of the longer ones (`theadmin`, `adminbob`; `badminton` is fine).
 */
const STAFF_WORDS = [
  'admin',
  'administrator',
  'sysadmin',
  'root',
  'owner',
  'moderator',
  'mod',
  'staff',
  'support',
  'official',
  'lta',
  'academy',
  'system',
  'security',
  'verified',
  'spacetimedb',
];
const STAFF_SKELETONS = STAFF_WORDS.map(nameSkeleton);

/** The staff word `name` passes for, or undefined. */
export function staffWordIn(name: string): string | undefined {
  const words = name.split(/[^\p{L}\p{N}$@|!]+|(?<=\p{Ll})(?=\p{Lu})/u).map(nameSkeleton);
  const whole = nameSkeleton(name);
  return STAFF_WORDS.find((_word, i) => {
    const skeleton = STAFF_SKELETONS[i]!;
    if (words.includes(skeleton)) return true;
    return skeleton.length >= 5 && (whole.startsWith(skeleton) || whole.endsWith(skeleton));
  });
}
