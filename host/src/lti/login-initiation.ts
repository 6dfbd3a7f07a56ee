/**
 * OIDC third-party-initiated login (LTI Security Framework §5.1.1; LTI core §4.1): the platform sends the learner
 * to `/lti/login` (GET or POST) with `iss`, `login_hint`, `target_link_uri` and optional `client_id`,
 * `lti_message_hint`, `lti_deployment_id`; the tool answers with the authentication request to the platform's
 * OIDC endpoint (§5.1.1.2), carrying a state and nonce from LoginStates.
 *
 * Third-party cookies: none are used. When the platform offers `lti_storage_target` (LTI Client Side postMessages,
 * platform storage), state is also put into the platform's storage from the browser and read back at launch, which
 * binds the launch to the browser that began it; otherwise the signed state alone carries the login.
 */
import type { ServerResponse } from 'node:http';
import { LaunchRefusedError } from './launch-refused-error.js';
import type { LoginStates } from './login-state.js';
import { escapeHtml } from '../server/html.js';
import { sendPage } from './pages.js';
import { UnknownPlatformError, type PlatformRegistry } from './platform-registry.js';
import { platformStorageScript } from './platform-storage.js';

/** Answers a login initiation; throws LaunchRefusedError for a request the tool cannot act on. */
export async function initiateLogin(
  params: URLSearchParams,
  res: ServerResponse,
  context: { baseUrl: string; states: LoginStates; registry: PlatformRegistry },
): Promise<void> {
  const issuer = params.get('iss');
  const loginHint = params.get('login_hint');
  const targetLinkUri = params.get('target_link_uri');
  if (!issuer || !loginHint || !targetLinkUri) {
    throw new LaunchRefusedError(
      'A login initiation needs iss, login_hint and target_link_uri: open the activity from the course.',
    );
  }
  // The target is only ever this tool: a login is not a redirect anyone can aim elsewhere.
  if (!targetLinkUri.startsWith(`${context.baseUrl}/`)) {
    throw new LaunchRefusedError(
      `The target ${JSON.stringify(targetLinkUri)} is not part of this tool (${context.baseUrl}).`,
    );
  }
  let platform;
  try {
    platform = context.registry.find(issuer, params.get('client_id') ?? undefined);
  } catch (err) {
    if (err instanceof UnknownPlatformError) throw new LaunchRefusedError(err.message, 401);
    throw err;
  }
  const deployment = params.get('lti_deployment_id');
  if (deployment !== null && platform.deploymentIds.length > 0 && !platform.deploymentIds.includes(deployment)) {
    throw new LaunchRefusedError(
      `The deployment ${JSON.stringify(deployment)} is not registered with this tool: add it to the platform's registration.`,
      403,
    );
  }
  const storageTarget = params.get('lti_storage_target') ?? undefined;
  const platformOrigin = new URL(platform.authLoginUrl).origin;
  const { state, nonce } = await context.states.begin({
    issuer,
    clientId: platform.clientId,
    ...(storageTarget ? { storageTarget, platformOrigin } : {}),
  });
  const auth = new URL(platform.authLoginUrl);
  const request: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: `${context.baseUrl}/lti/launch`,
    login_hint: loginHint,
    state,
    nonce,
  };
  const messageHint = params.get('lti_message_hint');
  if (messageHint !== null) request['lti_message_hint'] = messageHint;
  for (const [name, value] of Object.entries(request)) auth.searchParams.set(name, value);
  if (!storageTarget) {
    res.writeHead(302, { location: auth.href, 'cache-control': 'no-store' });
    res.end();
    return;
  }
  // Put state into the platform's storage, then continue to the platform; without an answer, start over
  // without platform storage (the signed state still carries the login).
  const withoutStorage = new URL(`${context.baseUrl}/lti/login`);
  for (const [name, value] of params) if (name !== 'lti_storage_target') withoutStorage.searchParams.set(name, value);
  sendPage(
    res,
    200,
    'Signing in...',
    `<p>Signing in...</p><script>${platformStorageScript({ target: storageTarget, origin: platformOrigin })}
ltiStorage.put(${JSON.stringify(`state_${state}`)}, ${JSON.stringify(state)})
  .then(() => location.replace(${JSON.stringify(auth.href)}), () => location.replace(${JSON.stringify(withoutStorage.href)}));</script>
<noscript><a href="${escapeHtml(auth.href)}">Continue</a></noscript>`,
  );
}
