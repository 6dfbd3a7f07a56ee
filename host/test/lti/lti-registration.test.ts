/**
 * LTI Dynamic Registration and platform storage through the real host: an LMS registers the tool from its
 * registration URL (kept across restarts), and a launch offered platform storage is only opened for the browser
 * whose platform storage holds its state.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startHost, type RunningHost } from '../../src/index.js';
import { academyTokenOf, formOf, launch, postForm, refusalOf, type Page } from './browserless.js';
import { INSTRUCTOR_ROLE, LEARNER_ROLE, TestPlatform, type LmsUser } from './platform/test-platform.js';

const MODULE_DIR = fileURLToPath(new URL('../../../module', import.meta.url));
const cy: LmsUser = { sub: 'lms-user-cy', name: 'Cy', roles: [LEARNER_ROLE] };

let dataDir: string;
let host: RunningHost;
let platform: TestPlatform;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lta-lti-'));
  platform = await TestPlatform.start();
  host = await startHost({ moduleDir: MODULE_DIR, log: false, dataDir, lti: {} });
});
after(async () => {
  await host.close();
  await platform.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function get(url: string): Promise<Page> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

function registrationUrl(configuration: string, token: string): string {
  return `${host.lti!.registrationUrl}?${new URLSearchParams({ openid_configuration: configuration, registration_token: token })}`;
}

test('an unregistered LMS is refused; after dynamic registration its launches work, also after a restart', async () => {
  assert.match(refusalOf(await get(platform.loginUrl(host.url, { user: cy }))), /no registration/);

  const done = await get(
    registrationUrl(`${platform.issuer}/.well-known/openid-configuration`, platform.registrationToken),
  );
  assert.equal(done.status, 200, done.html);
  assert.match(done.html, /org\.imsglobal\.lti\.close/, 'the LMS dialog is told to close');
  const [sent] = platform.registrations as [Record<string, unknown>];
  assert.equal(sent['initiate_login_uri'], `${host.url}/lti/login`);
  assert.deepEqual(sent['redirect_uris'], [`${host.url}/lti/launch`]);
  assert.equal(sent['jwks_uri'], `${host.url}/lti/jwks`);
  assert.match(String(sent['scope']), /lti-ags\/scope\/score/);
  assert.ok(academyTokenOf(await launch(platform, host.url, { user: cy })), 'the registered LMS launches');
  // Its services take tokens addressed to the authorization server its configuration named.
  platform.members.push(cy);
  const instructor = academyTokenOf(
    await launch(platform, host.url, { user: { sub: 'lms-user-ida', name: 'Ida', roles: [INSTRUCTOR_ROLE] } }),
  );
  const roster = await fetch(`${host.url}/lti/roster`, { headers: { authorization: `Bearer ${instructor}` } });
  assert.equal(roster.status, 200, await roster.clone().text());

  const url = host.url;
  await host.close();
  host = await startHost({ moduleDir: MODULE_DIR, log: false, dataDir, port: Number(new URL(url).port), lti: {} });
  assert.ok(academyTokenOf(await launch(platform, host.url, { user: cy })), 'the registration survived the restart');
});

test('a registration with a wrong token, or a configuration its issuer does not serve, is refused', async () => {
  const wrongToken = await get(registrationUrl(`${platform.issuer}/.well-known/openid-configuration`, 'not-the-token'));
  assert.equal(wrongToken.status, 502);
  assert.match(refusalOf(wrongToken), /Registration failed: the platform's registration endpoint answered 401/);
  const impostor = await TestPlatform.start('localhost');
  try {
    // The configuration names the impostor as issuer but is fetched from another origin (127.0.0.1 vs localhost).
    const page = await get(
      registrationUrl(
        `${impostor.issuer.replace('localhost', '127.0.0.1')}/.well-known/openid-configuration`,
        impostor.registrationToken,
      ),
    );
    assert.match(refusalOf(page), /is not served by its issuer/);
  } finally {
    await impostor.close();
  }
  assert.match(refusalOf(await get(host.lti!.registrationUrl!)), /openid_configuration/);
});

test("only the registration URL with the academy's key registers an LMS, and it is the same after a restart", async () => {
  const url = host.lti!.registrationUrl!;
  assert.match(url, /^http:\/\/[^/]+\/lti\/register\/[\w-]{24}$/, 'the key is 18 random bytes');
  const registered = platform.registrations.length;
  // The key with its last character changed (one in 64 keys ends in `A`, so that would be the key itself).
  const otherKey = `${url.slice(0, -1)}${url.endsWith('A') ? 'B' : 'A'}`;
  for (const attempt of [`${host.url}/lti/register`, `${host.url}/lti/register/`, otherKey, `${url}x`]) {
    const page = await get(
      `${attempt}?${new URLSearchParams({
        openid_configuration: `${platform.issuer}/.well-known/openid-configuration`,
        registration_token: platform.registrationToken,
      })}`,
    );
    assert.equal(page.status, 403, attempt);
    assert.match(refusalOf(page), /not the academy's registration URL: ask the academy's operator/, attempt);
  }
  assert.equal(platform.registrations.length, registered, 'the LMS was not asked to register anything');
  assert.equal(
    JSON.parse(await (await fetch(`${host.url}/lti/config`)).text()).register,
    undefined,
    'the public configuration does not give the URL away',
  );
  const kept = await mkdtemp(join(tmpdir(), 'lta-lti-'));
  try {
    const keyOfRun = async () => {
      const run = await startHost({ moduleDir: MODULE_DIR, log: false, dataDir: kept, lti: {} });
      await run.close();
      return new URL(run.lti!.registrationUrl!).pathname;
    };
    assert.equal(await keyOfRun(), await keyOfRun());
  } finally {
    await rm(kept, { recursive: true, force: true });
  }
});

test('with platform storage offered, the launch opens only for the browser whose platform storage holds the state', async () => {
  const login = await get(platform.loginUrl(host.url, { user: cy }, { lti_storage_target: '_parent' }));
  assert.equal(login.status, 200, 'the login page stores the state in the platform before going on');
  assert.match(login.html, /lti\.put_data/);
  const authUrl = JSON.parse(/location\.replace\(("[^"]+")\)/.exec(login.html)![1]!) as string;
  const state = new URL(authUrl).searchParams.get('state')!;
  assert.match(
    login.html,
    new RegExp(`"state_${state.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`),
    'stored under state_<state>',
  );

  const idTokenForm = formOf((await get(authUrl)).html);
  const held = await postForm(idTokenForm.action, idTokenForm.fields);
  assert.match(held.html, /lti\.get_data/, 'the launch page reads the state back from the platform');
  assert.doesNotMatch(held.html, /<lta-academy/, 'and signs nobody in before that');
  const confirm = formOf(held.html);
  const forged = new URLSearchParams(confirm.fields);
  forged.set('stored', 'someone-elses-state');
  const refused = await postForm(confirm.action, forged);
  assert.equal(refused.status, 401);
  assert.match(refusalOf(refused), /did not begin this sign-in/);
  assert.match(
    refusalOf(await postForm(confirm.action, confirm.fields)),
    /expired or was already opened/,
    'a held launch is answered once',
  );

  const second = await get(platform.loginUrl(host.url, { user: cy }, { lti_storage_target: '_parent' }));
  const secondAuth = JSON.parse(/location\.replace\(("[^"]+")\)/.exec(second.html)![1]!) as string;
  const secondForm = formOf((await get(secondAuth)).html);
  const secondHeld = formOf((await postForm(secondForm.action, secondForm.fields)).html);
  secondHeld.fields.set('stored', new URL(secondAuth).searchParams.get('state')!);
  assert.ok(academyTokenOf(await postForm(secondHeld.action, secondHeld.fields)));
});

test('a registration does not show what the platform answered, only its status', async () => {
  // Whoever opens the registration URL picks what the host fetches: a page's body must not come back to them.
  const secretPage = createServer((_req, res) => res.writeHead(404).end('internal secret: s3cr3t'));
  await new Promise<void>((resolve) => secretPage.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = secretPage.address() as AddressInfo;
    const page = await get(registrationUrl(`http://127.0.0.1:${port}/admin`, 'x'));
    assert.equal(page.status, 502);
    assert.equal(refusalOf(page), "Registration failed: the platform's configuration answered 404.");
    assert.doesNotMatch(page.html, /s3cr3t/);
  } finally {
    await new Promise((resolve) => secretPage.close(resolve));
  }
});

test('an academy on the public internet registers LMSs over https at public addresses only, without fetching others', async () => {
  const requests: string[] = [];
  const internal = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
  const publicHost = await startHost({
    moduleDir: MODULE_DIR,
    log: false,
    lti: { publicUrl: 'https://academy.example.edu' },
  });
  try {
    const { port } = internal.address() as AddressInfo;
    const { pathname } = new URL(publicHost.lti!.registrationUrl!);
    const register = (configuration: string) =>
      get(`${publicHost.url}${pathname}?${new URLSearchParams({ openid_configuration: configuration })}`);
    const plain = await register(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
    assert.equal(plain.status, 400);
    assert.match(refusalOf(plain), /must use https/);
    for (const configuration of [
      `https://127.0.0.1:${port}/.well-known/openid-configuration`,
      'https://169.254.169.254/latest/meta-data/',
      'https://[::ffff:10.0.0.1]/.well-known/openid-configuration',
      'https://[fd00::1]/.well-known/openid-configuration',
      'https://localhost/.well-known/openid-configuration',
    ]) {
      const page = await register(configuration);
      assert.equal(page.status, 400, configuration);
      assert.match(refusalOf(page), /does not resolve to a public address/, configuration);
    }
    assert.deepEqual(requests, [], 'the host fetched none of them');
  } finally {
    await publicHost.close();
    await new Promise((resolve) => internal.close(resolve));
  }
});

test("a platform that registered itself is not fetched once its name points into the academy's network", async () => {
  // As if it had registered while its names resolved to public addresses, and now resolve to loopback (DNS
  // rebinding): the check made when registering has passed, so only the one made at each connection stands.
  const rebound = await mkdtemp(join(tmpdir(), 'lta-lti-'));
  await mkdir(join(rebound, 'lti'));
  await writeFile(join(rebound, 'lti', 'platforms.json'), JSON.stringify([platform.registration()]));
  const publicHost = await startHost({
    moduleDir: MODULE_DIR,
    log: false,
    dataDir: rebound,
    lti: { publicUrl: 'https://academy.example.edu' },
  });
  try {
    const keysFetched = platform.jwksRequests;
    // The platform knows the academy by its public URL; the learner's requests go to this host.
    const login = new URL(platform.loginUrl('https://academy.example.edu', { user: cy }));
    const toPlatform = await fetch(`${publicHost.url}${login.pathname}${login.search}`, { redirect: 'manual' });
    const { fields } = formOf(await (await fetch(toPlatform.headers.get('location')!)).text());
    const page = await postForm(`${publicHost.url}/lti/launch`, fields);
    assert.equal(page.status, 401);
    assert.match(refusalOf(page), /public keys could not be fetched: .* is not a public address/);
    assert.equal(platform.jwksRequests, keysFetched, 'the platform saw no request for its keys');
  } finally {
    await publicHost.close();
    await rm(rebound, { recursive: true, force: true });
  }
});

test('a registrations file broken by hand stops the host with a message that names it', async () => {
  const broken = await mkdtemp(join(tmpdir(), 'lta-lti-'));
  try {
    await mkdir(join(broken, 'lti'));
    await writeFile(join(broken, 'lti', 'platforms.json'), '[{"issuer": "https://lms.example",');
    await assert.rejects(startHost({ moduleDir: MODULE_DIR, log: false, dataDir: broken, lti: {} }), (err: Error) =>
      err.message.startsWith(`${join(broken, 'lti', 'platforms.json')} is not valid JSON`),
    );
  } finally {
    await rm(broken, { recursive: true, force: true });
  }
});

test('one address may attempt only so many registrations: anyone may open the registration URL', async () => {
  const limited = await startHost({
    moduleDir: MODULE_DIR,
    log: false,
    lti: {},
    limits: { unlimitedAddresses: [], ltiRegistrationBurst: 2, ltiRegistrationsPerHour: 1 },
  });
  try {
    const attempt = () => fetch(`${limited.lti!.registrationUrl}?openid_configuration=not-a-url`);
    assert.deepEqual([(await attempt()).status, (await attempt()).status], [400, 400]);
    const refused = await attempt();
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 3000, 'an hour for one more, less what has passed');
    assert.match(await refused.text(), /too many LTI registrations from 127\.0\.0\.1: at most 1 an hour/);
  } finally {
    await limited.close();
  }
});
