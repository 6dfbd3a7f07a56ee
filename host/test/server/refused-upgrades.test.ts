/**
 * A refused WebSocket upgrade frees its socket, whatever the client does after the answer: sends more, closes, or
 * resets. A refused socket once stayed open for good when more than 64 KiB followed the request, each holding one
 * of its address's connections: a school behind one address was then locked out until the host restarted.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import type { RunningHost } from '../../src/index.js';
import { httpRequest, rawHttpAbandoned, UPGRADE_HEADERS } from '../fuzz/raw-http.js';
import { RawClient } from './raw-client.js';
import { startKitchenSink } from './support.js';

let host: RunningHost;
before(async () => {
  host = await startKitchenSink({
    limits: { unlimitedAddresses: [], maxConnectionsPerAddress: 2, connectionBurst: 100, connectionsPerMinute: 6000 },
  });
});
/** The test's own ends of the connections it leaves open (`stay`), closed at the end. */
const leftOpen: Socket[] = [];
after(async () => {
  for (const socket of leftOpen) socket.destroy();
  await host.close();
});

/** An upgrade to this host's database presenting `token`. */
const upgradeWithToken = (token: string) =>
  httpRequest('GET', `/v1/database/${host.database}/subscribe`, {
    ...UPGRADE_HEADERS,
    Authorization: `Bearer ${token}`,
  });

/**
 * An upgrade with a token that does not verify, followed by `trailing` bytes; resolves with the status line the host
 * answered, once the client has then closed its side (`end`), reset the connection (`reset`) or done nothing (`stay`:
 * its side stays open, silent).
 */
function refusedUpgrade(trailing: number, then: 'end' | 'reset' | 'stay'): Promise<string> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ port: Number(port), host: '127.0.0.1', allowHalfOpen: then === 'stay' }, () => {
      socket.write(upgradeWithToken('not-a-token'));
      socket.write(Buffer.alloc(trailing, 0x41));
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n')) return;
      if (then === 'end') socket.end();
      if (then === 'reset') socket.resetAndDestroy();
      if (then === 'stay') leftOpen.push(socket);
      resolve(answer.slice(0, answer.indexOf('\r\n')));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
  });
}

/** Connects a learner, retrying while the address is at its limit (a refused socket may take a moment to close). */
async function connectWithin(ms: number): Promise<RawClient> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await RawClient.connect(host.url, host.database);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

test('refused upgrades do not keep their address’s connections, whether the client closes, resets or stays', async () => {
  const answers = [];
  for (const then of ['end', 'reset', 'stay', 'stay'] as const) answers.push(await refusedUpgrade(256 * 1024, then));
  assert.deepEqual(answers, Array(4).fill('HTTP/1.1 401 Unauthorized'));
  // Four refused sockets would hold twice this address's two connections if they stayed open.
  const first = await connectWithin(5000);
  const second = await connectWithin(5000);
  await first.next('InitialConnection');
  await second.next('InitialConnection');
  await assert.rejects(RawClient.connect(host.url, host.database), /HTTP 429/, 'the limit itself still holds');
  first.close();
  second.close();
  await Promise.all([first.closed, second.closed]);
});

test('clients resetting their connection while the host checks their token do not bring the host down', async () => {
  const { port } = new URL(host.url);
  for (let i = 0; i < 20; i++) await rawHttpAbandoned(Number(port), upgradeWithToken(`not-a-token-${i}`));
  const learner = await connectWithin(5000);
  await learner.next('InitialConnection');
  learner.close();
  await learner.closed;
});
