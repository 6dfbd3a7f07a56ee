/**
 * Embedding the host: `startHost()` loads a module, serves the SpacetimeDB client protocol and identity routes
 * on one port, and optionally a static folder (the demo page) from the same origin.
 *
 * @example
 * const host = await startHost({ port: 0 });
 * // DbConnection.builder().withUri(host.url).withDatabaseName(host.database) ...
 * await host.close();
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { loadModule, type ModuleLogRecord } from './engine/index.js';
import { loadOrCreateSigningKeys } from './identity/keys.js';
import { TokenService, type TrustedIssuer } from './identity/tokens.js';
import { Database } from './server/database.js';
import { consoleLog, silentLog, type HostLog } from './server/host-log.js';
import { HostServer } from './server/host-server.js';

export type { HostLog, HostLogLevel } from './server/host-log.js';
export type { TrustedIssuer } from './identity/tokens.js';

/** The repository root (this file is `host/src/index.ts`). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface StartHostOptions {
  /** Module folder (with `src/index.ts`). Default `<repo>/module`. */
  moduleDir?: string;
  /** Port on 127.0.0.1; 0 picks any free port. Default 0. */
  port?: number;
  /** Where the host keeps its signing keys (so tokens survive restarts). Default: keys in memory only. */
  dataDir?: string;
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
  /**
   * Token of whoever publishes the module (this host's or a trusted issuer's). Its identity is `init`'s sender and
   * the database owner, who may subscribe to private tables. Default: a fresh identity (see `publisherToken`).
   */
  publisherToken?: string;
}

export interface RunningHost {
  /** `http://127.0.0.1:PORT`: give it to `withUri`. */
  url: string;
  /** The database name to give to `withDatabaseName`. */
  database: string;
  /** The publisher's token: connect with it to act as the database owner. */
  publisherToken: string;
  /** Disconnects every client (running their `clientDisconnected`) and stops listening. */
  close(): Promise<void>;
}

/** Starts a host serving one database. Rejects with a clear error when the module fails to build or load. */
export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  const log = options.log === false ? silentLog : (options.log ?? consoleLog);
  const databaseName = options.database ?? 'academy';
  const engine = await loadModule({
    moduleDir: resolve(options.moduleDir ?? resolve(REPO_ROOT, 'module')),
    databaseName,
    log: (record: ModuleLogRecord) => log(moduleLevel(record.level), `${record.databaseName}: ${record.message}`),
  });
  const tokens = new TokenService(await loadOrCreateSigningKeys(options.dataDir), options.trustedIssuers);
  const publisher = options.publisherToken === undefined ? await tokens.createIdentity() : await tokens.verify(options.publisherToken);
  const database = new Database(databaseName, engine, log, { owner: publisher.identity });
  database.initialize(publisher.identity);
  const server = new HostServer({
    databases: new Map([[databaseName, database]]),
    tokens,
    log,
    ...(options.staticDir === undefined ? {} : { staticDir: options.staticDir }),
    ...(options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes }),
  });
  const port = await server.listen(options.port ?? 0);
  return {
    url: `http://127.0.0.1:${port}`,
    database: databaseName,
    publisherToken: publisher.token,
    close: () => server.close(),
  };
}

function moduleLevel(level: ModuleLogRecord['level']): 'error' | 'warn' | 'info' | 'debug' {
  if (level === 'panic' || level === 'error') return 'error';
  if (level === 'trace' || level === 'debug') return 'debug';
  return level;
}
