/** Identity routes, CORS, tokens across restarts, other issuers, static files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { identityFromClaims, identityToHex } from '../../src/identity/identity.js';
import { RawClient } from './raw-client.js';
import { connect, startKitchenSink, subscribe } from './support.js';

test('POST /v1/identity mints an identity whose token proves it; websocket-token needs a valid token', async () => {
  const host = await startKitchenSink();
  try {
    const created = await fetch(`${host.url}/v1/identity`, { method: 'POST' });
    assert.equal(created.status, 200);
    const { identity, token } = (await created.json()) as { identity: string; token: string };
    assert.match(identity, /^c200[0-9a-f]{60}$/);
    assert.equal(decodeJwt(token)['hex_identity'], identity);

    const none = await fetch(`${host.url}/v1/identity/websocket-token`, { method: 'POST' });
    assert.equal(none.status, 401);
    const forged = await fetch(`${host.url}/v1/identity/websocket-token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` },
    });
    assert.equal(forged.status, 401);
    const short = await fetch(`${host.url}/v1/identity/websocket-token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(short.status, 200);
    const shortToken = ((await short.json()) as { token: string }).token;
    assert.equal(decodeJwt(shortToken)['hex_identity'], identity);
    assert.equal(typeof decodeJwt(shortToken).exp, 'number');

    const verify = await fetch(`${host.url}/v1/identity/${identity}/verify`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(verify.status, 204);
  } finally {
    await host.close();
  }
});

test('browser pages on other origins pass CORS preflight', async () => {
  const host = await startKitchenSink();
  try {
    const preflight = await fetch(`${host.url}/v1/identity/websocket-token`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://course.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/);
    const created = await fetch(`${host.url}/v1/identity`, {
      method: 'POST',
      headers: { origin: 'https://course.example' },
    });
    assert.equal(created.headers.get('access-control-allow-origin'), '*');
  } finally {
    await host.close();
  }
});

test('a saved token keeps its identity, and committed rows stay, across a host restart with the same data directory', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-host-'));
  try {
    const first = await startKitchenSink({ dataDir });
    const a = await connect(first);
    await a.conn.reducers.addScore({ game: 'durable', player: 'a', points: 42, level: 0 });
    a.conn.disconnect();
    await first.close();
    const second = await startKitchenSink({ dataDir });
    assert.equal(second.publisherToken, first.publisherToken, 'the publisher stays the owner');
    const b = await connect(second, a.token);
    assert.equal(b.identity.toHexString(), a.identity.toHexString());
    await subscribe(b.conn, ["SELECT * FROM score WHERE game = 'durable'"]);
    assert.deepEqual(
      [...b.conn.db.score.iter()].map((s) => s.points),
      [42],
    );
    b.conn.disconnect();
    await second.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test("another issuer's users sign in when its key is configured; unknown issuers and bad tokens get 401", async () => {
  const lms = await generateKeyPair('ES256', { extractable: true });
  const stranger = await generateKeyPair('ES256');
  const host = await startKitchenSink({
    trustedIssuers: [{ issuer: 'https://lms.example', publicKey: await exportSPKI(lms.publicKey) }],
  });
  const sign = (key: Parameters<SignJWT['sign']>[0], iss: string) =>
    new SignJWT({ sub: 'student-7', name: 'Ada' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(iss)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
  try {
    const student = await connect(host, await sign(lms.privateKey, 'https://lms.example'));
    assert.equal(student.identity.toHexString(), identityToHex(identityFromClaims('https://lms.example', 'student-7')));
    student.conn.disconnect();
    for (const token of [
      await sign(stranger.privateKey, 'https://lms.example'),
      await sign(stranger.privateKey, 'https://elsewhere'),
      'garbage',
    ]) {
      const res = await fetch(`${host.url}/v1/identity/websocket-token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.status, 401);
      await assert.rejects(RawClient.connect(host.url, host.database, { token }), /HTTP 401/);
    }
  } finally {
    await host.close();
  }
});

test('the database HTTP API, /health and /metrics share the port', async () => {
  const host = await startKitchenSink();
  try {
    assert.equal((await fetch(`${host.url}/health`)).status, 200);
    const metrics = await fetch(`${host.url}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /# TYPE/);
    const schema = await fetch(`${host.url}/v1/database/${host.database}/schema?version=9`);
    assert.equal(schema.status, 200);
  } finally {
    await host.close();
  }
});

test('the subscribe route refuses unknown databases, protocols and connection ids', async () => {
  const host = await startKitchenSink();
  try {
    await assert.rejects(RawClient.connect(host.url, 'nope'), /HTTP 404/);
    await assert.rejects(
      RawClient.connect(host.url, host.database, { protocols: ['v1.json.spacetimedb'] }),
      /HTTP 400/,
    );
    await assert.rejects(RawClient.connect(host.url, host.database, { compression: 'Zstd' as 'None' }), /HTTP 400/);
  } finally {
    await host.close();
  }
});

test('a static folder is served from the same origin, without escaping it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lta-static-'));
  await mkdir(join(dir, 'site'));
  await writeFile(join(dir, 'site', 'index.html'), '<h1>course</h1>');
  await writeFile(join(dir, 'secret.txt'), 'no');
  const host = await startKitchenSink({ staticDir: join(dir, 'site') });
  try {
    const page = await fetch(`${host.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(await page.text(), '<h1>course</h1>');
    assert.equal((await fetch(`${host.url}/..%2fsecret.txt`)).status, 404);
    assert.equal((await fetch(`${host.url}/missing.js`)).status, 404);
  } finally {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
});
