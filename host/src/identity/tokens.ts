/**
 * Issuing and checking identity tokens the way SpacetimeDB does: anonymous identities get an ES256 token signed by
 * the host (`iss` "localhost", random `sub`); any token the host signed is accepted whatever its issuer; a token
 * from another issuer (an LMS signing in its own users) is accepted only when that issuer's public key is
 * configured. The identity always comes from `iss` and `sub`.
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt, importJWK, importSPKI, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { identityFromClaims, identityToHex } from './identity.js';
import type { SigningKeys } from './keys.js';

/** The issuer of the host's own tokens, as on a local SpacetimeDB. */
export const LOCAL_ISSUER = 'localhost';
const ACCEPTED_ALGORITHMS = ['ES256', 'RS256'];
const WEBSOCKET_TOKEN_SECONDS = 60;

/** Another issuer whose tokens the host accepts: its `iss` and its public key (PEM SPKI or JWK). */
export interface TrustedIssuer {
  issuer: string;
  publicKey: string | JWK;
  /** Needed for a PEM key: 'ES256' (default) or 'RS256'. */
  algorithm?: 'ES256' | 'RS256';
}

/** What a verified token says about who is calling. */
export interface VerifiedCaller {
  identity: bigint;
  token: string;
  claims: JWTPayload & { iss: string; sub: string };
}

/** A token the host refuses; the HTTP layer answers 401 with its message. */
export class TokenRejectedError extends Error {
  override name = 'TokenRejectedError';
}

export class TokenService {
  readonly #keys: SigningKeys;
  readonly #trusted = new Map<string, Promise<CryptoKey | Uint8Array>>();

  constructor(keys: SigningKeys, trustedIssuers: readonly TrustedIssuer[] = []) {
    this.#keys = keys;
    for (const t of trustedIssuers) {
      const key =
        typeof t.publicKey === 'string'
          ? importSPKI(t.publicKey, t.algorithm ?? 'ES256')
          : importJWK(t.publicKey, t.algorithm ?? t.publicKey.alg ?? 'ES256');
      key.catch(() => undefined); // reported when a token from this issuer arrives
      this.#trusted.set(t.issuer, key);
    }
  }

  /** The host's public key as PEM (`GET /v1/identity/public-key`). */
  get publicKeyPem(): string {
    return this.#keys.publicKeyPem;
  }

  /** Mints a new anonymous identity and its long-lived token (`POST /v1/identity`). */
  async createIdentity(): Promise<{ identity: bigint; token: string }> {
    const sub = randomUUID();
    const identity = identityFromClaims(LOCAL_ISSUER, sub);
    const token = await this.#sign({ iss: LOCAL_ISSUER, sub, aud: ['spacetimedb'] }, identity);
    return { identity, token };
  }

  /** Re-signs a verified caller's claims with the host's key and a 60 s expiry (`POST /v1/identity/websocket-token`). */
  async websocketToken(caller: VerifiedCaller): Promise<string> {
    const { iat: _iat, exp: _exp, nbf: _nbf, hex_identity: _hex, ...claims } = caller.claims;
    return this.#sign(claims, caller.identity, WEBSOCKET_TOKEN_SECONDS);
  }

  /** Checks a token and derives its identity; throws TokenRejectedError with the reason otherwise. */
  async verify(token: string): Promise<VerifiedCaller> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new TokenRejectedError('Invalid token: malformed JWT');
    }
    const payload = await this.#verifySignature(token, unverified);
    const { iss, sub } = payload;
    if (typeof iss !== 'string' || iss.length === 0) throw new TokenRejectedError('Issuer empty');
    if (typeof sub !== 'string' || sub.length === 0) throw new TokenRejectedError('Subject empty');
    if (Buffer.byteLength(iss) > 128) throw new TokenRejectedError(`Issuer too long: ${JSON.stringify(iss)}`);
    if (Buffer.byteLength(sub) > 128) throw new TokenRejectedError(`Subject too long: ${JSON.stringify(sub)}`);
    const identity = identityFromClaims(iss, sub);
    const claimed = payload['hex_identity'];
    if (claimed !== undefined && String(claimed).toLowerCase() !== identityToHex(identity)) {
      throw new TokenRejectedError(
        `Identity mismatch: token identity ${String(claimed)} does not match computed identity ${identityToHex(identity)}`,
      );
    }
    return { identity, token, claims: { ...payload, iss, sub } };
  }

  async #verifySignature(token: string, unverified: JWTPayload): Promise<JWTPayload> {
    try {
      return (await jwtVerify(token, this.#keys.publicKey, { algorithms: ['ES256'] })).payload;
    } catch (localError) {
      const issuer = unverified.iss;
      const trustedKey = issuer === undefined ? undefined : this.#trusted.get(issuer);
      if (issuer === LOCAL_ISSUER || trustedKey === undefined) {
        throw new TokenRejectedError(
          issuer === LOCAL_ISSUER || isExpired(localError)
            ? `Invalid token: ${(localError as Error).message}`
            : `Invalid token: issuer ${JSON.stringify(issuer)} is not trusted by this host`,
        );
      }
      try {
        return (await jwtVerify(token, await trustedKey, { algorithms: ACCEPTED_ALGORITHMS, issuer })).payload;
      } catch (err) {
        throw new TokenRejectedError(`Invalid token: ${(err as Error).message}`);
      }
    }
  }

  async #sign(claims: JWTPayload, identity: bigint, expiresInSeconds?: number): Promise<string> {
    const jwt = new SignJWT({ hex_identity: identityToHex(identity), ...claims })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuedAt();
    if (expiresInSeconds !== undefined) jwt.setExpirationTime(`${expiresInSeconds}s`);
    return jwt.sign(this.#keys.privateKey);
  }
}

function isExpired(err: unknown): boolean {
  return (err as { code?: string }).code === 'ERR_JWT_EXPIRED';
}
