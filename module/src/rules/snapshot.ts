import { decodeLabState, type ShellSnapshot, type VfsEntry } from '@lta/labs';
import { ok, refuse, type Outcome } from './outcome.js';
import { utf8Length } from './text.js';

/**
 * Largest saved lab state as stored: the text a client sends, UTF-8 encoded. States hold only the changes to the
 * lab's starting files, deflated when large (`labs/src/saved-state.ts`), so this bounds storage, not the files.
 */
export const SNAPSHOT_MAX_BYTES = 256 * 1024;

/**
 * Read a lab state sent by a client against the lab's starting files. Everything is checked (size, packing,
 * every field) before the check engine sees it, so a hostile payload gets a clear refusal instead of reaching code
 * that trusts the `ShellSnapshot` type.
 */
export function parseSnapshot(text: string, start: Record<string, VfsEntry>): Outcome<ShellSnapshot> {
  const bytes = utf8Length(text);
  if (bytes > SNAPSHOT_MAX_BYTES) {
    return refuse(
      `This lab state is ${Math.ceil(bytes / 1024)} KiB; the limit is ${SNAPSHOT_MAX_BYTES / 1024} KiB: remove large files and try again`,
    );
  }
  const reading = decodeLabState(text, start);
  return reading.ok ? ok(reading.snapshot) : refuse(reading.problem);
}
