import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startHost } from '../../src/index.js';
import { LEDGER } from '../durability/ledger-database.js';
import { ledgerVariant } from './module-variant.js';

/** Opens a client connection the way the SDK does (v2 BSATN protocol) and resolves once it is open. */
function connect(url: string): Promise<{ socket: WebSocket; closed: Promise<number> }> {
  const socket = new WebSocket(
    `${url.replace(/^http/, 'ws')}/v1/database/ledger/subscribe?compression=None`,
    'v2.bsatn.spacetimedb',
  );
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

test('publishing a new module version: clients are disconnected cleanly, reconnect, and find their data', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-publish-'));
  const v1 = await startHost({ moduleDir: LEDGER, database: 'ledger', dataDir, log: false });
  const call = (url: string, args: unknown[]) =>
    fetch(`${url}/v1/database/ledger/call/record`, { method: 'POST', body: JSON.stringify(args) });
  assert.equal((await call(v1.url, ['ana', 1, 10])).status, 200);
  const client = await connect(v1.url);
  await v1.close();
  assert.equal(await client.closed, 1001, 'the client is told the host is going away');

  const incompatible = await ledgerVariant([['    amount: t.i64(),', '    amount: t.f64(),']]);
  await assert.rejects(
    startHost({ moduleDir: incompatible, database: 'ledger', dataDir, log: false }),
    /needs a manual migration, so nothing was changed:\n {2}- Changing the type of column amount in table entry from i64 to f64/,
  );

  const compatible = await ledgerVariant([
    ['    amount: t.i64(),\n  },', "    amount: t.i64(),\n    memo: t.string().default('kept'),\n  },"],
  ]);
  const v2 = await startHost({ moduleDir: compatible, database: 'ledger', dataDir, log: false });
  try {
    const again = await connect(v2.url);
    again.socket.close(1000);
    assert.equal((await call(v2.url, ['ana', 2, 5])).status, 200);
    const sql = await fetch(`${v2.url}/v1/database/ledger/sql`, {
      method: 'POST',
      body: 'SELECT * FROM entry',
      headers: { authorization: `Bearer ${v2.publisherToken}` },
    });
    const [result] = (await sql.json()) as { rows: unknown[][] }[];
    assert.deepEqual(result!.rows[0], [1, 'ana', 1, 10, 'kept'], 'the stored row got the new column default');
    assert.deepEqual(result!.rows[1]!.slice(0, 4), [2, 'ana', 2, 5], 'ids continue after the update');
    const meta = await fetch(`${v2.url}/v1/database/ledger/sql`, {
      method: 'POST',
      body: 'SELECT * FROM meta',
      headers: { authorization: `Bearer ${v2.publisherToken}` },
    });
    assert.deepEqual(
      ((await meta.json()) as { rows: unknown[][] }[])[0]!.rows,
      [['init_runs', 1]],
      'init ran only on the first publish',
    );
  } finally {
    await v2.close();
    await rm(dataDir, { recursive: true });
  }
});

test('publishing into a running host: a refused update changes nothing; an accepted one closes clients with 1012', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-publish-live-'));
  const host = await startHost({ moduleDir: LEDGER, database: 'ledger', dataDir, log: false });
  try {
    const call = (args: unknown[]) =>
      fetch(`${host.url}/v1/database/ledger/call/record`, { method: 'POST', body: JSON.stringify(args) });
    assert.equal((await call(['bo', 1, 3])).status, 200);
    const client = await connect(host.url);
    const incompatible = await ledgerVariant([['    seq: t.u32(),\n', '']]);
    await assert.rejects(
      host.publish({ moduleDir: incompatible }),
      /Removing column seq from table entry requires a manual migration/,
    );
    assert.equal(client.socket.readyState, WebSocket.OPEN, 'a refused update leaves clients connected');
    assert.equal((await call(['bo', 2, 3])).status, 200);

    const compatible = await ledgerVariant([
      ['export const onTimer', 'export const ping = spacetimedb.reducer(() => {});\nexport const onTimer'],
    ]);
    const { steps } = await host.publish({ moduleDir: compatible });
    assert.deepEqual(steps, ['add reducer ping']);
    assert.equal(await client.closed, 1012, 'clients are told to reconnect');
    const again = await connect(host.url);
    again.socket.close(1000);
    assert.equal((await fetch(`${host.url}/v1/database/ledger/call/ping`, { method: 'POST', body: '[]' })).status, 200);
    assert.equal((await call(['bo', 3, 3])).status, 200);
    const tally = await fetch(`${host.url}/v1/database/ledger/sql`, {
      method: 'POST',
      body: 'SELECT * FROM tally',
      headers: { authorization: `Bearer ${host.publisherToken}` },
    });
    assert.deepEqual(((await tally.json()) as { rows: unknown[][] }[])[0]!.rows, [['bo', 3, 9]]);
  } finally {
    await host.close();
    await rm(dataDir, { recursive: true });
  }
});
