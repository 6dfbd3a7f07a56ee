import type { ScreenLine, ScreenSpan } from '../types.js';

/** How far apart tab stops are, as both editors show tabs by default. */
const TAB_WIDTH = 8;

/** A line as shown: tabs expanded to the next tab stop. */
export function expandTabs(line: string): string {
  let out = '';
  for (const char of line) out += char === '\t' ? ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH)) : char;
  return out;
}

/** The screen column of character `col` of `line` (tabs expanded). */
export function displayColumn(line: string, col: number): number {
  return expandTabs(line.slice(0, col)).length;
}

/**
 * One text line on a screen `width` wide, and where the cursor shows on it: a line longer than the screen shifts
 * left by whole screens (less one column) until the cursor's column is on it; the other lines are cut at the edge.
 */
export function visibleText(line: string, width: number, cursorCol?: number): { text: string; cursor: number } {
  const shown = expandTabs(line);
  if (cursorCol === undefined) return { text: shown.slice(0, width), cursor: 0 };
  const at = displayColumn(line, cursorCol);
  const page = Math.max(1, width - 1);
  const offset = at < width ? 0 : Math.floor(at / page) * page;
  return { text: shown.slice(offset, offset + width), cursor: at - offset };
}

/** A plain screen line. */
export function plain(text: string): ScreenLine {
  return [{ text }];
}

/** A screen line in reverse video, filled to `width`. */
export function bar(text: string, width: number): ScreenLine {
  return [{ text: text.slice(0, width).padEnd(width), inverse: true }];
}

/** `text` in reverse video at the middle of a line `width` wide (nano's status messages). */
export function centred(text: string, width: number): ScreenLine {
  const shown = text.slice(0, width);
  return [{ text: ' '.repeat(Math.max(0, Math.floor((width - shown.length) / 2))) }, { text: shown, inverse: true }];
}

/** A line of key shortcuts in columns, each key in reverse video then its label (nano's help lines). */
export function shortcuts(
  items: readonly (readonly [key: string, label: string])[],
  width: number,
  perLine = 6,
): ScreenLine {
  const cell = Math.max(1, Math.floor(width / perLine));
  const spans: ScreenSpan[] = [];
  for (const [key, label] of items) {
    spans.push(
      { text: key, inverse: true },
      { text: ` ${label}`.padEnd(cell - key.length).slice(0, Math.max(0, cell - key.length)) },
    );
  }
  return spans;
}
