import { readInput, sequenceOf, type SequenceKey } from '../keys.js';

/**
 * Keys as a full-screen program reads them from the terminal: the bytes xterm sends (a typed character, a control
 * character, an escape sequence for a cursor key, a bracketed paste), decoded into one key per press.
 */
export type NamedKey = SequenceKey | 'backspace' | 'enter' | 'escape' | 'tab';

/** One key press: a printable character, a named key, or Ctrl with a letter (`^O` is `{ ctrl: 'o' }`). */
export type EditorKey = { char: string } | { name: NamedKey } | { ctrl: string };

const CONTROL_NAMES: Record<string, NamedKey> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
};

/**
 * Decodes terminal input into keys. An ESC not followed by `[` is the Escape key on its own (what vim sees when
 * `<Esc>:wq` arrives in one piece); unknown sequences are dropped. A pasted text is typed in, its line breaks as Enter.
 */
export function decodeKeys(data: string): EditorKey[] {
  const keys: EditorKey[] = [];
  for (const piece of readInput(data)) {
    if ('paste' in piece) {
      for (const char of piece.paste.replace(/\r\n?/g, '\n')) keys.push(char === '\n' ? { name: 'enter' } : { char });
    } else if ('sequence' in piece) keys.push({ name: piece.sequence });
    else if ('escape' in piece) keys.push({ name: 'escape' });
    else if ('char' in piece) {
      const { char } = piece;
      if (char in CONTROL_NAMES) keys.push({ name: CONTROL_NAMES[char]! });
      else if (char < ' ') keys.push({ ctrl: String.fromCharCode(char.charCodeAt(0) + 96) });
      else keys.push({ char });
    }
  }
  return keys;
}

/** Names in the key notation of reference solutions and tests, and the bytes a terminal sends for each. */
const NOTATION: Record<string, string | undefined> = {
  esc: '\x1b',
  enter: '\r',
  cr: '\r',
  tab: '\t',
  bs: '\x7f',
  lt: '<',
  del: sequenceOf('delete'),
  up: sequenceOf('up'),
  down: sequenceOf('down'),
  right: sequenceOf('right'),
  left: sequenceOf('left'),
  home: sequenceOf('home'),
  end: sequenceOf('end'),
  pageup: sequenceOf('page-up'),
  pagedown: sequenceOf('page-down'),
  f6: sequenceOf('f6'),
};

/**
 * The bytes a terminal sends for keys written in vim's notation: text as typed, `<Esc>`, `<Enter>`, `<C-o>` (Ctrl-O),
 * `<Up>`, `<PageDown>`, `<Del>`, `<BS>`, `<lt>` for a `<`. How reference solutions and tests write an editor session.
 */
export function keysFromNotation(text: string): string {
  return text.replace(/<([A-Za-z]+|C-[a-zA-Z\\_\]^@])>/g, (whole, name: string) => {
    if (/^C-/i.test(name)) return String.fromCharCode(name.slice(2).toUpperCase().charCodeAt(0) & 0x1f);
    return NOTATION[name.toLowerCase()] ?? whole;
  });
}
