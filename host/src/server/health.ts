/**
 * `GET /health`: whether the host can take writes. 200 `{status:'ok', writable:true}`, or 503 with `writable:false`
 * and the reason (shutting down, the commit log failed to write, the data directory is not writable, too little
 * free disk), so a load balancer or supervisor stops sending writes to a host that could not keep them.
 */
import { open, statfs } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { sendJson } from './http-responses.js';

/** Default minimum free space on the data directory's disk: 64 MiB. */
export const DEFAULT_MIN_FREE_BYTES = 64 * 1024 * 1024;

export interface HealthSources {
  /** The data directory; in memory (undefined) only the other checks apply. */
  dataDir?: string;
  /** Below this many free bytes on the data directory's disk the host reports itself unwritable. */
  minFreeBytes: number;
  /** Why the host cannot keep writes right now (shutting down, the commit log failed), or null. */
  problem: () => string | null;
}

const MIB = 1024 * 1024;

/** The reason the host cannot take writes, or null when it can. */
export async function unwritableReason(sources: HealthSources): Promise<string | null> {
  const problem = sources.problem();
  if (problem !== null) return problem;
  const { dataDir } = sources;
  if (dataDir === undefined) return null;
  try {
    // Writing is the only sure test (a read-only remount or a full quota passes access checks).
    const probe = await open(join(dataDir, '.health-probe'), 'w');
    try {
      await probe.write('ok');
    } finally {
      await probe.close();
    }
  } catch (error) {
    return `data directory ${dataDir} is not writable: ${(error as Error).message}`;
  }
  const disk = await statfs(dataDir);
  const free = disk.bavail * disk.bsize;
  if (free < sources.minFreeBytes) {
    return `only ${(free / MIB).toFixed(1)} MiB free for ${dataDir}, under the minimum of ${(sources.minFreeBytes / MIB).toFixed(1)} MiB`;
  }
  return null;
}

/** Answers `GET /health`; resolves false for any other request. */
export async function answerHealth(
  req: IncomingMessage,
  res: ServerResponse,
  sources: HealthSources,
): Promise<boolean> {
  if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://host').pathname !== '/health') return false;
  const reason = await unwritableReason(sources);
  if (reason === null) sendJson(res, 200, { status: 'ok', writable: true });
  else sendJson(res, 503, { status: 'unavailable', writable: false, reason });
  return true;
}
