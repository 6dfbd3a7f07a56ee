/**
 * State and nonce of OIDC logins in flight, without cookies (third-party cookies are blocked in an LMS iframe):
 * `state` is a short-lived JWT signed with a key only this process holds, so it needs no server-side session and
 * cannot be forged, and it carries the login's nonce. A login initiation keeps nothing here: anyone may send one, and
 * a flood of them kept in memory would fill any bound and lock learners out. Only a launch, which its platform has
 * signed, leaves its nonce behind, until the state it answers expires, so an id_token can be used once
 * (OIDC Core §3.1.2.1 and §15.5.2; LTI Security Framework §5.1.1.2 and §5.1.3 step 9).
 */
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { LaunchRefusedError } from './launch-refused-error.js';
import { dropExpired } from './one-time-tickets.js';

/** How long a learner has between the LMS's login redirect and the launch. */
const LOGIN_SECONDS = 600;
/** Launches remembered at once (those of the last 10 minutes): only platforms' signed launches count. */
const MAX_USED_NONCES = 100_000;

/** What the state carries from login initiation to the launch. */
export interface LoginState {
  issuer: string;
  clientId: string;
  nonce: string;
  /** The platform's frame for postMessage storage (`lti_storage_target`), when it offered one. */
  storageTarget?: string;
  /** The platform's origin, where postMessage storage requests go. */
  platformOrigin?: string;
}

export class LoginStates {
  readonly #secret = randomBytes(32);
  /** Nonces of launches made, and until when their states were valid (ms); insertion order is expiry order. */
  readonly #used = new Map<string, number>();

  /** A new state JWT and nonce for a login. */
  async begin(login: Omit<LoginState, 'nonce'>): Promise<{ state: string; nonce: string }> {
    const nonce = randomBytes(18).toString('base64url');
    const state = await new SignJWT({ ...login, nonce })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime(`${LOGIN_SECONDS}s`)
      .sign(this.#secret);
    return { state, nonce };
  }

  /** The login a state stands for; throws LaunchRefusedError when it is forged, expired or missing. */
  async read(state: string | undefined): Promise<LoginState> {
    if (!state) throw new LaunchRefusedError('The launch has no state: start it again from the course.');
    try {
      const { payload } = await jwtVerify(state, this.#secret, {
        algorithms: ['HS256'],
      });
      return payload as unknown as LoginState;
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_JWT_EXPIRED') {
        throw new LaunchRefusedError(
          'The sign-in took too long (over 10 minutes): open the activity again from the course.',
        );
      }
      throw new LaunchRefusedError(
        'The launch state is not one this tool issued: open the activity again from the course.',
      );
    }
  }

  /**
   * Uses up the nonce of a launch whose state `read` accepted (so this tool issued it under 10 minutes ago); throws
   * LaunchRefusedError when it was used already (a replayed launch).
   */
  useNonce(nonce: string): void {
    const now = Date.now();
    dropExpired(this.#used, (until) => until, now);
    if (this.#used.has(nonce)) {
      throw new LaunchRefusedError(
        'This launch was already used (or has expired): open the activity again from the course.',
        401,
      );
    }
    if (this.#used.size >= MAX_USED_NONCES)
      throw new LaunchRefusedError('Too many launches in the last 10 minutes; try again in a minute.', 503);
    this.#used.set(nonce, now + LOGIN_SECONDS * 1000);
  }
}
