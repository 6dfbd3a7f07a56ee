import type { Check, LabFile } from '@lta/labs';

/**
 * Checks the curriculum builds from a lab's starting files, so that a step judges contents, not names: a file
 * touched empty into place, or a copy of the wrong file, does not pass.
 */

/** The text of a starting file given as a string or `{ content }`. */
export function contentOf(files: Record<string, LabFile>, path: string): string {
  const file = files[path];
  if (typeof file === 'string') return file;
  if (file && 'content' in file) return file.content;
  throw new Error(`the lab has no file ${path}`);
}

/** `to` holds what the starting file `from` held (it was moved or copied there whole). */
export function holdsContentOf(files: Record<string, LabFile>, from: string, to: string, message: string): Check {
  return { kind: 'file-equals', path: to, content: contentOf(files, from), message };
}

/** The starting file `path` is still there, unchanged: the step must not destroy the data it is about. */
export function unchanged(
  files: Record<string, LabFile>,
  path: string,
  message = `${path} is still there, unchanged`,
): Check {
  return holdsContentOf(files, path, path, message);
}
