/**
 * Access tokens for LTI Advantage services: the OAuth 2 client-credentials grant with a signed JWT as the client's
 * credential (private_key_jwt, RFC 7523; LTI Security Framework §4.1). Tokens are reused until shortly before
 * they expire.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { PlatformRegistration } from './platform-registry.js';
import { whyFetchFailed, type Fetch } from './platform-urls.js';
import type { ToolKeys } from './tool-keys.js';

/** A service call the platform refused or that did not get through; `retryable` tells whether trying later may help. */
export class ServiceError extends Error {
  override name = 'ServiceError';
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    /** What was asked (`the platform's registration endpoint`), when a request to a service failed. */
    readonly service?: string,
  ) {
    super(message);
  }
}

/** Seconds before `expires_in` runs out when a cached token is no longer used. */
const EXPIRY_MARGIN_SECONDS = 30;
const REQUEST_TIMEOUT_MS = 15_000;

export class ServiceTokens {
  readonly #keys: ToolKeys;
  readonly #fetchFor: (platform: PlatformRegistration) => Fetch;
  readonly #cache = new Map<string, { token: string; until: number }>();

  /** `fetchFor` gives what reaches each platform's token endpoint (`PlatformRegistry.fetchFor`). */
  constructor(keys: ToolKeys, fetchFor: (platform: PlatformRegistration) => Fetch) {
    this.#keys = keys;
    this.#fetchFor = fetchFor;
  }

  /** A bearer token from the platform for `scopes`; throws ServiceError when the platform refuses. */
  async token(platform: PlatformRegistration, scopes: readonly string[]): Promise<string> {
    const key = `${platform.authTokenUrl}\n${platform.clientId}\n${[...scopes].sort().join(' ')}`;
    const cached = this.#cache.get(key);
    if (cached && cached.until > Date.now()) return cached.token;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: this.#keys.kid })
      .setIssuer(platform.clientId)
      .setSubject(platform.clientId)
      .setAudience(platform.authServer ?? platform.authTokenUrl)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(this.#keys.privateKey);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: scopes.join(' '),
    });
    const answer = await serviceFetch(
      platform.authTokenUrl,
      { method: 'POST', body, headers: { accept: 'application/json' } },
      'the token endpoint',
      this.#fetchFor(platform),
    );
    const json = (await answer.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (typeof json.access_token !== 'string')
      throw new ServiceError('The token endpoint answered without an access_token.', answer.status, false);
    const seconds = typeof json.expires_in === 'number' ? json.expires_in : 3600;
    this.#cache.set(key, {
      token: json.access_token,
      until: Date.now() + (seconds - EXPIRY_MARGIN_SECONDS) * 1000,
    });
    return json.access_token;
  }

  /** Forgets a token the platform no longer accepts (answered 401). */
  forget(platform: PlatformRegistration): void {
    for (const key of this.#cache.keys())
      if (key.startsWith(`${platform.authTokenUrl}\n${platform.clientId}\n`)) this.#cache.delete(key);
  }
}

/**
 * `fetcher` (the platform's: `PlatformRegistry.fetchFor`) with a timeout; network failures, timeouts, 429 and 5xx
 * are retryable ServiceErrors, other non-2xx answers are final ones. Resolves with the 2xx response.
 */
export async function serviceFetch(url: string, init: RequestInit, what: string, fetcher: Fetch): Promise<Response> {
  let answer: Response;
  try {
    answer = await fetcher(url, {
      ...init,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw new ServiceError(`${what} could not be reached: ${whyFetchFailed(err)}`, null, true, what);
  }
  if (answer.ok) return answer;
  const text = (await answer.text().catch(() => '')).slice(0, 300);
  throw new ServiceError(
    `${what} answered ${answer.status}${text ? `: ${text}` : ''}`,
    answer.status,
    answer.status === 429 || answer.status >= 500 || answer.status === 401,
    what,
  );
}
