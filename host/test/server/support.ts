/**
 * Shared setup for server tests: a host running the kitchen-sink fixture, and real SDK clients connected to it
 * through the fixture's generated bindings. Node 20 has no global WebSocket: the SDK gets the `ws` package's.
 */
import { fileURLToPath } from 'node:url';
import { setGlobalLogLevel, type Identity } from 'spacetimedb';
import { WebSocket } from 'ws';
import { startHost, type RunningHost, type StartHostOptions } from '../../src/index.js';
import { DbConnection } from '../fixtures/kitchen-sink/bindings/index.js';

(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
// The SDK's info lines ("Connecting...") interleave with node:test's own stdout protocol; keep warnings only.
setGlobalLogLevel('warn');

export const KITCHEN_SINK = fileURLToPath(new URL('../fixtures/kitchen-sink', import.meta.url));

export function startKitchenSink(options: StartHostOptions = {}): Promise<RunningHost> {
  return startHost({ moduleDir: KITCHEN_SINK, log: false, database: 'kitchen', ...options });
}

export interface Connected {
  conn: DbConnection;
  identity: Identity;
  token: string;
}

/** Connects the real SDK through the kitchen-sink bindings; resolves once InitialConnection arrived. */
export function connect(host: RunningHost, token?: string): Promise<Connected> {
  return connectWith(DbConnection, host, token);
}

/** The part of a generated `DbConnection` class the helpers use. */
interface ConnectionClass<Conn> {
  builder(): {
    withUri(uri: string): ReturnType<ConnectionClass<Conn>['builder']>;
    withDatabaseName(name: string): ReturnType<ConnectionClass<Conn>['builder']>;
    withToken(token?: string): ReturnType<ConnectionClass<Conn>['builder']>;
    onConnect(
      cb: (conn: Conn, identity: Identity, token: string) => void,
    ): ReturnType<ConnectionClass<Conn>['builder']>;
    onConnectError(cb: (ctx: unknown, err: Error) => void): ReturnType<ConnectionClass<Conn>['builder']>;
    build(): Conn;
  };
}

/** Connects the real SDK through a module's bindings; resolves once InitialConnection arrived. */
export function connectWith<Conn>(
  DbConnection: ConnectionClass<Conn>,
  host: RunningHost,
  token?: string,
): Promise<{ conn: Conn; identity: Identity; token: string }> {
  return new Promise((resolve, reject) => {
    DbConnection.builder()
      .withUri(host.url)
      .withDatabaseName(host.database)
      .withToken(token)
      .onConnect((conn, identity, newToken) => resolve({ conn, identity, token: newToken }))
      .onConnectError((_ctx, err) => reject(err))
      .build();
  });
}

/** The part of any generated `DbConnection` that `subscribe` uses (conformance modules have their own classes). */
export interface Subscribable {
  subscriptionBuilder(): {
    onApplied(cb: () => void): ReturnType<Subscribable['subscriptionBuilder']>;
    onError(cb: (ctx: { event?: Error }) => void): ReturnType<Subscribable['subscriptionBuilder']>;
    subscribe(queries: string[]): { unsubscribe(): void };
  };
}

/** Subscribes and resolves when applied; rejects with the server's error. */
export function subscribe(conn: Subscribable, queries: string[]) {
  return new Promise<{ unsubscribe(): void }>((resolve, reject) => {
    const handle = conn
      .subscriptionBuilder()
      .onApplied(() => resolve(handle))
      .onError((ctx) => reject(ctx.event ?? new Error('subscription error')))
      .subscribe(queries);
  });
}

/**
 * Resolves when `check()` becomes true (checked every few milliseconds). The limit only turns a hang into a named
 * failure, so it is far beyond what any wait takes: a loaded machine slows a test down, it must not fail it.
 */
export async function eventually(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
