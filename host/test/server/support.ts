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

/** Connects the real SDK; resolves once InitialConnection arrived. */
export function connect(host: RunningHost, token?: string): Promise<Connected> {
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

/** Subscribes and resolves when applied; rejects with the server's error. */
export function subscribe(conn: DbConnection, queries: string[]) {
  return new Promise<{ unsubscribe(): void }>((resolve, reject) => {
    const handle = conn
      .subscriptionBuilder()
      .onApplied(() => resolve(handle))
      .onError((ctx) => reject(ctx.event ?? new Error('subscription error')))
      .subscribe(queries);
  });
}

/** Resolves when `check()` becomes true (checked after each message the client processes). */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
