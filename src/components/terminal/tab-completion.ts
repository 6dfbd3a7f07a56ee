import type { Shell } from '@lta/shell';
import type { LineEditor } from './line-editor.js';

/** What a Tab did: nothing, completed the line (redraw it), or listed the choices (show them, then the line). */
export type TabResult = { kind: 'none' } | { kind: 'completed' } | { kind: 'listed'; choices: string };

/**
 * Tab as bash's readline does it: the first Tab completes as far as every candidate agrees; a second Tab with
 * nothing more to add lists the candidates in columns across `cols`.
 */
export function completeOnTab(editor: LineEditor, shell: Shell, secondTab: boolean, cols: number): TabResult {
  const { text, cursor } = editor;
  const completion = shell.complete(text, cursor);
  const typed = text.slice(completion.from, completion.to);
  if (completion.common.length > typed.length) {
    editor.setText(
      text.slice(0, completion.from) + completion.common + text.slice(completion.to),
      completion.from + completion.common.length,
    );
    return { kind: 'completed' };
  }
  if (secondTab && completion.candidates.length > 1)
    return { kind: 'listed', choices: columns(completion.candidates, cols) };
  return { kind: 'none' };
}

/** Candidates in columns as bash lists them: names only, across the terminal's width. */
function columns(candidates: string[], cols: number): string {
  const names = candidates.map((candidate) => candidate.replace(/^.*\/(?=[^/])/, ''));
  const width = Math.max(...names.map((name) => name.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(names.length / perRow);
  let out = '';
  for (let row = 0; row < rows; row++) {
    const cells: string[] = [];
    for (let col = 0; col < perRow; col++) {
      const name = names[col * rows + row];
      if (name !== undefined) cells.push(name.padEnd(width));
    }
    out += cells.join('').trimEnd() + '\r\n';
  }
  return out;
}
