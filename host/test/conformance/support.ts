/**
 * Shared setup for conformance tests: a host running one of our conformance modules, and real SDK clients
 * connected through that module's generated bindings (each module has its own `DbConnection` class). The server
 * tests' support module (imported here) gives Node the `ws` WebSocket and quiets the SDK.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startHost, type RunningHost, type StartHostOptions } from '../../src/index.js';

export { connectWith, eventually, subscribe } from '../server/support.js';

/** The folder of a conformance module by name (host/test/conformance/modules/<name>). */
export function conformanceModule(name: string): string {
  return fileURLToPath(new URL(`./modules/${name}`, import.meta.url));
}

export function startConformanceHost(name: string, options: StartHostOptions = {}): Promise<RunningHost> {
  return startHost({ moduleDir: conformanceModule(name), log: false, database: name, ...options });
}

const LTA_HOST = fileURLToPath(new URL('../../bin/lta-host.ts', import.meta.url));

const TSX = import.meta.resolve('tsx');
/** One empty folder for every `ltaHost` of this test file, made when first needed. */
let emptyFolder: Promise<string> | undefined;

/**
 * Runs `lta-host ARGS` as a developer does, in a process of its own: exit code and output, never a throw. It runs
 * in an empty folder, so the `.lta-data` that `npm start` leaves in the checkout (with the publisher token of
 * another host) is not read in place of the token a test gives or withholds.
 */
export async function ltaHost(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cwd = await (emptyFolder ??= mkdtemp(join(tmpdir(), 'lta-cli-')));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', TSX, LTA_HOST, ...args], {
      cwd,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
