// A @web/test-runner plugin that gives browser tests the real host running the real module: tests call
// `startTestHost()` / `restartTestHost()` (test/browser/helpers/host.ts), which run these server commands.
// The host starts on first use, on a free port with a fresh data directory, and stops with the runner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const moduleDir = fileURLToPath(new URL('../../module', import.meta.url));

// The issuer of course-launch tokens in browser tests: the host trusts it, as it would the academy's LTI issuer.
const LAUNCH_ISSUER = 'https://launch.lta.test';

export function hostPlugin() {
  let host;
  let port = 0;
  let dataDir;
  let launchKeys;
  const start = async () => {
    const { startHost } = await import('@lta/host');
    const { exportJWK, generateKeyPair } = await import('jose');
    dataDir ??= mkdtempSync(join(tmpdir(), 'lta-browser-tests-'));
    launchKeys ??= await generateKeyPair('ES256');
    const trustedIssuers = [
      { issuer: LAUNCH_ISSUER, publicKey: { ...(await exportJWK(launchKeys.publicKey)), alg: 'ES256' } },
    ];
    host = await startHost({ moduleDir, port, dataDir, database: 'academy', trustedIssuers });
    port = Number(new URL(host.url).port);
    return running();
  };
  const running = () => ({
    url: host.url,
    database: host.database,
    publisherToken: host.publisherToken,
    launchIssuer: LAUNCH_ISSUER,
  });
  /** A token as a course launch signs a learner in with: `sub` per LMS user, the class in `lta_cohort*` claims. */
  const launchToken = async ({ sub, claims }) => {
    const { SignJWT } = await import('jose');
    return new SignJWT({ aud: 'spacetimedb', ...claims })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setIssuer(LAUNCH_ISSUER)
      .setSubject(sub)
      .setIssuedAt()
      .sign(launchKeys.privateKey);
  };
  /**
   * Writes a long history into a channel: the host stops, the module's own reducers write it into the same data
   * directory with a clock an hour back (so no rate limit refuses it and every allowance has refilled by now), and
   * the host starts again on the same port.
   */
  const busyChannel = async ({ channel, count, prefix }) => {
    if (!host) await start();
    await host.close();
    host = undefined;
    const { openDatabase } = await import('@lta/host/durability');
    const { writeBusyChannel } = await import('../../module/test/support/busy-channel.ts');
    const database = await openDatabase({ moduleDir, database: 'academy', dataDir, log: () => {} });
    try {
      writeBusyChannel(database.engine, channel, count, BigInt(Date.now() - 3_600_000) * 1000n, prefix);
    } finally {
      await database.close();
    }
    return start();
  };
  return {
    name: 'lta-host',
    async executeCommand({ command, payload }) {
      if (command === 'lta-host-start') return host ? running() : start();
      if (command === 'lta-host-launch-token') return launchToken(payload);
      if (command === 'lta-host-stop') {
        await host?.close();
        host = undefined;
        return true;
      }
      if (command === 'lta-host-busy-channel') return busyChannel(payload);
      if (command === 'lta-host-restart') {
        await host?.close();
        return start();
      }
      return undefined;
    },
    async serverStop() {
      await host?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
