/**
 * Test support: a real host (`host/`) serving this module, and real SDK clients (the `spacetimedb` package with
 * the bindings generated into `src/bindings`) talking to it over WebSockets, as a browser tab would.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { Identity } from 'spacetimedb';
import { startHost, type RunningHost } from '@lta/host';
import { DbConnection } from '../../../src/bindings/index.js';

// Node 20 has no global WebSocket; the SDK looks for one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const MODULE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** Start a fresh host and database with this module. */
export function startAcademy(): Promise<RunningHost> {
  return startHost({ moduleDir: MODULE_DIR, port: 0, log: false });
}

/** One connected client (a browser tab). */
export interface Client {
  conn: DbConnection;
  identity: Identity;
  token: string;
  /** Subscribe to SQL queries; resolves once applied, rejects with the server's error. */
  subscribe(...queries: string[]): Promise<void>;
  /** Close the tab; resolves when the connection is closed. */
  close(): Promise<void>;
}

/** Connect to the academy as a new visitor or (with `token`) as the same learner from another tab or device. */
export function connect(academy: RunningHost, token?: string): Promise<Client> {
  let disconnected!: () => void;
  const closed = new Promise<void>((done) => (disconnected = done));
  return new Promise((resolve, reject) => {
    DbConnection.builder()
      .withUri(academy.url)
      .withDatabaseName(academy.database)
      .withToken(token)
      .onConnect((conn, identity, newToken) =>
        resolve({
          conn,
          identity,
          token: newToken,
          subscribe: (...queries) =>
            new Promise<void>((applied, failed) => {
              conn
                .subscriptionBuilder()
                .onApplied(() => applied())
                .onError((ctx) => failed(ctx.event ?? new Error('subscription refused')))
                .subscribe(queries);
            }),
          close: () => {
            conn.disconnect();
            return closed;
          },
        }),
      )
      .onDisconnect(() => disconnected())
      .onConnectError((_ctx, error) => reject(error))
      .build();
  });
}

/** Connect and register a learner. */
export async function registered(academy: RunningHost, username: string, timeZone = 'UTC'): Promise<Client> {
  const client = await connect(academy);
  await client.conn.reducers.registerUser({ username, displayName: '', timeZone });
  return client;
}

/** Assert that a reducer call is refused with a message matching `message`. */
export async function refused(call: Promise<unknown>, message: RegExp | string): Promise<void> {
  await assert.rejects(call, (error: Error) => {
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

/** Wait until `check()` holds (row callbacks run as messages arrive). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A test file's academy: one host for the file, and the clients its tests open, closed after the last test. */
export interface TestAcademy {
  readonly host: RunningHost;
  /** Connect a visitor (or, with a token, another tab of the same learner). */
  visitor(token?: string): Promise<Client>;
  /** Connect and register a learner, subscribed to the file's usual queries. */
  learner(username: string, timeZone?: string): Promise<Client>;
}

/** Start one academy for the calling test file; every learner it creates subscribes to `queries`. */
export function useAcademy(...queries: string[]): TestAcademy {
  let host: RunningHost | undefined;
  const clients: Client[] = [];
  before(async () => {
    host = await startAcademy();
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await host?.close();
  });
  return {
    get host() {
      assert.ok(host, 'the academy starts before the tests');
      return host;
    },
    async visitor(token) {
      const client = await connect(this.host, token);
      clients.push(client);
      return client;
    },
    async learner(username, timeZone = 'UTC') {
      const client = await registered(this.host, username, timeZone);
      clients.push(client);
      if (queries.length > 0) await client.subscribe(...queries);
      return client;
    },
  };
}
