/**
 * What a terminal sends for the keys it cannot send as text: the escape sequences of cursor and editing keys, and
 * the markers around a bracketed paste. One table for the terminal's line editor (`<lta-terminal>`) and for the
 * full-screen programs (`nano`, `vi`). It imports nothing, so the terminal can read keys without loading the shell
 * (`@lta/shell/keys`).
 */

/** A key a terminal sends as an escape sequence. */
export type SequenceKey =
  | 'up'
  | 'down'
  | 'right'
  | 'left'
  | 'home'
  | 'end'
  | 'delete'
  | 'page-up'
  | 'page-down'
  | 'word-right'
  | 'word-left'
  | 'f6';

/** CSI (`ESC [`) and SS3 (`ESC O`) sequences as xterm sends them, without the prefix; the first one of a key is what it sends by default. */
const SEQUENCES: Record<string, SequenceKey> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  '1~': 'home',
  '7~': 'home',
  '4~': 'end',
  '8~': 'end',
  '3~': 'delete',
  '5~': 'page-up',
  '6~': 'page-down',
  // Ctrl and Alt with an arrow.
  '1;5C': 'word-right',
  '1;3C': 'word-right',
  '1;5D': 'word-left',
  '1;3D': 'word-left',
  // F6 is nano's other key for Where Is: browsers keep Ctrl-W (close the tab) for themselves.
  '17~': 'f6',
};

const SEQUENCE_BYTES = new Map<string, string>();
for (const [bytes, key] of Object.entries(SEQUENCES)) if (!SEQUENCE_BYTES.has(key)) SEQUENCE_BYTES.set(key, bytes);

/** The bytes a terminal sends for a key of the table (`\x1b[A` for `up`); undefined for any other name. */
export function sequenceOf(key: string): string | undefined {
  const bytes = SEQUENCE_BYTES.get(key);
  return bytes === undefined ? undefined : `\x1b[${bytes}`;
}

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** One piece of terminal input, in the order it came. */
export type InputPiece =
  /** The text of a bracketed paste, line breaks as they were pasted. */
  | { paste: string }
  /** A key of the table. */
  | { sequence: SequenceKey }
  /** An escape sequence of no key in the table: dropped, but it still ends the text typed before it. */
  | { unknown: string }
  /** ESC followed by a character: Alt with that character (only with `alt`). */
  | { alt: string }
  /** ESC on its own. */
  | { escape: true }
  /** Any other character, control characters included. */
  | { char: string };

/** How a reader takes ESC: `ss3` reads `ESC O` sequences too; `alt` reads ESC and the next character as one Alt key. */
export interface InputOptions {
  ss3?: boolean;
  alt?: boolean;
}

/**
 * Splits what a terminal delivered (one key press, a burst of typed keys, a bracketed paste) into pieces. Unknown
 * escape sequences come as `unknown`, for the reader to drop rather than pass on as garbage. Without `alt`, an ESC not followed by `[` is the
 * Escape key on its own (what vim sees when `<Esc>:wq` arrives in one piece).
 */
export function readInput(data: string, { ss3 = false, alt = false }: InputOptions = {}): InputPiece[] {
  const pieces: InputPiece[] = [];
  let i = 0;
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      const end = data.indexOf(PASTE_END, i + PASTE_START.length);
      pieces.push({ paste: data.slice(i + PASTE_START.length, end === -1 ? data.length : end) });
      i = end === -1 ? data.length : end + PASTE_END.length;
      continue;
    }
    const char = data[i]!;
    const next = data[i + 1];
    if (char === '\x1b' && (next === '[' || (ss3 && next === 'O'))) {
      // Parameters, then one final byte.
      let j = i + 2;
      while (j < data.length && /[0-9;]/.test(data[j]!)) j++;
      const sequence = SEQUENCES[data.slice(i + 2, j + 1)];
      pieces.push(sequence ? { sequence } : { unknown: data.slice(i, j + 1) });
      i = j + 1;
    } else if (char === '\x1b' && alt && next !== undefined) {
      pieces.push({ alt: next });
      i += 2;
    } else {
      pieces.push(char === '\x1b' ? { escape: true } : { char });
      i += 1;
    }
  }
  return pieces;
}
