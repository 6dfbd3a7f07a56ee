/**
 * The LMS platforms this tool trusts: each registration's issuer, the client id the platform gave the tool, its
 * endpoints and the deployments launches may come from. Registrations come from the host's options (manual
 * registration) and from dynamic registration (kept in `<dataDir>/lti/platforms.json`).
 */
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { LtiFiles } from './lti-files.js';
import { whyFetchFailed, type Fetch } from './platform-urls.js';

/** One platform registration, with the values an LMS admin reads off the LMS (docs/lti.md). */
export interface PlatformRegistration {
  /** The platform's `iss`, e.g. `https://canvas.instructure.com`. */
  issuer: string;
  /** The client id the platform assigned to this tool. */
  clientId: string;
  /** The platform's OIDC authorization endpoint (where login initiation redirects). */
  authLoginUrl: string;
  /** The platform's OAuth 2 token endpoint (for AGS and NRPS tokens). */
  authTokenUrl: string;
  /**
   * The `aud` of the tool's token requests when it is not the token endpoint (Dynamic Registration §3.4
   * `authorization_server`; D2L Brightspace: `https://api.brightspace.com/auth/token`).
   */
  authServer?: string;
  /** The platform's public key set (id_tokens are verified against it). */
  jwksUrl: string;
  /** Deployment ids launches may carry; empty accepts any deployment of this client. */
  deploymentIds: string[];
}

/** The platform's public keys could not be fetched (unreachable, or at an address the academy may not reach). */
export class KeysUnreachableError extends Error {
  override name = 'KeysUnreachableError';
}

/** A launch or login that names a platform the tool does not know, or cannot tell apart. */
export class UnknownPlatformError extends Error {
  override name = 'UnknownPlatformError';
}

const FILE = 'platforms.json';
const MAX_REGISTRATIONS = 1000;

export class PlatformRegistry {
  readonly #files: LtiFiles;
  readonly #configured: PlatformRegistration[];
  readonly #registeredFetch: Fetch;
  #registered: PlatformRegistration[] = [];
  readonly #keySets = new Map<string, JWTVerifyGetKey>();

  private constructor(files: LtiFiles, configured: PlatformRegistration[], registeredFetch: Fetch) {
    this.#files = files;
    this.#configured = configured;
    this.#registeredFetch = registeredFetch;
  }

  /** `registeredFetch` reaches platforms that registered themselves (`PlatformUrls.fetch`). */
  static async open(
    files: LtiFiles,
    configured: readonly PlatformRegistration[],
    registeredFetch: Fetch,
  ): Promise<PlatformRegistry> {
    const registry = new PlatformRegistry(files, [...configured], registeredFetch);
    registry.#registered = (await files.readJson<PlatformRegistration[]>(FILE)) ?? [];
    return registry;
  }

  /** Every registration, configured ones first. */
  all(): PlatformRegistration[] {
    return [...this.#configured, ...this.#registered];
  }

  /**
   * The registration for `issuer` (and `clientId` when the platform sent one). Throws UnknownPlatformError when
   * none matches, or when several do and the platform sent no client id to choose.
   */
  find(issuer: string, clientId?: string): PlatformRegistration {
    const matches = this.all().filter(
      (p) => p.issuer === issuer && (clientId === undefined || p.clientId === clientId),
    );
    if (matches.length === 0) {
      throw new UnknownPlatformError(
        clientId === undefined
          ? `The platform ${JSON.stringify(issuer)} is not registered with this tool.`
          : `The platform ${JSON.stringify(issuer)} has no registration with client id ${JSON.stringify(clientId)}.`,
      );
    }
    if (matches.length > 1) {
      throw new UnknownPlatformError(
        `The platform ${JSON.stringify(issuer)} has several registrations: it must send client_id.`,
      );
    }
    return matches[0]!;
  }

  /** Whether the operator registered this platform (host options), rather than whoever opened `/lti/register`. */
  isConfigured(platform: PlatformRegistration): boolean {
    return this.#configured.includes(platform);
  }

  /**
   * What the host reaches this platform with (its keys, tokens, line items, rosters): the operator's platforms with
   * plain `fetch`, the others only at public addresses when the academy is public (`PlatformUrls`).
   */
  fetchFor(platform: PlatformRegistration): Fetch {
    return this.isConfigured(platform) ? fetch : this.#registeredFetch;
  }

  /** Adds (or replaces, same issuer and client id) a registration made through dynamic registration. */
  async register(registration: PlatformRegistration): Promise<void> {
    const others = this.#registered.filter(
      (p) => !(p.issuer === registration.issuer && p.clientId === registration.clientId),
    );
    if (others.length >= MAX_REGISTRATIONS)
      throw new UnknownPlatformError(`This tool already holds ${MAX_REGISTRATIONS} registrations.`);
    this.#registered = [...others, registration];
    await this.#files.write(FILE, JSON.stringify(this.#registered, null, 2));
  }

  /** The platform's key set, fetched and cached by jose (refetched when a token names an unknown `kid`). */
  keySet(platform: PlatformRegistration): JWTVerifyGetKey {
    // Keyed by how it is fetched too: an operator's platform and a registered one may name the same URL.
    const key = `${this.isConfigured(platform)} ${platform.jwksUrl}`;
    let keys = this.#keySets.get(key);
    if (!keys) {
      const fetcher = this.fetchFor(platform);
      keys = createRemoteJWKSet(new URL(platform.jwksUrl), {
        [customFetch]: (url, init) =>
          fetcher(url, init).catch((err: unknown) => {
            throw new KeysUnreachableError(whyFetchFailed(err));
          }),
      });
      this.#keySets.set(key, keys);
    }
    return keys;
  }
}
