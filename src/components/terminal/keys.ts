/** The editing keys the terminal understands, by the name bash's readline gives their action. */
export type NamedKey =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
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

/** CSI (`ESC [`) and SS3 (`ESC O`) sequences xterm sends for cursor and editing keys, without the prefix. */
const SEQUENCES: Record<string, NamedKey> = {
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
  '1;5C': 'word-right',
  '1;3C': 'word-right',
  '1;5D': 'word-left',
  '1;3D': 'word-left',
};

/** Alt-<char> (`ESC char`) bindings. */
const META: Record<string, NamedKey> = {
  b: 'word-left',
  f: 'word-right',
  d: 'kill-word-forward',
  '\x7f': 'kill-alnum-word-back',
};

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

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
  const flushText = () => {
    if (text) keys.push({ name: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < data.length) {
    const char = data[i]!;
    if (data.startsWith(PASTE_START, i)) {
      flushText();
      const end = data.indexOf(PASTE_END, i + PASTE_START.length);
      const stop = end === -1 ? data.length : end;
      keys.push(...pasteKeys(data.slice(i + PASTE_START.length, stop)));
      i = end === -1 ? data.length : end + PASTE_END.length;
    } else if (char === '\x1b') {
      flushText();
      const next = data[i + 1];
      if (next === '[' || next === 'O') {
        // Parameters then one final byte in @..~.
        let j = i + 2;
        while (j < data.length && /[0-9;]/.test(data[j]!)) j++;
        const name = SEQUENCES[data.slice(i + 2, j + 1)];
        if (name) keys.push({ name });
        i = j + 1;
      } else if (next !== undefined) {
        const name = META[next];
        if (name) keys.push({ name });
        i += 2;
      } else {
        keys.push({ name: 'escape' });
        i += 1;
      }
    } else if (char in CONTROL) {
      flushText();
      keys.push({ name: CONTROL[char]! });
      i += 1;
    } else {
      if (char >= ' ') text += char;
      i += 1;
    }
  }
  flushText();
  return keys;
}

const CONTROL_BYTES = new Map<NamedKey, string>(Object.entries(CONTROL).map(([bytes, name]) => [name, bytes]));
const SEQUENCE_BYTES = new Map<NamedKey, string>(
  Object.entries(SEQUENCES).map(([bytes, name]) => [name, `\x1b[${bytes}`]),
);

/**
 * The bytes a terminal sends for a decoded key: how keys typed ahead of a full-screen program (an editor opened by
 * the line before them) reach it as it would have read them.
 */
export function encodeKey(key: Key): string {
  if (key.name === 'text') return key.text;
  if (key.name === 'escape') return '\x1b';
  if (key.name === 'enter') return '\r';
  if (key.name === 'backspace') return '\x7f';
  return SEQUENCE_BYTES.get(key.name) ?? CONTROL_BYTES.get(key.name) ?? '';
}
