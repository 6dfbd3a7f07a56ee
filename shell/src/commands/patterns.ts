/** POSIX character classes as JavaScript bracket contents. */
const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
  word: '\\w',
};

/** Copies a bracket expression starting at `start` (`[`), translated; returns it and the index after `]`. */
function bracket(pattern: string, start: number): [string, number] | undefined {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '^') {
    out += '^';
    i++;
  }
  if (pattern[i] === ']') {
    out += '\\]';
    i++;
  }
  while (i < pattern.length && pattern[i] !== ']') {
    const cls = /^\[:([a-z]+):\]/.exec(pattern.slice(i));
    if (cls && CLASSES[cls[1]!] !== undefined) {
      out += CLASSES[cls[1]!];
      i += cls[0].length;
      continue;
    }
    const c = pattern[i]!;
    out += c === '\\' || c === '[' ? `\\${c}` : c;
    i++;
  }
  return i < pattern.length ? [out + ']', i + 1] : undefined;
}

/**
 * Translates a POSIX regular expression (basic, as grep and sed use by default, or extended with -E) into
 * JavaScript regex source: in BRE `\(`, `\{`, `\|`, `\+`, `\?` are the operators and the bare characters literal.
 */
export function posixToJs(pattern: string, extended: boolean): string {
  let out = '';
  let atStart = true;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    if (c === '[') {
      const found = bracket(pattern, i);
      if (found) {
        out += found[0];
        i = found[1];
        atStart = false;
        continue;
      }
      out += '\\[';
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[i + 1]!;
      i += 2;
      if (!extended && '(){}|+?'.includes(n)) out += n;
      else if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if ('wWsSbB123456789'.includes(n)) out += `\\${n}`;
      else out += /[A-Za-z0-9]/.test(n) ? n : `\\${n}`;
      atStart = !extended && n === '(';
      continue;
    }
    if (c === '*' && atStart) out += '\\*';
    else if (!extended && '(){}|+?'.includes(c)) out += `\\${c}`;
    else if (extended && c === '{' && !/^\{\d*(,\d*)?\}/.test(pattern.slice(i))) out += '\\{';
    else if ('/'.includes(c)) out += `\\${c}`;
    // GNU's `.` is any character but a newline; JavaScript's also skips \r, so CRLF lines would end early.
    else if (c === '.') out += '[^\\n]';
    else out += c;
    atStart = c === '^' || (extended && (c === '(' || c === '|'));
    i++;
  }
  return out;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A shell wildcard (`*.log`, `data?.csv`, `[ab]*`) as an anchored regex, as find -name and fnmatch use it. */
export function wildcardToRegex(glob: string, ignoreCase = false): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      // `[!ab]` is the shell's spelling of `[^ab]` (same length, so indexes still line up).
      const found = bracket(glob[i + 1] === '!' ? `${glob.slice(0, i)}[^${glob.slice(i + 2)}` : glob, i);
      if (found) {
        out += found[0];
        i = found[1] - 1;
      } else out += '\\[';
    } else if (c === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]!);
    else out += escapeRegex(c);
  }
  return new RegExp(`^${out}$`, ignoreCase ? 'is' : 's');
}
