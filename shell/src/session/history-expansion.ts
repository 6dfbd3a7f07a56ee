/** The outcome of bash's history expansion on one typed line. */
export type Expansion = { ok: true; line: string; expanded: boolean } | { ok: false; message: string };

function words(line: string): string[] {
  return line.trim().split(/\s+/).filter(Boolean);
}

/**
 * Interactive bash's history expansion: `!!`, `!N`, `!-N`, `!prefix`, `!?text?`, `!$`, `!*` and `^old^new`,
 * outside single quotes. Bash echoes an expanded line before running it; an unknown event runs nothing.
 */
export function expandHistory(line: string, history: readonly string[]): Expansion {
  const previous = history[history.length - 1];
  const quick = /^\^([^^]*)\^([^^]*)\^?$/.exec(line);
  if (quick) {
    if (previous === undefined || !previous.includes(quick[1]!))
      return { ok: false, message: 'bash: :s^' + quick[1] + '^' + quick[2] + ': substitution failed' };
    return { ok: true, line: previous.replace(quick[1]!, quick[2]!), expanded: true };
  }
  let out = '';
  let expanded = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && quote !== "'") {
      out += c + (line[i + 1] ?? '');
      i++;
      continue;
    }
    // A `#` starting a word comments out the rest of the line for history too (`#!/bin/bash` in a here-document).
    if (c === '#' && quote === undefined && (i === 0 || /\s/.test(line[i - 1]!))) {
      const end = line.indexOf('\n', i);
      out += end < 0 ? line.slice(i) : line.slice(i, end);
      i = end < 0 ? line.length : end - 1;
      continue;
    }
    if ((c === "'" && quote !== '"') || (c === '"' && quote !== "'")) quote = quote === c ? undefined : (quote ?? c);
    const next = line[i + 1];
    // Like bash: no expansion before a blank, `=`, `(`, a closing quote, nor in `$!`, `${!name}` and `[!abc]`.
    const before = line[i - 1];
    if (
      c !== '!' ||
      quote === "'" ||
      next === undefined ||
      /[\s=(]/.test(next) ||
      (quote === '"' && next === '"') ||
      before === '$' ||
      before === '[' ||
      line.slice(i - 2, i) === '${'
    ) {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    let event: string | undefined;
    let length: number;
    let match: RegExpExecArray | null;
    if (next === '!') {
      event = previous;
      length = 1;
    } else if (next === '$' || next === '*') {
      const previousWords = words(previous ?? '');
      event =
        previous === undefined
          ? undefined
          : next === '$'
            ? (previousWords[previousWords.length - 1] ?? '')
            : previousWords.slice(1).join(' ');
      length = 1;
    } else if ((match = /^-?\d+/.exec(rest))) {
      const n = Number(match[0]);
      event = n > 0 ? history[n - 1] : history[history.length + n];
      length = match[0].length;
    } else if ((match = /^\?([^?\n]*)\??/.exec(rest))) {
      const needle = match[1]!;
      event = [...history].reverse().find((entry) => entry.includes(needle));
      length = match[0].length;
    } else {
      match = /^[^\s;&|()<>'"]+/.exec(rest);
      const prefix = match?.[0] ?? '';
      if (!prefix) {
        out += c;
        continue;
      }
      event = [...history].reverse().find((entry) => entry.startsWith(prefix));
      length = prefix.length;
    }
    if (event === undefined)
      return { ok: false, message: `bash: !${rest.slice(0, Math.max(length, 1))}: event not found` };
    out += event;
    expanded = true;
    i += length;
  }
  return { ok: true, line: out, expanded };
}
