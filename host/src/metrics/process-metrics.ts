/**
 * The host process's own CPU, memory and file descriptors, read at scrape time: what an operator watches to see a
 * school reach the host's knee or its memory limit (host/README.md, "A whole school on one host"). The `process_*`
 * names and meanings are the standard process metrics of Prometheus client libraries
 * (prometheus.io/docs/instrumenting/writing_clientlibs, "Process metrics"); the `nodejs_*` heap figures are named as
 * prom-client, the usual Node.js client, names them, plus the heap's limit, so `used / limit` can be alerted on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import type { MetricFamily } from './prometheus-text.js';

const startTimeSeconds = Math.round(Date.now() - performance.now()) / 1000;

/** Open and maximum file descriptors from /proc (Linux); null elsewhere or when /proc cannot be read. */
function fileDescriptors(): { open: number; max: number } | null {
  try {
    const open = readdirSync('/proc/self/fd').length;
    const limit = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return limit ? { open, max: Number(limit[1]) } : null;
  } catch {
    return null;
  }
}

const gauge = (name: string, help: string, value: number): MetricFamily => ({
  name,
  help,
  type: 'gauge',
  samples: [{ value }],
});

/** The process metrics as of now. */
export function processFamilies(): MetricFamily[] {
  const { user, system } = process.cpuUsage();
  const memory = process.memoryUsage();
  const heap = getHeapStatistics();
  const fds = fileDescriptors();
  return [
    {
      name: 'process_cpu_seconds_total',
      help: 'Total user and system CPU time spent in seconds',
      type: 'counter',
      samples: [{ value: (user + system) / 1e6 }],
    },
    gauge('process_resident_memory_bytes', 'Resident memory size in bytes', memory.rss),
    gauge('process_start_time_seconds', 'Start time of the process since unix epoch in seconds', startTimeSeconds),
    ...(fds
      ? [
          gauge('process_open_fds', 'Number of open file descriptors', fds.open),
          gauge('process_max_fds', 'Maximum number of open file descriptors', fds.max),
        ]
      : []),
    gauge('nodejs_heap_size_total_bytes', "Bytes V8's heap has taken from the system", memory.heapTotal),
    gauge(
      'nodejs_heap_size_used_bytes',
      "Bytes in use in V8's heap, garbage not yet collected included",
      memory.heapUsed,
    ),
    gauge(
      'nodejs_heap_size_limit_bytes',
      "Most V8's heap may take (node --max-old-space-size); past it the process ends with out of memory",
      heap.heap_size_limit,
    ),
    gauge(
      'nodejs_external_memory_bytes',
      "Bytes outside V8's heap held by JavaScript objects (row buffers among them)",
      memory.external,
    ),
  ];
}
