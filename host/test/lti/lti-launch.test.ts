/**
 * The LTI tool end to end through the real host running the real module, driven by the test LMS: launches sign
 * learners in with a stable academy identity, a completed lab's score reaches the line item (with retries and an
 * audit), deep linking places labs, the instructor reads the roster, and every tampered launch is refused.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { identityFromClaims, identityToHex } from '../../src/identity/identity.js';
import { startHost, type RunningHost } from '../../src/index.js';
import { ltiId } from '../../src/lti/academy-issuer.js';
import { CLAIM, MESSAGE_TYPE } from '../../src/lti/claims.js';
import { connect, eventually } from '../../../module/test/support/academy.js';
import { FIRST_LAB, passingState } from '../../../module/test/support/labs.js';
import { academyTokenOf, formOf, launch, postForm, refusalOf, signIn } from './browserless.js';
import { COURSE, INSTRUCTOR_ROLE, LEARNER_ROLE, TestPlatform, type LmsUser } from './platform/test-platform.js';

const MODULE_DIR = fileURLToPath(new URL('../../../module', import.meta.url));
const ada: LmsUser = { sub: 'lms-user-ada', name: 'Ada Lovelace', roles: [LEARNER_ROLE] };
const bob: LmsUser = { sub: 'lms-user-bob', name: 'Bob Bash', roles: [LEARNER_ROLE] };
const ines: LmsUser = {
  sub: 'lms-user-ines',
  name: 'Ines Instructor',
  roles: [INSTRUCTOR_ROLE, 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty'],
};

let platform: TestPlatform;
let host: RunningHost;
const closers: (() => Promise<void>)[] = [];

before(async () => {
  platform = await TestPlatform.start();
  host = await startHost({
    moduleDir: MODULE_DIR,
    log: false,
    lti: { platforms: [platform.registration()], retryDelaysMs: [20, 40, 80] },
  });
});
after(async () => {
  await Promise.all(closers.map((close) => close()));
  await host.close();
  await platform.close();
});

test('a launch opens the lab for the learner, signed in with an academy identity stable per LMS user', async () => {
  const page = await launch(platform, host.url, { user: ada, custom: { lab: FIRST_LAB.id } });
  assert.equal(page.status, 200);
  assert.match(page.html, new RegExp(`<lta-terminal lab="${FIRST_LAB.id}"`));
  const claims = decodeJwt(academyTokenOf(page));
  assert.equal(claims.iss, host.url);
  assert.equal(claims.sub, ltiId(platform.issuer, ada.sub));
  assert.equal(claims.sub!.length, 32);
  assert.equal(claims.aud, 'spacetimedb');
  assert.equal(claims['lta_cohort'], ltiId(platform.issuer, platform.deploymentId, COURSE.id));
  assert.equal(claims['lta_cohort_title'], COURSE.title);
  assert.equal(claims['lta_cohort_role'], 'learner');
  assert.equal(claims['name'], ada.name);
  assert.equal(claims['lta_resource_lab'], FIRST_LAB.id);

  const board = await launch(platform, host.url, { user: ada, custom: { widget: 'leaderboard' } });
  assert.match(board.html, /<lta-leaderboard cohort="launch">/, "a placed widget shows the course's class");
  const again = decodeJwt(academyTokenOf(board));
  assert.equal(again.sub, claims.sub, 'the next launch is the same academy learner');
  assert.equal(again['lta_resource_lab'], undefined, 'a widget launch names no lab');
});

test('the academy issuer publishes OIDC discovery and a JWKS that verify its tokens', async () => {
  const token = academyTokenOf(await launch(platform, host.url, { user: bob }));
  const discovery = (await (await fetch(`${host.url}/.well-known/openid-configuration`)).json()) as {
    issuer: string;
    jwks_uri: string;
  };
  assert.equal(discovery.issuer, host.url);
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
    issuer: discovery.issuer,
    audience: 'spacetimedb',
  });
  assert.equal(payload.sub, ltiId(platform.issuer, bob.sub));
});

test("completing the launched lab sends the score to the course's line item, audited", async () => {
  const token = academyTokenOf(await launch(platform, host.url, { user: ada, custom: { lab: FIRST_LAB.id } }));
  const learner = await connect(host, token);
  closers.push(() => learner.close());
  assert.equal(
    learner.identity.toHexString(),
    identityToHex(identityFromClaims(host.url, ltiId(platform.issuer, ada.sub))),
  );
  await learner.conn.reducers.registerUser({ username: 'ada', displayName: '', timeZone: 'UTC' });
  await learner.conn.reducers.startLab({ labId: FIRST_LAB.id });
  await learner.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) });
  await eventually(() => platform.scores.length === 1, 'the score at the platform');
  const [{ lineItem, score }] = platform.scores as [(typeof platform.scores)[0]];
  assert.equal(lineItem, platform.lineItemOf(FIRST_LAB.id), 'posted to <lineitem>/scores, query kept');
  assert.equal(score['userId'], ada.sub);
  assert.equal(score['scoreGiven'], 100);
  assert.equal(score['scoreMaximum'], 100);
  assert.equal(score['activityProgress'], 'Completed');
  assert.equal(score['gradingProgress'], 'FullyGraded');
  assert.ok(
    Math.abs(Date.parse(score['timestamp'] as string) - Date.now()) < 60_000,
    'timestamped with the completion',
  );
  await host.lti!.idle();
  const audit = await host.lti!.deliveries();
  assert.deepEqual(
    audit.map((a) => [a.userId, a.outcome, a.attempt]),
    [[ada.sub, 'delivered', 1]],
  );
});

test('a score the platform cannot take yet is retried with backoff until it lands, each attempt audited', async () => {
  platform.failScores = { count: 2, status: 503 };
  const token = academyTokenOf(await launch(platform, host.url, { user: bob, custom: { lab: FIRST_LAB.id } }));
  const learner = await connect(host, token);
  closers.push(() => learner.close());
  await learner.conn.reducers.registerUser({ username: 'bob', displayName: '', timeZone: 'UTC' });
  await learner.conn.reducers.startLab({ labId: FIRST_LAB.id });
  await learner.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) });
  await eventually(() => platform.scores.some((s) => s.score['userId'] === bob.sub), "bob's score at the platform");
  await host.lti!.idle();
  const bobs = (await host.lti!.deliveries()).filter((a) => a.userId === bob.sub);
  assert.deepEqual(
    bobs.map((a) => [a.attempt, a.outcome, a.status]),
    [
      [1, 'will-retry', 503],
      [2, 'will-retry', 503],
      [3, 'delivered', 200],
    ],
  );
});

test('a launch replayed (the same id_token posted again) is refused', async () => {
  const { action, fields } = await signIn(platform, host.url, { user: ada });
  assert.equal((await postForm(action, fields)).status, 200);
  const replay = await postForm(action, fields);
  assert.equal(replay.status, 401);
  assert.match(refusalOf(replay), /already used/);
});

const refusals: [string, Parameters<typeof launch>[2], number, RegExp][] = [
  ['a bad signature', { user: ada, foreignKey: true }, 401, /signature does not match/],
  ['another audience', { user: ada, tamper: (c) => void (c.aud = 'someone-else') }, 401, /not addressed to this tool/],
  [
    'several audiences without this tool as azp',
    { user: ada, tamper: (c) => void Object.assign(c, { aud: ['lta-tool-client', 'other'], azp: 'other' }) },
    401,
    /azp/,
  ],
  [
    'an unknown deployment',
    { user: ada, tamper: (c) => void (c[CLAIM.deploymentId] = 'deployment-9') },
    403,
    /deployment "deployment-9" is not registered/,
  ],
  [
    'an expired id_token',
    {
      user: ada,
      tamper: (c) =>
        void Object.assign(c, { iat: Math.floor(Date.now() / 1000) - 300, exp: Math.floor(Date.now() / 1000) - 120 }),
    },
    401,
    /expired/,
  ],
  [
    'a message type the tool does not handle',
    { user: ada, messageType: 'LtiSubmissionReviewRequest' },
    400,
    /does not handle "LtiSubmissionReviewRequest"/,
  ],
  ['another LTI version', { user: ada, tamper: (c) => void (c[CLAIM.version] = '1.1') }, 400, /LTI version "1.1"/],
  ['a nonce of another sign-in', { user: ada, tamper: (c) => void (c.nonce = 'not-the-nonce') }, 401, /nonce mismatch/],
  ['an anonymous launch', { user: ada, tamper: (c) => void delete c.sub }, 400, /anonymous/],
];
for (const [what, plan, status, message] of refusals) {
  test(`a launch with ${what} is refused with a page saying why`, async () => {
    const page = await launch(platform, host.url, plan);
    assert.equal(page.status, status, page.html);
    assert.match(refusalOf(page), message);
    assert.doesNotMatch(page.html, /<lta-academy/, 'nobody is signed in');
  });
}

test('a launch whose state was not issued by the tool, or that has none, is refused', async () => {
  const { action, fields } = await signIn(platform, host.url, { user: ada });
  fields.set('state', fields.get('state')!.slice(0, -4) + 'AAAA');
  assert.match(refusalOf(await postForm(action, fields)), /not one this tool issued/);
  fields.delete('state');
  assert.match(refusalOf(await postForm(action, fields)), /no state/);
});

test('a login from an unregistered platform or aimed elsewhere is refused', async () => {
  const stranger = new URL(platform.loginUrl(host.url, { user: ada }));
  stranger.searchParams.set('iss', 'https://lms.example.org');
  const page = await fetch(stranger);
  assert.equal(page.status, 401);
  assert.match(refusalOf({ status: page.status, html: await page.text() }), /has no registration with client id/);
  const elsewhere = new URL(platform.loginUrl(host.url, { user: ada }));
  elsewhere.searchParams.set('target_link_uri', 'https://evil.example/steal');
  assert.match(refusalOf({ status: 0, html: await (await fetch(elsewhere)).text() }), /not part of this tool/);
  const missing = await fetch(`${host.url}/lti/login`);
  assert.match(
    refusalOf({ status: missing.status, html: await missing.text() }),
    /needs iss, login_hint and target_link_uri/,
  );
});

test('a login posted as a form (POST) works like a GET', async () => {
  const url = new URL(platform.loginUrl(host.url, { user: ada }));
  const res = await fetch(`${host.url}/lti/login`, { method: 'POST', body: url.searchParams, redirect: 'manual' });
  assert.equal(res.status, 302);
  assert.match(res.headers.get('location')!, new RegExp(`^${platform.issuer}/auth\\?`));
});

test('deep linking: the instructor picks labs and a widget, and the signed response places them in the course', async () => {
  const picker = await launch(platform, host.url, { user: ines, messageType: MESSAGE_TYPE.deepLinkingRequest });
  assert.equal(picker.status, 200, picker.html);
  assert.match(picker.html, new RegExp(`value="${FIRST_LAB.id}"`), 'the catalog lists the labs');
  const { action, fields } = formOf(picker.html);
  fields.append('lab', FIRST_LAB.id);
  fields.append('widget', 'leaderboard');
  const answer = await postForm(action, fields);
  const back = formOf(answer.html);
  assert.equal(back.action, `${platform.issuer}/deep-link-return`);
  assert.equal((await postForm(back.action, back.fields)).status, 200, 'the platform verified the response');
  const items = platform.deepLinks.at(-1)![CLAIM.contentItems] as Record<string, unknown>[];
  assert.deepEqual(
    items.map((i) => [i['type'], i['custom'], i['url']]),
    [
      ['ltiResourceLink', { lab: FIRST_LAB.id }, `${host.url}/lti/launch`],
      ['ltiResourceLink', { widget: 'leaderboard' }, `${host.url}/lti/launch`],
    ],
  );
  assert.deepEqual(
    (items[0]!['lineItem'] as Record<string, unknown>)['scoreMaximum'],
    100,
    'a lab gets a gradebook column',
  );
  assert.equal(platform.deepLinks.at(-1)![CLAIM.deepLinkingData], 'opaque-42', "the platform's data comes back");
  assert.match(refusalOf(await postForm(action, fields)), /expired/, 'a selection is answered once');
});

test("the course's instructor reads the roster (all pages) with academy identities; learners may not", async () => {
  platform.members.splice(0, platform.members.length, ada, bob, ines);
  const instructorToken = academyTokenOf(await launch(platform, host.url, { user: ines }));
  assert.equal(decodeJwt(instructorToken)['lta_cohort_role'], 'instructor');
  const roster = await fetch(`${host.url}/lti/roster`, { headers: { authorization: `Bearer ${instructorToken}` } });
  assert.equal(roster.status, 200);
  const { members } = (await roster.json()) as { members: { identity: string; name: string; role: string }[] };
  assert.deepEqual(
    members.map((m) => [m.name, m.role, m.identity]),
    [ada, bob, ines].map((u) => [
      u.name,
      u === ines ? 'instructor' : 'learner',
      identityToHex(identityFromClaims(host.url, ltiId(platform.issuer, u.sub))),
    ]),
  );
  const learnerToken = academyTokenOf(await launch(platform, host.url, { user: bob }));
  assert.equal(
    (await fetch(`${host.url}/lti/roster`, { headers: { authorization: `Bearer ${learnerToken}` } })).status,
    403,
  );
  assert.equal((await fetch(`${host.url}/lti/roster`)).status, 401);
  const anonymous = ((await (await fetch(`${host.url}/v1/identity`, { method: 'POST' })).json()) as { token: string })
    .token;
  assert.equal(
    (await fetch(`${host.url}/lti/roster`, { headers: { authorization: `Bearer ${anonymous}` } })).status,
    401,
  );
});

test('malformed requests get a clear answer, never a crash', async () => {
  const garbage = await postForm(`${host.url}/lti/launch`, new URLSearchParams({ id_token: 'not-a-jwt', state: 'x' }));
  assert.equal(garbage.status, 400);
  assert.match(refusalOf(garbage), /not one this tool issued/);
  const { action, fields } = await signIn(platform, host.url, { user: ada });
  fields.set('id_token', 'still.not.ajwt');
  assert.match(refusalOf(await postForm(action, fields)), /not a JWT/);
  const get = await fetch(`${host.url}/lti/launch`);
  assert.equal(get.status, 405);
  assert.match(refusalOf({ status: get.status, html: await get.text() }), /takes the form the LMS posts/);
  const huge = await fetch(`${host.url}/lti/launch`, {
    method: 'POST',
    body: new URLSearchParams({ id_token: 'x'.repeat(300_000) }),
  });
  assert.equal(huge.status, 413, 'an oversized form is refused, and the browser reads why');
  const noUrl = await fetch(`${host.lti!.registrationUrl}?openid_configuration=not-a-url`);
  assert.equal(noUrl.status, 400);
  assert.match(refusalOf({ status: noUrl.status, html: await noUrl.text() }), /not an http\(s\) URL/);
  assert.equal((await fetch(`${host.url}/health`)).status, 200, 'the host still serves');
});
