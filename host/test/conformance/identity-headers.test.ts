/**
 * Every answer under `/v1/database/:name` hands the caller's identity over in `spacetime-identity` and
 * `spacetime-identity-token`, as SpacetimeDB's `anon_auth_middleware` does (crates/client-api/src/auth.rs, applied
 * as a `route_layer` in crates/client-api/src/routes/database.rs): the token's own identity and the token as sent,
 * or a new identity for a caller without one; not the module's `/route`s (they bypass it) nor a 405 (axum answers it
 * before a route layer runs). A route that only hands a new identity over never spends the identities an address
 * needs to act (`POST /v1/identity`, an anonymous `/call` or `/sql`): such routes cannot exhaust or bypass the
 * per-address identity limit.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../src/index.js';
import { startConformanceHost } from './support.js';

let host: RunningHost;
let ownerIdentity: string;
before(async () => {
  // Each test is a client of its own behind the local proxy (X-Forwarded-For), limited to 4 new identities.
  host = await startConformanceHost('http-routes', { limits: { identityBurst: 4, identitiesPerMinute: 1 } });
  const info = await fetch(`${host.url}/v1/database/${host.database}`, { headers: bearer(host.publisherToken) });
  ownerIdentity = info.headers.get('spacetime-identity')!;
});
after(() => host.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const api = (path: string, init: RequestInit = {}) => fetch(`${host.url}/v1/database/${host.database}${path}`, init);
const from = (address: string) => ({ 'x-forwarded-for': address });
const handed = (answer: Response) => ({
  identity: answer.headers.get('spacetime-identity'),
  token: answer.headers.get('spacetime-identity-token'),
});

/** Every route of the database API that answers without side effects, and a few refusals. */
const READS: [string, RequestInit?][] = [
  [''],
  ['/names'],
  ['/identity'],
  ['/schema?version=9'],
  ['/schema?version=10'],
  ['/schema'], // 400: no version
  ['/logs'],
  ['/sql', { method: 'POST', body: 'SELECT * FROM note' }],
  ['/call/no_such_function', { method: 'POST', body: '[]' }], // 404
];

test('a caller with a token gets its own identity and token back on every database route, refusals included', async () => {
  for (const [path, init] of READS) {
    const answer = await api(path, { ...init, headers: bearer(host.publisherToken) });
    assert.deepEqual(handed(answer), { identity: ownerIdentity, token: host.publisherToken }, `${path}`);
  }
  // The middleware runs before the database is resolved: "No such database." carries them too.
  const unknown = await fetch(`${host.url}/v1/database/nowhere/names`, { headers: bearer(host.publisherToken) });
  assert.equal(unknown.status, 404);
  assert.equal(handed(unknown).identity, ownerIdentity);
  assert.match(ownerIdentity, /^[0-9a-f]{64}$/);
});

test('no identity headers on a module route or on a method the route lacks', async () => {
  const route = await api('/route/request', { headers: bearer(host.publisherToken) });
  assert.equal(route.status, 201);
  assert.deepEqual(handed(route), { identity: null, token: null });
  const wrongMethod = await api('/names', { method: 'DELETE', headers: bearer(host.publisherToken) });
  assert.equal(wrongMethod.status, 405);
  assert.deepEqual(handed(wrongMethod), { identity: null, token: null });
});

test('a caller without a token gets a new identity whose token works, on a route that only reads', async () => {
  const answer = await api('/names', { headers: from('198.51.100.1') });
  assert.equal(answer.status, 200);
  const { identity, token } = handed(answer);
  assert.match(identity ?? '', /^[0-9a-f]{64}$/);
  const verified = await fetch(`${host.url}/v1/identity/${identity}/verify`, { headers: bearer(token!) });
  assert.equal(verified.status, 204, 'the token proves that identity');
  // Owner-only routes refuse it by that identity, in SpacetimeDB's words.
  const logs = await api('/logs', { headers: from('198.51.100.2') });
  assert.equal(logs.status, 403);
  const database = await (await api('/identity')).text();
  assert.equal(
    await logs.text(),
    `${handed(logs).identity} is not authorized to perform action on database ${database}: view module logs`,
  );
});

test('hammering a reading route never refuses it and never spends the identities kept for callers that need one', async () => {
  const address = from('198.51.100.3');
  const minted: string[] = [];
  for (let i = 0; i < 30; i += 1) {
    const answer = await api('/schema?version=9', { headers: address });
    assert.equal(answer.status, 200, 'SpacetimeDB serves it: no 429');
    const { identity } = handed(answer);
    if (identity !== null) minted.push(identity);
  }
  // Half the burst of 4 may be handed over unasked, the other half is kept.
  assert.equal(minted.length, 2);
  for (let i = 0; i < 2; i += 1) {
    const created = await fetch(`${host.url}/v1/identity`, { method: 'POST', headers: address });
    assert.equal(created.status, 200, 'the kept identities are still there for POST /v1/identity');
  }
  // The limit itself holds: 4 new identities in all, then 429 for a caller that needs one.
  assert.equal((await fetch(`${host.url}/v1/identity`, { method: 'POST', headers: address })).status, 429);
  const sql = await api('/sql', { method: 'POST', body: 'SELECT * FROM note', headers: address });
  assert.equal(sql.status, 429, 'an anonymous /sql acts as its new identity, so it needs one');
  const schema = await api('/schema?version=9', { headers: address });
  assert.equal(schema.status, 200);
  assert.deepEqual(handed(schema), { identity: null, token: null }, 'answered without an identity');
});

test('an anonymous /sql or /call acts as its new identity and hands it over', async () => {
  const answer = await api('/sql', { method: 'POST', body: 'SELECT * FROM note', headers: from('198.51.100.4') });
  assert.equal(answer.status, 200, await answer.clone().text());
  assert.match(handed(answer).identity ?? '', /^[0-9a-f]{64}$/);
});
