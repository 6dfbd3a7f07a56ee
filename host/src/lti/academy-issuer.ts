/**
 * The academy issuer: signs learners who arrive through an LMS into the academy with a SpacetimeDB-compatible
 * identity token (ES256, `aud` "spacetimedb"), and publishes OIDC discovery and a JWKS so a real SpacetimeDB can
 * trust the same tokens. The identity is stable per (LMS platform, LMS user); the cohort claims follow the
 * interface agreed with the module's cohorts (`join_launch_cohort`).
 */
import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { SigningKeys } from '../identity/keys.js';

/** How long a launch's token signs the learner in: a school day; the next launch from the LMS mints a new one. */
const TOKEN_SECONDS = 8 * 3600;
const COHORT_TITLE_MAX = 80;

/** Who the LMS says the learner is, in the course the launch came from. */
export interface LaunchedLearner {
  platformIssuer: string;
  userSub: string;
  deploymentId: string;
  /** The course (LTI context); a launch without one has no cohort. */
  context?: { id: string; title?: string | undefined };
  role: 'instructor' | 'learner';
  name?: string | undefined;
  /** The lab the launch opens, when it is for one lab. */
  lab?: string | undefined;
}

/** `lti:` + base64url(sha256(parts joined by newlines)) cut to 32 characters, as agreed for `sub` and cohort ids. */
export function ltiId(...parts: string[]): string {
  return ('lti:' + createHash('sha256').update(parts.join('\n')).digest('base64url')).slice(0, 32);
}

/** The cohort a course launch joins: one per (platform, deployment, LMS context). */
export function cohortIdOf(platformIssuer: string, deploymentId: string, contextId: string): string {
  return ltiId(platformIssuer, deploymentId, contextId);
}

export class AcademyIssuer {
  readonly #keys: SigningKeys;
  readonly #publicJwk: Promise<JWK>;

  /** `issuer` is the host's public base URL, e.g. `https://academy.example.edu`. */
  constructor(
    readonly issuer: string,
    keys: SigningKeys,
  ) {
    this.#keys = keys;
    this.#publicJwk = (async () => {
      const { kty, crv, x, y } = await exportJWK(keys.publicKey);
      const jwk: JWK = { kty: kty!, crv: crv!, x: x!, y: y! };
      return {
        ...jwk,
        kid: await calculateJwkThumbprint(jwk),
        alg: 'ES256',
        use: 'sig',
      };
    })();
  }

  /** The academy `sub` of an LMS user. */
  subjectOf(platformIssuer: string, userSub: string): string {
    return ltiId(platformIssuer, userSub);
  }

  /** A token signing the learner in, with the cohort claims when the launch came from a course. */
  async mint(learner: LaunchedLearner): Promise<string> {
    const claims: Record<string, string> = {};
    if (learner.context) {
      claims['lta_cohort'] = cohortIdOf(learner.platformIssuer, learner.deploymentId, learner.context.id);
      claims['lta_cohort_title'] = (learner.context.title ?? '').slice(0, COHORT_TITLE_MAX);
      claims['lta_cohort_role'] = learner.role;
    }
    if (learner.name) claims['name'] = learner.name;
    if (learner.lab) claims['lta_resource_lab'] = learner.lab;
    const jwk = await this.#publicJwk;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: jwk.kid! })
      .setIssuer(this.issuer)
      .setSubject(this.subjectOf(learner.platformIssuer, learner.userSub))
      .setAudience('spacetimedb')
      .setIssuedAt()
      .setExpirationTime(`${TOKEN_SECONDS}s`)
      .sign(this.#keys.privateKey);
  }

  /** The claims of a token this issuer minted; throws (jose's error) for any other token or an expired one. */
  async verify(token: string): Promise<JWTPayload> {
    return (
      await jwtVerify(token, this.#keys.publicKey, {
        issuer: this.issuer,
        audience: 'spacetimedb',
        algorithms: ['ES256'],
      })
    ).payload;
  }

  /** `/.well-known/openid-configuration` (OIDC Discovery §3, the fields a token verifier reads). */
  discovery(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      jwks_uri: `${this.issuer}/.well-known/jwks.json`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
    };
  }

  /** `/.well-known/jwks.json`. */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [await this.#publicJwk] };
  }
}
