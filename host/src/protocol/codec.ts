/**
 * Turning protocol messages into bytes and back, for both negotiated framings:
 * v2 carries one message per WebSocket frame; v3 carries one or more v2 messages back to back in a frame.
 */
import { BinaryReader, BinaryWriter } from 'spacetimedb';
import { decodeClientMessages, MalformedMessageError } from './decode-client-message.js';
import { ClientMessage, ServerMessage } from './messages.js';

/** The subprotocols the host speaks, in the order it prefers them (the real server prefers v3). */
export const V3_PROTOCOL = 'v3.bsatn.spacetimedb';
export const V2_PROTOCOL = 'v2.bsatn.spacetimedb';
export type WireProtocol = typeof V2_PROTOCOL | typeof V3_PROTOCOL;

export { MalformedMessageError };

/** Decodes one client frame into its messages (exactly one for v2, one or more for v3); strict, see decodeClientMessages. */
export function decodeClientFrame(frame: Uint8Array, protocol: WireProtocol): ClientMessage[] {
  return decodeClientMessages(frame, protocol === V3_PROTOCOL);
}

const writer = new BinaryWriter(64 * 1024);

/** Encodes one server message as its own copy of the bytes (the shared writer is reused). */
export function encodeServerMessage(message: ServerMessage): Uint8Array {
  writer.clear();
  ServerMessage.serialize(writer, message);
  return writer.getBuffer().slice();
}

/** Encodes one client message (tests and benchmarks play clients). */
export function encodeClientMessage(message: ClientMessage): Uint8Array {
  const w = new BinaryWriter(256);
  ClientMessage.serialize(w, message);
  return w.getBuffer().slice();
}

/** Decodes one server message (tests and benchmarks play clients). */
export function decodeServerMessage(bytes: Uint8Array): ServerMessage {
  return ServerMessage.deserialize(new BinaryReader(bytes));
}
