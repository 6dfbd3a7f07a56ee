/**
 * The LTI 1.3 / LTI Advantage tool inside the host: its routes behind one handler the host's fallback chain calls,
 * and the grade passback that watches lab completions. See docs/lti.md for the values LMS admins enter.
 *
 * Routes: `/lti/login` (GET, POST), `/lti/launch` (POST), `/lti/launch/confirm` (POST, platform storage),
 * `/lti/deep-link` (POST), `/lti/jwks`, `/lti/register/<key>`, `/lti/roster`, `/lti/config`, and the academy issuer's
 * `/.well-known/openid-configuration` and `/.well-known/jwks.json`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../engine/index.js';
import { identityFromClaims, identityToHex } from '../identity/identity.js';
import type { SigningKeys } from '../identity/keys.js';
import type { HostLog } from '../server/host-log.js';
import { bearerToken, readBodyBytes, requestUrl, sendJson } from '../server/http-responses.js';
import { AcademyIssuer, cohortIdOf, type LaunchedLearner } from './academy-issuer.js';
import { CLAIM, cohortRoleOf, MESSAGE_TYPE, SCOPE } from './claims.js';
import { observeCompletions } from './completion-observer.js';
import { DeepLinking } from './deep-linking.js';
import { clientRegistration, registerDynamically, toolUrls } from './dynamic-registration.js';
import { validateLaunch, type ValidLaunch } from './launch-validation.js';
import { LaunchRecords, type LaunchServices } from './launch-records.js';
import { learnerPageBody, placementOf } from './learner-page.js';
import { initiateLogin } from './login-initiation.js';
import { LaunchRefusedError } from './launch-refused-error.js';
import { LoginStates } from './login-state.js';
import { LtiFiles } from './lti-files.js';
import { escapeHtml } from '../server/html.js';
import { sendPage, sendRefusal } from './pages.js';
import { PendingLaunches } from './platform-storage.js';
import { PlatformRegistry, type PlatformRegistration } from './platform-registry.js';
import { PlatformUrls } from './platform-urls.js';
import { isRegistrationKey, loadOrCreateRegistrationKey } from './registration-key.js';
import { answerRoster } from './roster.js';
import { ScoreDelivery, type DeliveryAttempt } from './score-delivery.js';
import { ServiceTokens } from './service-token.js';
import { loadOrCreateToolKeys } from './tool-keys.js';

export type { PlatformRegistration } from './platform-registry.js';
export type { DeliveryAttempt } from './score-delivery.js';

/** How the host runs the LTI tool (`startHost({ lti })`). */
export interface LtiOptions {
  /**
   * The URL LMSs and browsers reach the host at, e.g. `https://academy.example.edu` (no trailing slash): the
   * academy issuer's `iss` and the base of every LTI URL. Default: the host's own URL.
   */
  publicUrl?: string;
  /** Platforms registered by hand (docs/lti.md); dynamic registration adds more. */
  platforms?: PlatformRegistration[];
  /** The widgets' script the launch pages load. Default `<publicUrl>/lta.js` (what `npm start` serves). */
  widgetScriptUrl?: string;
  /** Accept dynamic registrations at `/lti/register/<key>` (`LtiTool.registrationUrl`). Default true. */
  dynamicRegistration?: boolean;
  /** Delays between score delivery attempts (tests shorten them). Default DEFAULT_RETRY_DELAYS_MS. */
  retryDelaysMs?: number[];
}

/** The running tool. */
export interface LtiTool {
  /** The academy issuer's `iss` (the module's `cohort_issuer`). */
  readonly issuer: string;
  /**
   * The dynamic registration URL to give LMS admins, secret included (`registration-key.ts`); null when dynamic
   * registration is off.
   */
  readonly registrationUrl: string | null;
  /** Answers the tool's routes; resolves false for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Sends scores for completions committed in this engine from now on; returns a function that stops. */
  observe(engine: Engine): () => void;
  /** Every score delivery attempt so far (the audit), oldest first. */
  deliveries(): Promise<DeliveryAttempt[]>;
  /** Resolves when no score delivery is running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 256 * 1024;

/** Starts the tool: loads or creates its key and the registrations and launch records in `<dataDir>/lti/`. */
export async function startLtiTool(
  options: LtiOptions & {
    baseUrl: string;
    database: string;
    dataDir?: string | undefined;
    signingKeys: SigningKeys;
    log: HostLog;
    /** Throws (the host's per-address limit) when the request may not attempt a dynamic registration now. */
    admitRegistration?: (req: IncomingMessage) => void;
  },
): Promise<LtiTool> {
  const log = options.log;
  const baseUrl = (options.publicUrl ?? options.baseUrl).replace(/\/+$/, '');
  const files = new LtiFiles(options.dataDir);
  const keys = await loadOrCreateToolKeys(files);
  const registrationKey = options.dynamicRegistration === false ? null : await loadOrCreateRegistrationKey(files);
  const platformUrls = new PlatformUrls(baseUrl);
  const registry = await PlatformRegistry.open(files, options.platforms ?? [], platformUrls.fetch);
  const records = await LaunchRecords.open(files, log);
  const issuer = new AcademyIssuer(baseUrl, options.signingKeys);
  const states = new LoginStates();
  const pending = new PendingLaunches();
  const tokens = new ServiceTokens(keys, (platform) => registry.fetchFor(platform));
  const deepLinking = new DeepLinking(keys, baseUrl);
  const scores = new ScoreDelivery({
    records,
    registry,
    tokens,
    files,
    log,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  });
  await scores.resume();
  const widgetScript = options.widgetScriptUrl ?? `${baseUrl}/lta.js`;

  const openForLearner = async (launch: ValidLaunch, res: ServerResponse): Promise<void> => {
    const { platform, message } = launch;
    const { placement, note } = placementOf(message[CLAIM.custom]);
    const context = message[CLAIM.context];
    const learner: LaunchedLearner = {
      platformIssuer: platform.issuer,
      userSub: message.sub!,
      deploymentId: message[CLAIM.deploymentId],
      role: cohortRoleOf(message[CLAIM.roles]),
      name: message.name,
      ...(context ? { context: { id: context.id, title: context.title } } : {}),
      ...('lab' in placement ? { lab: placement.lab } : {}),
    };
    const token = await issuer.mint(learner);
    const services = await platformUrls.reachable(
      servicesOf(launch, learner, issuer),
      registry.isConfigured(platform),
      (service, reason) => log('warn', `LTI: ${platform.issuer} launch without its ${service}: ${reason}`),
    );
    await records.remember(services);
    const page = learnerPageBody({
      server: baseUrl,
      database: options.database,
      token,
      placement,
      inCourse: context !== undefined,
      note,
    });
    sendPage(res, 200, page.title, page.body, {
      head: `<script type="module" src="${escapeHtml(widgetScript)}"></script>`,
      // The spacetimedb SDK compiles its row decoders with `new Function`.
      scriptSrc: `${new URL(widgetScript).origin} 'unsafe-eval'`,
    });
  };

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>> = {
    '/lti/login': async (req, res, url) =>
      initiateLogin(req.method === 'POST' ? await readForm(req) : url.searchParams, res, { baseUrl, states, registry }),
    '/lti/launch': async (req, res) => {
      requirePost(req);
      const launch = await validateLaunch(await readForm(req), states, registry);
      if (launch.message[CLAIM.messageType] === MESSAGE_TYPE.deepLinkingRequest) {
        deepLinking.showPicker(res, launch.platform, launch.message);
        return;
      }
      const { storageTarget, platformOrigin } = launch.login;
      if (storageTarget === undefined || platformOrigin === undefined) return openForLearner(launch, res);
      pending.hold(
        {
          state: launch.state,
          storageTarget,
          platformOrigin,
          confirmUrl: `${baseUrl}/lti/launch/confirm`,
        },
        (r) => openForLearner(launch, r),
        (body) => sendPage(res, 200, 'Opening the activity...', body),
      );
    },
    '/lti/launch/confirm': async (req, res) => {
      requirePost(req);
      await pending.confirm(await readForm(req), res);
    },
    '/lti/deep-link': async (req, res) => {
      requirePost(req);
      await deepLinking.answer(await readForm(req), res);
    },
    '/lti/jwks': async (_req, res) => sendJson(res, 200, keys.jwks),
    '/lti/config': async (_req, res) =>
      sendJson(res, 200, {
        ...toolUrls(baseUrl),
        registration: clientRegistration(baseUrl, 'Linux Terminal Academy'),
      }),
    '/lti/register': async (req, res, url) => {
      if (registrationKey === null)
        throw new LaunchRefusedError(
          'Dynamic registration is turned off on this academy: register the tool by hand (docs/lti.md).',
          403,
        );
      options.admitRegistration?.(req);
      const given = url.pathname.replace(/\/$/, '').slice('/lti/register/'.length);
      if (!isRegistrationKey(given, registrationKey))
        throw new LaunchRefusedError(
          "This is not the academy's registration URL: ask the academy's operator for it (it ends with a key the host prints when it starts).",
          403,
        );
      await registerDynamically(url.searchParams, res, { baseUrl, registry, urls: platformUrls });
    },
    '/lti/roster': async (req, res, url) => {
      const token = bearerToken(req, url);
      await answerRoster(typeof token === 'string' ? token : null, res, {
        issuer,
        records,
        registry,
        tokens,
      });
    },
    '/.well-known/openid-configuration': async (_req, res) => sendJson(res, 200, issuer.discovery()),
    '/.well-known/jwks.json': async (_req, res) => sendJson(res, 200, await issuer.jwks()),
  };

  return {
    issuer: baseUrl,
    registrationUrl: registrationKey === null ? null : `${baseUrl}/lti/register/${registrationKey}`,
    async handle(req, res) {
      const url = requestUrl(req);
      // `/lti/register/<key>` is one route whatever the key.
      const route = routes[url.pathname.replace(/\/$/, '').replace(/^\/lti\/register\/[^/]*$/, '/lti/register')];
      if (!route) return false;
      try {
        await route(req, res, url);
      } catch (err) {
        if (!(err instanceof LaunchRefusedError)) throw err;
        sendRefusal(res, err.status, err.message);
      }
      return true;
    },
    observe: (engine) =>
      observeCompletions(
        engine,
        (completion) => scores.completed(completion),
        (err) => log('error', `LTI: a lab completion could not be read for grade passback: ${err.message}`),
      ),
    deliveries: () => scores.audit(),
    idle: () => scores.idle(),
    close: () => scores.close(),
  };
}

/** The AGS line item and NRPS roster a launch offers, to use after it. */
function servicesOf(launch: ValidLaunch, learner: LaunchedLearner, issuer: AcademyIssuer): LaunchServices {
  const { platform, message } = launch;
  const ags = message[CLAIM.agsEndpoint];
  const nrps = message[CLAIM.namesRoleService];
  const identityHex = identityToHex(
    identityFromClaims(issuer.issuer, issuer.subjectOf(platform.issuer, learner.userSub)),
  );
  const owner = {
    platformIssuer: platform.issuer,
    clientId: platform.clientId,
  };
  return {
    ...(learner.lab && ags?.lineitem && ags.scope.includes(SCOPE.score)
      ? {
          grade: {
            identityHex,
            labId: learner.lab,
            target: {
              ...owner,
              lineItem: ags.lineitem,
              userId: learner.userSub,
            },
          },
        }
      : {}),
    ...(learner.context && nrps?.context_memberships_url
      ? {
          roster: {
            cohort: cohortIdOf(platform.issuer, learner.deploymentId, learner.context.id),
            source: { ...owner, membershipsUrl: nrps.context_memberships_url },
          },
        }
      : {}),
  };
}

function requirePost(req: IncomingMessage): void {
  if (req.method !== 'POST')
    throw new LaunchRefusedError('This address takes the form the LMS posts: open the activity from the course.', 405);
}

/** The request's urlencoded form (at most 256 KiB). */
async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(Buffer.from(await readBodyBytes(req, MAX_FORM_BYTES)).toString('utf8'));
}
