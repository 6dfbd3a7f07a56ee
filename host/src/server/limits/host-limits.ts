/**
 * Every limit that keeps one client (or one address) from taking the host from the others, with its default.
 * `host/README.md` ("Limits") tables them beside SpacetimeDB's equivalents.
 */
import { DEFAULT_SQL_LIMITS, type SqlLimits } from '../../sql/limits.js';

const MiB = 1024 * 1024;

/** With the SQL limits (`maxQueryBytes`, `maxNestingDepth`), so one `--limit` or `LTA_*` variable sets any of them. */
export interface HostLimits extends SqlLimits {
  /** Queries one Subscribe may name (after `SELECT * FROM *` is expanded); more is refused with a SubscriptionError. */
  maxQueriesPerSubscription: number;
  /** Bytes of rows one subscription's or one-off query's answer may hold; counted while it is built, refused beyond. */
  maxAnswerBytes: number;
  /**
   * Bytes waiting to be written to one client; a message for a client already past it drops the client. Twice the
   * answer limit, so a client receiving the biggest answer allowed still gets the updates that follow it.
   */
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
   * LTI dynamic registrations (`/lti/register`: anyone may try, and each one with the key fetches from the LMS it
   * names and may add a platform) one address may attempt per hour, once its burst is spent.
   */
  ltiRegistrationsPerHour: number;
  /** LTI dynamic registrations one address may attempt at once. */
  ltiRegistrationBurst: number;
  /** Milliseconds a module's HTTP handler may run; past them its code is stopped and the request answered 500. */
  httpHandlerTimeoutMs: number;
  /**
   * Addresses the per-address limits do not apply to. Default: loopback, so tests, benchmarks and a page served
   * from the same machine are not throttled.
   */
  unlimitedAddresses: readonly string[];
  /**
   * Reverse proxies whose `X-Forwarded-For` names the client: a request from one is limited by the address the
   * header gives (the last one that is not itself a trusted proxy). Default: loopback, the usual same-machine proxy.
   */
  trustedProxies: readonly string[];
}

type ListLimit = 'unlimitedAddresses' | 'trustedProxies';
type NumberLimit = Exclude<keyof HostLimits, ListLimit>;
const LOOPBACK = Object.freeze(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export const DEFAULT_HOST_LIMITS: Readonly<HostLimits> = Object.freeze({
  ...DEFAULT_SQL_LIMITS,
  maxQueriesPerSubscription: 256,
  maxAnswerBytes: 16 * MiB,
  maxOutgoingBytes: 32 * MiB,
  maxTotalOutgoingBytes: 256 * MiB,
  maxQueuedMessages: 256,
  identitiesPerMinute: 10,
  identityBurst: 20,
  connectionsPerMinute: 60,
  connectionBurst: 60,
  maxConnectionsPerAddress: 200,
  ltiRegistrationsPerHour: 10,
  ltiRegistrationBurst: 5,
  httpHandlerTimeoutMs: 10_000,
  unlimitedAddresses: LOOPBACK,
  trustedProxies: LOOPBACK,
});

/** The environment variable that sets each numeric limit (e.g. `LTA_MAX_ANSWER_BYTES=1048576`). */
export const LIMIT_ENV_VARIABLES: Readonly<Record<NumberLimit, string>> = {
  maxQueryBytes: 'LTA_MAX_QUERY_BYTES',
  maxNestingDepth: 'LTA_MAX_NESTING_DEPTH',
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
  ltiRegistrationsPerHour: 'LTA_LTI_REGISTRATIONS_PER_HOUR',
  ltiRegistrationBurst: 'LTA_LTI_REGISTRATION_BURST',
  httpHandlerTimeoutMs: 'LTA_HTTP_HANDLER_TIMEOUT_MS',
};
/** The environment variables of the address lists (comma-separated; empty: none). */
export const LIST_ENV_VARIABLES: Readonly<Record<ListLimit, string>> = {
  unlimitedAddresses: 'LTA_UNLIMITED_ADDRESSES',
  trustedProxies: 'LTA_TRUSTED_PROXIES',
};

export class LimitConfigError extends Error {
  override name = 'LimitConfigError';
}

/** The defaults with the given limits in place; throws LimitConfigError for a limit that is not a positive number. */
export function resolveLimits(given: Partial<HostLimits> = {}): HostLimits {
  const limits = { ...DEFAULT_HOST_LIMITS, ...given };
  for (const name of Object.keys(LIMIT_ENV_VARIABLES) as NumberLimit[]) {
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
  for (const [name, variable] of Object.entries(LIST_ENV_VARIABLES)) {
    const text = env[variable];
    if (text !== undefined) limits[name as ListLimit] = addressList(text);
  }
  return limits as Partial<HostLimits>;
}

/** Limits given as `name=value` (the CLI's `--limit maxAnswerBytes=1048576`); throws LimitConfigError for a bad one. */
export function parseLimitAssignments(entries: readonly string[]): Partial<HostLimits> {
  const limits: Partial<Record<keyof HostLimits, unknown>> = {};
  for (const entry of entries) {
    const [name = '', text = ''] = entry.split('=', 2);
    if (name in LIST_ENV_VARIABLES) {
      limits[name as ListLimit] = addressList(text);
      continue;
    }
    if (!(name in LIMIT_ENV_VARIABLES)) {
      throw new LimitConfigError(
        `unknown limit "${name}"; known: ${[...Object.keys(LIMIT_ENV_VARIABLES), ...Object.keys(LIST_ENV_VARIABLES)].join(', ')}`,
      );
    }
    const value = Number(text);
    if (!(value > 0)) throw new LimitConfigError(`--limit ${name} must be a positive number, got "${text}"`);
    limits[name as keyof HostLimits] = value;
  }
  return limits as Partial<HostLimits>;
}

function addressList(text: string): string[] {
  return text
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}
