import { parseMode } from './modes.js';
import { isLabPath } from './paths.js';
import { compileSafeRegex } from './regex.js';
import { MAX_RUN_TEXT } from './script-runs.js';

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** User and group names as `useradd` accepts them by default on Debian. */
export const ACCOUNT_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

/** A plain JSON object, as the validator walks it. */
export type Json = Record<string, unknown>;

/** Collects problems while walking a document, each prefixed with its JSON path: the lab validator's and each machine part's. */
export class Problems {
  readonly list: string[] = [];

  add(at: string, problem: string): void {
    this.list.push(`${at}: ${problem}`);
  }

  object(value: unknown, at: string): value is Json {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    this.add(at, 'must be an object');
    return false;
  }

  array(value: unknown, at: string, min: number, max: number): value is unknown[] {
    if (!Array.isArray(value)) return (this.add(at, 'must be an array'), false);
    if (value.length < min) return (this.add(at, `must have at least ${min} item${min === 1 ? '' : 's'}`), false);
    if (value.length > max) return (this.add(at, `must have at most ${max} items`), false);
    return true;
  }

  text(value: unknown, at: string, max: number, allowEmpty = false): value is string {
    if (typeof value !== 'string') return (this.add(at, 'must be a string'), false);
    if (!allowEmpty && value.trim() === '') return (this.add(at, 'must not be empty'), false);
    if (value.length > max) return (this.add(at, `must be at most ${max} characters`), false);
    return true;
  }

  id(value: unknown, at: string): void {
    if (this.text(value, at, 64) && (!ID.test(value) || value.length < 3)) {
      this.add(at, 'must be 3-64 lowercase letters, digits and single dashes, e.g. "nav-first-steps"');
    }
  }

  path(value: unknown, at: string): void {
    if (this.text(value, at, 1000) && !isLabPath(value)) this.add(at, 'must be absolute or start with ~/');
  }

  /** A user or group name as Linux allows it (`useradd`'s rule): lower case, digits, `_` and `-`, at most 32. */
  accountName(value: unknown, at: string): void {
    if (this.text(value, at, 32) && !ACCOUNT_NAME.test(value))
      this.add(at, 'must be a user or group name such as "alice" or "web-team"');
  }

  mode(value: unknown, at: string): void {
    if (this.text(value, at, 10) && parseMode(value) === undefined)
      this.add(at, 'must be an octal mode such as "644", "0755" or "2775"');
  }

  pattern(pattern: unknown, flags: unknown, at: string, flagsAt: string): void {
    if (flags !== undefined && !this.text(flags, flagsAt, 3, true)) return;
    if (!this.text(pattern, at, 1000)) return;
    const compiled = compileSafeRegex(pattern, (flags as string | undefined) ?? '');
    if (!compiled.ok) this.add(compiled.problem.startsWith('flag') ? flagsAt : at, compiled.problem);
  }

  /** `value` must be one of `options` (when `optional`, it may also be absent). */
  oneOf(value: unknown, at: string, options: readonly string[], optional = false): void {
    if ((optional && value === undefined) || options.includes(value as string)) return;
    const quoted = options.map((o) => `"${o}"`);
    this.add(at, `must be ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`);
  }

  /** An exit status: an integer from 0 to 255. */
  exitStatus(value: unknown, at: string): void {
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 255)
      this.add(at, 'must be an integer from 0 to 255');
  }

  /** Path: text pairs (with `nullable`, a null text too), at most `max` of them. */
  fileTexts(value: unknown, at: string, max: number, nullable: boolean): void {
    if (!this.object(value, at)) return;
    const entries = Object.entries(value);
    if (entries.length > max) this.add(at, `must have at most ${max} files`);
    for (const [path, text] of entries) {
      this.path(path, `${at} key`);
      if (!(nullable && text === null)) this.text(text, `${at}["${path.slice(0, 80)}"]`, MAX_RUN_TEXT, true);
    }
  }

  /** A lab's starting files (`LabFile` by lab path), at most `maxEntries` of them holding `maxContent` characters in all. */
  labFiles(files: unknown, at: string, maxEntries: number, maxContent: number): void {
    if (!this.object(files, at)) return;
    const entries = Object.entries(files);
    if (entries.length > maxEntries) this.add(at, `must have at most ${maxEntries} entries`);
    let total = 0;
    for (const [path, file] of entries) {
      const here = `${at}["${path}"]`;
      if (!isLabPath(path) || path === '/')
        this.add(here, 'path must be absolute or start with ~/ (and not be / itself)');
      if (typeof file === 'string') {
        total += file.length;
        continue;
      }
      if (!this.object(file, here)) continue;
      if (file.owner !== undefined) this.accountName(file.owner, `${here}.owner`);
      if (file.group !== undefined) this.accountName(file.group, `${here}.group`);
      if (file.type === 'dir') {
        this.known(file, here, ['type', 'mode', 'owner', 'group']);
        if (file.mode !== undefined) this.mode(file.mode, `${here}.mode`);
      } else if (file.type === 'symlink') {
        this.known(file, here, ['type', 'target', 'owner', 'group']);
        this.text(file.target, `${here}.target`, 1000);
      } else if (file.type === undefined || file.type === 'file') {
        this.known(file, here, ['type', 'content', 'mode', 'owner', 'group']);
        if (this.text(file.content, `${here}.content`, maxContent, true)) total += file.content.length;
        if (file.mode !== undefined) this.mode(file.mode, `${here}.mode`);
      } else {
        this.oneOf(file.type, `${here}.type`, ['file', 'dir', 'symlink']);
      }
    }
    if (total > maxContent) this.add(at, `contents total ${total} characters; the limit is ${maxContent}`);
  }

  optionalBoolean(value: unknown, at: string): void {
    if (value !== undefined && typeof value !== 'boolean') this.add(at, 'must be true or false');
  }

  known(value: Json, at: string, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.add(`${at}${at ? '.' : ''}${key}`, `unknown field (expected one of: ${allowed.join(', ')})`);
    }
  }
}
