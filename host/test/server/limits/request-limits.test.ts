/**
 * The caps on one request, through real sockets: a Subscribe naming too many queries, an answer over the size
 * limit (subscription or one-off query) are refused with an error naming the limit; the client stays connected
 * and nothing of the refused subscription is kept.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningHost } from '../../../src/index.js';
import { RawClient } from '../raw-client.js';
import { startKitchenSink } from '../support.js';

const MAX_QUERIES = 4;
const MAX_ANSWER = 4096;
/** An account row is 4 + 32 + 8 bytes of BSATN: this many are over the answer limit. */
const ACCOUNTS = 200;

let host: RunningHost;
let client: RawClient;
let nextRequest = 1;

function subscribeTo(querySetId: number, queryStrings: string[]) {
  const requestId = nextRequest++;
  client.send({ tag: 'Subscribe', value: { requestId, querySetId: { id: querySetId }, queryStrings } });
  return requestId;
}

before(async () => {
  host = await startKitchenSink({ limits: { maxQueriesPerSubscription: MAX_QUERIES, maxAnswerBytes: MAX_ANSWER } });
  client = await RawClient.connect(host.url, host.database);
  await client.next('InitialConnection');
  const args = new Uint8Array(12);
  new DataView(args.buffer).setUint32(0, ACCOUNTS, true);
  client.send({ tag: 'CallReducer', value: { requestId: 0, flags: 0, reducer: 'seed_accounts', args } });
  assert.equal((await client.next('ReducerResult')).value.result.tag, 'Ok');
});
after(async () => {
  client.close();
  await host.close();
});

test('a Subscribe naming more queries than allowed is refused with a SubscriptionError naming the limit', async () => {
  const queries = Array.from({ length: MAX_QUERIES + 1 }, () => 'SELECT * FROM score');
  const requestId = subscribeTo(1, queries);
  const error = await client.next('SubscriptionError');
  assert.equal(error.value.requestId, requestId);
  assert.match(
    error.value.error,
    new RegExp(`at most ${MAX_QUERIES} queries \\(maxQueriesPerSubscription\\), this one names ${MAX_QUERIES + 1}`),
  );

  // As many as allowed is fine, and the connection is still there.
  subscribeTo(1, queries.slice(0, MAX_QUERIES));
  assert.equal((await client.next('SubscribeApplied')).value.querySetId.id, 1);
});

test('a subscription whose rows are over the answer limit is refused and nothing of it is kept', async () => {
  const requestId = subscribeTo(2, ['SELECT * FROM account']);
  const error = await client.next('SubscriptionError');
  assert.equal(error.value.requestId, requestId);
  assert.match(error.value.error, /over the host's limit of 4 KiB \(maxAnswerBytes\).*SELECT \* FROM account/);

  // Each query alone fits, together they do not: the first one's subscription is undone too.
  const half = `SELECT * FROM account WHERE id < ${ACCOUNTS / 2}`;
  subscribeTo(3, [half, 'SELECT * FROM score', half]);
  assert.match((await client.next('SubscriptionError')).value.error, /maxAnswerBytes/);

  // A change to accounts reaches the client by no refused subscription: its own call's update is empty.
  const args = new Uint8Array(12);
  new DataView(args.buffer).setUint32(0, ACCOUNTS + 1, true);
  client.send({ tag: 'CallReducer', value: { requestId: 99, flags: 0, reducer: 'open_account', args } });
  const result = await client.next('ReducerResult', (m) => m.value.requestId === 99);
  assert.equal(result.value.result.tag, 'Ok');
  if (result.value.result.tag === 'Ok') {
    const tables = result.value.result.value.transactionUpdate.querySets.flatMap((q) =>
      q.tables.map((t) => t.tableName),
    );
    assert.deepEqual(tables, [], 'no refused subscription gets updates');
  }

  // The same query reusing a refused query set id is accepted when it fits.
  subscribeTo(2, [`SELECT * FROM account WHERE id < 10`]);
  assert.equal((await client.next('SubscribeApplied')).value.querySetId.id, 2);
});

test('a one-off query whose answer is over the limit gets an error naming it; a small one is answered', async () => {
  client.send({ tag: 'OneOffQuery', value: { requestId: 500, queryString: 'SELECT * FROM account' } });
  const big = await client.next('OneOffQueryResult');
  assert.equal(big.value.result.tag, 'Err');
  assert.match(String(big.value.result.value), /maxAnswerBytes/);

  client.send({ tag: 'OneOffQuery', value: { requestId: 501, queryString: 'SELECT * FROM account WHERE id = 1' } });
  const small = await client.next('OneOffQueryResult');
  assert.equal(small.value.result.tag, 'Ok');
});
