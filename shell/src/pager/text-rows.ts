import type { ScreenLine, ScreenSpan } from '../types.js';
import { expandTabs } from '../editors/screen-text.js';

/** One screen row of a text: part of line `line` (0-based), from column `start` of the line as shown. */
export interface Row {
  line: number;
  start: number;
  text: string;
}

/** A text cut into screen rows `cols` wide, and where each of its lines starts among them. */
export interface Layout {
  rows: Row[];
  /** The first row of each line. */
  firstRow: number[];
}

/** Lines as less shows them: tabs expanded; a long line wraps onto the next rows (less folds, it does not cut). */
export function layOut(lines: readonly string[], cols: number): Layout {
  const width = Math.max(1, cols);
  const rows: Row[] = [];
  const firstRow: number[] = [];
  lines.forEach((line, index) => {
    firstRow.push(rows.length);
    const shown = expandTabs(line);
    if (shown.length === 0) rows.push({ line: index, start: 0, text: '' });
    for (let start = 0; start < shown.length; start += width)
      rows.push({ line: index, start, text: shown.slice(start, start + width) });
  });
  return { rows, firstRow };
}

/** The lines of a text as a pager reads them: a last line without its newline is a line too. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** Where `pattern` matches in `line` (as shown, tabs expanded), as [start, end) columns. */
export function matchesIn(line: string, pattern: RegExp): [number, number][] {
  const found: [number, number][] = [];
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  for (const match of expandTabs(line).matchAll(global)) {
    // An empty match highlights nothing; matchAll moves past it by itself.
    if (match[0].length > 0) found.push([match.index, match.index + match[0].length]);
  }
  return found;
}

/** A row with the parts that match the search in reverse video, as less highlights them. */
export function highlightedRow(row: Row, matches: readonly [number, number][]): ScreenLine {
  const spans: ScreenSpan[] = [];
  let at = 0;
  for (const [from, to] of matches) {
    const start = Math.max(from - row.start, at);
    const end = Math.min(to - row.start, row.text.length);
    if (end <= start) continue;
    if (start > at) spans.push({ text: row.text.slice(at, start) });
    spans.push({ text: row.text.slice(start, end), inverse: true });
    at = end;
  }
  if (at < row.text.length || spans.length === 0) spans.push({ text: row.text.slice(at) });
  return spans;
}
