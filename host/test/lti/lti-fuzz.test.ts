/**
 * The LTI tool against what a buggy or hostile LMS or browser can send, from a seeded generator
 * (`LTA_LTI_FUZZ_SEED`, `LTA_LTI_FUZZ_LAUNCHES` replay or lengthen a run):
 * - launches whose id_token is signed by a registered platform but whose claims are of the wrong JSON type,
 *   missing, empty, huge or nested: each is answered with the learner's page, the deep-linking picker or a refusal
 *   page (never a 5xx), and a valid launch still works afterwards;
 * - requests to every LTI route with odd methods, parameters and bodies: each answered, never with HTTP 500.
 * In both, the host logs no error.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeJwt, type JWTPayload } from 'jose';
import { startHost, type RunningHost } from '../../src/index.js';
import { CLAIM, MESSAGE_TYPE } from '../../src/lti/claims.js';
import { SeededRandom } from '../seeded-random.js';
import { formOf, launch, postForm, refusalOf } from './browserless.js';
import { LEARNER_ROLE, TestPlatform, type LmsUser } from './platform/test-platform.js';

const MODULE_DIR = fileURLToPath(new URL('../../../module', import.meta.url));
const SEED = Number(process.env['LTA_LTI_FUZZ_SEED'] ?? 1);
const LAUNCHES = Number(process.env['LTA_LTI_FUZZ_LAUNCHES'] ?? 150);

/**
 * Claims a launch carries and the tool reads, with the fields inside them. `iss`, `aud`, `iat` and `exp` are left
 * out: the platform's signer sets them, and jose checks their types before the tool reads anything.
 */
const CLAIMS: Record<string, readonly string[]> = {
  sub: [],
  name: [],
  nonce: [],
  azp: [],
  [CLAIM.messageType]: [],
  [CLAIM.version]: [],
  [CLAIM.deploymentId]: [],
  [CLAIM.targetLinkUri]: [],
  [CLAIM.roles]: [],
  [CLAIM.context]: ['id', 'title', 'label'],
  [CLAIM.resourceLink]: ['id', 'title'],
  [CLAIM.custom]: ['lab', 'widget'],
  [CLAIM.agsEndpoint]: ['scope', 'lineitem', 'lineitems'],
  [CLAIM.namesRoleService]: ['context_memberships_url', 'service_versions'],
  [CLAIM.deepLinkingSettings]: ['deep_link_return_url', 'accept_types', 'data'],
};

/** A JSON value of any type: the odd ones (wrong type, empty, long, deep, strange text) more often than not. */
function oddValue(random: SeededRandom, depth = 0): unknown {
  switch (random.int(0, 11)) {
    case 0:
      return null;
    case 1:
      return random.pick([0, -1, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2]);
    case 2:
      return random.chance(0.5);
    case 3:
      return '';
    case 4:
      return 'x'.repeat(random.pick([256, 4096, 60_000]));
    case 5:
      return random.pick(['\u0000', '\u202e<script>alert(1)</script>', '😀'.repeat(50), '../../etc/passwd', ' ', '\n']);
    case 6:
      return random.pick(['catalog', 'leaderboard', 'chat', 'no-such-lab', 'Instructor', 'javascript:alert(1)']);
    case 7:
      return random.pick(['http://127.0.0.1:1/', 'https://lms.example/x', 'not a url', 'http://[::1', 'file:///']);
    case 8:
      return depth > 3 ? [] : Array.from({ length: random.int(0, 4) }, () => oddValue(random, depth + 1));
    case 9:
      return depth > 3
        ? {}
        : Object.fromEntries(
            Array.from({ length: random.int(0, 3) }, () => [
              random.pick(['id', 'title', 'lab', '__proto__', 'constructor', 'toString', '']),
              oddValue(random, depth + 1),
            ]),
          );
    case 10:
      return random.pick([MESSAGE_TYPE.resourceLink, MESSAGE_TYPE.deepLinkingRequest, LEARNER_ROLE]);
    default:
      return undefined;
  }
}

/** Changes one to three claims (or fields inside them) of a launch to odd values. */
function tamperer(random: SeededRandom): (claims: JWTPayload) => void {
  const changes = Array.from({ length: random.int(1, 3) }, () => {
    const claim = random.pick(Object.keys(CLAIMS));
    const fields = CLAIMS[claim]!;
    const field = fields.length > 0 && random.chance(0.6) ? random.pick(fields) : undefined;
    return { claim, field, value: oddValue(random) };
  });
  return (claims) => {
    for (const { claim, field, value } of changes) {
      const holder = claims[claim];
      // A copy: the platform builds claims from shared objects (its course), which later launches use as they are.
      if (field !== undefined && holder !== null && typeof holder === 'object' && !Array.isArray(holder))
        claims[claim] = { ...holder, [field]: value };
      else if (value === undefined) delete claims[claim];
      else claims[claim] = value;
    }
  };
}

/** What the learner's browser is shown: the launched page (with an academy token), the picker, or a refusal. */
function kindOf(html: string): 'learner page' | 'picker' | 'refusal' | 'other' {
  if (/<lta-academy [^>]*token="/.test(html)) return 'learner page';
  if (/action="[^"]*\/lti\/deep-link"/.test(html)) return 'picker';
  if (/<p role="alert">/.test(html)) return 'refusal';
  return 'other';
}

let platform: TestPlatform;
let host: RunningHost;
const hostErrors: string[] = [];

before(async () => {
  platform = await TestPlatform.start();
  host = await startHost({
    moduleDir: MODULE_DIR,
    log: (level, message) => void (level === 'error' && hostErrors.push(message)),
    lti: { platforms: [platform.registration()] },
  });
});
after(async () => {
  await host.close();
  await platform.close();
});

test('claims of the wrong type found by this fuzzer: optional ones are ignored, required ones refused by name', async () => {
  const user: LmsUser = { sub: 'typed-claims', name: 'Ada', roles: [LEARNER_ROLE] };
  // A course title that is a number and a role that is not a string once answered HTTP 500.
  const odd = await launch(platform, host.url, {
    user,
    tamper: (claims) => {
      claims[CLAIM.context] = { id: 'course-7', title: 9007199254740992 };
      claims[CLAIM.roles] = [LEARNER_ROLE, 1e308];
      claims['name'] = { first: 'Ada' };
    },
  });
  assert.equal(kindOf(odd.html), 'learner page', refusalOf(odd));
  const noCourseId = await launch(platform, host.url, {
    user,
    tamper: (claims) => void (claims[CLAIM.context] = { id: false, title: 'Linux 101' }),
  });
  assert.equal(noCourseId.status, 400);
  assert.equal(refusalOf(noCourseId), 'The launch names a course without its id (context.id claim).');
  assert.deepEqual(hostErrors, []);
});

/** Odd values for the parameters the LTI routes read. */
const ODD_TEXT = [
  '',
  ' ',
  '%',
  '\u0000',
  'x'.repeat(5000),
  '😀',
  'a.b.c',
  'eyJhbGciOiJub25lIn0.eyJpc3MiOjF9.',
  'http://127.0.0.1:1/',
  'not a url',
  'http://[::1',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'constructor',
  '__proto__',
  '[]',
];

/** The odd values a header can carry (fetch refuses control characters and non-Latin-1 ones). */
const HEADER_SAFE = ODD_TEXT.filter((text) => /^[\x20-\x7e]*$/.test(text));

/** The parameters each LTI route reads. */
const ROUTES: Record<string, readonly string[]> = {
  '/lti/login': [
    'iss',
    'login_hint',
    'target_link_uri',
    'lti_message_hint',
    'client_id',
    'lti_deployment_id',
    'lti_storage_target',
  ],
  '/lti/launch': ['id_token', 'state', 'error', 'error_description'],
  '/lti/launch/confirm': ['handle', 'stored'],
  '/lti/deep-link': ['handle', 'lab', 'widget'],
  '/lti/register': ['openid_configuration', 'registration_token'],
  '/lti/roster': ['token'],
  '/lti/jwks': [],
  '/lti/config': [],
  '/.well-known/openid-configuration': [],
  '/.well-known/jwks.json': [],
};

test(`every LTI route answers odd requests without a server error (seed ${SEED})`, async () => {
  const random = new SeededRandom(SEED);
  // Values that get a request past the first checks: the registered platform's own.
  const good = [
    platform.issuer,
    platform.clientId,
    platform.deploymentId,
    `${host.url}/lti/launch`,
    `${platform.issuer}/.well-known/openid-configuration`,
    'lab',
  ];
  // The registration URL with its key too, and with keys that are not it.
  const registration = new URL(host.lti!.registrationUrl!).pathname;
  const routes: Record<string, readonly string[]> = {
    ...ROUTES,
    [registration]: ROUTES['/lti/register']!,
    [`${registration}x`]: ROUTES['/lti/register']!,
    '/lti/register/%00/..': ROUTES['/lti/register']!,
  };
  for (let i = 0; i < LAUNCHES * 2; i++) {
    const path = random.pick(Object.keys(routes));
    const params = new URLSearchParams();
    for (const name of routes[path]!) {
      if (random.chance(0.2)) continue;
      params.append(name, random.chance(0.3) ? random.pick(good) : random.pick(ODD_TEXT));
    }
    const method = random.pick(['GET', 'POST', 'POST', 'PUT', 'DELETE']);
    const headers: Record<string, string> = {};
    if (random.chance(0.2)) headers['authorization'] = `Bearer ${random.pick(HEADER_SAFE).slice(0, 200)}`;
    let body: string | undefined;
    if (method !== 'GET') {
      headers['content-type'] = random.pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain']);
      body = random.pick([params.toString(), `${params}&%zz=%`, 'x'.repeat(300 * 1024), '{"id_token":1}']);
    }
    const url = `${host.url}${path}${method === 'GET' ? `?${params}` : ''}`;
    const answer = await fetch(url, { method, headers, body, redirect: 'manual' }).catch((err: Error) => {
      throw new Error(`${method} ${path} ${(body ?? '').length}: ${err.message} ${(err.cause as Error)?.message}`);
    });
    await answer.arrayBuffer();
    const what = `${method} ${path} ${(body ?? params.toString()).slice(0, 300)}`;
    assert.notEqual(answer.status, 500, `${what}: HTTP 500`);
    assert.deepEqual(hostErrors, [], `${what}: the host logged an error`);
  }
});

test(`launches with odd claims are answered with a page or a refusal, never a server error (seed ${SEED})`, async () => {
  const random = new SeededRandom(SEED);
  const seen = new Map<string, number>();
  for (let i = 0; i < LAUNCHES; i++) {
    const user: LmsUser = { sub: `fuzz-user-${i % 7}`, name: `Fuzz ${i}`, roles: [LEARNER_ROLE] };
    const messageType = random.chance(0.4) ? MESSAGE_TYPE.deepLinkingRequest : MESSAGE_TYPE.resourceLink;
    const tamper = tamperer(random);
    const claims: JWTPayload = {};
    const record = (c: JWTPayload) => {
      tamper(c);
      Object.assign(claims, c);
    };
    const page = await launch(platform, host.url, { user, messageType, custom: { lab: 'catalog' }, tamper: record });
    const kind = kindOf(page.html);
    const what = `launch ${i} with ${JSON.stringify(claims).slice(0, 600)}`;
    assert.ok(page.status < 500, `${what}: HTTP ${page.status} ${page.html.slice(0, 300)}`);
    assert.notEqual(kind, 'other', `${what}: neither a page nor a refusal: ${page.html.slice(0, 300)}`);
    assert.equal(kind === 'refusal', page.status >= 400, `${what}: a refusal, and only a refusal, is a 4xx`);
    assert.deepEqual(hostErrors, [], `${what}: the host logged an error`);
    if (kind === 'picker') {
      // The teacher picks labs and widgets, some that do not exist, or posts the form with its fields emptied.
      const { action, fields } = formOf(page.html);
      if (random.chance(0.3)) for (const name of [...fields.keys()]) fields.set(name, '');
      const lab = /name="lab" value="([^"]+)"/.exec(page.html)?.[1] ?? '';
      for (let n = random.int(0, 3); n > 0; n--) {
        if (random.chance(0.3)) fields.append('lab', random.pick([lab, 'no-such-lab']));
        else fields.append('widget', random.pick(['chat', 'leaderboard', 'constructor', '__proto__', 'toString', '']));
      }
      const answer = await postForm(action, fields);
      assert.ok(answer.status < 500, `${what}, then its deep-linking answer: HTTP ${answer.status}`);
      if (answer.status === 200) {
        // What goes back to the course: only labs and widgets that exist, each with its title.
        const items = decodeJwt(formOf(answer.html).fields.get('JWT') ?? '')[CLAIM.contentItems] as {
          title?: unknown;
        }[];
        for (const item of items) assert.equal(typeof item.title, 'string', `${what}: placed ${JSON.stringify(item)}`);
      }
      assert.deepEqual(hostErrors, [], `${what}, then its deep-linking answer: the host logged an error`);
    }
    seen.set(kind, (seen.get(kind) ?? 0) + 1);
  }
  // The run reached every outcome, so the odd claims got past signature checks to the code that reads them.
  assert.deepEqual([...seen.keys()].sort(), ['learner page', 'picker', 'refusal'], JSON.stringify([...seen]));
  const ok = await launch(platform, host.url, { user: { sub: 'after-fuzz', name: 'Ada', roles: [LEARNER_ROLE] } });
  assert.equal(kindOf(ok.html), 'learner page', `a valid launch still works after the odd ones: ${refusalOf(ok)}`);
});
