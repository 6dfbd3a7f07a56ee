/**
 * A small LMS for tests, faithful to the LTI 1.3 platform side: OIDC authorization endpoint answering login
 * initiations with RS256 id_tokens (form_post), a JWKS, a token endpoint that checks the tool's private_key_jwt
 * against the tool's JWKS, AGS score endpoints, an NRPS membership endpoint (two pages), a deep-linking return
 * URL that verifies the tool's response, and dynamic registration (OpenID configuration + registration endpoint).
 * What it receives is recorded for the tests to assert on.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { CLAIM, LTI_VERSION, MEDIA_TYPE, MESSAGE_TYPE, SCOPE } from '../../../src/lti/claims.js';
import type { PlatformRegistration } from '../../../src/lti/platform-registry.js';

/** A user of the LMS. */
export interface LmsUser {
  sub: string;
  name: string;
  roles: string[];
}

export const INSTRUCTOR_ROLE = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';
export const LEARNER_ROLE = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';

/** What a launch is for: who, which link (custom parameters), and what the id_token should say otherwise. */
export interface LaunchPlan {
  user: LmsUser;
  messageType?: string;
  custom?: Record<string, string>;
  /** Changes the id_token's claims just before signing (refusal tests). */
  tamper?: (claims: JWTPayload) => void;
  /** Signs with a key the platform does not publish. */
  foreignKey?: boolean;
}

/** A score the platform accepted. */
export interface ReceivedScore {
  lineItem: string;
  score: Record<string, unknown>;
}

export const COURSE = { id: 'course-42', title: 'Linux 101 (Autumn)' };

export class TestPlatform {
  readonly issuer: string;
  clientId = 'lta-tool-client';
  readonly deploymentId = 'deployment-1';
  readonly members: LmsUser[] = [];
  readonly scores: ReceivedScore[] = [];
  readonly deepLinks: Record<string, unknown>[] = [];
  readonly tokenRequests: string[] = [];
  /** How often the tool fetched the platform's public keys. */
  jwksRequests = 0;
  /** The `aud` the token endpoint requires of client assertions: its URL, or the advertised authorization server. */
  #tokenAudience = '';
  /** Score posts answered with this status before one is accepted (retry tests). */
  failScores: { count: number; status: number } = { count: 0, status: 503 };
  readonly #server: Server;
  readonly #privateKey: CryptoKey;
  readonly #foreignKey: CryptoKey;
  readonly #jwk: JWK;
  readonly #plans = new Map<string, LaunchPlan>();
  readonly #accessTokens = new Map<string, string[]>();
  #toolBase = '';

  private constructor(server: Server, url: string, keys: { privateKey: CryptoKey; foreignKey: CryptoKey; jwk: JWK }) {
    this.#server = server;
    this.issuer = url;
    this.#privateKey = keys.privateKey;
    this.#foreignKey = keys.foreignKey;
    this.#jwk = keys.jwk;
  }

  /** Starts the platform on a free port of `host` (default 127.0.0.1). */
  static async start(host = '127.0.0.1'): Promise<TestPlatform> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const foreignKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'platform-key-1', alg: 'RS256', use: 'sig' };
    // The server exists before the platform that answers on it (its URL needs the port).
    const started: { platform?: TestPlatform } = {};
    const server = createServer((req, res) => {
      started.platform!.#route(req, res).catch((err: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`test platform: ${err.message}`);
      });
    });
    const port = await new Promise<number>((resolve) =>
      server.listen(0, host, () => resolve((server.address() as { port: number }).port)),
    );
    started.platform = new TestPlatform(server, `http://${host}:${port}`, { privateKey, foreignKey, jwk });
    return started.platform;
  }

  /** The manual registration values an admin would copy from this LMS. */
  registration(): PlatformRegistration {
    return {
      issuer: this.issuer,
      clientId: this.clientId,
      authLoginUrl: `${this.issuer}/auth`,
      authTokenUrl: `${this.issuer}/token`,
      jwksUrl: `${this.issuer}/jwks`,
      deploymentIds: [this.deploymentId],
    };
  }

  /** The line item URL of a lab's resource link in the course. */
  lineItemOf(labOrLink: string): string {
    return `${this.issuer}/courses/${COURSE.id}/lineitems/${encodeURIComponent(labOrLink)}/lineitem?type=lab`;
  }

  /**
   * The login initiation URL the LMS sends the learner's browser to for this launch (LTI core §4.1).
   * `storageTarget` offers platform storage.
   */
  loginUrl(toolBase: string, plan: LaunchPlan, extra: Record<string, string> = {}): string {
    this.#toolBase = toolBase;
    const hint = randomUUID();
    this.#plans.set(hint, plan);
    const url = new URL(`${toolBase}/lti/login`);
    const params = {
      iss: this.issuer,
      login_hint: plan.user.sub,
      target_link_uri: `${toolBase}/lti/launch`,
      lti_message_hint: hint,
      client_id: this.clientId,
      lti_deployment_id: this.deploymentId,
      ...extra,
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.href;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    const path = url.pathname;
    if (path === '/jwks') {
      this.jwksRequests++;
      return json(res, 200, { keys: [this.#jwk] });
    }
    if (path === '/course') return this.#coursePage(url.searchParams.get('launch') ?? '', res);
    if (path === '/auth') return this.#authorize(req.method === 'POST' ? await form(req) : url.searchParams, res);
    if (path === '/token') return this.#token(await form(req), res);
    if (path === '/deep-link-return') return this.#deepLinkReturn(await form(req), res);
    if (path === `/courses/${COURSE.id}/memberships`) return this.#memberships(req, url, res);
    if (path.endsWith('/lineitem/scores') && req.method === 'POST') return this.#score(req, url, res);
    if (path === '/.well-known/openid-configuration') return this.#configuration(res);
    if (path === '/register' && req.method === 'POST') return this.#register(req, res);
    json(res, 404, { error: 'not found' });
  }

  /**
   * A course page of the LMS with the tool in an iframe (`launch`: the login initiation URL), answering the tool's
   * platform-storage requests (`lti.put_data` / `lti.get_data`) from the tool's origin only, as LMSs do.
   */
  #coursePage(launch: string, res: ServerResponse): void {
    const toolOrigin = new URL(launch).origin;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>${COURSE.title}</title></head><body><h1>${COURSE.title}</h1>
<iframe title="Linux Terminal Academy" src="${launch.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" style="width:100%;height:640px"></iframe>
<script>
const stored = new Map();
addEventListener('message', (event) => {
  const data = event.data;
  if (event.origin !== ${JSON.stringify(toolOrigin)} || !data || typeof data.subject !== 'string') return;
  const answer = (fields) => event.source.postMessage({ subject: data.subject + '.response', message_id: data.message_id, key: data.key, ...fields }, event.origin);
  if (data.subject === 'lti.put_data') { stored.set(data.key, data.value); answer({ value: data.value }); }
  if (data.subject === 'lti.get_data') answer({ value: stored.get(data.key) });
});
</script></body></html>`);
  }

  /** OIDC authentication request (Security Framework §5.1.1.2) -> id_token form post to the redirect URI. */
  async #authorize(params: URLSearchParams, res: ServerResponse): Promise<void> {
    const expect = {
      scope: 'openid',
      response_type: 'id_token',
      response_mode: 'form_post',
      prompt: 'none',
      client_id: this.clientId,
    };
    for (const [name, value] of Object.entries(expect)) {
      if (params.get(name) !== value)
        return json(res, 400, { error: 'invalid_request', error_description: `${name} must be ${value}` });
    }
    if (params.get('redirect_uri') !== `${this.#toolBase}/lti/launch`)
      return json(res, 400, { error: 'invalid_request', error_description: 'unregistered redirect_uri' });
    const plan = this.#plans.get(params.get('lti_message_hint') ?? '');
    const nonce = params.get('nonce');
    if (!plan || !nonce || params.get('login_hint') !== plan.user.sub)
      return json(res, 400, { error: 'invalid_request', error_description: 'unknown login' });
    const messageType = plan.messageType ?? MESSAGE_TYPE.resourceLink;
    const claims: JWTPayload = {
      nonce,
      sub: plan.user.sub,
      name: plan.user.name,
      [CLAIM.messageType]: messageType,
      [CLAIM.version]: LTI_VERSION,
      [CLAIM.deploymentId]: this.deploymentId,
      [CLAIM.targetLinkUri]: `${this.#toolBase}/lti/launch`,
      [CLAIM.roles]: plan.user.roles,
      [CLAIM.context]: COURSE,
      [CLAIM.namesRoleService]: {
        context_memberships_url: `${this.issuer}/courses/${COURSE.id}/memberships`,
        service_versions: ['2.0'],
      },
    };
    if (messageType === MESSAGE_TYPE.deepLinkingRequest) {
      claims[CLAIM.deepLinkingSettings] = {
        deep_link_return_url: `${this.issuer}/deep-link-return`,
        accept_types: ['ltiResourceLink', 'link'],
        data: 'opaque-42',
      };
    } else {
      const link = plan.custom?.['lab'] ?? plan.custom?.['widget'] ?? 'catalog';
      claims[CLAIM.resourceLink] = { id: `link-${link}`, title: link };
      claims[CLAIM.custom] = plan.custom ?? {};
      claims[CLAIM.agsEndpoint] = {
        scope: [SCOPE.lineItem, SCOPE.score],
        lineitems: `${this.issuer}/courses/${COURSE.id}/lineitems`,
        lineitem: this.lineItemOf(link),
      };
    }
    plan.tamper?.(claims);
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.#jwk.kid! })
      .setIssuer(this.issuer)
      .setAudience((claims.aud as string | string[] | undefined) ?? this.clientId)
      .setIssuedAt((claims.iat as number | undefined) ?? Math.floor(Date.now() / 1000))
      .setExpirationTime((claims.exp as number | undefined) ?? '5m')
      .sign(plan.foreignKey ? this.#foreignKey : this.#privateKey);
    autoPost(res, params.get('redirect_uri')!, { id_token: idToken, state: params.get('state') ?? '' });
  }

  /** Client credentials with private_key_jwt (Security Framework §4.1), checked against the tool's JWKS. */
  async #token(params: URLSearchParams, res: ServerResponse): Promise<void> {
    if (params.get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type' });
    if (params.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
      return json(res, 400, { error: 'invalid_client' });
    try {
      await jwtVerify(params.get('client_assertion') ?? '', createRemoteJWKSet(new URL(`${this.#toolBase}/lti/jwks`)), {
        issuer: this.clientId,
        subject: this.clientId,
        audience: this.#tokenAudience || `${this.issuer}/token`,
        requiredClaims: ['jti', 'exp', 'iat'],
      });
    } catch (err) {
      return json(res, 401, { error: 'invalid_client', error_description: (err as Error).message });
    }
    const scopes = (params.get('scope') ?? '').split(' ').filter(Boolean);
    this.tokenRequests.push(scopes.join(' '));
    const token = randomBytes(16).toString('hex');
    this.#accessTokens.set(token, scopes);
    json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: scopes.join(' ') });
  }

  #authorized(req: IncomingMessage, scope: string): boolean {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    return token !== undefined && (this.#accessTokens.get(token) ?? []).includes(scope);
  }

  /** AGS 2.0 §3.4: a score for a line item. */
  async #score(req: IncomingMessage, url: URL, res: ServerResponse): Promise<void> {
    if (!this.#authorized(req, SCOPE.score)) return json(res, 401, { error: 'invalid_token' });
    if (req.headers['content-type'] !== MEDIA_TYPE.score)
      return json(res, 415, { error: `content-type must be ${MEDIA_TYPE.score}` });
    const score = JSON.parse((await body(req)).toString('utf8')) as Record<string, unknown>;
    for (const field of ['userId', 'scoreGiven', 'scoreMaximum', 'activityProgress', 'gradingProgress', 'timestamp']) {
      if (score[field] === undefined) return json(res, 400, { error: `missing ${field}` });
    }
    if (this.failScores.count > 0) {
      this.failScores.count--;
      return json(res, this.failScores.status, { error: 'try later' });
    }
    url.pathname = url.pathname.replace(/\/scores$/, '');
    this.scores.push({ lineItem: url.href, score });
    res.writeHead(204);
    res.end();
  }

  /** NRPS 2.0: the course's members, two per page, with `Link: rel="next"`. */
  #memberships(req: IncomingMessage, url: URL, res: ServerResponse): void {
    if (!this.#authorized(req, SCOPE.roster)) return json(res, 401, { error: 'invalid_token' });
    if (req.headers.accept !== MEDIA_TYPE.membership)
      return json(res, 406, { error: `accept ${MEDIA_TYPE.membership}` });
    const page = Number(url.searchParams.get('page') ?? '0');
    const members = this.members
      .slice(page * 2, page * 2 + 2)
      .map((m) => ({ user_id: m.sub, name: m.name, roles: m.roles, status: 'Active' }));
    const headers: Record<string, string> = { 'content-type': MEDIA_TYPE.membership };
    if ((page + 1) * 2 < this.members.length)
      headers['link'] = `<${this.issuer}${url.pathname}?page=${page + 1}>; rel="next"`;
    res.writeHead(200, headers);
    res.end(JSON.stringify({ id: url.href, context: COURSE, members }));
  }

  /** Deep Linking 2.0 §4.5: the tool's signed response. */
  async #deepLinkReturn(params: URLSearchParams, res: ServerResponse): Promise<void> {
    try {
      const { payload } = await jwtVerify(
        params.get('JWT') ?? '',
        createRemoteJWKSet(new URL(`${this.#toolBase}/lti/jwks`)),
        {
          issuer: this.clientId,
          audience: this.issuer,
          requiredClaims: ['nonce', 'iat', 'exp'],
        },
      );
      if (
        payload[CLAIM.messageType] !== MESSAGE_TYPE.deepLinkingResponse ||
        payload[CLAIM.deploymentId] !== this.deploymentId
      ) {
        return json(res, 400, { error: 'not a deep-linking response for this deployment' });
      }
      this.deepLinks.push(payload);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<p>Items added to the course.</p>');
    } catch (err) {
      json(res, 401, { error: (err as Error).message });
    }
  }

  #configuration(res: ServerResponse): void {
    json(res, 200, {
      issuer: this.issuer,
      authorization_endpoint: `${this.issuer}/auth`,
      token_endpoint: `${this.issuer}/token`,
      jwks_uri: `${this.issuer}/jwks`,
      registration_endpoint: `${this.issuer}/register`,
      // As D2L does: token requests are addressed to an authorization server other than the token URL.
      authorization_server: `${this.issuer}/oauth2-audience`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      'https://purl.imsglobal.org/spec/lti-platform-configuration': {
        product_family_code: 'lta-test-lms',
        version: '1.0',
      },
    });
  }

  /** Dynamic Registration §3.5: checks the tool's registration, assigns a new client id and deployment. */
  readonly registrationToken = randomBytes(12).toString('hex');
  readonly registrations: Record<string, unknown>[] = [];
  async #register(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.headers.authorization !== `Bearer ${this.registrationToken}`)
      return json(res, 401, { error: 'invalid registration token' });
    const registration = JSON.parse((await body(req)).toString('utf8')) as Record<string, unknown>;
    for (const field of [
      'initiate_login_uri',
      'redirect_uris',
      'jwks_uri',
      'https://purl.imsglobal.org/spec/lti-tool-configuration',
    ]) {
      if (registration[field] === undefined) return json(res, 400, { error: `missing ${field}` });
    }
    if (registration['token_endpoint_auth_method'] !== 'private_key_jwt')
      return json(res, 400, { error: 'private_key_jwt required' });
    this.registrations.push(registration);
    this.clientId = `dyn-${randomBytes(6).toString('hex')}`;
    this.#tokenAudience = `${this.issuer}/oauth2-audience`;
    const tool = registration['https://purl.imsglobal.org/spec/lti-tool-configuration'] as Record<string, unknown>;
    json(res, 200, {
      ...registration,
      client_id: this.clientId,
      'https://purl.imsglobal.org/spec/lti-tool-configuration': { ...tool, deployment_id: this.deploymentId },
    });
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await body(req)).toString('utf8'));
}

function autoPost(res: ServerResponse, action: string, fields: Record<string, string>): void {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const inputs = Object.entries(fields)
    .map(([n, v]) => `<input type="hidden" name="${n}" value="${escape(v)}">`)
    .join('');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><form method="post" action="${escape(action)}">${inputs}</form><script>document.forms[0].submit()</script>`,
  );
}
