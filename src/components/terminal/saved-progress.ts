import type { ShellSnapshot } from '@lta/labs';
import { TERMINAL_PREFIX } from '../../connection/learner-storage.js';

/** What the terminal keeps between visits for one lab: the learner's shell and the hints they opened. */
export interface SavedProgress {
  version: 1;
  snapshot: ShellSnapshot;
  hintsShown: number[];
  /** When it was saved (ms since 1970): the academy's copy wins when newer (work from another device). */
  savedAt?: number;
}

/** Most characters one lab may keep in localStorage (a 1 MB filesystem fits), so it cannot crowd out the rest of the site. */
export const MAX_SAVED_CHARS = 2_000_000;
// Wiped with the rest of a learner's data when another learner takes over the device (learner-storage.ts).
const PREFIX = `${TERMINAL_PREFIX}v1:`;

/** Where a lab's progress lives: the lab's id, or `free` for a terminal without a lab. */
const keyFor = (labId: string) => PREFIX + (labId || 'free');

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked (sandboxed iframe, privacy settings)
  }
}

function isProgress(value: unknown): value is SavedProgress {
  const saved = value as Partial<SavedProgress> | null;
  const snapshot = saved?.snapshot as Partial<ShellSnapshot> | undefined;
  return (
    saved?.version === 1 &&
    Array.isArray(saved.hintsShown) &&
    snapshot?.version === 1 &&
    typeof snapshot.cwd === 'string' &&
    typeof snapshot.files === 'object' &&
    snapshot.files !== null &&
    Array.isArray(snapshot.history)
  );
}

/** The progress saved for a lab on this device, or undefined when there is none or it is unreadable. */
export function loadProgress(labId: string): SavedProgress | undefined {
  try {
    const text = storage()?.getItem(keyFor(labId));
    const value: unknown = text ? JSON.parse(text) : undefined;
    return isProgress(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Saves a lab's progress; says why not when it is too large or storage refuses it. */
export function saveProgress(labId: string, progress: SavedProgress): 'saved' | 'too-large' | 'unavailable' {
  const text = JSON.stringify(progress);
  if (text.length > MAX_SAVED_CHARS) return 'too-large';
  try {
    const store = storage();
    if (!store) return 'unavailable';
    store.setItem(keyFor(labId), text);
    return 'saved';
  } catch {
    return 'unavailable'; // quota exceeded
  }
}

/** Forgets a lab's progress on this device (reset lab). */
export function clearProgress(labId: string): void {
  try {
    storage()?.removeItem(keyFor(labId));
  } catch {
    // nothing saved is reachable: nothing to clear
  }
}
