/** The file an editor opened, and how it writes: the editor's only way to the learner's filesystem. */
export interface EditorFile {
  /** The name as typed on the command line (shown in the title bar and messages); empty for a new nameless buffer. */
  name: string;
  /** What the file held when opened ('' for a new file). */
  text: string;
  /** True when no file of that name existed. */
  isNew: boolean;
  /** False when the learner may not write it (nano warns on opening; vim marks it `[readonly]`). */
  writable: boolean;
  /** Why it could not be read, when it could not (`Permission denied`, `Is a directory`): the buffer starts empty. */
  unreadable?: string;
  /**
   * Writes `text` to the file named `name` (relative to the shell's directory), as the learner, permissions enforced;
   * `edited` tells whether the learner changed the text in this session. Resolves to null, or the reason it failed.
   */
  write(name: string, text: string, edited: boolean): Promise<string | null>;
}
