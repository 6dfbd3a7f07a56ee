/**
 * A module's own HTTP routes (`spacetimedb.httpHandler` + `spacetimedb.httpRouter`), served as SpacetimeDB serves
 * them under `/v1/database/:name_or_identity/route/...` (`handle_http_route` in crates/client-api/src/routes/database.rs):
 * no authentication, the first route whose path and method match runs its handler like a procedure, and its
 * response goes back as the handler made it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRouteDef } from '../engine/index.js';
import { CORS_HEADERS, HttpError, readBodyBytes, sendText } from '../server/http-responses.js';
import type { HttpDatabase } from './http-api.js';

/** SpacetimeDB's answer (404) when no route matches the path and method. */
export const NO_SUCH_ROUTE = 'Database has not registered a handler for this route';

/** The handler of the first route for exactly this path (`""` is `/route` itself) and method, as `match_http_route` finds it. */
export function matchRoute(
  routes: readonly HttpRouteDef[],
  handlers: readonly { sourceName: string }[],
  method: string,
  path: string,
): number | null {
  const route = routes.find((r) => r.path === path && (r.method === null || r.method === method));
  if (!route) return null;
  const id = handlers.findIndex((h) => h.sourceName === route.handler);
  return id < 0 ? null : id;
}

/** The URL the client asked for, scheme and host included (behind a proxy, from its `X-Forwarded-*` headers). */
function externalUri(req: IncomingMessage): string {
  const first = (name: string) => {
    const value = req.headers[name];
    const text = (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
    return text ? text : undefined;
  };
  const scheme = first('x-forwarded-proto') ?? 'http';
  const authority = first('x-forwarded-host') ?? req.headers.host;
  return authority === undefined ? (req.url ?? '/') : `${scheme}://${authority}${req.url ?? '/'}`;
}

/** The request's headers in order, names in lower case as SpacetimeDB hands them over, values as sent. */
function headersOf(req: IncomingMessage): [string, Uint8Array][] {
  const pairs: [string, Uint8Array][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    pairs.push([req.rawHeaders[i]!.toLowerCase(), new Uint8Array(Buffer.from(req.rawHeaders[i + 1]!, 'latin1'))]);
  }
  return pairs;
}

/**
 * Serves `path` (what follows `/route`, %-decoded) from the module's routes: 404 with SpacetimeDB's text when none
 * matches; 500 with the error when the handler throws or answers something that is not a valid response.
 */
export async function serveModuleRoute(
  req: IncomingMessage,
  res: ServerResponse,
  db: HttpDatabase,
  path: string,
  maxBodyBytes: number,
): Promise<void> {
  const method = req.method ?? 'GET';
  const { httpRoutes, httpHandlers } = db.engine.def;
  const id = matchRoute(httpRoutes, httpHandlers, method, path);
  if (id === null) throw new HttpError(404, NO_SUCH_ROUTE);
  const body = await readBodyBytes(req, maxBodyBytes);
  const outcome = await db.callHttpHandler(id, { method, headers: headersOf(req), uri: externalUri(req) }, body);
  if (outcome.status === 'failed') throw new HttpError(500, outcome.message);
  const { status, headers, body: responseBody } = outcome.response;
  if (!(Number.isInteger(status) && status >= 100 && status <= 999))
    throw new HttpError(500, `invalid status code ${status}`);
  try {
    const grouped = new Map<string, string[]>();
    for (const [name, value] of headers) {
      const key = name.toLowerCase();
      grouped.set(key, [...(grouped.get(key) ?? []), Buffer.from(value).toString('latin1')]);
    }
    for (const [name, value] of Object.entries(CORS_HEADERS)) if (!grouped.has(name)) res.setHeader(name, value);
    for (const [name, values] of grouped) res.setHeader(name, values.length === 1 ? values[0]! : values);
  } catch (error) {
    // Node refuses header names and values HTTP does not allow, as SpacetimeDB's `http` crate does.
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    sendText(res, 500, `invalid response header from the handler: ${(error as Error).message}`);
    return;
  }
  res.writeHead(status);
  res.end(Buffer.from(responseBody));
}
