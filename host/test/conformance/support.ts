/**
 * Shared setup for conformance tests: a host running one of our conformance modules, and real SDK clients
 * connected through that module's generated bindings (each module has its own `DbConnection` class). The server
 * tests' support module (imported here) gives Node the `ws` WebSocket and quiets the SDK.
 */
import { fileURLToPath } from 'node:url';
import { startHost, type RunningHost, type StartHostOptions } from '../../src/index.js';

export { connectWith, eventually, subscribe } from '../server/support.js';

/** The folder of a conformance module by name (host/test/conformance/modules/<name>). */
export function conformanceModule(name: string): string {
  return fileURLToPath(new URL(`./modules/${name}`, import.meta.url));
}

export function startConformanceHost(name: string, options: StartHostOptions = {}): Promise<RunningHost> {
  return startHost({ moduleDir: conformanceModule(name), log: false, database: name, ...options });
}
