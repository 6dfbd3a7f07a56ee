import { Inflate, strFromU8, strToU8 } from 'fflate';
import { base64ToBytes, bytesToBase64 } from './base64.js';
import { fingerprint } from './fingerprint.js';
import { isRecord } from './json.js';
import { readShellSnapshot, type ShellSnapshot, type SnapshotReading } from './snapshot.js';
import { ownerOf, type VfsEntry } from './vfs-entry.js';

/**
 * A learner's saved lab state as it travels and is stored (the academy's `lab_session.snapshot`, this browser's
 * progress): only what differs from the lab's starting files, so a lab's own data files are never sent again, and
 * deflated when that is still large. Decoding rebuilds the whole `ShellSnapshot` the check engine reads, on the
 * server as in the terminal.
 *
 * Text forms, all read back:
 * - `{"version":2,...}`: a {@link PackedLabState} as JSON;
 * - `deflate:<base64>`: the same JSON, raw-deflated (RFC 1951), for states over {@link DEFLATE_ABOVE};
 * - `{"version":1,...}`: a whole `ShellSnapshot`, as terminals before this format saved it.
 */

/** The format `encodeLabState` writes. */
export const SAVED_STATE_VERSION = 2;

/** Packed states whose JSON is shorter than this stay plain JSON: readable in a dump, nothing to inflate. */
export const DEFLATE_ABOVE = 8 * 1024;

/** Most bytes a saved state may unpack to: bounds what a crafted deflate stream can make a reducer allocate. */
export const MAX_UNPACKED_BYTES = 4 * 1024 * 1024;

const DEFLATED = 'deflate:';
/** Deflated bytes inflated per step (smaller steps bound memory better but copy the window more often). */
const INFLATE_STEP = 8 * 1024;

/** Who owns a file kept as a reference to another's contents (absent: as `ownerOf` says). */
interface Owners {
  owner?: string;
  group?: string;
}

/** A file with the same contents as one of the starting files (a `cp` or `mv` of the lab's data). */
export interface CopiedFile extends Owners {
  type: 'file';
  mode: number;
  /** The starting file whose contents this file has. */
  copyOf: string;
}

/** A file with the same contents as another new or changed file of the same state (`cp big.log backup.log`). */
export interface DuplicateFile extends Owners {
  type: 'file';
  mode: number;
  /** The file of this state (written out in full) whose contents this file has. */
  sameAs: string;
}

/** A saved state: the session, and the filesystem as changes to the lab's starting files. */
export interface PackedLabState {
  version: 2;
  /** Fingerprint of the starting files the changes apply to (see {@link startingFilesFingerprint}). */
  base: string;
  cwd: string;
  home: string;
  env: Record<string, string>;
  history: string[];
  lastOutput: string;
  lastExitCode: number;
  commands?: ShellSnapshot['commands'];
  visited?: ShellSnapshot['visited'];
  scriptRuns?: ShellSnapshot['scriptRuns'];
  machine?: ShellSnapshot['machine'];
  /** Entries added or changed since the lab started. */
  files: Record<string, VfsEntry | CopiedFile | DuplicateFile>;
  /** Starting entries the learner removed. */
  removed: string[];
}

const fingerprints = new WeakMap<Record<string, VfsEntry>, string>();

/** Identifies a lab's starting files: a state packed against other files cannot be rebuilt faithfully. */
export function startingFilesFingerprint(start: Record<string, VfsEntry>): string {
  let known = fingerprints.get(start);
  if (known === undefined) {
    const paths = Object.keys(start).sort();
    known = fingerprint(JSON.stringify(paths.map((path) => [path, start[path]])));
    fingerprints.set(start, known);
  }
  return known;
}

type FileEntry = Extract<VfsEntry, { type: 'file' }>;

const sameContent = (a: FileEntry, b: FileEntry) =>
  a.content === b.content && (a.encoding ?? 'utf8') === (b.encoding ?? 'utf8');

/** The owner and group an entry names, to carry onto a reference to its contents. */
const ownersOf = (entry: VfsEntry): Owners => ({
  ...(entry.owner !== undefined ? { owner: entry.owner } : {}),
  ...(entry.group !== undefined ? { group: entry.group } : {}),
});

/** Whether `a` and `b` at `path` are the same entry, owned alike (an owner named or left to `ownerOf`'s default). */
function sameEntry(a: VfsEntry, b: VfsEntry, path: string, home: string): boolean {
  if (a.type !== b.type || a.mode !== b.mode) return false;
  // A `chown` alone (same contents and mode) is a change too: resumed, the file must still be the new owner's.
  const ownersA = ownerOf(a, path, home);
  const ownersB = ownerOf(b, path, home);
  if (ownersA.owner !== ownersB.owner || ownersA.group !== ownersB.group) return false;
  if (a.type === 'symlink') return a.target === (b as typeof a).target;
  if (a.type === 'file') return sameContent(a, b as FileEntry);
  return true;
}

/** Files worth keeping as references: shorter ones cost less written out than looked up. */
const REFERENCE_ABOVE = 64;

/** Files by their contents (the map's key), to find copies. */
type FilesByContent = Map<string, { path: string; file: FileEntry }>;

/** The path of a file in `known` with the same contents as `file`, if there is one. */
function copyIn(known: FilesByContent, file: FileEntry): string | undefined {
  const found = known.get(file.content);
  return found && sameContent(found.file, file) ? found.path : undefined;
}

/** The changes from `start` to `snapshot`, with copies of files (starting or new) kept as references. */
export function packLabState(snapshot: ShellSnapshot, start: Record<string, VfsEntry>): PackedLabState {
  const files: PackedLabState['files'] = {};
  let startFiles: FilesByContent | undefined;
  const newFiles: FilesByContent = new Map();
  for (const [path, entry] of Object.entries(snapshot.files)) {
    const before = start[path];
    if (before && sameEntry(before, entry, path, snapshot.home)) continue;
    if (entry.type === 'file' && entry.content.length > REFERENCE_ABOVE) {
      startFiles ??= new Map(
        Object.entries(start).flatMap(([from, file]) =>
          file.type === 'file' ? [[file.content, { path: from, file }] as const] : [],
        ),
      );
      const copyOf = copyIn(startFiles, entry);
      const sameAs = copyOf === undefined ? copyIn(newFiles, entry) : undefined;
      if (copyOf !== undefined) files[path] = { type: 'file', mode: entry.mode, ...ownersOf(entry), copyOf };
      else if (sameAs !== undefined) files[path] = { type: 'file', mode: entry.mode, ...ownersOf(entry), sameAs };
      else {
        if (!newFiles.has(entry.content)) newFiles.set(entry.content, { path, file: entry });
        files[path] = entry;
      }
      continue;
    }
    files[path] = entry;
  }
  return {
    version: 2,
    base: startingFilesFingerprint(start),
    cwd: snapshot.cwd,
    home: snapshot.home,
    env: snapshot.env,
    history: snapshot.history,
    lastOutput: snapshot.lastOutput,
    lastExitCode: snapshot.lastExitCode,
    ...(snapshot.commands ? { commands: snapshot.commands } : {}),
    ...(snapshot.visited ? { visited: snapshot.visited } : {}),
    ...(snapshot.scriptRuns ? { scriptRuns: snapshot.scriptRuns } : {}),
    ...(snapshot.machine ? { machine: snapshot.machine } : {}),
    files,
    removed: Object.keys(start).filter((path) => !(path in snapshot.files)),
  };
}

/**
 * Raw-deflates bytes (RFC 1951), or gives undefined when it cannot. Given by the caller: the terminal uses the
 * platform's native `CompressionStream`; the module only ever reads states, so `labs/` carries no compressor.
 */
export type DeflateRaw = (bytes: Uint8Array) => Promise<Uint8Array | undefined>;

/**
 * The text to save for `snapshot`: its changes from the lab's starting files, deflated with `deflateRaw` when
 * large (and when that makes it shorter).
 */
export async function encodeLabState(
  snapshot: ShellSnapshot,
  start: Record<string, VfsEntry>,
  deflateRaw?: DeflateRaw,
): Promise<string> {
  const json = JSON.stringify(packLabState(snapshot, start));
  if (json.length <= DEFLATE_ABOVE || !deflateRaw) return json;
  const deflated = await deflateRaw(strToU8(json));
  if (!deflated) return json;
  const text = DEFLATED + bytesToBase64(deflated);
  return text.length < json.length ? text : json;
}

/** The JSON inside a deflated state, or why it cannot be read. Input is fed in small pieces to cap memory. */
function inflateText(base64: string): { ok: true; json: string } | { ok: false; problem: string } {
  const bytes = base64ToBytes(base64);
  const damaged = {
    ok: false,
    problem: 'The lab state is damaged (it does not unpack): reload the lab and try again',
  } as const;
  if (!bytes) return damaged;
  const parts: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  const inflater = new Inflate((part) => {
    size += part.length;
    if (size > MAX_UNPACKED_BYTES) tooLarge = true;
    else parts.push(part);
  });
  try {
    // 8 KiB of deflate unpacks to at most about 8 MiB: the cap is checked before anything much larger exists.
    for (let at = 0; at < bytes.length && !tooLarge; at += INFLATE_STEP) {
      inflater.push(bytes.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= bytes.length);
    }
  } catch {
    return damaged;
  }
  if (tooLarge) {
    return {
      ok: false,
      problem: `This lab state unpacks to more than ${MAX_UNPACKED_BYTES / (1024 * 1024)} MiB: remove large files and try again`,
    };
  }
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return { ok: true, json: strFromU8(joined) };
}

/** The whole snapshot a version 2 state stands for, with every reference and removal checked. */
function unpack(value: Record<string, unknown>, start: Record<string, VfsEntry>): SnapshotReading {
  const malformed = (why: string): SnapshotReading => ({
    ok: false,
    problem: `The lab state is malformed (${why}): reload the lab and try again`,
  });
  if (value.base !== startingFilesFingerprint(start)) {
    return {
      ok: false,
      problem:
        'This lab has changed since your terminal loaded it: reload the page to continue (your work is kept in this browser)',
    };
  }
  if (!isRecord(value.files)) return malformed('files');
  if (!Array.isArray(value.removed) || !value.removed.every((path) => typeof path === 'string'))
    return malformed('removed');
  const files: Record<string, unknown> = { ...start };
  for (const path of value.removed as string[]) delete files[path];
  const packed = value.files;
  for (const [path, entry] of Object.entries(packed)) {
    // Checked before it becomes a key: `__proto__` must never reach an assignment.
    if (!path.startsWith('/')) return malformed(`path "${path.slice(0, 80)}" is not absolute`);
    if (!isRecord(entry) || (entry.copyOf === undefined && entry.sameAs === undefined)) {
      files[path] = entry;
      continue;
    }
    // A reference names a starting file, or a file of this state written out in full: never another reference.
    const copyOf = entry.copyOf;
    const sameAs = entry.sameAs;
    const source =
      typeof copyOf === 'string' && Object.hasOwn(start, copyOf)
        ? start[copyOf]
        : typeof sameAs === 'string' && Object.hasOwn(packed, sameAs)
          ? (packed[sameAs] as Partial<Record<'copyOf' | 'sameAs', unknown>> & VfsEntry)
          : undefined;
    if (
      source?.type !== 'file' ||
      ('copyOf' in source && source.copyOf !== undefined) ||
      ('sameAs' in source && source.sameAs !== undefined)
    ) {
      return malformed(`${path.slice(0, 80)}: copies no file`);
    }
    // The copy's own owner and group, never its source's (`sudo cp ~/a /etc/a` is root's; the source stays the learner's).
    const owners = {
      ...(entry.owner !== undefined ? { owner: entry.owner } : {}),
      ...(entry.group !== undefined ? { group: entry.group } : {}),
    };
    files[path] = {
      type: 'file',
      mode: entry.mode,
      ...owners,
      content: source.content,
      ...(source.encoding ? { encoding: source.encoding } : {}),
    };
  }
  const reading = readShellSnapshot({ ...value, version: 1, files });
  return reading.ok ? reading : malformed(reading.problem);
}

/**
 * Reads a saved state (any form above) back into the whole snapshot for the lab whose starting files are `start`.
 * Never throws: damaged, oversized, hostile or outdated input comes back as a problem worded for the learner.
 */
export function decodeLabState(text: string, start: Record<string, VfsEntry>): SnapshotReading {
  let json = text;
  if (text.startsWith(DEFLATED)) {
    const inflated = inflateText(text.slice(DEFLATED.length));
    if (!inflated.ok) return inflated;
    json = inflated.json;
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'The lab state is not valid JSON: reload the lab and try again' };
  }
  if (isRecord(value) && value.version === SAVED_STATE_VERSION) return unpack(value, start);
  const reading = readShellSnapshot(value);
  return reading.ok
    ? reading
    : { ok: false, problem: `The lab state is malformed (${reading.problem}): reload the lab and try again` };
}
