/**
 * SpacetimeDB's `HttpRequest` and `HttpResponse` in BSATN (`spacetimedb_lib::http`), both ways: what a procedure's
 * `ctx.http.fetch` sends and gets back, and what a module's HTTP handler is given and answers.
 */
import { BinaryReader, BinaryWriter } from 'spacetimedb';

/** A request as the module sees it; header values are bytes (HTTP allows more than UTF-8 there). */
export interface WireRequest {
  /** `GET`, `POST`, ... or any other method's name as sent. */
  method: string;
  headers: [string, Uint8Array][];
  timeoutMicros: bigint | null;
  uri: string;
}

export interface WireResponse {
  headers: [string, Uint8Array][];
  status: number;
}

/** `HttpMethod`'s variants in order; any other method is the `Extension` variant with its name. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
const EXTENSION_METHOD = METHODS.length;
/** `HttpVersion::Http11`: what the host speaks (Node's server and fetch). */
const HTTP_11 = 2;
const OPTION_SOME = 0;
const OPTION_NONE = 1;

function readHeaders(reader: BinaryReader): [string, Uint8Array][] {
  const headers: [string, Uint8Array][] = [];
  for (let count = reader.readU32(); count > 0; count--) headers.push([reader.readString(), reader.readUInt8Array()]);
  return headers;
}

function writeHeaders(writer: BinaryWriter, headers: readonly [string, Uint8Array][]): void {
  writer.writeU32(headers.length);
  for (const [name, value] of headers) {
    writer.writeString(name);
    writer.writeUInt8Array(value);
  }
}

/** Decodes a BSATN `HttpRequest` (its version is not needed: the host speaks HTTP/1.1); throws on bad bytes. */
export function readRequest(bytes: Uint8Array): WireRequest {
  const reader = new BinaryReader(bytes);
  const tag = reader.readU8();
  const method = tag === EXTENSION_METHOD ? reader.readString() : (METHODS[tag] ?? 'GET');
  const headers = readHeaders(reader);
  const timeoutMicros = reader.readU8() === OPTION_SOME ? reader.readI64() : null;
  return { method, headers, timeoutMicros, uri: reader.readString() };
}

/** Encodes a BSATN `HttpRequest` (HTTP/1.1). */
export function writeRequest(request: WireRequest): Uint8Array {
  const writer = new BinaryWriter(256);
  const tag = METHODS.indexOf(request.method);
  writer.writeU8(tag < 0 ? EXTENSION_METHOD : tag);
  if (tag < 0) writer.writeString(request.method);
  writeHeaders(writer, request.headers);
  if (request.timeoutMicros === null) writer.writeU8(OPTION_NONE);
  else {
    writer.writeU8(OPTION_SOME);
    writer.writeI64(request.timeoutMicros);
  }
  writer.writeString(request.uri);
  writer.writeU8(HTTP_11);
  return writer.getBuffer().slice();
}

/** Decodes a BSATN `HttpResponse` (its version is ignored: the host answers in HTTP/1.1); throws on bad bytes. */
export function readResponse(bytes: Uint8Array): WireResponse {
  const reader = new BinaryReader(bytes);
  const headers = readHeaders(reader);
  reader.readU8();
  const status = reader.readU16();
  if (reader.remaining !== 0) throw new Error(`${reader.remaining} bytes after the response`);
  return { headers, status };
}

/** Encodes a BSATN `HttpResponse` (HTTP/1.1). */
export function writeResponse(response: WireResponse): Uint8Array {
  const writer = new BinaryWriter(256);
  writeHeaders(writer, response.headers);
  writer.writeU8(HTTP_11);
  writer.writeU16(response.status);
  return writer.getBuffer().slice();
}
