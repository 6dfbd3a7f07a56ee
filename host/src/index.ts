/**
 * Embedding the host: `startHost()` loads a module, serves the SpacetimeDB client protocol and identity routes
 * on one port, and optionally a static folder (the demo page) from the same origin.
 *
 * @example
 * const host = await startHost({ port: 0 });
 * // DbConnection.builder().withUri(host.url).withDatabaseName(host.database) ...
 * await host.close();
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, planPublish, publishUpdate, type OpenDatabase } from './durability/open-database.js';
import type { BundledModule, ModuleLogRecord } from './engine/index.js';
import { loadOrCreateSigningKeys } from './identity/keys.js';
import { TokenService, type TrustedIssuer } from './identity/tokens.js';
import { Database } from './server/database.js';
import { guardProcess } from './server/guard.js';
import { sqlLimits } from './sql/limits.js';
import { ROW_LIMIT } from './sql/system-variables.js';
import { consoleLog, silentLog, type HostLog } from './server/host-log.js';
import { answerHealth, DEFAULT_MIN_FREE_BYTES } from './server/health.js';
import { HostServer } from './server/host-server.js';
import type { PingTimer } from './server/ping-timer.js';
import { resolveLimits, type HostLimits } from './server/limits/host-limits.js';
import { handleDatabaseHttp, type HttpDatabase } from './update/http-api.js';
import { setCohortIssuer } from './lti/cohort-issuer-setting.js';
import { startLtiTool, type LtiOptions, type LtiTool } from './lti/lti-tool.js';
import { ModuleLog } from './update/module-log.js';
import { embedRoutes, type EmbedOptions } from './embed/embed-routes.js';

export type { HostLog, HostLogLevel } from './server/host-log.js';
export type { PingTimer } from './server/ping-timer.js';
export type { TrustedIssuer } from './identity/tokens.js';
export type { SqlLimits } from './sql/limits.js';
export { CommitLogDamagedError } from './durability/commit-log-scan.js';
export { embedPageHeaders, type EmbedOptions } from './embed/embed-routes.js';
export { renderEmbedPage, type EmbedPage } from './embed/embed-page.js';
export { DEFAULT_HOST_LIMITS, limitsFromEnv, type HostLimits } from './server/limits/host-limits.js';
export type { LtiOptions, LtiTool, PlatformRegistration, DeliveryAttempt } from './lti/lti-tool.js';

/** The repository root (this file is `host/src/index.ts`). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface StartHostOptions {
  /** Module folder (with `src/index.ts`). Default `<repo>/module`. */
  moduleDir?: string;
  /** Port to listen on; 0 picks any free port. Default 0. */
  port?: number;
  /** Address to listen on: `0.0.0.0` or `::` for every interface. Default `127.0.0.1` (this machine only). */
  hostname?: string;
  /**
   * `/health` answers 503 when the data directory's disk has less free space than this, so writes go elsewhere
   * before the commit log fails. Default 64 MiB.
   */
  minFreeBytes?: number;
  /**
   * Called when the commit log fails to write (a full disk, an I/O error): transactions committed from then on
   * cannot be made durable or acknowledged, and `/health` answers 503. `lta-host` exits (code 4) so that its
   * supervisor restarts it from what is on disk. Default: only logged.
   */
  onWriteFailure?: (error: Error) => void;
  /**
   * Where the host keeps the database (snapshots, commit log), its signing keys and the publisher's token, so data
   * and identities survive restarts. Default: everything in memory.
   */
  dataDir?: string;
  /** Deletes the stored data first and publishes the module as new. */
  clear?: boolean;
  /** Database name clients connect to. Default 'academy'. */
  database?: string;
  /** Folder served at `/` (e.g. the demo page), so page and host share one origin. */
  staticDir?: string;
  /** Where host and module logs go; `false` silences them. Default: the console. */
  log?: HostLog | false;
  /** Other issuers (an LMS, a site) whose tokens sign users in. */
  trustedIssuers?: TrustedIssuer[];
  /** Largest incoming WebSocket message in bytes. Default 32 MiB, as SpacetimeDB. */
  maxMessageBytes?: number;
  /** How often clients are pinged; a client that misses an answer is dropped. Default 15 s, as SpacetimeDB. */
  pingIntervalMs?: number;
  /** What paces the pings: a test drives them by hand, so a loaded machine cannot drop a client. Default: a real interval. */
  pingTimer?: PingTimer;
  /**
   * How many messages may wait for one client that does not read them (a slow or stalled connection) before the
   * host drops it (no close frame, the client sees 1006). Default 16384, as SpacetimeDB.
   */
  outgoingQueueLength?: number;
  /**
   * Limits that keep one client or one address from holding the others back: queries per subscription, answer
   * size, bytes and messages waiting per client, new identities and connections per address (host/README.md,
   * "Limits"). Any left out keep their default (DEFAULT_HOST_LIMITS).
   */
  limits?: Partial<HostLimits>;
  /**
   * Token of whoever publishes the module (this host's or a trusted issuer's). Its identity is `init`'s sender and
   * the database owner, who may subscribe to private tables. Default: a fresh identity (see `publisherToken`).
   */
  publisherToken?: string;
  /**
   * Keeps the process alive through an uncaught exception or unhandled rejection: logged, any open transaction
   * rolled back. For a process that is only the host (`lta-host` sets it); default false, so an app that embeds
   * the host keeps its own handling.
   */
  guardProcess?: boolean;
  /**
   * Origins (`https://api.example.com`) the module's procedures may reach with `ctx.http.fetch`. Default: none:
   * outbound HTTP is refused, and the module's fetch throws `HttpError` saying so.
   */
  allowHttpTo?: readonly string[];
  /** Runs the LTI 1.3 tool (`/lti/...`, docs/lti.md): LMS launches sign learners in and grades go back. */
  lti?: LtiOptions;
  /** The `/embed` pages for iframes (LMSs, blogs): who may frame them, where the widget bundle is, the public URL. */
  embed?: EmbedOptions;
}

/** A new version of the module: a folder to build, or a program already bundled. */
export type ModuleUpdate = (
  { moduleDir: string; program?: undefined } | { program: BundledModule; moduleDir?: undefined }
) & { clear?: boolean };

export interface RunningHost {
  /** `http://HOST:PORT` (127.0.0.1 when listening on every interface): give it to `withUri`. */
  url: string;
  /** The database name to give to `withDatabaseName`. */
  database: string;
  /** The publisher's token: connect with it to act as the database owner. */
  publisherToken: string;
  /** The LTI tool, when `lti` was given. */
  lti?: LtiTool;
  /** Disconnects every client (running their `clientDisconnected`) and stops listening. */
  close(): Promise<void>;
  /**
   * Publishes a new version of the module while the host runs (like `spacetime publish`): an update SpacetimeDB
   * would not migrate automatically is refused with `ModuleUpdateError` and nothing changes; otherwise clients are
   * disconnected (close code 1012) to reconnect to the new version, which keeps the data. `clear` starts over.
   * The module comes from a folder (`moduleDir`, built here) or already bundled (`program`, as `spacetime publish`
   * uploads it to `PUT /v1/database/:name`).
   */
  publish(update: ModuleUpdate): Promise<{ steps: string[] }>;
}

/** Starts a host serving one database. Rejects with a clear error when the module fails to build, load or update. */
export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  const log = options.log === false ? silentLog : (options.log ?? consoleLog);
  const limits = resolveLimits(options.limits);
  const sql = sqlLimits({ maxQueryBytes: limits.maxQueryBytes, maxNestingDepth: limits.maxNestingDepth });
  const databaseName = options.database ?? 'academy';
  // What `GET /v1/database/:name/logs` serves; it outlives module updates, as SpacetimeDB's database log does.
  const moduleLog = new ModuleLog();
  const signingKeys = await loadOrCreateSigningKeys(options.dataDir);
  const tokens = new TokenService(signingKeys, options.trustedIssuers);
  let lti: LtiTool | undefined;
  const publisher = await publisherOf(tokens, options);
  // The folder the served module was built from: an uploaded program has none, and keeps the last one for the record.
  let servedModuleDir = resolve(options.moduleDir ?? resolve(REPO_ROOT, 'module'));
  // The program uploaded last (`PUT /v1/database/:name`), if the served module came that way: a reset keeps it.
  let servedProgram: BundledModule | undefined;
  const openOptions = (moduleDir: string, clear: boolean, program?: BundledModule) => ({
    moduleDir: resolve(moduleDir),
    ...(program ? { program } : {}),
    database: databaseName,
    publisher: publisher.identity,
    log,
    moduleLog: (record: ModuleLogRecord) => {
      moduleLog.add(record);
      log(moduleLevel(record.level), `${record.databaseName}: ${record.message}`);
    },
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(clear ? { clear: true } : {}),
    ...(options.allowHttpTo ? { allowHttpTo: options.allowHttpTo } : {}),
  });
  const serve = (opened: OpenDatabase) => {
    const database = new Database(databaseName, opened.engine, log, {
      owner: opened.owner ?? publisher.identity,
      metrics: opened.metrics,
      sqlLimits: sql,
      limits,
      rowLimit: () => opened.systemVariables.get(ROW_LIMIT),
      // In memory every transaction is "durable" at once: skip the outbox.
      ...(options.dataDir === undefined ? {} : { durable: opened.durable }),
    });
    opened.onScheduledCommit((outcome) => database.publish(outcome));
    opened.onWriteFailure((error) => {
      log('error', `${databaseName}: ${error.message}; nothing committed from now on can be acknowledged`);
      options.onWriteFailure?.(error);
    });
    const httpDatabase: HttpDatabase = {
      engine: opened.engine,
      owner: opened.owner ?? publisher.identity,
      initialProgram: opened.initialProgram,
      systemVariables: opened.systemVariables,
      callReducer: (sender, reducer, args, connectionId) => database.callReducer(sender, reducer, args, connectionId),
      callProcedure: (sender, procedure, args, connectionId) =>
        database.callProcedure(sender, procedure, args, connectionId),
      callHttpHandler: (id, request, body) => database.callHttpHandler(id, request, body),
      writeRows: (label, write) => database.writeRows(label, write),
      openHttpConnection: (sender, jwtPayload) => database.openHttpConnection(sender, jwtPayload),
      closeHttpConnection: (sender, connectionId) => database.closeHttpConnection(sender, connectionId),
      metricsText: () => opened.metrics.render(),
      moduleLog,
      sqlLimits: sql,
      publish: (program, clear) => {
        const uploaded = program ?? servedProgram;
        return publishLive(uploaded ? { program: uploaded, clear } : { moduleDir: servedModuleDir, clear });
      },
      planPublish: (program) => planPublish(live.opened, openOptions(servedModuleDir, false, program)),
    };
    return { opened, database, httpDatabase };
  };
  let live = serve(await openDatabase(openOptions(servedModuleDir, options.clear ?? false)));
  const databases = new Map([[databaseName, live.database]]);
  let closing = false;
  const embed = embedRoutes(databaseName, options.embed);
  const health = {
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    minFreeBytes: options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES,
    problem: () => (closing ? 'the host is shutting down' : (live.opened.writeFailure()?.message ?? null)),
  };
  const server: HostServer = new HostServer({
    databases,
    tokens,
    log,
    limits,
    fallback: async (req, res) =>
      (await answerHealth(req, res, health)) ||
      (lti !== undefined && (await lti.handle(req, res))) ||
      (await embed(req, res)) ||
      handleDatabaseHttp(
        req,
        res,
        {
          database: (name) =>
            name === databaseName ||
            name.toLowerCase() === live.opened.engine.databaseIdentity.toString(16).padStart(64, '0')
              ? live.httpDatabase
              : undefined,
          databases: () => [live.httpDatabase],
          authenticate: async (r, url) => {
            const caller = await server.authenticate(r, url);
            return (
              caller && { identity: caller.identity, jwtPayload: JSON.stringify(caller.claims), token: caller.token }
            );
          },
          createIdentity: (r) => server.createIdentity(r),
          spareIdentity: (r) => server.spareIdentity(r),
        },
        databaseName,
      ),
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
    ...(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes }),
    ...(options.pingIntervalMs === undefined ? {} : { pingIntervalMs: options.pingIntervalMs }),
    ...(options.pingTimer === undefined ? {} : { pingTimer: options.pingTimer }),
    ...(options.outgoingQueueLength === undefined ? {} : { outgoingQueueLength: options.outgoingQueueLength }),
  });
  let port: number;
  try {
    port = await server.listen(options.port ?? 0, options.hostname);
  } catch (err) {
    await live.opened.close();
    throw err;
  }
  const url = `http://${urlHost(options.hostname)}:${port}`;
  let stopObserving = () => {};
  if (options.lti) {
    try {
      lti = await startLtiTool({
        ...options.lti,
        baseUrl: url,
        database: databaseName,
        dataDir: options.dataDir,
        signingKeys,
        log,
        admitRegistration: (req) => server.admitLtiRegistration(req),
      });
    } catch (err) {
      await server.close();
      await live.opened.close();
      throw err;
    }
    stopObserving = lti.observe(live.opened.engine);
    await setCohortIssuer(
      (reducer, args) => live.database.callReducer(publisher.identity, reducer, args),
      lti.issuer,
      log,
    );
  }
  const unguard = options.guardProcess ? guardProcess(log, () => [live.opened.engine]) : () => {};
  return {
    url,
    database: databaseName,
    publisherToken: publisher.token,
    ...(lti ? { lti } : {}),
    close: async () => {
      unguard();
      closing = true;
      stopObserving();
      await lti?.close();
      await server.close();
      await live.opened.close();
    },
    publish: publishLive,
  };

  async function publishLive({ moduleDir, program, clear = false }: ModuleUpdate): Promise<{ steps: string[] }> {
    const disconnectClients = async () => {
      server.disconnectAll(1012, 'module updated: reconnect');
      // Let their clientDisconnected run (and be logged) on the old version before it closes.
      for (let waited = 0; live.database.clientCount > 0 && waited < 1000; waited += 20)
        await new Promise((r) => setTimeout(r, 20));
      live.database.finishDisconnects();
    };
    // An update keeps the database's initial program (only creating or resetting it sets a new one).
    const options = {
      ...openOptions(moduleDir ?? servedModuleDir, clear, program),
      ...(clear
        ? {}
        : { initialProgram: live.opened.initialProgram, systemVariables: live.opened.systemVariables.entries() }),
    };
    const next = serve(await publishUpdate(live.opened, options, disconnectClients));
    if (moduleDir !== undefined) servedModuleDir = resolve(moduleDir);
    servedProgram = program;
    live = next;
    databases.set(databaseName, next.database);
    stopObserving();
    stopObserving = lti?.observe(next.opened.engine) ?? (() => {});
    return { steps: next.opened.update?.steps ?? [] };
  }
}

/**
 * Who publishes: the given token, else the token kept in the data directory (so the owner stays the owner across
 * restarts, as the CLI's login does), else a fresh identity.
 */
async function publisherOf(
  tokens: TokenService,
  options: StartHostOptions,
): Promise<{ identity: bigint; token: string }> {
  if (options.publisherToken !== undefined) return tokens.verify(options.publisherToken);
  const file = options.dataDir === undefined ? undefined : join(options.dataDir, 'keys', 'publisher-token');
  if (file) {
    const saved = await readFile(file, 'utf8').catch(() => undefined);
    if (saved !== undefined) {
      try {
        return await tokens.verify(saved.trim());
      } catch {
        // Signed with keys that are gone: publish as a new identity.
      }
    }
  }
  const created = await tokens.createIdentity();
  if (file) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, created.token, { mode: 0o600 });
  }
  return created;
}

/** How clients on this machine reach an address the host listens on. */
function urlHost(hostname = '127.0.0.1'): string {
  if (hostname === '0.0.0.0' || hostname === '::') return '127.0.0.1';
  return hostname.includes(':') ? `[${hostname}]` : hostname;
}

function moduleLevel(level: ModuleLogRecord['level']): 'error' | 'warn' | 'info' | 'debug' {
  if (level === 'panic' || level === 'error') return 'error';
  if (level === 'trace' || level === 'debug') return 'debug';
  return level;
}
