import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HOST_CLI = fileURLToPath(new URL('../../bin/lta-host.ts', import.meta.url));

/** A host running as a child process (so a test can kill it with -9). */
export interface HostProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed. */
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

/** Starts `lta-host` on a free loopback port and resolves once it prints its URL. */
export async function startHostProcess(args: {
  dataDir: string;
  moduleDir: string;
  database: string;
  extra?: string[];
}): Promise<HostProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      HOST_CLI,
      '--port',
      '0',
      '--data',
      args.dataDir,
      '--module',
      args.moduleDir,
      '--db',
      args.database,
      ...(args.extra ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LTA_HOST_DEBUG: '' } },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /SpacetimeDB URI: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`lta-host exited (code ${code}) before serving:\n${output}`)));
  });
  return { url, child, output: () => output, exited };
}

/** Calls a reducer over the HTTP API; resolves with the status (200 = committed and durable) and body. */
export async function callOverHttp(
  url: string,
  database: string,
  reducer: string,
  args: unknown[],
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/v1/database/${database}/call/${reducer}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return { status: response.status, body: await response.text() };
}

const REPAIR_CLI = fileURLToPath(new URL('../../bin/lta-repair.ts', import.meta.url));

/** Runs `lta-repair` on a data directory; resolves with its exit code and everything it printed. */
export async function runRepair(dataDir: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', REPAIR_CLI, '--data', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, output };
}

/** Stops a host with SIGTERM and resolves with its exit code. */
export async function stopHost(host: HostProcess): Promise<number | null> {
  host.child.kill('SIGTERM');
  return host.exited;
}
