/**
 * `procedure_http_request`: a procedure's `ctx.http.fetch`. Off unless the host lists the origins a module may
 * reach (`allowHttpTo`); an allowed request is made synchronously, as the module's fetch is synchronous, by a
 * short-lived Node process, and its answer handed back as SpacetimeDB's `HttpResponse` (BSATN) and body.
 */
import { execFileSync } from 'node:child_process';
import { readRequest, writeResponse, type WireRequest } from './http-wire.js';

/** What a refused or failed request throws: the module's `HttpError` (errno 21) carries this text. */
export class OutboundHttpError extends Error {}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Makes the request when its origin is in `allowed`; throws OutboundHttpError saying why not otherwise.
 * Returns the BSATN `HttpResponse` and the body.
 */
export function outboundHttp(
  requestBytes: Uint8Array,
  body: Uint8Array | string,
  allowed: readonly string[],
): [Uint8Array, Uint8Array] {
  let request: WireRequest;
  try {
    request = readRequest(requestBytes);
  } catch {
    throw new OutboundHttpError('outbound HTTP request could not be read');
  }
  let origin: string;
  try {
    origin = new URL(request.uri).origin;
  } catch {
    throw new OutboundHttpError(`outbound HTTP request to ${request.uri} refused: not a URL`);
  }
  if (allowed.length === 0) {
    throw new OutboundHttpError(
      `outbound HTTP from procedures is turned off on this host (request to ${request.uri} refused)`,
    );
  }
  if (!allowed.includes(origin)) {
    throw new OutboundHttpError(
      `outbound HTTP request to ${request.uri} refused: ${origin} is not in this host's allowHttpTo list`,
    );
  }
  const timeoutMs = request.timeoutMicros === null ? DEFAULT_TIMEOUT_MS : Number(request.timeoutMicros / 1000n);
  const input = JSON.stringify({
    uri: request.uri,
    method: request.method,
    headers: request.headers.map(([name, value]) => [name, Buffer.from(value).toString('latin1')]),
    body: Buffer.from(typeof body === 'string' ? body : body).toString('base64'),
    timeoutMs,
  });
  let answer: { status: number; headers: [string, string][]; body: string } | { error: string };
  try {
    answer = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', FETCH_SCRIPT], {
        input,
        timeout: timeoutMs + 5_000,
      }).toString('utf8'),
    );
  } catch (error) {
    throw new OutboundHttpError(`outbound HTTP request to ${request.uri} failed: ${(error as Error).message}`);
  }
  if ('error' in answer) throw new OutboundHttpError(`outbound HTTP request to ${request.uri} failed: ${answer.error}`);
  const headers = answer.headers.map(([name, value]): [string, Uint8Array] => [name, Buffer.from(value, 'latin1')]);
  return [writeResponse({ headers, status: answer.status }), new Uint8Array(Buffer.from(answer.body, 'base64'))];
}

// Runs in the child: reads the request as JSON on stdin, writes the answer as JSON on stdout.
const FETCH_SCRIPT = `
let text = '';
for await (const chunk of process.stdin) text += chunk;
const r = JSON.parse(text);
try {
  const body = r.method === 'GET' || r.method === 'HEAD' ? undefined : Buffer.from(r.body, 'base64');
  const response = await fetch(r.uri, { method: r.method, headers: r.headers, body, signal: AbortSignal.timeout(r.timeoutMs) });
  const bytes = Buffer.from(await response.arrayBuffer());
  process.stdout.write(JSON.stringify({ status: response.status, headers: [...response.headers], body: bytes.toString('base64') }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error && error.message || error) }));
}
`;
