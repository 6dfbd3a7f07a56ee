/**
 * Turning protocol messages into bytes and back, for both negotiated framings:
 * v2 carries one message per WebSocket frame; v3 carries one or more v2 messages back to back in a frame.
 */
import { BinaryReader, BinaryWriter } from 'spacetimedb';
import { ClientMessage, ServerMessage } from './messages.js';

/** The subprotocols the host speaks, in the order it prefers them (the real server prefers v3). */
export const V3_PROTOCOL = 'v3.bsatn.spacetimedb';
export const V2_PROTOCOL = 'v2.bsatn.spacetimedb';
export type WireProtocol = typeof V2_PROTOCOL | typeof V3_PROTOCOL;

/** Thrown for a client frame that is not a valid message; the connection is closed with its text. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

/** Decodes one client frame into its messages (exactly one for v2, one or more for v3). */
export function decodeClientFrame(frame: Uint8Array, protocol: WireProtocol): ClientMessage[] {
  if (frame.length === 0) {
    throw new MalformedMessageError(
      protocol === V3_PROTOCOL
        ? 'v3 websocket binary payload must contain at least one v2 client message'
        : 'empty message',
    );
  }
  const call = decodeLoneCallReducer(frame);
  if (call) return [call];
  const reader = new BinaryReader(frame);
  const messages: ClientMessage[] = [];
  try {
    do {
      messages.push(ClientMessage.deserialize(reader));
    } while (protocol === V3_PROTOCOL && reader.remaining > 0);
  } catch (err) {
    throw new MalformedMessageError(`could not decode client message: ${(err as Error).message}`);
  }
  if (reader.remaining > 0) {
    throw new MalformedMessageError(`could not decode client message: ${reader.remaining} trailing bytes`);
  }
  return messages;
}

// Non-fatal, as the SDK's BinaryReader.readString decodes (which builds a new TextDecoder for every string).
const utf8 = new TextDecoder('utf-8');

/**
 * A frame holding exactly one CallReducer (tag 3: request id u32, flags u8, reducer string, args bytes), the
 * message a busy client sends most, read without the generic decoder; null for any other frame, which then
 * takes the generic path (and its errors). The args are an owned copy, as the SDK's decoder makes.
 */
function decodeLoneCallReducer(frame: Uint8Array): ClientMessage | null {
  if (frame[0] !== 3 || frame.length < 14) return null;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const nameLength = view.getUint32(6, true);
  const argsAt = 14 + nameLength;
  if (argsAt > frame.length || argsAt + view.getUint32(10 + nameLength, true) !== frame.length) return null;
  return {
    tag: 'CallReducer',
    value: {
      requestId: view.getUint32(1, true),
      flags: frame[5]!,
      reducer: utf8.decode(frame.subarray(10, 10 + nameLength)),
      args: new Uint8Array(frame.subarray(argsAt)),
    },
  };
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
