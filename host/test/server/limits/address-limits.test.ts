/**
 * Per-address limits through real sockets: new identities and new WebSocket connections are token buckets (a burst,
 * then so many a minute) answered with 429 and Retry-After; connections held open are capped. The bucket's refill
 * is checked with a manual clock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../../src/index.js';
import { AddressRateLimit } from '../../../src/server/limits/address-limits.js';
import { RawClient } from '../raw-client.js';
import { startKitchenSink } from '../support.js';

describe('a host limiting every address', () => {
  let host: RunningHost;
  before(async () => {
    host = await startKitchenSink({
      limits: {
        unlimitedAddresses: [],
        identityBurst: 3,
        identitiesPerMinute: 1,
        connectionBurst: 3,
        connectionsPerMinute: 1,
        maxConnectionsPerAddress: 2,
      },
    });
  });
  after(() => host.close());

  test('POST /v1/identity: the burst is served, then 429 with Retry-After and a message naming the limit', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(`${host.url}/v1/identity`, { method: 'POST' });
      assert.equal(res.status, 200);
      assert.match(((await res.json()) as { identity: string }).identity, /^[0-9a-f]{64}$/);
    }
    const refused = await fetch(`${host.url}/v1/identity`, { method: 'POST' });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After says when to come back');
    assert.match(await refused.text(), /too many new identities from .*: at most 1 a minute \(after a burst of 3\)/);
  });

  test('an anonymous HTTP reducer call mints an identity too, so it counts against the same limit', async () => {
    const res = await fetch(`${host.url}/v1/database/${host.database}/call/add_score`, {
      method: 'POST',
      body: JSON.stringify(['http', 'anonymous', 1, 0]),
    });
    assert.equal(res.status, 429);
    assert.match(await res.text(), /too many new identities/);
  });

  test('WebSocket connections: at most 2 open at once, and at most the burst of 3 new ones', async () => {
    const first = await RawClient.connect(host.url, host.database);
    const second = await RawClient.connect(host.url, host.database);
    await first.next('InitialConnection');
    await assert.rejects(RawClient.connect(host.url, host.database), /HTTP 429/, 'a third open connection is refused');

    second.close();
    await second.closed;
    const third = await RawClient.connect(host.url, host.database);
    await third.next('InitialConnection');
    third.close();
    await third.closed;
    // Two open slots would be free again, but the three new connections of the burst are spent.
    await assert.rejects(RawClient.connect(host.url, host.database), /HTTP 429/);
    first.close();
  });
});

describe('a host behind a reverse proxy on the same machine (the defaults: loopback unlimited and trusted as a proxy)', () => {
  let host: RunningHost;
  before(async () => {
    host = await startKitchenSink({ limits: { identityBurst: 2, identitiesPerMinute: 1 } });
  });
  after(() => host.close());

  const createIdentity = (forwardedFor?: string) =>
    fetch(`${host.url}/v1/identity`, {
      method: 'POST',
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  test('each client the proxy names in X-Forwarded-For is limited on its own; what the client wrote before it is ignored', async () => {
    assert.equal((await createIdentity('203.0.113.7')).status, 200);
    assert.equal(
      (await createIdentity('198.51.100.1, 203.0.113.7')).status,
      200,
      'a forged first hop does not make a new client',
    );
    const refused = await createIdentity('203.0.113.7');
    assert.equal(refused.status, 429);
    assert.match(await refused.text(), /from 203\.0\.113\.7/);
    assert.equal((await createIdentity('203.0.113.8')).status, 200, 'another client is not held back');
  });

  test('requests from the machine itself, without a proxy, are not limited', async () => {
    for (let i = 0; i < 5; i += 1) assert.equal((await createIdentity()).status, 200);
  });
});

test('a token bucket refills at its rate and says how long to wait', () => {
  let now = 0;
  const bucket = new AddressRateLimit(6, 2, () => now); // one token every 10 s
  assert.equal(bucket.take('a'), 0);
  assert.equal(bucket.take('a'), 0);
  assert.equal(bucket.take('a'), 10);
  assert.equal(bucket.take('b'), 0, 'each address has its own bucket');
  now = 4_000;
  assert.equal(bucket.take('a'), 6);
  now = 10_000;
  assert.equal(bucket.take('a'), 0);
  now = 1_000_000;
  assert.equal(bucket.take('a'), 0);
  assert.equal(bucket.take('a'), 0);
  assert.equal(bucket.take('a'), 10, 'a long wait refills the burst, no more');
});

test('a take that must leave some tokens in the bucket is refused while only those are left', () => {
  let now = 0;
  const bucket = new AddressRateLimit(6, 4, () => now); // one token every 10 s, burst 4
  assert.equal(bucket.take('a', 2), 0);
  assert.equal(bucket.take('a', 2), 0);
  assert.equal(bucket.take('a', 2), 10, 'the last two are kept');
  assert.equal(bucket.take('a'), 0, 'an ordinary take still gets them');
  assert.equal(bucket.take('a'), 0);
  assert.equal(bucket.take('a'), 10);
  now = 30_000;
  assert.equal(bucket.take('a', 2), 0, 'three refilled: one may go');
  assert.equal(bucket.take('a', 2), 10);
});

test('a slow bucket is not forgotten, and so not refilled, before it could refill itself', () => {
  let now = 0;
  const bucket = new AddressRateLimit(1 / 60, 2, () => now); // one token an hour, burst 2
  assert.equal(bucket.take('a'), 0);
  assert.equal(bucket.take('a'), 0);
  assert.equal(bucket.take('a'), 3600);
  // Past the 10 minutes after which a bucket of a fast limit is full again and dropped from the table.
  now = 11 * 60_000;
  bucket.take('b');
  assert.equal(bucket.take('a'), 2940, 'still waiting: 49 minutes left');
  now = 3 * 3600_000;
  assert.equal(bucket.take('a'), 0);
});
