/**
 * Validating an LTI launch: the id_token the platform form-posts to the tool's redirect URI, checked as LTI
 * Security Framework §5.1.3 lists (signature against the platform's JWKS, iss, aud, azp, alg, exp, iat, nonce),
 * then the state issued at login, and the LTI core §5.3 claims (deployment id, message type, version).
 */
import { decodeJwt, jwtVerify } from 'jose';
import { CLAIM, type LtiMessage } from './claims.js';
import { LaunchRefusedError } from './launch-refused-error.js';
import { readLtiMessage } from './lti-message.js';
import type { LoginState, LoginStates } from './login-state.js';
import {
  KeysUnreachableError,
  UnknownPlatformError,
  type PlatformRegistration,
  type PlatformRegistry,
} from './platform-registry.js';

/** An id_token older than this is refused even when its `exp` is later (Security Framework §5.1.3 step 8). */
const MAX_TOKEN_AGE = '10m';
/** Clocks of LMS and tool may disagree this much. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** A launch that passed every check. */
export interface ValidLaunch {
  platform: PlatformRegistration;
  message: LtiMessage;
  login: LoginState;
  /** The state JWT the launch came back with (platform storage holds it too). */
  state: string;
}

/** Checks the form post of a launch; throws LaunchRefusedError naming the check that failed. */
export async function validateLaunch(
  form: URLSearchParams,
  states: LoginStates,
  registry: PlatformRegistry,
): Promise<ValidLaunch> {
  const error = form.get('error');
  if (error)
    throw new LaunchRefusedError(
      `The platform refused the sign-in: ${error}${form.get('error_description') ? `: ${form.get('error_description')}` : ''}`,
    );
  const idToken = form.get('id_token');
  if (!idToken)
    throw new LaunchRefusedError(
      'The launch carries no id_token: the platform must post it to this URL (response_mode form_post).',
    );
  const state = form.get('state') ?? '';
  const login = await states.read(state);
  let unverified;
  try {
    unverified = decodeJwt(idToken);
  } catch {
    throw new LaunchRefusedError('The id_token is not a JWT.');
  }
  if (unverified.iss !== login.issuer) {
    throw new LaunchRefusedError(
      `The id_token was issued by ${JSON.stringify(unverified.iss)}, but the sign-in started with ${JSON.stringify(login.issuer)}.`,
      401,
    );
  }
  let platform: PlatformRegistration;
  try {
    platform = registry.find(login.issuer, login.clientId);
  } catch (err) {
    if (err instanceof UnknownPlatformError) throw new LaunchRefusedError(err.message, 401);
    throw err;
  }
  let payload;
  try {
    const verified = await jwtVerify(idToken, registry.keySet(platform), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ['RS256'],
      maxTokenAge: MAX_TOKEN_AGE,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'nonce'],
    });
    payload = verified.payload;
  } catch (err) {
    throw new LaunchRefusedError(describeJwtFailure(err as Error & { code?: string; claim?: string }), 401);
  }
  // §5.1.3 steps 4-5: with several audiences the authorized party must be present and be this tool.
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const azp = payload['azp'];
  if ((audiences.length > 1 || azp !== undefined) && azp !== platform.clientId) {
    throw new LaunchRefusedError(
      `The id_token is for several audiences and its azp (${JSON.stringify(azp)}) is not this tool's client id.`,
      401,
    );
  }
  if (payload['nonce'] !== login.nonce)
    throw new LaunchRefusedError('The id_token answers a different sign-in (nonce mismatch).', 401);
  states.useNonce(login.nonce);
  const message = readLtiMessage(payload);
  const deployment = message[CLAIM.deploymentId];
  if (platform.deploymentIds.length > 0 && !platform.deploymentIds.includes(deployment)) {
    throw new LaunchRefusedError(
      `The deployment ${JSON.stringify(deployment)} is not registered with this tool: add it to the platform's registration.`,
      403,
    );
  }
  return { platform, message, login, state };
}

function describeJwtFailure(err: Error & { code?: string; claim?: string }): string {
  if (err instanceof KeysUnreachableError) return `The platform's public keys could not be fetched: ${err.message}.`;
  switch (err.code) {
    case 'ERR_JWT_EXPIRED':
      return 'The id_token has expired: open the activity again from the course.';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return "The id_token's signature does not match the platform's published keys.";
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (err.claim === 'aud')
        return "The id_token is not addressed to this tool (its aud is not this tool's client id).";
      if (err.claim === 'iat')
        return 'The id_token was issued too long ago or in the future: check the platform clock.';
      return `The id_token's ${err.claim ?? 'claims'} check failed: ${err.message}.`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'The id_token is not signed with RS256, as LTI 1.3 requires.';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return `The platform's public keys could not be fetched: ${err.message}.`;
    default:
      return `The id_token is not valid: ${err.message}.`;
  }
}
