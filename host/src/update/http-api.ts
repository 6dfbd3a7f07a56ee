import type { IncomingMessage, ServerResponse } from 'node:http';
import { lifecycleRefusal, type Engine, type ReducerOutcome } from '../engine/index.js';
import { describeSchema } from '../durability/stored-schema.js';
import { catalogOf } from '../server/catalog.js';
import { evaluateQuery } from '../server/evaluate.js';
import { CORS_HEADERS, decodePathSegment, HttpError, sendJson, sendText } from '../server/http-responses.js';
import { compileSubscription } from '../sql/compile.js';
import type { SqlLimits } from '../sql/limits.js';
import { SqlError } from '../sql/parser.js';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics/prometheus-text.js';
import { encodeJsonArgs, JsonValueError, toJson } from './json-values.js';

/** One database as the HTTP API reaches it. */
export interface HttpDatabase {
  readonly engine: Engine;
  /** The identity that published the database: the only one allowed to run SQL over HTTP. */
  readonly owner: bigint | null;
  /** Runs a reducer for an HTTP caller like a client's call (subscribers see it); resolves once it is durable. */
  callReducer(sender: bigint, reducer: string, args: Uint8Array): Promise<ReducerOutcome>;
  /** The database's metrics in the Prometheus text format. */
  metricsText(): string;
  /** How long and deeply nested a query over HTTP may be. Default DEFAULT_SQL_LIMITS. */
  readonly sqlLimits?: SqlLimits;
}

/** What the routes need from the server. */
export interface HttpApiContext {
  database(name: string): HttpDatabase | undefined;
  /** The caller's identity from `Authorization: Bearer`, null without one; throws when the token is refused. */
  authenticate(req: IncomingMessage, url: URL): Promise<bigint | null>;
  /** A new identity and its token, for an anonymous caller (as SpacetimeDB gives one); may refuse (per-address limit). */
  createIdentity(req: IncomingMessage): Promise<{ identity: bigint; token: string }>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const DATABASE_ROUTE = /^\/v1\/database\/([^/]+)\/(call\/([^/]+)|sql|schema)\/?$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const hex = (identity: bigint) => identity.toString(16).padStart(64, '0');

async function callReducer(req: IncomingMessage, res: ServerResponse, url: URL, ctx: HttpApiContext, db: HttpDatabase, name: string): Promise<void> {
  let sender = await ctx.authenticate(req, url);
  const headers: Record<string, string> = {};
  if (sender === null) {
    const created = await ctx.createIdentity(req);
    sender = created.identity;
    Object.assign(headers, { 'spacetime-identity': hex(created.identity), 'spacetime-identity-token': created.token });
  }
  const reducer = db.engine.def.reducers.find((r) => r.name === name);
  // SpacetimeDB tries a procedure of that name next, so an unknown name is refused as a missing procedure.
  if (!reducer) throw new HttpError(404, 'No such procedure');
  if (reducer.lifecycle) throw new HttpError(400, lifecycleRefusal(reducer.lifecycle));
  const body = await readBody(req);
  let args: Uint8Array;
  try {
    args = encodeJsonArgs(body.trim() === '' ? [] : JSON.parse(body), { tag: 'Product', value: reducer.params }, db.engine.def.typespace);
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof JsonValueError) throw new HttpError(400, `invalid arguments for reducer ${name}: ${error.message}`);
    throw error;
  }
  let outcome;
  try {
    outcome = await db.callReducer(sender, name, args);
  } catch (error) {
    // The transaction ran but could not be made durable (e.g. a full disk): never acknowledge it.
    throw new HttpError(503, `The database could not save this call, so it may be lost: ${(error as Error).message}. Try again later.`);
  }
  const timing = { 'spacetime-execution-duration-micros': String(outcome.durationMicros), ...headers };
  if (outcome.status === 'committed') {
    res.writeHead(200, { ...CORS_HEADERS, ...timing });
    res.end();
  } else {
    // 530 is what SpacetimeDB answers when the reducer itself failed.
    res.writeHead(530, { ...CORS_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...timing });
    res.end(outcome.message);
  }
}

async function runSql(req: IncomingMessage, res: ServerResponse, url: URL, ctx: HttpApiContext, db: HttpDatabase): Promise<void> {
  const caller = await ctx.authenticate(req, url);
  if (caller === null) throw new HttpError(401, 'Authorization required: SQL over HTTP is for the database owner');
  if (db.owner === null || caller !== db.owner) throw new HttpError(403, `Identity ${hex(caller)} does not own this database`);
  const statements = (await readBody(req)).split(';').map((s) => s.trim()).filter((s) => s !== '');
  if (statements.length === 0) throw new HttpError(400, 'no SQL statement in the request body');
  const catalog = catalogOf(db.engine);
  const results = [];
  for (const sql of statements) {
    const started = performance.now();
    let query;
    try {
      query = compileSubscription(sql, catalog, true, db.sqlLimits);
    } catch (error) {
      if (error instanceof SqlError) throw new HttpError(400, `${sql}: ${error.message}`);
      throw error;
    }
    const { rows } = evaluateQuery(db.engine, catalog, query, caller);
    const relation = query.returned;
    const decode = relation.kind === 'table' ? (bytes: Uint8Array) => db.engine.table(relation.name).decodeRow(bytes) : null;
    results.push({
      schema: { elements: relation.columns.map((c) => ({ name: { some: c.name }, algebraic_type: c.type })) },
      rows: decode ? rows.map((bytes) => Object.values(toJson(decode(bytes)) as Record<string, unknown>)) : rows.map((b) => Buffer.from(b).toString('hex')),
      total_duration_micros: Math.round((performance.now() - started) * 1000),
    });
  }
  sendJson(res, 200, results);
}

/**
 * SpacetimeDB's HTTP API for a database, plus `/metrics` (`/health` is answered before, by server/health.ts):
 * `POST /v1/database/:name/call/:reducer` (JSON arguments; 200, or 530 with the reducer's error),
 * `POST /v1/database/:name/sql` (owner only), `GET /v1/database/:name/schema`, `GET /metrics`.
 * Returns false when the request is for none of these routes.
 */
export async function handleDatabaseHttp(req: IncomingMessage, res: ServerResponse, ctx: HttpApiContext, defaultDatabase: string): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://host');
  try {
    if (url.pathname === '/metrics' && req.method === 'GET') {
      const db = ctx.database(url.searchParams.get('database') ?? defaultDatabase);
      if (!db) throw new HttpError(404, 'No such database.');
      sendText(res, 200, db.metricsText(), PROMETHEUS_CONTENT_TYPE);
      return true;
    }
    const match = DATABASE_ROUTE.exec(url.pathname);
    if (!match) return false;
    const db = ctx.database(decodePathSegment(match[1]!));
    if (!db) throw new HttpError(404, 'No such database.');
    const route = match[2]!;
    if (route === 'schema') {
      if (req.method !== 'GET') throw new HttpError(405, 'Method Not Allowed');
      sendJson(res, 200, { ...describeSchema(db.engine.def), typespace: db.engine.def.typespace });
    } else if (req.method !== 'POST') {
      throw new HttpError(405, 'Method Not Allowed');
    } else if (route === 'sql') {
      await runSql(req, res, url, ctx, db);
    } else {
      await callReducer(req, res, url, ctx, db, decodePathSegment(match[3]!));
    }
    return true;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendText(res, error.status, error.message);
    return true;
  }
}
