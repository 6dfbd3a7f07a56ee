/**
 * The academy's host for the load benches: `serve-academy.ts` in a child process of its own (so it has a core of
 * its own, as the learners do), its URLs, and its state on request. `BENCH_SERVER_NODE_ARGS` (space-separated)
 * passes Node flags to it, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** What the host says about itself when asked (see serve-academy.ts). */
export interface HostState {
  cpuMicros: number;
  rss: number;
  /** The garbage collector's longest pause and all its pauses since the last reading, ms. */
  gcLongestMs: number;
  gcTotalMs: number;
  /** The host's longest event-loop delay since the last reading, ms (GC and long tasks alike). */
  loopLongestMs: number;
  /** Heap in use right after the host's last full collection, bytes: its live data. */
  liveHeap: number;
  /** What V8's heap has taken from the system, and the array buffers outside it, bytes: the parts of RSS. */
  heapTotal: number;
  arrayBuffers: number;
  /** V8's old space (long-lived objects): what it has taken from the system, and what of that is in use, bytes. */
  oldSpaceTaken: number;
  oldSpaceUsed: number;
}

export interface AcademyHost {
  http: string;
  database: string;
  /** The learners' WebSocket URL (v2, no compression). */
  subscribeUrl: string;
  state(): Promise<HostState>;
  /** Stops the host (SIGINT: it closes cleanly, writing its profile when asked to); resolves once it exited. */
  stop(): Promise<void>;
}

export async function startAcademyHost(): Promise<AcademyHost> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
      fileURLToPath(new URL('serve-academy.ts', import.meta.url)),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const { http, database } = await new Promise<{ http: string; database: string }>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line) as { http: string; database: string }));
    child.once('exit', (code) => reject(new Error(`serve-academy.ts exited with ${code}`)));
  });
  process.on('exit', () => child.kill('SIGINT'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    http,
    database,
    subscribeUrl: `${http.replace(/^http/, 'ws')}/v1/database/${database}/subscribe?compression=None`,
    state: () =>
      new Promise<HostState>((resolve) => {
        lines.once('line', (answer) => resolve(JSON.parse(answer) as HostState));
        child.stdin!.write('state\n');
      }),
    stop: async () => {
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    },
  };
}
