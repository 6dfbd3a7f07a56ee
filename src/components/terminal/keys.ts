import { readInput, sequenceOf, type SequenceKey } from '@lta/shell/keys';

/** The editing keys the terminal understands, by the name bash's readline gives their action. */
export type NamedKey =
  | SequenceKey
  | 'enter'
  | 'backspace'
  | 'tab'
  | 'interrupt'
  | 'end-of-file'
  | 'clear-screen'
  | 'kill-to-start'
  | 'kill-to-end'
  | 'kill-word-back'
  | 'kill-alnum-word-back'
  | 'kill-word-forward'
  | 'yank'
  | 'search-history'
  | 'cancel'
  | 'escape';

/** One decoded keystroke: printable text (typed or pasted) or a named key. */
export type Key = { name: 'text'; text: string } | { name: NamedKey };

const CONTROL: Record<string, NamedKey> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\x01': 'home',
  '\x02': 'left',
  '\x03': 'interrupt',
  '\x04': 'end-of-file',
  '\x05': 'end',
  '\x06': 'right',
  '\x07': 'cancel',
  '\x0b': 'kill-to-end',
  '\x0c': 'clear-screen',
  '\x0e': 'down',
  '\x10': 'up',
  '\x12': 'search-history',
  '\x15': 'kill-to-start',
  '\x17': 'kill-word-back',
  '\x19': 'yank',
};

/** Alt-<char> (`ESC char`) bindings. */
const META: Record<string, NamedKey> = {
  b: 'word-left',
  f: 'word-right',
  d: 'kill-word-forward',
  '\x7f': 'kill-alnum-word-back',
};

/**
 * Pasted text as keys: its lines as text, each line break as Enter, so a multi-line paste runs line by line as in
 * bash. Tabs and other control characters stay literal text (a pasted tab must not trigger completion).
 */
function pasteKeys(text: string): Key[] {
  const keys: Key[] = [];
  text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((line, index) => {
      if (index > 0) keys.push({ name: 'enter' });
      if (line) keys.push({ name: 'text', text: line });
    });
  return keys;
}

/**
 * Decodes what xterm's `onData` delivers (one keystroke, a burst of typed keys, or a bracketed paste) into keys.
 * Unknown escape sequences are dropped rather than inserted as garbage.
 */
export function decodeInput(data: string): Key[] {
  const keys: Key[] = [];
  let text = '';
  const named = (name: NamedKey | undefined) => {
    if (text) keys.push({ name: 'text', text });
    text = '';
    if (name) keys.push({ name });
  };
  for (const piece of readInput(data, { ss3: true, alt: true })) {
    if ('paste' in piece) {
      named(undefined);
      keys.push(...pasteKeys(piece.paste));
    } else if ('sequence' in piece) named(piece.sequence);
    else if ('alt' in piece) named(META[piece.alt]);
    else if ('unknown' in piece) named(undefined);
    else if ('escape' in piece) named('escape');
    else if (piece.char in CONTROL) named(CONTROL[piece.char]);
    else if (piece.char >= ' ') text += piece.char;
  }
  named(undefined);
  return keys;
}

const CONTROL_BYTES = new Map<NamedKey, string>(Object.entries(CONTROL).map(([bytes, name]) => [name, bytes]));

/**
 * The bytes a terminal sends for a decoded key: how keys typed ahead of a full-screen program (an editor opened by
 * the line before them) reach it as it would have read them.
 */
export function encodeKey(key: Key): string {
  if (key.name === 'text') return key.text;
  if (key.name === 'escape') return '\x1b';
  if (key.name === 'enter') return '\r';
  if (key.name === 'backspace') return '\x7f';
  return sequenceOf(key.name) ?? CONTROL_BYTES.get(key.name) ?? '';
}
