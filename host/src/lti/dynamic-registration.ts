/**
 * LTI Dynamic Registration 1.0: an LMS admin gives the LMS the tool's registration URL (`/lti/register/<key>`,
 * see `registration-key.ts`); the LMS opens it with `openid_configuration` (and usually `registration_token`). The
 * tool reads the platform's configuration (§3.4), sends its own client registration (§3.5, OIDC Dynamic Client
 * Registration with the `lti-tool-configuration` extension), keeps the client id it gets, and tells the LMS window
 * it is done (`org.imsglobal.lti.close`, §3.6.3).
 */
import type { ServerResponse } from 'node:http';
import { MESSAGE_TYPE, SCOPE } from './claims.js';
import { LaunchRefusedError } from './launch-refused-error.js';
import { escapeHtml } from '../server/html.js';
import { sendPage } from './pages.js';
import type { PlatformRegistration, PlatformRegistry } from './platform-registry.js';
import type { PlatformUrls } from './platform-urls.js';
import { serviceFetch, ServiceError } from './service-token.js';

const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration';

/** The tool's fixed URLs, as the docs list them for manual registration too. */
export function toolUrls(baseUrl: string) {
  return {
    login: `${baseUrl}/lti/login`,
    launch: `${baseUrl}/lti/launch`,
    deepLinking: `${baseUrl}/lti/launch`,
    jwks: `${baseUrl}/lti/jwks`,
  };
}

/** The client registration the tool sends (§3.5.2). */
export function clientRegistration(baseUrl: string, toolName: string): Record<string, unknown> {
  const urls = toolUrls(baseUrl);
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: toolName,
    jwks_uri: urls.jwks,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: [SCOPE.score, SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.roster].join(' '),
    [TOOL_CONFIGURATION]: {
      domain: new URL(baseUrl).host,
      target_link_uri: urls.launch,
      description: 'Hands-on Linux labs in the browser, graded in the course.',
      claims: ['iss', 'sub', 'name'],
      messages: [
        {
          type: MESSAGE_TYPE.deepLinkingRequest,
          target_link_uri: urls.deepLinking,
          label: 'Linux Terminal Academy',
        },
      ],
    },
  };
}

interface PlatformConfiguration {
  issuer?: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  jwks_uri?: string;
  registration_endpoint?: string;
  authorization_server?: string;
  [PLATFORM_CONFIGURATION]?: { product_family_code?: string };
}

/** Registers with the platform that opened `/lti/register` and answers with the page that closes the LMS dialog. */
export async function registerDynamically(
  params: URLSearchParams,
  res: ServerResponse,
  context: { baseUrl: string; registry: PlatformRegistry; urls: PlatformUrls },
): Promise<void> {
  const configurationUrl = params.get('openid_configuration');
  if (!configurationUrl)
    throw new LaunchRefusedError(
      'Open this registration URL from the LMS: it needs the openid_configuration parameter the LMS adds.',
    );
  await context.urls.check(configurationUrl, 'configuration URL');
  const registrationToken = params.get('registration_token');
  const auth: Record<string, string> = registrationToken ? { authorization: `Bearer ${registrationToken}` } : {};
  try {
    const config = (await (
      await serviceFetch(
        configurationUrl,
        { headers: { accept: 'application/json', ...auth } },
        "the platform's configuration",
        context.urls.fetch,
      )
    ).json()) as PlatformConfiguration;
    const { issuer, authorization_endpoint, token_endpoint, jwks_uri, registration_endpoint } = config;
    if (!issuer || !authorization_endpoint || !token_endpoint || !jwks_uri || !registration_endpoint) {
      throw new LaunchRefusedError(
        "The platform's configuration lacks issuer, authorization_endpoint, token_endpoint, jwks_uri or registration_endpoint.",
      );
    }
    // §3.5.1: the configuration must be served from the issuer's own site, so no one registers in another LMS's name.
    if (new URL(configurationUrl).origin !== URL.parse(issuer)?.origin) {
      throw new LaunchRefusedError(`The configuration at ${configurationUrl} is not served by its issuer ${issuer}.`);
    }
    // The host fetches these (registration now; keys at each launch, tokens for grades and rosters), and sends
    // learners' browsers to the authorization endpoint.
    for (const [url, what] of [
      [registration_endpoint, 'registration endpoint'],
      [jwks_uri, 'JWKS URL'],
      [token_endpoint, 'token endpoint'],
      [authorization_endpoint, 'authorization endpoint'],
    ] as const)
      await context.urls.check(url, what);
    const answer = await serviceFetch(
      registration_endpoint,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...auth,
        },
        body: JSON.stringify(clientRegistration(context.baseUrl, 'Linux Terminal Academy')),
      },
      "the platform's registration endpoint",
      context.urls.fetch,
    );
    const registered = (await answer.json()) as {
      client_id?: string;
      [TOOL_CONFIGURATION]?: { deployment_id?: string };
    };
    if (!registered.client_id)
      throw new LaunchRefusedError('The platform accepted the registration but sent no client_id.');
    const deployment = registered[TOOL_CONFIGURATION]?.deployment_id;
    const registration: PlatformRegistration = {
      issuer,
      clientId: registered.client_id,
      authLoginUrl: authorization_endpoint,
      authTokenUrl: token_endpoint,
      jwksUrl: jwks_uri,
      deploymentIds: deployment ? [deployment] : [],
      ...(config.authorization_server ? { authServer: config.authorization_server } : {}),
    };
    await context.registry.register(registration);
    sendPage(
      res,
      200,
      'Linux Terminal Academy is registered',
      `<main><h1>Linux Terminal Academy is registered</h1><p>Client id <code>${escapeHtml(registration.clientId)}</code> with ${escapeHtml(issuer)}. You can close this window.</p></main>
<script>(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');</script>`,
    );
  } catch (err) {
    // Only the status: whoever opened this URL chose what was fetched, and must not read what it answered.
    if (err instanceof ServiceError) {
      const outcome = err.status === null ? 'could not be reached' : `answered ${err.status}`;
      throw new LaunchRefusedError(`Registration failed: ${err.service ?? 'the platform'} ${outcome}.`, 502);
    }
    if (err instanceof SyntaxError)
      throw new LaunchRefusedError('Registration failed: the platform answered with something that is not JSON.', 502);
    throw err;
  }
}
