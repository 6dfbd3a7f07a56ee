/** The rule for the URLs a dynamic registration makes the host fetch (addresses and `localhost`: no DNS in tests). */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { PlatformUrls } from '../../src/lti/platform-urls.js';

test('an academy on a public address fetches https URLs at public addresses only', async () => {
  const urls = new PlatformUrls('https://93.184.215.14');
  assert.equal((await urls.check('https://93.184.216.34/jwks', 'JWKS URL')).host, '93.184.216.34');
  assert.equal((await urls.check('https://[2606:2800:21f::1]/jwks', 'JWKS URL')).host, '[2606:2800:21f::1]');
  for (const url of [
    'https://10.1.2.3/x',
    'https://172.20.0.1/x',
    'https://192.168.1.1/x',
    'https://100.64.0.1/x',
    'https://0.0.0.0/x',
    'https://[::1]/x',
    'https://[::ffff:127.0.0.1]/x',
    'https://[fe80::1]/x',
    'https://203.0.113.9/x',
    'https://[2001:db8::1]/x',
  ])
    await assert.rejects(urls.check(url, 'JWKS URL'), /does not resolve to a public address/, url);
  await assert.rejects(urls.check('http://93.184.216.34/jwks', 'JWKS URL'), /must use https/);
  await assert.rejects(urls.check('file:///etc/passwd', 'JWKS URL'), /not an http\(s\) URL/);
});

test('an academy on a private network may register LMSs on that network, over http too', async () => {
  for (const tool of ['http://127.0.0.1:3000', 'http://10.0.0.5', 'http://[::1]:3000']) {
    const urls = new PlatformUrls(tool);
    assert.ok(await urls.check('http://10.0.0.9/.well-known/openid-configuration', 'configuration URL'), tool);
    await assert.rejects(urls.check('gopher://10.0.0.9/', 'configuration URL'), /not an http\(s\) URL/);
  }
});

test("a launch's line item and roster on the academy's network are dropped for a platform anyone registered", async () => {
  const urls = new PlatformUrls('https://93.184.215.14');
  const target = { platformIssuer: 'https://lms.example', clientId: 'tool', userId: 'u1' };
  const services = {
    grade: { identityHex: 'c2', labId: 'intro', target: { ...target, lineItem: 'https://10.0.0.5/admin/delete' } },
    roster: { cohort: 'lti:x', source: { ...target, membershipsUrl: 'https://93.184.216.34/courses/1/memberships' } },
  };
  const dropped: string[] = [];
  const kept = await urls.reachable(services, false, (service) => dropped.push(service));
  assert.deepEqual(kept, { roster: services.roster });
  assert.deepEqual(dropped, ['line item URL']);
  assert.equal(await urls.reachable(services, true, () => assert.fail('nothing dropped')), services);
});

/** A server on loopback that counts the requests reaching it. */
async function countingServer(): Promise<{ port: number; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('a public academy connects to nothing on its own network for a registered platform, whatever a name resolves to now', async () => {
  const server = await countingServer();
  try {
    const urls = new PlatformUrls('https://93.184.215.14');
    // Checked where the connection is made, so a name that resolved to a public address when the platform
    // registered (DNS rebinding) or a redirect gets no further than an address written in the URL.
    for (const url of [
      `http://127.0.0.1:${server.port}/jwks`,
      `http://localhost:${server.port}/jwks`,
      `http://[::ffff:127.0.0.1]:${server.port}/jwks`,
      `https://localhost:${server.port}/token`,
    ]) {
      const refused = await urls.fetch(url).then(
        () => assert.fail(`${url} was fetched`),
        (err: Error) => err,
      );
      assert.match(String((refused.cause as Error | undefined)?.message), /is not a public address/, url);
    }
    assert.equal(server.requests(), 0);
  } finally {
    await server.close();
  }
});

test('a private academy fetches from its network', async () => {
  const server = await countingServer();
  try {
    const answer = await new PlatformUrls('http://127.0.0.1:3000').fetch(`http://localhost:${server.port}/jwks`);
    assert.equal(answer.status, 200);
    assert.equal(server.requests(), 1);
  } finally {
    await server.close();
  }
});
