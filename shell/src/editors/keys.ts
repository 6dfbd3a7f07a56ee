/**
 * Keys as a full-screen program reads them from the terminal: the bytes xterm sends (a typed character, a control
 * character, an escape sequence for a cursor key, a bracketed paste), decoded into one key per press.
 */
export type NamedKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'page-up'
  | 'page-down'
  | 'delete'
  | 'backspace'
  | 'enter'
  | 'escape'
  | 'tab'
  | 'f6';

/** One key press: a printable character, a named key, or Ctrl with a letter (`^O` is `{ ctrl: 'o' }`). */
export type EditorKey = { char: string } | { name: NamedKey } | { ctrl: string };

/** CSI sequences (`ESC [` ...) of the keys the editors use. */
const CSI: Record<string, NamedKey> = {
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
  // F6 is nano's other key for Where Is: browsers keep Ctrl-W (close the tab) for themselves.
  '17~': 'f6',
};

const CONTROL_NAMES: Record<string, NamedKey> = {
  '\r': 'enter',
  '\n': 'enter',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
};

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/**
 * Decodes terminal input into keys. An ESC not followed by `[` is the Escape key on its own (what vim sees when
 * `<Esc>:wq` arrives in one piece); unknown sequences are dropped. A pasted text is typed in, its line breaks as Enter.
 */
export function decodeKeys(data: string): EditorKey[] {
  const keys: EditorKey[] = [];
  let i = 0;
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      const end = data.indexOf(PASTE_END, i);
      const stop = end === -1 ? data.length : end;
      for (const char of data.slice(i + PASTE_START.length, stop).replace(/\r\n?/g, '\n'))
        keys.push(char === '\n' ? { name: 'enter' } : { char });
      i = end === -1 ? data.length : end + PASTE_END.length;
      continue;
    }
    const char = data[i]!;
    if (char === '\x1b' && data[i + 1] === '[') {
      let j = i + 2;
      while (j < data.length && /[0-9;]/.test(data[j]!)) j++;
      const name = CSI[data.slice(i + 2, j + 1)];
      if (name) keys.push({ name });
      i = j + 1;
      continue;
    }
    if (char === '\x1b') keys.push({ name: 'escape' });
    else if (char in CONTROL_NAMES) keys.push({ name: CONTROL_NAMES[char]! });
    else if (char < ' ') keys.push({ ctrl: String.fromCharCode(char.charCodeAt(0) + 96) });
    else keys.push({ char });
    i++;
  }
  return keys;
}

/** Names in the key notation of reference solutions and tests, and the bytes a terminal sends for each. */
const NOTATION: Record<string, string> = {
  esc: '\x1b',
  enter: '\r',
  cr: '\r',
  tab: '\t',
  bs: '\x7f',
  del: '\x1b[3~',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  home: '\x1b[H',
  end: '\x1b[F',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  f6: '\x1b[17~',
  lt: '<',
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
