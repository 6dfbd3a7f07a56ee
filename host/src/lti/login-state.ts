/**
 * State and nonce of OIDC logins in flight, without cookies (third-party cookies are blocked in an LMS iframe):
 * `state` is a short-lived JWT signed with a key only this process holds, so it needs no server-side session and
 * cannot be forged; the nonce it carries is remembered until the launch uses it, so an id_token can be used once
 * (OIDC Core §3.1.2.1 and §15.5.2; LTI Security Framework §5.1.1.2 and §5.1.3 step 9).
 */
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { LaunchRefusedError } from './launch-refused-error.js';
import { OneTimeTickets } from './one-time-tickets.js';

/** How long a learner has between the LMS's login redirect and the launch. */
const LOGIN_SECONDS = 600;
/** Logins in flight at once; a flood of login requests cannot grow memory without bound. */
const MAX_PENDING = 20_000;

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
  /** Nonces issued and not yet used: a nonce is the ticket's handle. */
  readonly #nonces = new OneTimeTickets<true>(
    LOGIN_SECONDS * 1000,
    MAX_PENDING,
    'Too many sign-ins are in progress; try again in a minute.',
  );

  /** A new state JWT and nonce for a login; refuses when too many logins are in flight. */
  async begin(login: Omit<LoginState, 'nonce'>): Promise<{ state: string; nonce: string }> {
    const nonce = this.#nonces.issue(true);
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

  /** Uses up a nonce; throws LaunchRefusedError when it was already used (a replayed launch) or never issued. */
  useNonce(nonce: string): void {
    if (this.#nonces.take(nonce) === undefined) {
      throw new LaunchRefusedError(
        'This launch was already used (or has expired): open the activity again from the course.',
        401,
      );
    }
  }
}
