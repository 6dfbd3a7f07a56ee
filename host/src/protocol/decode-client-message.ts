/**
 * A strict decoder for client messages (BSATN, `v2.bsatn.spacetimedb`): every tag, length and nested enum is
 * checked against the bytes actually there, so a malformed frame is refused with a reason instead of yielding a
 * half-built message (the SDK's lenient decoder returns `undefined` for an unknown tag, which the host would
 * then trip over). The layouts are the ones `messages.ts` declares; a test round-trips them against the SDK.
 */
import type { ClientMessage } from './messages.js';

/** A client frame that is not a valid message; the connection is closed with its text. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

const CLIENT_MESSAGE_TAGS = ['Subscribe', 'Unsubscribe', 'OneOffQuery', 'CallReducer', 'CallProcedure'] as const;
const UNSUBSCRIBE_FLAGS = ['Default', 'SendDroppedRows'] as const;

// Fatal: a string field that is not UTF-8 is a malformed message, as the Rust server's decoder treats it.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads BSATN from one frame, refusing any read past its end. */
class FrameReader {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  #at = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.#bytes.length - this.#at;
  }

  u8(what: string): number {
    this.#need(1, what);
    return this.#bytes[this.#at++]!;
  }

  u32(what: string): number {
    this.#need(4, what);
    const value = this.#view.getUint32(this.#at, true);
    this.#at += 4;
    return value;
  }

  /** A length-prefixed byte run, as an owned copy (the frame's buffer is reused by the socket). */
  bytes(what: string): Uint8Array {
    const start = this.#skipRun(what);
    return this.#bytes.slice(start, this.#at);
  }

  string(what: string): string {
    const start = this.#skipRun(what);
    try {
      return utf8.decode(this.#bytes.subarray(start, this.#at));
    } catch {
      throw new MalformedMessageError(`could not decode client message: ${what} is not valid UTF-8`);
    }
  }

  strings(what: string): string[] {
    const count = this.u32(what);
    // Each string takes at least its 4-byte length: a count the frame cannot hold is refused before allocating.
    if (count * 4 > this.remaining) throw this.#pastEnd(what);
    const strings: string[] = [];
    for (let i = 0; i < count; i++) strings.push(this.string(what));
    return strings;
  }

  /** Reads a run's length and moves past the run; returns where it starts (no view is made: it costs a copy). */
  #skipRun(what: string): number {
    const length = this.u32(what);
    this.#need(length, what);
    const start = this.#at;
    this.#at += length;
    return start;
  }

  #need(length: number, what: string): void {
    if (length > this.remaining) throw this.#pastEnd(what);
  }

  #pastEnd(what: string): MalformedMessageError {
    return new MalformedMessageError(`could not decode client message: ${what} runs past the end of the frame`);
  }
}

function tagOf<const Tags extends readonly string[]>(reader: FrameReader, tags: Tags, what: string): Tags[number] {
  const tag = reader.u8(what);
  const name = tags[tag];
  if (name === undefined) {
    throw new MalformedMessageError(
      `could not decode client message: unknown ${what} tag ${tag} (expected 0 to ${tags.length - 1})`,
    );
  }
  return name;
}

/**
 * A call's flags byte: 0 (Default) is the only value 2.x defines, and SpacetimeDB's decoder refuses any other
 * with this text (`CallReducerFlags`/`CallProcedureFlags` in crates/client-api-messages), closing the connection.
 */
function callFlags(reader: FrameReader, kind: 'reducer' | 'procedure'): number {
  const flags = reader.u8('flags');
  if (flags !== 0) throw new MalformedMessageError(`invalid call ${kind} flag ${flags}`);
  return flags;
}

function readMessage(reader: FrameReader): ClientMessage {
  const tag = tagOf(reader, CLIENT_MESSAGE_TAGS, 'ClientMessage');
  const requestId = reader.u32('request id');
  switch (tag) {
    case 'Subscribe': {
      const querySetId = { id: reader.u32('query set id') };
      return { tag, value: { requestId, querySetId, queryStrings: reader.strings('query string') } };
    }
    case 'Unsubscribe': {
      const querySetId = { id: reader.u32('query set id') };
      // `value: {}` as the SDK's decoder yields for a unit variant.
      const flags = { tag: tagOf(reader, UNSUBSCRIBE_FLAGS, 'UnsubscribeFlags'), value: {} } as const;
      return { tag, value: { requestId, querySetId, flags } };
    }
    case 'OneOffQuery':
      return { tag, value: { requestId, queryString: reader.string('query string') } };
    case 'CallReducer': {
      const flags = callFlags(reader, 'reducer');
      return {
        tag,
        value: { requestId, flags, reducer: reader.string('reducer name'), args: reader.bytes('arguments') },
      };
    }
    case 'CallProcedure': {
      const flags = callFlags(reader, 'procedure');
      return {
        tag,
        value: { requestId, flags, procedure: reader.string('procedure name'), args: reader.bytes('arguments') },
      };
    }
  }
}

/**
 * Decodes a frame holding one message (`batch` false, v2) or one or more back to back (`batch` true, v3).
 * Throws MalformedMessageError for an empty frame, an unknown tag, a length past the end or trailing bytes.
 */
export function decodeClientMessages(frame: Uint8Array, batch: boolean): ClientMessage[] {
  if (frame.length === 0) {
    throw new MalformedMessageError(
      batch ? 'v3 websocket binary payload must contain at least one v2 client message' : 'empty message',
    );
  }
  const reader = new FrameReader(frame);
  const messages: ClientMessage[] = [];
  do messages.push(readMessage(reader));
  while (batch && reader.remaining > 0);
  if (reader.remaining > 0) {
    throw new MalformedMessageError(`could not decode client message: ${reader.remaining} trailing bytes`);
  }
  return messages;
}
