/** The strict client-message decoder: what the SDK sends decodes as the SDK itself reads it; anything else is refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BinaryReader } from 'spacetimedb';
import { encodeClientMessage } from '../../src/protocol/codec.js';
import { decodeClientMessages, MalformedMessageError } from '../../src/protocol/decode-client-message.js';
import { ClientMessage } from '../../src/protocol/messages.js';

const EVERY_KIND: ClientMessage[] = [
  {
    tag: 'Subscribe',
    value: { requestId: 1, querySetId: { id: 2 }, queryStrings: ['SELECT * FROM a', "SELECT * FROM b WHERE x = 'é'"] },
  },
  { tag: 'Subscribe', value: { requestId: 0, querySetId: { id: 0 }, queryStrings: [] } },
  { tag: 'Unsubscribe', value: { requestId: 3, querySetId: { id: 4 }, flags: { tag: 'Default' } } },
  { tag: 'Unsubscribe', value: { requestId: 5, querySetId: { id: 6 }, flags: { tag: 'SendDroppedRows' } } },
  { tag: 'OneOffQuery', value: { requestId: 7, queryString: 'SELECT * FROM a' } },
  {
    tag: 'CallReducer',
    value: { requestId: 4_000_000_000, flags: 0, reducer: 'dépôt_😀', args: new Uint8Array([9, 8, 7]) },
  },
  { tag: 'CallProcedure', value: { requestId: 8, flags: 0, procedure: 'p', args: new Uint8Array() } },
];

test('every client message kind decodes exactly as the SDK decodes it', () => {
  for (const message of EVERY_KIND) {
    const bytes = encodeClientMessage(message);
    const sdk = ClientMessage.deserialize(new BinaryReader(bytes));
    assert.deepEqual(decodeClientMessages(bytes, false), [sdk], message.tag);
  }
});

test('a v3 batch decodes every message in order', () => {
  const frame = new Uint8Array(EVERY_KIND.flatMap((m) => [...encodeClientMessage(m)]));
  assert.deepEqual(
    decodeClientMessages(frame, true).map((m) => m.tag),
    EVERY_KIND.map((m) => m.tag),
  );
});

test('every truncation of every kind is refused, never half decoded', () => {
  for (const message of EVERY_KIND) {
    const bytes = encodeClientMessage(message);
    for (let cut = 0; cut < bytes.length; cut++) {
      assert.throws(
        () => decodeClientMessages(bytes.subarray(0, cut), false),
        MalformedMessageError,
        `${message.tag} cut at ${cut}`,
      );
      assert.throws(
        () => decodeClientMessages(bytes.subarray(0, cut), true),
        MalformedMessageError,
        `${message.tag} cut at ${cut} (v3)`,
      );
    }
  }
});

test('inputs that once crashed the host are refused with a reason', () => {
  // Issue #11: an unknown ClientMessage tag alone.
  assert.throws(() => decodeClientMessages(new Uint8Array([0x07]), false), /unknown ClientMessage tag 7/);
  // A valid message followed by one more byte >= 5 in a v3 batch.
  const call = encodeClientMessage(EVERY_KIND[5]!);
  assert.throws(() => decodeClientMessages(new Uint8Array([...call, 5]), true), /unknown ClientMessage tag 5/);
  assert.throws(() => decodeClientMessages(new Uint8Array([...call, 0xff]), true), /unknown ClientMessage tag 255/);
  // Unsubscribe with an unknown flags tag.
  assert.throws(
    () => decodeClientMessages(new Uint8Array([1, 9, 0, 0, 0, 1, 0, 0, 0, 2]), false),
    /unknown UnsubscribeFlags tag 2/,
  );
});

test("call flags other than 0 are refused with SpacetimeDB's text", () => {
  const reducerCall = encodeClientMessage(EVERY_KIND[5]!);
  reducerCall[5] = 3; // tag (1 byte) and request id (4 bytes), then the flags byte
  assert.throws(() => decodeClientMessages(reducerCall, false), {
    name: 'MalformedMessageError',
    message: 'invalid call reducer flag 3',
  });
  const procedureCall = encodeClientMessage(EVERY_KIND[6]!);
  procedureCall[5] = 1;
  assert.throws(() => decodeClientMessages(procedureCall, false), { message: 'invalid call procedure flag 1' });
});

test('lengths and counts past the end, trailing bytes and bad UTF-8 are refused', () => {
  // Subscribe claiming 2^32-1 query strings in a 13-byte frame: refused before allocating anything.
  assert.throws(
    () => decodeClientMessages(new Uint8Array([0, 1, 0, 0, 0, 1, 0, 0, 0, 255, 255, 255, 255]), false),
    /query string runs past the end/,
  );
  // OneOffQuery whose string length is 2^32-1.
  assert.throws(
    () => decodeClientMessages(new Uint8Array([2, 1, 0, 0, 0, 255, 255, 255, 255, 65]), false),
    /runs past the end/,
  );
  const query = encodeClientMessage(EVERY_KIND[4]!);
  assert.throws(() => decodeClientMessages(new Uint8Array([...query, 0]), false), /1 trailing bytes/);
  assert.throws(
    () => decodeClientMessages(new Uint8Array([2, 1, 0, 0, 0, 2, 0, 0, 0, 0xc3, 0x28]), false),
    /not valid UTF-8/,
  );
  assert.throws(() => decodeClientMessages(new Uint8Array(), false), /empty message/);
  assert.throws(() => decodeClientMessages(new Uint8Array(), true), /at least one/);
});
