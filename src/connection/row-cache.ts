import { ConnectionId, Identity, Timestamp } from 'spacetimedb';
import type { TableName } from './academy-schema.js';

/**
 * The last rows each widget showed, kept in localStorage so a reload renders at once and an offline visit shows
 * the last known state. Only tables every learner may read are kept: a learner's own views (direct messages,
 * settings, lab sessions) never reach storage, so a shared computer keeps nothing private in plain text.
 * Rows hold SDK values (`Identity`, `Timestamp`, `bigint`) that JSON cannot carry, so they are tagged on the way
 * in and rebuilt on the way out.
 */
export const ROWS_PREFIX = 'lta:cache:';
/** Where earlier versions kept rows, direct messages included: wiped on sight (`forgetOldRows`). */
export const OLD_ROWS_PREFIX = 'lta:rows:';
/**
 * The module's public tables. A list of what may be kept rather than of what may not: a table or view added
 * later stays out of storage until someone decides it is public.
 */
const SHARED_TABLES = new Set<TableName>([
  'learner',
  'presence',
  'channelMessage',
  'chatPage',
  'xpCount',
  'weeklyScore',
  'achievement',
  'achievementAward',
  'lab',
  'courseModule',
]);
/** Past this many characters a widget's rows are not cached: localStorage is small and shared by the page. */
const MAX_CHARS = 200_000;

type Tagged = { $bigint: string } | { $identity: string } | { $connection: string } | { $timestamp: string };

function tag(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() } satisfies Tagged;
  if (value instanceof Identity) return { $identity: value.toHexString() } satisfies Tagged;
  if (value instanceof ConnectionId) return { $connection: value.toHexString() } satisfies Tagged;
  if (value instanceof Timestamp) return { $timestamp: value.microsSinceUnixEpoch.toString() } satisfies Tagged;
  return value;
}

function untag(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const tagged = value as Record<string, unknown>;
    if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
    if (typeof tagged.$identity === 'string') return Identity.fromString(tagged.$identity);
    if (typeof tagged.$connection === 'string') return ConnectionId.fromString(tagged.$connection);
    if (typeof tagged.$timestamp === 'string') return new Timestamp(BigInt(tagged.$timestamp));
  }
  return value;
}

/** Whether rows of `table` may be kept on this device (every learner may read them). */
export function isShared(table: TableName): boolean {
  return SHARED_TABLES.has(table);
}

/** The rows of `table` cached under `key` for this academy, or undefined. A corrupt entry is dropped. */
export function loadRows<Row>(scope: string, table: TableName, key: string): Row[] | undefined {
  if (!isShared(table)) return undefined;
  try {
    const text = localStorage.getItem(ROWS_PREFIX + scope + '::' + key);
    if (text === null) return undefined;
    const rows: unknown = JSON.parse(text, untag);
    return Array.isArray(rows) ? (rows as Row[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the rows of `table` under `key`; silently skips private tables and rows too large to keep. */
export function saveRows(scope: string, table: TableName, key: string, rows: readonly unknown[]): void {
  if (!isShared(table)) return;
  try {
    const text = JSON.stringify(rows, tag);
    if (text.length > MAX_CHARS) return;
    localStorage.setItem(ROWS_PREFIX + scope + '::' + key, text);
  } catch {
    // Storage full or blocked: the widget still works, it only loses its instant start.
  }
}
