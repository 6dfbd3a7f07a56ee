import type { JournalEntry } from '@lta/labs';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One journal entry as journalctl prints it: `Dec 06 17:40:01 academy nginx[412]: ...`. */
export function journalLine(entry: JournalEntry, host: string): string {
  const date = new Date(entry.at);
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${MONTHS[date.getUTCMonth()]} ${day} ${date.toISOString().slice(11, 19)} ${host} ${entry.text}`;
}
