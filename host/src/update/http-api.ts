import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AlgebraicType, type AlgebraicTypeType, type ProductTypeType } from 'spacetimedb';
import {
  Cursor,
  DatastoreError,
  invalidArgumentsLogLine,
  lifecycleRefusal,
  mayCall,
  makeDecoder,
  noSuchFunctionLogLine,
  type BundledModule,
  type FunctionKind,
  type Engine,
  type HttpHandlerOutcome,
  type HttpHandlerRequest,
  type ProcedureOutcome,
  type ReducerOutcome,
  type RowWriter,
} from '../engine/index.js';
import { ModuleUpdateError } from './module-update-error.js';
import type { AcceptedUpdate, RefusedUpdate } from './plan-update.js';
import { catalogOf } from '../server/catalog.js';
import { evaluateQuery } from '../server/evaluate.js';
import {
  CORS_HEADERS,
  decodePathSegment,
  HttpError,
  readBodyBytes,
  requestPath,
  sendJson,
  sendText,
} from '../server/http-responses.js';
import { serveModuleRoute } from './module-routes.js';
import { compileSubscription, type SqlCatalog } from '../sql/compile.js';
import type { SqlLimits } from '../sql/limits.js';
import { takeLimit } from '../sql/limit-clause.js';
import { SqlError } from '../sql/parser.js';
import { isDml, parseDml, type DmlStatement } from '../sql/dml.js';
import { splitStatements } from '../sql/split-statements.js';
import {
  alreadySet,
  isSystemVariableStatement,
  parseSystemVariableStatement,
  ROW_LIMIT,
  ST_VAR,
  ST_VAR_VALUE_TYPE,
  stVarRelation,
  U64_TAG,
} from '../sql/system-variables.js';
import type { SystemVariables } from '../durability/system-variables.js';
import { estimateRowsScanned, overRowLimit } from '../server/row-estimate.js';
import { dmlStats, notAuthorizedForDml, planDml, type DmlStats } from './sql-dml.js';
import { takeSelectList, type SelectList } from '../sql/select-list.js';
import { RowLevelSecurity } from '../sql/row-level-security.js';
import { PROMETHEUS_CONTENT_TYPE } from '../metrics/prometheus-text.js';
import { encodeJsonArgs, JsonValueError } from './json-values.js';
import type { ModuleLog } from './module-log.js';
import { resolveRefs, satsJsonProductType, untypedSatsJson } from './sats-json.js';
import { rawModuleDefV9 } from './module-def-v9.js';
import { rawModuleDefV10 } from './module-def-v10.js';
import { integer, jsonText, quantity, type JsonTree } from './json-text.js';

/** One database as the HTTP API reaches it. */
export interface HttpDatabase {
  readonly engine: Engine;
  /** The identity that published the database: SQL over HTTP shows it private tables and every row. */
  readonly owner: bigint | null;
  /** Keccak-256 of the program the database was created (or reset) with, SpacetimeDB's `initial_program`. */
  readonly initialProgram: Uint8Array;
  /** The SQL system variables `SET` and `SHOW` reach (SpacetimeDB's `st_var`): `row_limit` limits non-owners' queries. */
  readonly systemVariables: SystemVariables;
  /** Runs a reducer for an HTTP caller like a client's call (subscribers see it); resolves once it is durable. */
  callReducer(sender: bigint, reducer: string, args: Uint8Array, connectionId: bigint): Promise<ReducerOutcome>;
  /** Runs a procedure for an HTTP caller; resolves once what it committed is durable. */
  callProcedure(sender: bigint, procedure: string, args: Uint8Array, connectionId: bigint): Promise<ProcedureOutcome>;
  /** Runs the module's HTTP handler `id` on a request (`/route/...`); resolves once what it committed is durable. */
  callHttpHandler(id: number, request: HttpHandlerRequest, body: Uint8Array): Promise<HttpHandlerOutcome>;
  /** Runs SQL DML's writes as one transaction subscribers see; resolves once durable, rejects (nothing changed) when `write` throws. */
  writeRows<T>(label: string, write: (rows: RowWriter) => T): Promise<T>;
  /** The module's log (`GET /logs`, for the owner). */
  readonly moduleLog: ModuleLog;
  /** The short connection of one HTTP call: `clientConnected` runs (and may refuse), then `clientDisconnected`. */
  openHttpConnection(sender: bigint, jwtPayload: string): { connectionId: bigint } | { refusal: string };
  closeHttpConnection(sender: bigint, connectionId: bigint): void;
  /** The database's metrics in the Prometheus text format. */
  metricsText(): string;
  /** How long and deeply nested a query over HTTP may be. Default DEFAULT_SQL_LIMITS. */
  readonly sqlLimits?: SqlLimits;
  /** Publishes an uploaded program into this database, or (null) the one it serves again (the route checks the caller is the owner). */
  publish(program: BundledModule | null, clear: boolean): Promise<{ steps: string[] }>;
  /** What publishing `program` would change, or why it would be refused, changing nothing. */
  planPublish(program: BundledModule): Promise<AcceptedUpdate | RefusedUpdate>;
}

/** What the routes need from the server. */
export interface HttpApiContext {
  /** A database by name or by its identity (64 hex digits), as SpacetimeDB resolves `:name_or_identity`. */
  database(nameOrIdentity: string): HttpDatabase | undefined;
  /** Every database the host serves. */
  databases(): HttpDatabase[];
  /** The caller from `Authorization: Bearer` (identity, JWT claims as JSON, the token), null without one; throws when the token is refused. */
  authenticate(req: IncomingMessage, url: URL): Promise<{ identity: bigint; jwtPayload: string; token: string } | null>;
  /** A new identity and its token, for an anonymous caller (as SpacetimeDB gives one); may refuse (per-address limit). */
  createIdentity(req: IncomingMessage): Promise<{ identity: bigint; token: string }>;
  /** A new identity only to hand over (the caller does not act as it), null when the caller's address has none to spare. */
  spareIdentity(req: IncomingMessage): Promise<{ identity: bigint; token: string } | null>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
const DATABASE_ROUTE =
  /^\/v1\/database\/([^/]+)(?:\/(call\/([^/]+)|sql|schema|logs|names|identity|reset|pre_publish))?\/?$/;
/** Largest program `spacetime publish` may upload (our bundled academy module is about 1 MiB). */
const MAX_PROGRAM_BYTES = 16 * 1024 * 1024;
/** A module's own routes: `/route` itself, `/route/`, `/route/any/path`. */
const MODULE_ROUTE = /^\/v1\/database\/([^/]+)\/route(\/.*)?$/;
const OWNED_DATABASES_ROUTE = /^\/v1\/identity\/([0-9a-fA-F]{64})\/databases\/?$/;

async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return Buffer.from(await readBodyBytes(req, maxBytes)).toString('utf8');
}

const hex = (identity: bigint) => identity.toString(16).padStart(64, '0');

/** Answers 200 with `tree` as SpacetimeDB's serde_json writes it (exact integers, ryu floats). */
function sendJsonTree(res: ServerResponse, tree: JsonTree, headers: Record<string, string> = {}): void {
  res.writeHead(200, { ...CORS_HEADERS, 'content-type': 'application/json', ...headers });
  res.end(jsonText(tree));
}

interface HttpCaller {
  caller: bigint;
  /** The caller's JWT claims as JSON (`ctx.senderAuth` in its lifecycle reducers). */
  jwtPayload: string;
}

/**
 * The caller of a database route as SpacetimeDB's `anon_auth_middleware` settles it (crates/client-api/src/auth.rs):
 * the identity its token proves, else a new one; either way every answer hands it over in `spacetime-identity` and
 * `spacetime-identity-token` (a caller's own token comes back as it was sent). When the route acts as the caller
 * (`acts`: `/call`, `/sql`) a new identity counts against the address's identity limit and past it the request is
 * refused (429). Other routes only hand one over, and only while the address has one to spare; otherwise (null) they
 * answer without these headers rather than refuse what SpacetimeDB serves.
 */
async function settleCaller(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: HttpApiContext,
  acts: boolean,
): Promise<HttpCaller | null> {
  const known = await ctx.authenticate(req, url);
  const created = known === null ? await (acts ? ctx.createIdentity(req) : ctx.spareIdentity(req)) : null;
  const settled = known ?? (created && { ...created, jwtPayload: claimsOf(created.token) });
  if (settled === null) return null;
  res.setHeader('spacetime-identity', hex(settled.identity));
  res.setHeader('spacetime-identity-token', settled.token);
  return { caller: settled.identity, jwtPayload: settled.jwtPayload };
}

/** A token's claims as JSON (the host just signed it). */
const claimsOf = (token: string) => Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8');

/**
 * Runs `work` on the short connection SpacetimeDB opens for an HTTP call: `clientConnected` first (a refusal is
 * 403 with its message), `clientDisconnected` after, whatever happened.
 */
async function withConnection<T>(
  db: HttpDatabase,
  { caller, jwtPayload }: HttpCaller,
  work: (connectionId: bigint) => Promise<T>,
): Promise<T> {
  const opened = db.openHttpConnection(caller, jwtPayload);
  if ('refusal' in opened) throw new HttpError(403, opened.refusal);
  try {
    return await work(opened.connectionId);
  } finally {
    db.closeHttpConnection(caller, opened.connectionId);
  }
}

/**
 * The request body as BSATN arguments of the `kind` called `name` (`params`); an unparsable body is the caller's
 * fault (400), and the module log says so as SpacetimeDB's does.
 */
async function jsonArgs(
  req: IncomingMessage,
  db: HttpDatabase,
  params: ProductTypeType,
  kind: FunctionKind,
  name: string,
): Promise<Uint8Array> {
  const body = await readBody(req);
  try {
    return encodeJsonArgs(
      body.trim() === '' ? [] : JSON.parse(body),
      { tag: 'Product', value: params },
      db.engine.def.typespace,
    );
  } catch (error) {
    if (!(error instanceof SyntaxError || error instanceof JsonValueError)) throw error;
    db.engine.log('error', invalidArgumentsLogLine(kind, name));
    throw new HttpError(400, `invalid arguments for ${kind} ${name}: ${error.message}`);
  }
}

/** Runs a call whose commits must be durable before it is acknowledged. */
async function durably<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // The transaction ran but could not be made durable (e.g. a full disk): never acknowledge it.
    throw new HttpError(
      503,
      `The database could not save this call, so it may be lost: ${(error as Error).message}. Try again later.`,
    );
  }
}

/** `POST /call/:name`: a reducer, else (as on SpacetimeDB) a procedure of that name. */
async function call(
  req: IncomingMessage,
  res: ServerResponse,
  db: HttpDatabase,
  caller: HttpCaller,
  name: string,
): Promise<void> {
  const sender = caller.caller;
  const reducer = db.engine.def.reducers.find((r) => r.name === name);
  // A reducer the caller may not call is not found, so SpacetimeDB tries a procedure of that name next (`call` in
  // crates/client-api/src/routes/database.rs); a lifecycle reducer is refused with its own text first. Not finding
  // the reducer writes its log line first, even when the procedure is found (`with_reducer_call` logs every
  // `NoSuchReducer`, crates/core/src/host/module_host.rs).
  if (!reducer || (!reducer.lifecycle && !mayCall(reducer, sender, db.owner))) {
    db.engine.log('error', noSuchFunctionLogLine('reducer', name));
    await callProcedure(req, res, db, caller, name);
    return;
  }
  if (reducer.lifecycle) throw new HttpError(400, lifecycleRefusal(reducer.lifecycle));
  const args = await jsonArgs(req, db, reducer.params, 'reducer', name);
  const outcome = await withConnection(db, caller, (connectionId) =>
    durably(() => db.callReducer(sender, name, args, connectionId)),
  );
  const timing = { 'spacetime-execution-duration-micros': String(outcome.durationMicros) };
  if (outcome.status === 'committed') {
    res.writeHead(200, { ...CORS_HEADERS, ...timing });
    res.end();
  } else {
    // 530 is what SpacetimeDB answers when the reducer itself failed.
    res.writeHead(530, { ...CORS_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...timing });
    res.end(outcome.message);
  }
}

/** A procedure over HTTP: 200 with its return value as JSON, 500 when it failed (SpacetimeDB's `map_procedure_error`). */
async function callProcedure(
  req: IncomingMessage,
  res: ServerResponse,
  db: HttpDatabase,
  caller: HttpCaller,
  name: string,
): Promise<void> {
  const procedure = db.engine.def.procedures.find((p) => p.name === name);
  if (!procedure || !mayCall(procedure, caller.caller, db.owner)) {
    db.engine.log('error', noSuchFunctionLogLine('procedure', name));
    throw new HttpError(404, 'No such procedure');
  }
  const args = await jsonArgs(req, db, procedure.params, 'procedure', name);
  const outcome = await withConnection(db, caller, (connectionId) =>
    durably(() => db.callProcedure(caller.caller, name, args, connectionId)),
  );
  if (outcome.status === 'failed') throw new HttpError(500, outcome.message);
  // SpacetimeDB writes the return value without its type (`procedure_outcome_response`): products as arrays.
  const { typespace } = db.engine.def;
  const value = makeDecoder(procedure.returnType, typespace)(new Cursor(outcome.value));
  sendJsonTree(res, untypedSatsJson(procedure.returnType, value, typespace), {
    'spacetime-execution-duration-micros': String(outcome.durationMicros),
  });
}

/** Each engine's row-level security, compiled once (the module was checked when it was published). */
const rowLevelSecurityOf = new WeakMap<Engine, RowLevelSecurity>();

function rowLevelSecurity(engine: Engine, catalog: SqlCatalog): RowLevelSecurity {
  let rls = rowLevelSecurityOf.get(engine);
  if (!rls) rowLevelSecurityOf.set(engine, (rls = new RowLevelSecurity(engine.def.rowLevelSecurity, catalog)));
  return rls;
}

type ResultColumn = { readonly name: string; readonly type: AlgebraicTypeType };

/** The columns and rows a `/sql` SELECT list asks for; `total` counts the rows before any LIMIT, as COUNT(*) does. */
function project(
  list: SelectList,
  table: string,
  all: readonly ResultColumn[],
  rows: JsonTree[][],
  total: number,
): { columns: readonly ResultColumn[]; values: JsonTree[][] } {
  if (list.kind === 'rows') return { columns: all, values: rows };
  if (list.kind === 'count')
    return { columns: [{ name: list.alias, type: AlgebraicType.U64 }], values: [[integer(total)]] };
  const positions = list.columns.map((name) => {
    const position = all.findIndex((c) => c.name === name);
    // `Unresolved::Field` (crates/expr/src/errors.rs).
    if (position < 0) throw new HttpError(400, `\`${table}\` does not have a field \`${name}\``);
    return position;
  });
  return {
    columns: positions.map((p) => all[p]!),
    values: rows.map((row) => positions.map((p) => row[p]!)),
  };
}

/** What one `/sql` statement answers (SpacetimeDB's `SqlStmtResult` without its duration). */
interface StatementAnswer {
  schema: JsonTree;
  rows: JsonTree[];
  stats: DmlStats;
}

/** A SELECT: the rows the caller may read (row-level security applies to everyone but the owner). */
function runQuery(
  db: HttpDatabase,
  sql: string,
  catalog: SqlCatalog,
  rls: RowLevelSecurity,
  isOwner: boolean,
  caller: bigint,
): StatementAnswer {
  let query;
  let limit;
  let list: SelectList;
  try {
    const statement = takeLimit(sql);
    limit = statement.limit;
    const selected = takeSelectList(statement.query);
    list = selected.list;
    query = rls.restrict(compileSubscription(selected.query, catalog, isOwner, db.sqlLimits), isOwner, db.engine);
  } catch (error) {
    if (error instanceof SqlError) throw new HttpError(400, error.message);
    throw error;
  }
  // `check_row_limit` (crates/core/src/estimation.rs): the owner may exceed it; anyone else is refused up front.
  const rowLimit = isOwner ? undefined : db.systemVariables.get(ROW_LIMIT);
  if (rowLimit !== undefined) {
    const estimate = estimateRowsScanned(db.engine, catalog, query, caller, limit, list.kind === 'rows');
    const refusal = overRowLimit(estimate, rowLimit);
    if (refusal) throw new HttpError(400, refusal);
  }
  const { rows: all } = evaluateQuery(db.engine, catalog, query, caller);
  const rows = limit === null ? all : all.slice(0, limit);
  const columns = query.returned.columns;
  const { typespace } = db.engine.def;
  // Tables and views alike: each row is the BSATN of the returned relation's columns.
  const rowType: AlgebraicTypeType = {
    tag: 'Product',
    value: { elements: columns.map((c) => ({ name: c.name, algebraicType: c.type })) },
  };
  const decode = makeDecoder(rowType, typespace);
  const cursor = new Cursor(new Uint8Array(0));
  const whole = rows.map((bytes) => untypedSatsJson(rowType, decode(cursor.reset(bytes)), typespace) as JsonTree[]);
  const projected = project(list, query.returned.name, columns, whole, all.length);
  return {
    schema: satsJsonProductType({
      elements: projected.columns.map((c) => ({ name: c.name, algebraicType: resolveRefs(c.type, typespace) })),
    }),
    rows: projected.values,
    // A query changes no rows: SpacetimeDB's counters for it are all zero.
    stats: dmlStats(),
  };
}

/**
 * INSERT, UPDATE or DELETE, for the owner only (SpacetimeDB checks the statement first, then the caller): one
 * transaction subscribers see; no rows back, the counts in `stats`. Refusals are 400, as SpacetimeDB answers them.
 */
async function runDml(
  db: HttpDatabase,
  sql: string,
  catalog: SqlCatalog,
  isOwner: boolean,
  caller: bigint,
): Promise<StatementAnswer> {
  let stats: DmlStats;
  try {
    const statement = parseDml(sql, db.sqlLimits);
    if (statement.kind === 'delete' && statement.table === ST_VAR)
      return await deleteSystemVariables(db, statement, isOwner, caller);
    const planned = planDml(statement, db.engine, catalog, isOwner, caller, db.sqlLimits);
    stats = await db.writeRows('sql', (rows) => planned.apply(rows));
  } catch (error) {
    if (error instanceof SqlError || error instanceof DatastoreError) throw new HttpError(400, error.message);
    throw error;
  }
  return noRows(stats);
}

/** A DML answer: no columns, no rows, the counts. */
const noRows = (stats: DmlStats): StatementAnswer => ({
  schema: satsJsonProductType({ elements: [] }),
  rows: [],
  stats,
});

/** `st_var` alone, for the WHERE of a `DELETE FROM st_var`. */
const stVarCatalog: SqlCatalog = { relation: (name) => (name === ST_VAR ? stVarRelation : undefined), typespace: [] };

/**
 * `DELETE FROM st_var [WHERE ...]`: how the owner unsets a system variable (SpacetimeDB's own test of `row_limit`
 * does so before setting another value). Checked first, then refused to anyone else, as any DML.
 */
async function deleteSystemVariables(
  db: HttpDatabase,
  statement: Extract<DmlStatement, { kind: 'delete' }>,
  isOwner: boolean,
  caller: bigint,
): Promise<StatementAnswer> {
  const query = compileSubscription(statement.select, stVarCatalog, true, db.sqlLimits);
  if (!isOwner) throw new SqlError(notAuthorizedForDml(caller));
  let deleted = 0;
  for (const [name, value] of db.systemVariables.entries()) {
    if (!query.matchesAll && !query.matches([[name, { tag: U64_TAG, value }]], caller)) continue;
    if (await durably(() => db.systemVariables.delete(name))) deleted++;
  }
  return noRows(dmlStats({ rows_deleted: deleted }));
}

/**
 * `SET var = n` (an INSERT into `st_var` there: DML, for the owner only, checked first) and `SHOW var` (a SELECT of
 * `st_var`'s `value`, which anyone may run): SpacetimeDB's `type_and_rewrite_set` / `type_and_rewrite_show`.
 */
async function runSystemVariable(
  db: HttpDatabase,
  sql: string,
  isOwner: boolean,
  caller: bigint,
): Promise<StatementAnswer> {
  try {
    const statement = parseSystemVariableStatement(sql, db.sqlLimits);
    const current = db.systemVariables.get(statement.name);
    if (statement.kind === 'show') {
      return {
        schema: satsJsonProductType({ elements: [{ name: 'value', algebraicType: ST_VAR_VALUE_TYPE }] }),
        // A sum without its type: `[tag, value]`, `U64` being `StVarValue`'s ninth variant.
        rows: current === undefined ? [] : [[[U64_TAG, integer(current)]]],
        stats: dmlStats(),
      };
    }
    if (!isOwner) throw new SqlError(notAuthorizedForDml(caller));
    // The row `(name, value)` is inserted: the same row again is no change, another value breaks the primary key.
    if (current === statement.value) return noRows(dmlStats());
    if (current !== undefined) throw new SqlError(alreadySet(statement.name));
    await durably(() => db.systemVariables.set(statement.name, statement.value));
    return noRows(dmlStats({ rows_inserted: 1 }));
  } catch (error) {
    if (error instanceof SqlError) throw new HttpError(400, error.message);
    throw error;
  }
}

/**
 * `POST /sql`: like SpacetimeDB, any identity may read public tables (a caller without a token gets a new one),
 * restricted by the module's row-level security; the owner reads every table and row. The body is one statement
 * (SpacetimeDB's parser refuses more); the answer is a list of one `SqlStmtResult`, errors are 400 with the reason.
 */
async function runSql(
  req: IncomingMessage,
  res: ServerResponse,
  db: HttpDatabase,
  httpCaller: HttpCaller,
): Promise<void> {
  const { caller } = httpCaller;
  const isOwner = db.owner !== null && caller === db.owner;
  const body = await readBody(req);
  const catalog = catalogOf(db.engine);
  const rls = rowLevelSecurity(db.engine, catalog);
  // SpacetimeDB runs SQL over HTTP on a short connection too: the module's lifecycle reducers see it.
  const result = await withConnection(db, httpCaller, async () => {
    const statements = splitStatements(body);
    // `parse_sql` (crates/sql-parser/src/parser/sql.rs): `SqlUnsupported::Empty` and `::MultiStatement`.
    if (statements.length === 0) throw new HttpError(400, 'Empty SQL query');
    if (statements.length > 1) throw new HttpError(400, 'Multiple SQL statements are not supported');
    const sql = statements[0]!;
    const started = performance.now();
    const answer = isSystemVariableStatement(sql)
      ? await runSystemVariable(db, sql, isOwner, caller)
      : isDml(sql)
        ? await runDml(db, sql, catalog, isOwner, caller)
        : runQuery(db, sql, catalog, rls, isOwner, caller);
    return { answer, micros: Math.round((performance.now() - started) * 1000) };
  });
  const { answer, micros } = result;
  const statement: JsonTree = {
    schema: answer.schema,
    rows: answer.rows,
    total_duration_micros: micros,
    stats: { ...answer.stats },
  };
  sendJsonTree(res, [statement], { 'spacetime-execution-duration-micros': String(micros) });
}

/**
 * `GET /schema?version=9|10`: the module's `RawModuleDefV9` or `RawModuleDefV10`, each re-derived from the validated
 * module as SpacetimeDB does (`module-def-v9.ts`, `module-def-v10.ts`), in SATS-JSON. `version` is required: axum's `Query`
 * extractor refuses anything else with 400 and serde_urlencoded's words.
 */
function serveSchema(res: ServerResponse, url: URL, db: HttpDatabase): void {
  const versions = url.searchParams.getAll('version');
  const refuse = (why: string) => new HttpError(400, `Failed to deserialize query string: ${why}`);
  if (versions.length === 0) throw refuse('missing field `version`');
  if (versions.length > 1) throw refuse('duplicate field `version`');
  const version = versions[0]!;
  if (version !== '9' && version !== '10') throw refuse(`unknown variant \`${version}\`, expected \`9\` or \`10\``);
  sendJsonTree(res, version === '9' ? rawModuleDefV9(db.engine.def) : rawModuleDefV10(db.engine.def));
}

/**
 * Refuses `action` to anyone but the database owner with SpacetimeDB's words, naming the caller's identity (the new
 * one of a caller without a token; when its address had none to spare, "a caller without a token").
 */
function requireOwner(db: HttpDatabase, caller: HttpCaller | null, action: string): void {
  if (caller === null || db.owner === null || caller.caller !== db.owner) {
    const who = caller === null ? 'a caller without a token' : hex(caller.caller);
    throw new HttpError(
      403,
      `${who} is not authorized to perform action on database ${hex(db.engine.databaseIdentity)}: ${action}`,
    );
  }
}

/**
 * The program `spacetime publish` uploads: `host_type=Js` (SpacetimeDB's default is `Wasm`, which this host cannot
 * run) and the bundled module as the body.
 */
async function uploadedProgram(req: IncomingMessage, url: URL, required: boolean): Promise<BundledModule | null> {
  const hostType = url.searchParams.get('host_type') ?? 'Wasm';
  if (hostType !== 'Js')
    throw new HttpError(
      400,
      `This host runs JavaScript modules only (host_type=Js), not host_type=${hostType}: publish a TypeScript module`,
    );
  const code = await readBody(req, MAX_PROGRAM_BYTES);
  if (code.trim() === '') {
    if (required)
      throw new HttpError(
        400,
        'The request has no program: send the bundled module (`spacetime build` output) as the body',
      );
    return null;
  }
  return { entry: 'published program', code };
}

/** A refused update as SpacetimeDB words it (`Database update rejected: ...`). */
function refusedUpdate(problems: readonly string[]): HttpError {
  return new HttpError(400, `Database update rejected: ${problems.join('; ')}`);
}

/**
 * `PUT /v1/database/:name` (`spacetime publish`): the owner publishes a new version, migrated automatically or
 * refused with nothing changed; `clear=true` starts the data over. Answers SpacetimeDB's `PublishResult`.
 */
async function publish(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  db: HttpDatabase,
  caller: HttpCaller | null,
  name: string,
  clear: boolean,
): Promise<void> {
  requireOwner(db, caller, clear ? 'reset database' : 'update database');
  const program = await uploadedProgram(req, url, !clear);
  try {
    await db.publish(program, clear);
  } catch (error) {
    if (error instanceof ModuleUpdateError) throw refusedUpdate(error.problems);
    throw new HttpError(400, `Failed to create or update the database: ${(error as Error).message}`);
  }
  const domain = name.toLowerCase() === hex(db.engine.databaseIdentity) ? null : db.engine.databaseName;
  sendJson(res, 200, { Success: { domain, database_identity: hex(db.engine.databaseIdentity), op: 'updated' } });
}

/** `POST /v1/database/:name/pre_publish`: what `spacetime publish` would change, asked before it uploads. */
async function prePublish(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  db: HttpDatabase,
  caller: HttpCaller | null,
): Promise<void> {
  requireOwner(db, caller, 'update database');
  const program = (await uploadedProgram(req, url, true))!;
  let plan: AcceptedUpdate | RefusedUpdate;
  try {
    plan = await db.planPublish(program);
  } catch (error) {
    throw new HttpError(400, `Failed to create or update the database: ${(error as Error).message}`);
  }
  if (!plan.ok) {
    sendJson(res, 200, { ManualMigrate: { reason: plan.problems.join('\n'), major_version_upgrade: false } });
    return;
  }
  const migratePlan =
    plan.steps.length === 0 ? 'No changes to the schema.' : plan.steps.map((step) => `- ${step}`).join('\n');
  // The token names this plan; this host never breaks clients (such updates are refused), so the CLI never sends it back.
  const token = createHash('sha256')
    .update(`${hex(db.engine.databaseIdentity)}\n${program.code}`)
    .digest('hex');
  sendJson(res, 200, {
    AutoMigrate: { migrate_plan: migratePlan, break_clients: false, token, major_version_upgrade: false },
  });
}

/** `GET /logs?num_lines=N&follow=true`: the module's log for its owner, as newline-delimited JSON. */
function serveLogs(res: ServerResponse, url: URL, db: HttpDatabase, caller: HttpCaller | null): void {
  requireOwner(db, caller, 'view module logs');
  const lines = url.searchParams.get('num_lines');
  const count = lines === null ? undefined : Number(lines);
  if (count !== undefined && !(Number.isInteger(count) && count >= 0))
    throw new HttpError(400, `num_lines must be a whole number, not ${lines}`);
  res.writeHead(200, { ...CORS_HEADERS, 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache' });
  res.write(db.moduleLog.tail(count));
  if (url.searchParams.get('follow') !== 'true') {
    res.end();
    return;
  }
  const stop = db.moduleLog.follow((line) => res.write(line));
  res.on('close', stop);
}

/** The methods a database route answers (`DatabaseRoutes::into_router`); any other is 405. */
function methodsOf(route: string): readonly string[] {
  if (route === '') return ['GET', 'PUT', 'DELETE'];
  if (route === 'reset') return ['PUT'];
  if (['schema', 'logs', 'names', 'identity'].includes(route)) return ['GET'];
  return ['POST'];
}

/**
 * SpacetimeDB's HTTP API for a database, plus `/metrics` (`/health` is answered before, by server/health.ts):
 * `POST /v1/database/:name/call/:reducer` (JSON arguments; 200, or 530 with the reducer's error; else a procedure),
 * `POST /v1/database/:name/sql` (public tables under row-level security; everything for the owner), `GET /v1/database/:name`
 * (identities), `/names`, `/identity`, `/schema`, `/logs` (owner only), `GET /v1/identity/:identity/databases`, `GET /metrics`.
 * A database is addressed by its name or its identity.
 * Returns false when the request is for none of these routes.
 */
export async function handleDatabaseHttp(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: HttpApiContext,
  defaultDatabase: string,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://host');
  const path = requestPath(req);
  try {
    if (path === '/metrics' && req.method === 'GET') {
      const db = ctx.database(url.searchParams.get('database') ?? defaultDatabase);
      if (!db) throw new HttpError(404, 'No such database.');
      sendText(res, 200, db.metricsText(), PROMETHEUS_CONTENT_TYPE);
      return true;
    }
    const owned = OWNED_DATABASES_ROUTE.exec(path);
    if (owned) {
      if (req.method !== 'GET') throw new HttpError(405, 'Method Not Allowed');
      const owner = BigInt(`0x${owned[1]!}`);
      const identities = ctx
        .databases()
        .filter((db) => db.owner === owner)
        .map((db) => hex(db.engine.databaseIdentity));
      sendJson(res, 200, { identities });
      return true;
    }
    if (path.replace(/\/$/, '') === '/v1/database' && req.method === 'POST') {
      await settleCaller(req, res, url, ctx, false);
      throw new HttpError(
        400,
        `This host serves one database, ${defaultDatabase}: publish to it by name (PUT /v1/database/${defaultDatabase}, \`spacetime publish ${defaultDatabase}\`)`,
      );
    }
    const routed = MODULE_ROUTE.exec(path);
    if (routed) {
      // A module's routes take no token and hand none over (they bypass `anon_auth_middleware`).
      const db = ctx.database(decodePathSegment(routed[1]!));
      if (!db) throw new HttpError(404, 'No such database.');
      await serveModuleRoute(req, res, db, decodePathSegment(routed[2] ?? ''), MAX_BODY_BYTES);
      return true;
    }
    const match = DATABASE_ROUTE.exec(path);
    if (!match) return false;
    const route = match[2] ?? '';
    // axum answers a method the route lacks (405) before its middleware runs (`route_layer`): no identity then.
    if (!methodsOf(route).includes(req.method ?? '')) throw new HttpError(405, 'Method Not Allowed');
    const caller = await settleCaller(req, res, url, ctx, route === 'sql' || match[3] !== undefined);
    const db = ctx.database(decodePathSegment(match[1]!));
    if (!db) throw new HttpError(404, 'No such database.');
    if (route === '' && req.method === 'PUT') {
      await publish(req, res, url, db, caller, decodePathSegment(match[1]!), url.searchParams.get('clear') === 'true');
    } else if (route === 'reset') {
      await publish(req, res, url, db, caller, decodePathSegment(match[1]!), true);
    } else if (route === '' && req.method === 'DELETE') {
      requireOwner(db, caller, 'delete database');
      throw new HttpError(
        400,
        `This host serves exactly one database and cannot delete it while running: stop the host and remove its data directory, or publish with clear=true to start the data over`,
      );
    } else if (route === '') {
      // SpacetimeDB's `DatabaseResponse` (`db_info`): identities and the program hash are u256s, which ethnum writes
      // as hex without leading zeros; the hash is read little-endian (`impl_serialize!` for `Hash`).
      const programHash = BigInt(`0x${Buffer.from(db.initialProgram).reverse().toString('hex')}`);
      sendJsonTree(res, {
        database_identity: { __identity__: quantity(db.engine.databaseIdentity) },
        owner_identity: { __identity__: quantity(db.owner ?? 0n) },
        host_type: { Js: [] },
        initial_program: quantity(programHash),
      });
    } else if (route === 'names') {
      sendJson(res, 200, { names: [db.engine.databaseName] });
    } else if (route === 'identity') {
      sendText(res, 200, hex(db.engine.databaseIdentity));
    } else if (route === 'logs') {
      serveLogs(res, url, db, caller);
    } else if (route === 'schema') {
      serveSchema(res, url, db);
    } else if (route === 'sql') {
      await runSql(req, res, db, caller!);
    } else if (route === 'pre_publish') {
      await prePublish(req, res, url, db, caller);
    } else {
      await call(req, res, db, caller!, decodePathSegment(match[3]!));
    }
    return true;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    sendText(res, error.status, error.message);
    return true;
  }
}
