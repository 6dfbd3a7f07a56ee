/** A module that cannot be built, evaluated or described. The message names the file and the cause. */
export class ModuleLoadError extends Error {
  /** The file at fault (the entry point when the cause is not tied to one file). */
  readonly file: string;

  constructor(file: string, cause: string, options?: { cause?: unknown }) {
    super(`${file}: ${cause}`, options);
    this.name = 'ModuleLoadError';
    this.file = file;
  }
}
