import { ConnectionId, Identity, Timestamp } from 'spacetimedb';

/**
 * The last rows each widget showed, kept in localStorage so a reload renders at once and an offline visit shows
 * the last known state. Rows hold SDK values (`Identity`, `Timestamp`, `bigint`) that JSON cannot carry, so they
 * are tagged on the way in and rebuilt on the way out.
 */
const PREFIX = 'lta:rows:';
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

/** The rows cached under `key` for this academy, or undefined. A corrupt entry is dropped. */
export function loadRows<Row>(scope: string, key: string): Row[] | undefined {
  try {
    const text = localStorage.getItem(PREFIX + scope + '::' + key);
    if (text === null) return undefined;
    const rows: unknown = JSON.parse(text, untag);
    return Array.isArray(rows) ? (rows as Row[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the rows under `key`; silently skips rows too large to keep. */
export function saveRows(scope: string, key: string, rows: readonly unknown[]): void {
  try {
    const text = JSON.stringify(rows, tag);
    if (text.length > MAX_CHARS) return;
    localStorage.setItem(PREFIX + scope + '::' + key, text);
  } catch {
    // Storage full or blocked: the widget still works, it only loses its instant start.
  }
}
