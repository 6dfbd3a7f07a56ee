import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpDatabase, restoreDatabase } from '@lta/host/backup';
import { startHost } from '@lta/host';
import { connect, eventually } from './support/academy.js';

const MODULE_DIR = fileURLToPath(new URL('..', import.meta.url));
const quiet = () => {};

/** What LMSs know of the academy's LTI tool: its public keys and its registration URL's key. */
async function ltiSeenByLms(host: Awaited<ReturnType<typeof startHost>>): Promise<unknown> {
  const jwks: unknown = await (await fetch(`${host.url}/lti/jwks`)).json();
  return { jwks, registration: new URL(host.lti!.registrationUrl!).pathname };
}

/** Every file of a data directory's `lti/`, by name. */
async function ltiFiles(dataDir: string): Promise<Record<string, string>> {
  const names = await readdir(join(dataDir, 'lti'));
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(join(dataDir, 'lti', name), 'utf8')])),
  );
}

test('a restored backup keeps everyone signed in and every LMS connected: the dump carries the signing keys and the LTI tool', async () => {
  const work = await mkdtemp(join(tmpdir(), 'lta-backup-'));
  const original = join(work, 'original');
  const first = await startHost({ moduleDir: MODULE_DIR, port: 0, log: false, dataDir: original, lti: {} });
  const lti = await ltiSeenByLms(first);
  const ada = await connect(first);
  await ada.conn.reducers.registerUser({ username: 'ada', displayName: 'Ada', timeZone: 'UTC' });
  await ada.close();
  await first.close();

  const file = join(work, 'academy.ltadump');
  const dump = await dumpDatabase({ dataDir: original, database: 'academy', out: file, warn: quiet });
  assert.ok(dump.header.keys?.['id_ecdsa'], 'the dump carries the private signing key');
  assert.equal((await stat(file)).mode & 0o077, 0, 'and is readable by its owner only');

  const restored = join(work, 'restored');
  await restoreDatabase({ dump: file, dataDir: restored, moduleDir: MODULE_DIR, database: 'academy' });
  assert.deepEqual(await ltiFiles(restored), await ltiFiles(original), 'every file of lti/ is back');
  const second = await startHost({ moduleDir: MODULE_DIR, port: 0, log: false, dataDir: restored, lti: {} });
  try {
    assert.deepEqual(await ltiSeenByLms(second), lti, 'LMSs see the same tool: same keys, same registration URL');
    const back = await connect(second, ada.token);
    assert.ok(back.identity.isEqual(ada.identity), 'the old token gives the same identity');
    await back.subscribe('SELECT * FROM learner');
    await eventually(
      () => back.conn.db.learner.identity.find(ada.identity)?.username === 'ada',
      'ada, still registered',
    );
    await back.conn.reducers.sendMessage({ channel: 'global', text: 'back after the restore' });
    await back.close();
  } finally {
    await second.close();
  }

  // A dump of a data directory whose keys were lost, as dumps made before they carried keys.
  await rm(join(original, 'keys'), { recursive: true });
  const old = join(work, 'old.ltadump');
  await dumpDatabase({ dataDir: original, database: 'academy', out: old, warn: quiet });
  await assert.rejects(
    restoreDatabase({ dump: old, dataDir: join(work, 'keyless'), moduleDir: MODULE_DIR, database: 'academy' }),
    /This dump carries no signing keys, so every learner's token would stop working .* or pass --new-keys/,
  );
  await rm(work, { recursive: true });
});
