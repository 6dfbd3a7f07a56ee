/**
 * Every limit that keeps one client (or one address) from taking the host from the others, with its default.
 * `host/README.md` ("Limits") tables them beside SpacetimeDB's equivalents.
 */

const MiB = 1024 * 1024;

export interface HostLimits {
  /** Queries one Subscribe may name (after `SELECT * FROM *` is expanded); more is refused with a SubscriptionError. */
  maxQueriesPerSubscription: number;
  /** Bytes of rows one subscription's or one-off query's answer may hold; counted while it is built, refused beyond. */
  maxAnswerBytes: number;
  /** Bytes waiting to be written to one client (its socket's buffer); a client past it is dropped. */
  maxOutgoingBytes: number;
  /** Bytes waiting to be written to all clients together; past it the clients with the most waiting are dropped. */
  maxTotalOutgoingBytes: number;
  /** A client's messages waiting to be handled; at this many the host stops reading its socket until half are done. */
  maxQueuedMessages: number;
  /** New identities (`POST /v1/identity`) one address may create per minute, once its burst is spent. */
  identitiesPerMinute: number;
  /** New identities one address may create at once. */
  identityBurst: number;
  /** New WebSocket connections one address may open per minute, once its burst is spent. */
  connectionsPerMinute: number;
  /** New WebSocket connections one address may open at once. */
  connectionBurst: number;
  /** WebSocket connections one address may hold open. */
  maxConnectionsPerAddress: number;
  /**
   * Addresses the per-address limits do not apply to. Default: loopback, so tests, benchmarks and a page served
   * from the same machine are not throttled; behind a reverse proxy on the same machine, set it to `[]`.
   */
  unlimitedAddresses: readonly string[];
}

export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = Object.freeze({
  maxQueriesPerSubscription: 256,
  maxAnswerBytes: 16 * MiB,
  maxOutgoingBytes: 16 * MiB,
  maxTotalOutgoingBytes: 256 * MiB,
  maxQueuedMessages: 256,
  identitiesPerMinute: 10,
  identityBurst: 20,
  connectionsPerMinute: 60,
  connectionBurst: 60,
  maxConnectionsPerAddress: 200,
  unlimitedAddresses: Object.freeze(['127.0.0.1', '::1', '::ffff:127.0.0.1']),
});

/** The environment variable that sets each numeric limit (e.g. `LTA_MAX_ANSWER_BYTES=1048576`). */
export const LIMIT_ENV_VARIABLES: Readonly<Record<Exclude<keyof HostLimits, 'unlimitedAddresses'>, string>> = {
  maxQueriesPerSubscription: 'LTA_MAX_QUERIES_PER_SUBSCRIPTION',
  maxAnswerBytes: 'LTA_MAX_ANSWER_BYTES',
  maxOutgoingBytes: 'LTA_MAX_OUTGOING_BYTES',
  maxTotalOutgoingBytes: 'LTA_MAX_TOTAL_OUTGOING_BYTES',
  maxQueuedMessages: 'LTA_MAX_QUEUED_MESSAGES',
  identitiesPerMinute: 'LTA_IDENTITIES_PER_MINUTE',
  identityBurst: 'LTA_IDENTITY_BURST',
  connectionsPerMinute: 'LTA_CONNECTIONS_PER_MINUTE',
  connectionBurst: 'LTA_CONNECTION_BURST',
  maxConnectionsPerAddress: 'LTA_MAX_CONNECTIONS_PER_ADDRESS',
};
/** Comma-separated addresses the per-address limits skip; empty limits every address. */
export const UNLIMITED_ADDRESSES_ENV = 'LTA_UNLIMITED_ADDRESSES';

export class LimitConfigError extends Error {
  override name = 'LimitConfigError';
}

/** The defaults with the given limits in place; throws LimitConfigError for a limit that is not a positive number. */
export function resolveLimits(given: Partial<HostLimits> = {}): HostLimits {
  const limits = { ...DEFAULT_HOST_LIMITS, ...given };
  for (const name of Object.keys(LIMIT_ENV_VARIABLES) as (keyof typeof LIMIT_ENV_VARIABLES)[]) {
    const value = limits[name];
    if (!(value > 0)) throw new LimitConfigError(`limit ${name} must be a positive number, got ${String(value)}`);
  }
  return limits;
}

/** The limits set in the environment (see LIMIT_ENV_VARIABLES); throws LimitConfigError for a value that is not a number. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<HostLimits> {
  const limits: Partial<Record<keyof HostLimits, unknown>> = {};
  for (const [name, variable] of Object.entries(LIMIT_ENV_VARIABLES)) {
    const text = env[variable];
    if (text === undefined || text.trim() === '') continue;
    const value = Number(text);
    if (!(value > 0)) throw new LimitConfigError(`${variable} must be a positive number, got "${text}"`);
    limits[name as keyof HostLimits] = value;
  }
  const unlimited = env[UNLIMITED_ADDRESSES_ENV];
  if (unlimited !== undefined) limits.unlimitedAddresses = unlimited.split(',').map((a) => a.trim()).filter(Boolean);
  return limits as Partial<HostLimits>;
}

/** Limits given as `name=value` (the CLI's `--limit maxAnswerBytes=1048576`); throws LimitConfigError for a bad one. */
export function parseLimitAssignments(entries: readonly string[]): Partial<HostLimits> {
  const limits: Partial<Record<keyof HostLimits, unknown>> = {};
  for (const entry of entries) {
    const [name = '', text = ''] = entry.split('=', 2);
    if (name === 'unlimitedAddresses') {
      limits.unlimitedAddresses = text.split(',').map((a) => a.trim()).filter(Boolean);
      continue;
    }
    if (!(name in LIMIT_ENV_VARIABLES)) {
      throw new LimitConfigError(`unknown limit "${name}"; known: ${[...Object.keys(LIMIT_ENV_VARIABLES), 'unlimitedAddresses'].join(', ')}`);
    }
    const value = Number(text);
    if (!(value > 0)) throw new LimitConfigError(`--limit ${name} must be a positive number, got "${text}"`);
    limits[name as keyof HostLimits] = value;
  }
  return limits as Partial<HostLimits>;
}
