/**
 * Messages assembled from shared pieces carry exactly the bytes of encoding each message whole, and frames built
 * around the spare byte are what the client would otherwise get.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timestamp } from 'spacetimedb';
import { encodeServerMessage } from '../../src/protocol/codec.js';
import {
  COMPRESSION_THRESHOLD,
  frameServerPayload,
  frameWithSpareByte,
  unframeServerPayload,
} from '../../src/protocol/compression.js';
import type { QuerySetUpdate } from '../../src/protocol/messages.js';
import { TransactionEncoder } from '../../src/protocol/shared-encoding.js';
import { toRowList } from '../../src/server/row-lists.js';
import { seededRandom } from '../seeded-random.js';

type Rows = QuerySetUpdate['tables'][number]['rows'][number];

/** The bytes alone (the encoder's buffers are Node Buffers, which deepEqual tells apart from Uint8Arrays). */
const plain = (bytes: Uint8Array) => new Uint8Array(bytes);

function randomDeltas(next: () => number): Rows[] {
  const row = () =>
    Uint8Array.from({ length: 1 + Math.floor(next() * (next() < 0.5 ? 4 : 300)) }, () => Math.floor(next() * 256));
  const rows = () => Array.from({ length: Math.floor(next() * 5) }, row);
  const fixed = () =>
    Array.from({ length: 1 + Math.floor(next() * 3) }, () => new Uint8Array(8).fill(Math.floor(next() * 256)));
  return Array.from({ length: 6 }, (): Rows =>
    next() < 0.2
      ? { tag: 'EventTable', value: { events: toRowList(rows()) } }
      : {
          tag: 'PersistentTable',
          value: { inserts: toRowList(next() < 0.3 ? fixed() : rows()), deletes: toRowList(rows()) },
        },
  );
}

/** Query sets that share delta objects between them, as a transaction's subscribers do. */
function randomQuerySets(next: () => number, deltas: readonly Rows[]): QuerySetUpdate[] {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: Math.floor(next() * 4) }, () => ({
    querySetId: { id: Math.floor(next() * 2 ** 32) },
    tables: Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
      tableName: pick(['chat_message', 'learner_name', 'présence', 'x']),
      rows: Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(deltas)),
    })),
  }));
}

test('assembled TransactionUpdate and ReducerResult equal whole encodings, over 300 random transactions', () => {
  const next = seededRandom(5);
  for (let transaction = 0; transaction < 300; transaction++) {
    const encoder = new TransactionEncoder();
    const deltas = randomDeltas(next);
    for (let subscriber = 0; subscriber < 5; subscriber++) {
      const querySets = randomQuerySets(next, deltas);
      const update = encoder.transactionUpdate(querySets);
      assert.equal(update[0], 0, 'the spare byte is the uncompressed frame byte');
      assert.deepEqual(
        plain(update.subarray(1)),
        encodeServerMessage({ tag: 'TransactionUpdate', value: { querySets } }),
      );
      const requestId = Math.floor(next() * 2 ** 32);
      const micros = BigInt(Math.floor(next() * 2 ** 52));
      const result = encoder.reducerResult(requestId, micros, querySets);
      const whole = encodeServerMessage({
        tag: 'ReducerResult',
        value: {
          requestId,
          timestamp: new Timestamp(micros),
          result: { tag: 'Ok', value: { retValue: new Uint8Array(), transactionUpdate: { querySets } } },
        },
      });
      assert.deepEqual(plain(result.subarray(1)), whole);
    }
  }
});

test('a frame around the spare byte is the buffer itself uncompressed, else the compressed payload', () => {
  const encoder = new TransactionEncoder();
  const big: Rows = {
    tag: 'EventTable',
    value: { events: toRowList([new Uint8Array(COMPRESSION_THRESHOLD + 10).fill(7)]) },
  };
  const querySets = [{ querySetId: { id: 1 }, tables: [{ tableName: 't', rows: [big] }] }];
  const buffer = encoder.transactionUpdate(querySets);
  const payload = buffer.subarray(1);
  assert.equal(frameWithSpareByte(buffer, 'None'), buffer);
  assert.deepEqual(plain(frameWithSpareByte(buffer, 'None')), frameServerPayload(payload, 'None'));
  const gzip = frameWithSpareByte(buffer, 'Gzip');
  assert.equal(gzip[0], 2, 'a large payload is compressed as the client asked');
  assert.deepEqual(unframeServerPayload(gzip), plain(payload));
  const small = encoder.transactionUpdate([]);
  assert.equal(frameWithSpareByte(small, 'Brotli'), small, 'a small payload stays uncompressed whatever was asked');
});
