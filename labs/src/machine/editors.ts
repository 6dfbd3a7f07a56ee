import type { Json } from '../problems.js';
import { fingerprint } from '../fingerprint.js';
import { displayPath, resolveLabPath } from '../paths.js';
import type { MachineFinding, MachinePart } from './index.js';

/**
 * The editors part: what the terminal's editors (`nano`, `vi`/`vim`) saved. A lab declares nothing for it; the shell
 * records each save of a buffer the learner changed in the editor, so a lab that teaches an editor can tell a file
 * edited in it from one written by `echo`, `sed -i` or `cat >` (whose content then differs from what was saved).
 */

/** The editors the shell has: `vi` is `vim`, as on Debian. */
export const EDITOR_NAMES = ['nano', 'vim'] as const;
export type EditorName = (typeof EDITOR_NAMES)[number];

/** One file as an editor last saved it, after the learner changed the text in that editor. */
export interface EditorSave {
  /** Absolute path of the file written. */
  path: string;
  editor: EditorName;
  /** `fingerprint` of the text written: the file still holds it when nothing else wrote to it since. */
  fingerprint: string;
}

/** A snapshot's `machine.editors`: the last save per file, oldest first. */
export interface EditorsState {
  saves: EditorSave[];
}

export type EditorCheck =
  /**
   * The file at `path` holds what an editor saved there after the learner changed it in that editor (`editor`:
   * only that one; `vi` counts as `vim`), and nothing else has written to it since.
   */
  { kind: 'editor-saved'; path: string; editor?: EditorName };

/** Files whose last save is kept: enough for any lab, and a bound on what a client may send. */
export const MAX_EDITOR_SAVES = 32;
const MAX_PATH = 1024;

export const editorsPart: MachinePart = {
  key: 'editors',
  checkFields: { 'editor-saved': ['path', 'editor'] },
  declarationProblems(_declaration, at, problems) {
    problems.add(at, 'nothing to declare: the editors part only records what nano and vi save');
  },
  checkProblems(check, at, problems) {
    problems.path(check.path, `${at}.path`);
    if (check.editor !== undefined && !EDITOR_NAMES.includes(check.editor as EditorName)) {
      problems.add(`${at}.editor`, `must be one of ${EDITOR_NAMES.join(', ')}`);
    }
  },
  startingState(): EditorsState {
    return { saves: [] };
  },
  stateProblem(state) {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) return 'not an object';
    const { saves } = state as Json;
    if (!Array.isArray(saves) || saves.length > MAX_EDITOR_SAVES)
      return `saves: not a list of at most ${MAX_EDITOR_SAVES} saves`;
    for (const save of saves as unknown[]) {
      const { path, editor, fingerprint: print } = (save ?? {}) as Json;
      if (
        typeof path !== 'string' ||
        !path.startsWith('/') ||
        path.length > MAX_PATH ||
        !EDITOR_NAMES.includes(editor as EditorName) ||
        typeof print !== 'string' ||
        print.length > 40
      ) {
        return 'saves: each save is { path, editor, fingerprint } with an absolute path and nano or vim';
      }
    }
    return null;
  },
  evaluate(check, state, snapshot): MachineFinding {
    const home = snapshot?.home ?? '/home/learner';
    const path = resolveLabPath(check.path as string, home);
    const shown = displayPath(path, home);
    const wanted = check.editor as EditorName | undefined;
    const save = ((state as EditorsState | undefined)?.saves ?? []).find((candidate) => candidate.path === path);
    if (!save || (wanted && save.editor !== wanted)) {
      return { holds: false, saw: `you have not changed and saved ${shown} in ${wanted ?? 'an editor'} yet` };
    }
    const entry = snapshot?.files[path];
    const now = entry?.type === 'file' && entry.encoding !== 'base64' ? fingerprint(entry.content) : undefined;
    if (now !== save.fingerprint)
      return { holds: false, saw: `${shown} was written by another command after ${save.editor} saved it` };
    return { holds: true, saw: `${shown} is as you saved it in ${save.editor}` };
  },
};

/** `state` with `save` as its file's last save (the oldest dropped beyond the bound). */
export function withSave(state: EditorsState | undefined, save: EditorSave): EditorsState {
  const saves = (state?.saves ?? []).filter((candidate) => candidate.path !== save.path);
  return { saves: [...saves, save].slice(-MAX_EDITOR_SAVES) };
}
