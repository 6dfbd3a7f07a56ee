/** Small helpers for answering HTTP requests, with the CORS headers browser pages on other origins need. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Like SpacetimeDB's permissive CORS layer: any origin, the methods and headers the SDK and tools use. */
export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, spacetime-identity, spacetime-identity-token',
  'access-control-expose-headers': 'spacetime-identity, spacetime-identity-token, retry-after',
  'access-control-max-age': '86400',
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...CORS_HEADERS, 'content-type': 'application/json', ...headers });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { ...CORS_HEADERS, 'content-type': contentType, ...headers });
  res.end(text);
}

/** The bearer token of a request: `Authorization: Bearer ...` first, else `?token=`. Null when there is none. */
export function bearerToken(req: IncomingMessage, url: URL): string | null | { malformed: true } {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m ? m[1]! : { malformed: true };
  }
  return url.searchParams.get('token');
}

/** A request the host refuses: answered with `status` and the message as text (never a 500 and a stack trace). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request's URL; a request target no URL parser accepts is the caller's mistake (400). */
export function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://host');
  } catch {
    throw new HttpError(400, 'Bad Request: malformed request target');
  }
}

/**
 * The request's path as the client wrote it: `.` and `..` segments are not resolved (as `new URL` would) because
 * SpacetimeDB's router (axum) matches the path as written, so `/route/../sql` is a module route, never `/sql`.
 */
export function requestPath(req: IncomingMessage): string {
  const target = req.url ?? '/';
  // An absolute-form target (`http://host/path`) names the path after its authority.
  const path = target.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '').split(/[?#]/, 1)[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

/** Decodes one %-escaped path segment; a broken escape (`%E0%A4%A`) is the caller's mistake (400). */
export function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `Bad Request: malformed %-escape in the path segment "${segment}"`);
  }
}

/** The whole request body; past `maxBytes` the request is refused with 413. */
export async function readBodyBytes(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `request body over ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
