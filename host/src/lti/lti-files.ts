/**
 * Where the LTI tool keeps what must survive a restart: `<dataDir>/lti/` (its key, the registered platforms, the
 * launches grades go back to, the audit of score deliveries). Without a data directory everything stays in memory.
 */
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostLog } from '../server/host-log.js';

export class LtiFiles {
  readonly #dir: string | undefined;
  readonly #memory = new Map<string, string>();

  constructor(dataDir: string | undefined) {
    this.#dir = dataDir === undefined ? undefined : join(dataDir, 'lti');
  }

  /** The file's text, or undefined when it was never written. */
  async read(name: string): Promise<string | undefined> {
    if (this.#dir === undefined) return this.#memory.get(name);
    try {
      return await readFile(join(this.#dir, name), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /**
   * The file's JSON value, or undefined when it was never written. Files are replaced whole, so a bad one was edited
   * by hand: the error names it.
   */
  async readJson<T>(name: string): Promise<T | undefined> {
    const text = await this.read(name);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      const where = this.#dir === undefined ? name : join(this.#dir, name);
      throw new Error(`${where} is not valid JSON (${(err as Error).message}): fix it, or restore it from a backup`);
    }
  }

  /**
   * The values of a file of JSON lines (`append`), oldest first. A crash or a full disk can cut the last line short:
   * lines that do not read are counted, not returned.
   */
  async readLines<T>(name: string): Promise<{ values: T[]; unreadable: number; cut: boolean }> {
    const text = (await this.read(name)) ?? '';
    const values: T[] = [];
    let unreadable = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        values.push(JSON.parse(line) as T);
      } catch {
        unreadable++;
      }
    }
    return { values, unreadable, cut: text !== '' && !text.endsWith('\n') };
  }

  /**
   * `readLines` when the file is opened for appending: lines that do not read are skipped with a warning, and a line
   * cut short is ended, so the next is not glued to it.
   */
  async openLines<T>(name: string, log: HostLog): Promise<{ values: T[]; unreadable: number }> {
    const { values, unreadable, cut } = await this.readLines<T>(name);
    if (unreadable > 0) log('warn', `LTI: ${unreadable} unreadable line(s) of ${name} skipped (a write cut short?)`);
    if (cut) await this.append(name, '');
    return { values, unreadable };
  }

  /** Replaces the file whole (written aside then renamed, so a crash leaves the old or the new text). */
  async write(name: string, text: string, mode = 0o644): Promise<void> {
    if (this.#dir === undefined) {
      this.#memory.set(name, text);
      return;
    }
    await mkdir(this.#dir, { recursive: true });
    const path = join(this.#dir, name);
    await writeFile(`${path}.new`, text, { mode });
    await rename(`${path}.new`, path);
  }

  /** Removes the file, if there is one. */
  async remove(name: string): Promise<void> {
    if (this.#dir === undefined) this.#memory.delete(name);
    else await rm(join(this.#dir, name), { force: true });
  }

  /** Adds one line at the end (an audit log). */
  async append(name: string, line: string): Promise<void> {
    if (this.#dir === undefined) {
      this.#memory.set(name, (this.#memory.get(name) ?? '') + line + '\n');
      return;
    }
    await mkdir(this.#dir, { recursive: true });
    await appendFile(join(this.#dir, name), line + '\n');
  }
}
