/**
 * Shared pieces of the host benchmarks: running a server in a child process (so it has a core of its own, as the
 * clients do), opening many WebSocket clients, hand-encoded reducer calls, and reading ReducerResults cheaply.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BinaryReader } from 'spacetimedb';
import { WebSocket } from 'ws';
import { ServerMessage, TransactionUpdate, unframeServerPayload } from '@lta/host/protocol';

export interface ServerProcess {
  url: string;
  /** The server process's CPU time so far (user + system, µs), read from the process itself. */
  cpuMicros(): Promise<number>;
  /** The server process's peak resident memory so far (bytes), read from the process itself. */
  peakRssBytes(): Promise<number>;
  stop(): void;
}

/**
 * Starts `serve-host.ts` or `serve-baseline.ts` and waits for its URL. The server answers each `cpu` line on its
 * stdin with its CPU time, so a bench can report CPU per call, which a shared machine disturbs far less than
 * throughput. `BENCH_SERVER_NODE_ARGS` (space-separated) passes extra Node flags to the server, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the host on its own.
 */
export async function startServer(script: 'serve-host.ts' | 'serve-baseline.ts'): Promise<ServerProcess> {
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(
    process.execPath,
    [...extraArgs, '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url))],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const ask = () =>
    new Promise<{ cpuMicros: number; peakRssBytes: number }>((resolve) => {
      lines.once('line', (answer) => resolve(JSON.parse(answer) as { cpuMicros: number; peakRssBytes: number }));
      child.stdin!.write('cpu\n');
    });
  return {
    url: (JSON.parse(line) as { url: string }).url,
    cpuMicros: async () => (await ask()).cpuMicros,
    peakRssBytes: async () => (await ask()).peakRssBytes,
    stop: () => child.kill(),
  };
}

/** Server side of `cpuMicros` and `peakRssBytes`: answers each `cpu` line on stdin with this process's CPU time and peak RSS. */
export function answerCpuQueries(): void {
  createInterface({ input: process.stdin }).on('line', () => {
    const { user, system } = process.cpuUsage();
    console.log(JSON.stringify({ cpuMicros: user + system, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
  });
}

export function openClients(url: string, count: number, protocols: string[] = []): Promise<WebSocket[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const socket = new WebSocket(url, protocols, { perMessageDeflate: false });
      socket.binaryType = 'nodebuffer';
      return new Promise<WebSocket>((resolve, reject) => {
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      });
    }),
  );
}

const encoder = new TextEncoder();

/** A CallReducer message, encoded by hand (tag 3, request id, flags, name, args). */
export function callReducer(requestId: number, reducer: string, args: Uint8Array): Buffer {
  const name = encoder.encode(reducer);
  const out = Buffer.allocUnsafe(1 + 4 + 1 + 4 + name.length + 4 + args.length);
  let at = out.writeUInt8(3, 0);
  at = out.writeUInt32LE(requestId, at);
  at = out.writeUInt8(0, at);
  at = out.writeUInt32LE(name.length, at);
  out.set(name, at);
  at += name.length;
  at = out.writeUInt32LE(args.length, at);
  out.set(args, at);
  return out;
}

/** Arguments of `transfer(from: u32, to: u32, amount: i64)`. */
export function transferArgs(from: number, to: number, amount: bigint): Uint8Array {
  const out = Buffer.allocUnsafe(16);
  out.writeUInt32LE(from, 0);
  out.writeUInt32LE(to, 4);
  out.writeBigInt64LE(amount, 8);
  return out;
}

/** Arguments of `open_account(id: u32, balance: i64)`. */
export function openAccountArgs(id: number, balance: bigint): Uint8Array {
  const out = Buffer.allocUnsafe(12);
  out.writeUInt32LE(id, 0);
  out.writeBigInt64LE(balance, 4);
  return out;
}

/** Calls `visit` for each server message in a frame (v2: one, v3: one or more). */
export function forEachServerMessage(frame: Buffer, visit: (message: ServerMessage) => void): void {
  const reader = new BinaryReader(
    unframeServerPayload(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength)),
  );
  do visit(ServerMessage.deserialize(reader));
  while (reader.remaining > 0);
}

/**
 * Counts the ReducerResults in a frame and how many failed, reading the bytes directly in the common case (empty
 * transaction updates) so that the benchmark's clients spend little CPU; anything else is decoded in full.
 */
export function countReducerResults(frame: Buffer): { answered: number; failed: number } {
  const payload = frame[0] === 0 ? frame.subarray(1) : Buffer.from(unframeServerPayload(new Uint8Array(frame)));
  let answered = 0;
  let failed = 0;
  let at = 0;
  while (at < payload.length) {
    // ReducerResult: tag 6, request id u32, timestamp i64, outcome tag u8.
    if (payload[at] !== 6) return countDecoded(payload.subarray(at), answered, failed);
    const outcome = payload[at + 13];
    at += 14;
    answered++;
    if (outcome === 0) {
      at += 4 + payload.readUInt32LE(at); // return value bytes
      if (payload.readUInt32LE(at) !== 0) return countDecoded(payload.subarray(at), answered, failed, true);
      at += 4;
    } else if (outcome === 1) {
      // OkEmpty
    } else {
      failed++;
      at += 4 + payload.readUInt32LE(at);
    }
  }
  return { answered, failed };
}

function countDecoded(
  rest: Buffer,
  answered: number,
  failed: number,
  insideUpdate = false,
): { answered: number; failed: number } {
  const reader = new BinaryReader(new Uint8Array(rest.buffer, rest.byteOffset, rest.byteLength));
  if (insideUpdate) TransactionUpdate.deserialize(reader);
  while (reader.remaining > 0) {
    const message = ServerMessage.deserialize(reader);
    if (message.tag !== 'ReducerResult') continue;
    answered++;
    if (message.value.result.tag !== 'Ok' && message.value.result.tag !== 'OkEmpty') failed++;
  }
  return { answered, failed };
}

export function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
