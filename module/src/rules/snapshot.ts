import type { ShellSnapshot, VfsEntry } from '../../../labs/src/index.js';
import { ok, refuse, type Outcome } from './outcome.js';
import { utf8Length } from './text.js';

/** Largest saved lab state: the snapshot as JSON, UTF-8 encoded. */
export const SNAPSHOT_MAX_BYTES = 256 * 1024;

type Shape = Record<string, unknown>;

function isRecord(value: unknown): value is Shape {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMode(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0o7777;
}

function entryProblem(path: string, entry: unknown): string | null {
  if (!path.startsWith('/')) return `path "${path.slice(0, 80)}" is not absolute`;
  if (!isRecord(entry) || !isMode(entry.mode)) return `${path.slice(0, 80)}: needs a type and a mode`;
  switch (entry.type) {
    case 'dir':
      return null;
    case 'symlink':
      return typeof entry.target === 'string' ? null : `${path.slice(0, 80)}: a symlink needs a target`;
    case 'file':
      if (typeof entry.content !== 'string') return `${path.slice(0, 80)}: a file needs content`;
      if (entry.encoding !== undefined && entry.encoding !== 'utf8' && entry.encoding !== 'base64') {
        return `${path.slice(0, 80)}: unknown encoding`;
      }
      return null;
    default:
      return `${path.slice(0, 80)}: unknown entry type`;
  }
}

/**
 * Parse a lab state sent by a client. Everything is checked before the check engine sees it, so a hostile
 * payload gets a clear refusal instead of reaching code that trusts the `ShellSnapshot` type.
 */
export function parseSnapshot(json: string): Outcome<ShellSnapshot> {
  const bytes = utf8Length(json);
  if (bytes > SNAPSHOT_MAX_BYTES) {
    return refuse(
      `This lab state is ${Math.ceil(bytes / 1024)} KiB; the limit is ${SNAPSHOT_MAX_BYTES / 1024} KiB: remove large files and try again`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refuse('The lab state is not valid JSON: reload the lab and try again');
  }
  const invalid = (why: string) => refuse(`The lab state is malformed (${why}): reload the lab and try again`);
  if (!isRecord(value)) return invalid('not an object');
  if (value.version !== 1) return invalid('unsupported version');
  if (typeof value.cwd !== 'string' || !value.cwd.startsWith('/')) return invalid('cwd');
  if (typeof value.home !== 'string' || !value.home.startsWith('/')) return invalid('home');
  if (!isRecord(value.env) || !Object.values(value.env).every(v => typeof v === 'string')) return invalid('env');
  if (!Array.isArray(value.history) || !value.history.every(h => typeof h === 'string')) return invalid('history');
  if (typeof value.lastOutput !== 'string') return invalid('lastOutput');
  if (typeof value.lastExitCode !== 'number' || !Number.isInteger(value.lastExitCode)) return invalid('lastExitCode');
  if (!isRecord(value.files)) return invalid('files');
  for (const [path, entry] of Object.entries(value.files)) {
    const problem = entryProblem(path, entry);
    if (problem) return invalid(problem);
  }
  const snapshot: ShellSnapshot = {
    version: 1,
    cwd: value.cwd,
    home: value.home,
    env: value.env as Record<string, string>,
    files: value.files as Record<string, VfsEntry>,
    history: value.history as string[],
    lastOutput: value.lastOutput,
    lastExitCode: value.lastExitCode,
  };
  return ok(snapshot);
}
