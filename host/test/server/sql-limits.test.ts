/** The SQL limits a host is started with apply to queries over WebSocket and HTTP alike. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RawClient } from './raw-client.js';
import { startKitchenSink } from './support.js';

test('startHost({ limits: { maxQueryBytes, maxNestingDepth } }) bounds query length and nesting over WebSocket and HTTP', async () => {
  const host = await startKitchenSink({ limits: { maxQueryBytes: 100, maxNestingDepth: 2 } });
  try {
    const client = await RawClient.connect(host.url, host.database);
    await client.next('InitialConnection');
    const long = `SELECT * FROM account WHERE ${Array.from({ length: 20 }, () => 'id = 1').join(' OR ')}`;
    client.send({ tag: 'Subscribe', value: { requestId: 1, querySetId: { id: 1 }, queryStrings: [long] } });
    assert.match((await client.next('SubscriptionError')).value.error, /query too long: \d+ bytes, the limit is 100/);
    client.send({
      tag: 'OneOffQuery',
      value: { requestId: 2, queryString: 'SELECT * FROM account WHERE (((id = 1)))' },
    });
    const deep = (await client.next('OneOffQueryResult')).value.result;
    assert.ok(deep.tag === 'Err' && /more than 2 levels/.test(deep.value), JSON.stringify(deep));
    client.send({
      tag: 'Subscribe',
      value: { requestId: 3, querySetId: { id: 2 }, queryStrings: ['SELECT * FROM account WHERE ((id = 1))'] },
    });
    assert.equal((await client.next('SubscribeApplied')).value.requestId, 3);
    client.close();
    const response = await fetch(`${host.url}/v1/database/${host.database}/sql`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.publisherToken}` },
      body: long,
    });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /the limit is 100/);
  } finally {
    await host.close();
  }
});

test('a limit that is not a positive integer is refused at start', async () => {
  await assert.rejects(
    startKitchenSink({ limits: { maxQueryBytes: 0 } }),
    /maxQueryBytes must be a positive number, got 0/,
  );
});
