/**
 * Fair turns: a client pipelining thousands of calls is handled one message per turn like everyone else, so an
 * ordinary client's call is answered long before the flood is done. Order is read from the rows' autoInc ids
 * (the order the host ran the reducers), never from the clock.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BinaryWriter } from 'spacetimedb';
import type { RunningHost } from '../../../src/index.js';
import { RawClient } from '../raw-client.js';
import { connect, startKitchenSink, subscribe } from '../support.js';

const FLOOD = 10_000;
/** Each call carries this much, so the flood is megabytes: many socket reads' worth for the host. */
const PLAYER = 'f'.repeat(100);

let host: RunningHost;
before(async () => {
  host = await startKitchenSink();
});
after(() => host.close());

function addScore(requestId: number, game: string, points: number) {
  const w = new BinaryWriter(160);
  w.writeString(game);
  w.writeString(PLAYER);
  w.writeI32(points);
  w.writeU8(0);
  return {
    tag: 'CallReducer' as const,
    value: { requestId, flags: 0, reducer: 'add_score', args: w.getBuffer().slice() },
  };
}

test('an ordinary call is answered before a flooding client’s pipelined calls are all handled', async () => {
  const ordinary = await connect(host);
  const flooder = await RawClient.connect(host.url, host.database);
  await flooder.next('InitialConnection');

  for (let i = 0; i < FLOOD; i += 1) flooder.send(addScore(i, 'flood', i));
  // The host is working through the flood when the ordinary call arrives.
  await flooder.next('ReducerResult', (m) => m.value.requestId === 0);
  await ordinary.conn.reducers.addScore({ game: 'ordinary', player: 'o', points: 0, level: 0 });

  const last = await flooder.next('ReducerResult', (m) => m.value.requestId === FLOOD - 1);
  assert.equal(last.value.result.tag, 'Ok', 'every flood call was still handled');
  await subscribe(ordinary.conn, ['SELECT * FROM score']);
  const rows = [...ordinary.conn.db.score.iter()];
  assert.equal(rows.length, FLOOD + 1);
  const ordinaryId = rows.find((r) => r.game === 'ordinary')!.scoreId;
  const floodBefore = rows.filter((r) => r.game === 'flood' && r.scoreId < ordinaryId).length;
  assert.ok(floodBefore < FLOOD / 4, `${floodBefore} of the ${FLOOD} flood calls ran before the ordinary call`);
  ordinary.conn.disconnect();
  flooder.close();
});

test('a flooding client’s own calls stay in order', async () => {
  const flooder = await RawClient.connect(host.url, host.database);
  await flooder.next('InitialConnection');
  const count = 2000;
  for (let i = 0; i < count; i += 1) flooder.send(addScore(i, 'order', i));
  for (let i = 0; i < count; i += 1) assert.equal((await flooder.next('ReducerResult')).value.requestId, i);
  flooder.close();
});
