/**
 * The v2 frames a learner without the SDK exchanges with the host, uncompressed: what the load bench's lean
 * learners and the class-end bench send, and the tags of the messages they read. Byte 0 of a server frame is its
 * compression tag and byte 1 its message's tag, in `ServerMessage`'s order (host/src/protocol/messages.ts).
 */
import { BinaryReader } from 'spacetimedb';
import { encodeClientMessage, ServerMessage } from '@lta/host/protocol';
import { encodeArgs, subscriptionsOf, type Action } from './behaviour.js';

export const SERVER_TAG = {
  InitialConnection: 0,
  SubscribeApplied: 1,
  SubscriptionError: 3,
  TransactionUpdate: 4,
  OneOffQueryResult: 5,
  ReducerResult: 6,
} as const;

/** The `CallReducer` of one of a learner's calls. */
export function callFrame(requestId: number, action: Extract<Action, { kind: 'call' }>): Uint8Array {
  return encodeClientMessage({
    tag: 'CallReducer',
    value: { requestId, flags: 0, reducer: action.reducer, args: encodeArgs(action.reducer, action.args) },
  });
}

/** The `Subscribe` to what a learner's page watches. */
export function subscribeFrame(requestId: number, identityHex: string): Uint8Array {
  return encodeClientMessage({
    tag: 'Subscribe',
    value: { requestId, querySetId: { id: 1 }, queryStrings: subscriptionsOf(identityHex) },
  });
}

/** The learner's identity (hex) when `frame` is its `InitialConnection`, else null. */
export function initialIdentityOf(frame: Buffer): string | null {
  if (frame[1] !== SERVER_TAG.InitialConnection) return null;
  const message = ServerMessage.deserialize(
    new BinaryReader(new Uint8Array(frame.buffer, frame.byteOffset + 1, frame.byteLength - 1)),
  );
  return message.tag === 'InitialConnection' ? message.value.identity.toHexString() : null;
}
