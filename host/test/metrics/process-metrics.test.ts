/** `/metrics` tells an operator the host process's own CPU, memory and file descriptors, as `lta-host` runs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { callOverHttp, startHostProcess } from '../durability/host-process.js';
import { LEDGER } from '../durability/ledger-database.js';

/** Every unlabelled sample of `/metrics`, by name. */
async function scrape(url: string): Promise<Map<string, number>> {
  const families = parsePrometheusTextFormat(await (await fetch(`${url}/metrics`)).text());
  const values = new Map<string, number>();
  for (const family of families) {
    const sample = family.metrics[0];
    if (sample && 'value' in sample && !sample.labels) values.set(family.name, Number(sample.value));
  }
  return values;
}

const figure = (values: Map<string, number>, name: string): number => {
  const value = values.get(name);
  assert.ok(value !== undefined, `${name} is exposed`);
  return value;
};

/** The host process's resident memory as the kernel counts it, bytes. */
async function residentBytes(pid: number): Promise<number> {
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

test('/metrics shows the host process: its CPU, memory, heap against its limit and open sockets', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-process-metrics-'));
  const startedBefore = Date.now() / 1000;
  const host = await startHostProcess({ dataDir, moduleDir: LEDGER, database: 'ledger' });
  const sockets: WebSocket[] = [];
  try {
    const first = await scrape(host.url);
    const pid = host.child.pid!;
    const start = figure(first, 'process_start_time_seconds');
    assert.ok(start >= startedBefore - 1 && start <= Date.now() / 1000, `started at ${start}, just now`);

    // The host's own figures, not the test's: the kernel's count for the host's pid agrees.
    const rss = figure(first, 'process_resident_memory_bytes');
    const kernelRss = await residentBytes(pid);
    assert.ok(Math.abs(rss - kernelRss) < kernelRss * 0.2, `RSS ${rss} is the host's (${kernelRss})`);
    const used = figure(first, 'nodejs_heap_size_used_bytes');
    const total = figure(first, 'nodejs_heap_size_total_bytes');
    const limit = figure(first, 'nodejs_heap_size_limit_bytes');
    assert.ok(used > 0 && used <= total && total < limit && total < rss, `heap ${used} <= ${total} < ${limit}`);
    assert.ok(figure(first, 'nodejs_external_memory_bytes') > 0);
    const openBefore = figure(first, 'process_open_fds');
    assert.ok(openBefore <= figure(first, 'process_max_fds'));

    // Twenty learners connect and work: the host's open descriptors and CPU time go up.
    const url = `${host.url.replace(/^http/, 'ws')}/v1/database/ledger/subscribe`;
    for (let i = 0; i < 20; i++) sockets.push(new WebSocket(url, ['v2.bsatn.spacetimedb']));
    await Promise.all(
      sockets.map((s) => new Promise((resolve, reject) => s.once('open', resolve).once('error', reject))),
    );
    for (let i = 1; i <= 50; i++)
      assert.equal((await callOverHttp(host.url, 'ledger', 'record', ['ana', i, 1])).status, 200);
    const second = await scrape(host.url);
    const kernelFds = (await readdir(`/proc/${pid}/fd`)).length;
    const open = figure(second, 'process_open_fds');
    assert.ok(open >= openBefore + 20, `${open} descriptors open with 20 learners connected (${openBefore} before)`);
    assert.ok(Math.abs(open - kernelFds) <= 2, `${open} is the host's count (${kernelFds})`);
    assert.ok(figure(second, 'process_cpu_seconds_total') > figure(first, 'process_cpu_seconds_total'));
  } finally {
    for (const socket of sockets) socket.terminate();
    host.child.kill('SIGTERM');
    await host.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
});
