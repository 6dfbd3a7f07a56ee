import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Identity, ConnectionId, Timestamp } from 'spacetimedb';
import {
  decodeClientFrame,
  decodeServerMessage,
  encodeClientMessage,
  encodeServerMessage,
  MalformedMessageError,
  V2_PROTOCOL,
  V3_PROTOCOL,
} from '../../src/protocol/codec.js';
import {
  frameServerPayload,
  frameServerPayloads,
  parseCompression,
  unframeServerPayload,
} from '../../src/protocol/compression.js';

const callReducer = {
  tag: 'CallReducer' as const,
  value: { requestId: 7, flags: 0, reducer: 'add_item', args: new Uint8Array([1, 2, 3]) },
};

test('a v2 frame holds exactly one client message', () => {
  const bytes = encodeClientMessage(callReducer);
  assert.deepEqual(decodeClientFrame(bytes, V2_PROTOCOL), [callReducer]);
  const two = new Uint8Array([...bytes, ...bytes]);
  assert.throws(() => decodeClientFrame(two, V2_PROTOCOL), /trailing bytes/);
});

test('a v3 frame may batch several client messages', () => {
  const subscribe = {
    tag: 'Subscribe' as const,
    value: { requestId: 1, querySetId: { id: 0 }, queryStrings: ['SELECT * FROM person'] },
  };
  const frame = new Uint8Array([...encodeClientMessage(subscribe), ...encodeClientMessage(callReducer)]);
  assert.deepEqual(decodeClientFrame(frame, V3_PROTOCOL), [subscribe, callReducer]);
});

test('garbage and empty frames are refused with a MalformedMessageError', () => {
  assert.throws(() => decodeClientFrame(new Uint8Array([99, 1, 2]), V2_PROTOCOL), MalformedMessageError);
  assert.throws(() => decodeClientFrame(new Uint8Array([3, 1]), V2_PROTOCOL), MalformedMessageError);
  assert.throws(() => decodeClientFrame(new Uint8Array(), V3_PROTOCOL), /at least one/);
});

test('a CallReducer frame decodes as the generic decoder does, with its own copy of the args', () => {
  for (const reducer of ['transfer', '', 'dépôt_😀']) {
    const message = {
      tag: 'CallReducer' as const,
      value: { requestId: 4_000_000_000, flags: 0, reducer, args: new Uint8Array([9, 8, 7]) },
    };
    const bytes = encodeClientMessage(message);
    const [decoded] = decodeClientFrame(bytes, V2_PROTOCOL);
    assert.deepEqual(decoded, message);
    bytes[bytes.length - 1] = 0;
    assert.deepEqual(
      decoded!.tag === 'CallReducer' && [...decoded.value.args],
      [9, 8, 7],
      'args must not alias the frame',
    );
    for (let cut = 1; cut < bytes.length; cut++) {
      assert.throws(
        () => decodeClientFrame(bytes.subarray(0, cut), V2_PROTOCOL),
        MalformedMessageError,
        `cut at ${cut}`,
      );
    }
  }
});

test('server messages round-trip with identities, connection ids and timestamps', () => {
  const message = {
    tag: 'InitialConnection' as const,
    value: {
      identity: new Identity(0xc200n << 240n),
      connectionId: new ConnectionId(0x1234n),
      token: 'tok',
    },
  };
  const decoded = decodeServerMessage(encodeServerMessage(message));
  assert.equal(decoded.tag, 'InitialConnection');
  assert.ok(decoded.tag === 'InitialConnection' && decoded.value.identity.isEqual(message.value.identity));
  const result = {
    tag: 'ReducerResult' as const,
    value: {
      requestId: 3,
      timestamp: new Timestamp(5n),
      result: { tag: 'InternalError' as const, value: 'no such reducer' },
    },
  };
  assert.deepEqual(decodeServerMessage(encodeServerMessage(result)), result);
});

test('small payloads go uncompressed; large ones use the algorithm the client asked for', () => {
  const small = new Uint8Array(100).fill(7);
  const large = new Uint8Array(5000).fill(7);
  assert.equal(frameServerPayload(small, 'Gzip')[0], 0);
  for (const [algorithm, tag] of [
    ['Gzip', 2],
    ['Brotli', 1],
    ['None', 0],
  ] as const) {
    const frame = frameServerPayload(large, algorithm);
    assert.equal(frame[0], tag);
    assert.deepEqual(unframeServerPayload(frame), large);
  }
  assert.ok(frameServerPayload(large, 'Gzip').length < 200);
});

test('the compression parameter accepts exactly the SDK spellings and defaults to Brotli', () => {
  assert.equal(parseCompression('Gzip'), 'Gzip');
  assert.equal(parseCompression(null), 'Brotli');
  assert.throws(() => parseCompression('zstd'), /unknown compression/);
});

test('several payloads share one frame (v3), compressed together once they are large', () => {
  const a = new Uint8Array([1, 2]);
  const b = new Uint8Array([3]);
  assert.deepEqual([...frameServerPayloads([a, b], 'Gzip')], [0, 1, 2, 3]);
  const big = new Uint8Array(800).fill(9);
  const frame = frameServerPayloads([big, big], 'Gzip');
  assert.equal(frame[0], 2);
  assert.deepEqual(unframeServerPayload(frame), new Uint8Array(1600).fill(9));
});
