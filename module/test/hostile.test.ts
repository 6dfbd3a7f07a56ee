import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BinaryWriter } from 'spacetimedb';
import { eventually, refused, useAcademy, type Client } from './support/academy.js';
import { FIRST_LAB, passingState, stateAfter } from './support/labs.js';

const academy = useAcademy('SELECT * FROM learner', 'SELECT * FROM my_lab_sessions', 'SELECT * FROM my_completions');

const xpOf = (client: Client) => client.conn.db.learner.identity.find(client.identity)?.xp;

test('a visitor who has not registered can do nothing', async () => {
  const stranger = await academy.visitor();
  const reducers = stranger.conn.reducers;
  const snapshot = await passingState(FIRST_LAB);
  const calls = [
    () => reducers.startLab({ labId: FIRST_LAB.id }),
    () => reducers.completeLab({ labId: FIRST_LAB.id, snapshot }),
    () => reducers.sendMessage({ channel: 'global', text: 'hi' }),
    () => reducers.sendDirectMessage({ toUsername: 'someone', text: 'hi' }),
    () => reducers.updateProfile({ displayName: 'x', avatarUrl: '' }),
    () => reducers.deleteLabState({ labId: FIRST_LAB.id }),
    () => reducers.setRole({ username: 'someone', role: 'admin' }),
    () => reducers.publishLab({ definition: '{}' }),
  ];
  for (const call of calls) await refused(call(), 'Register a username first');
});

test('XP cannot be forged: no XP argument exists, extra bytes are refused, checks must pass on the server', async () => {
  const mallory = await academy.learner('mallory');
  await mallory.conn.reducers.startLab({ labId: FIRST_LAB.id });
  const writer = new BinaryWriter(1024);
  writer.writeString(FIRST_LAB.id);
  writer.writeString(await passingState(FIRST_LAB));
  writer.writeU32(1_000_000); // the seed's `xp_earned`, appended by hand
  await assert.rejects(mallory.conn.callReducer('complete_lab', writer.getBuffer()));
  await assert.rejects(mallory.conn.callReducer('award_xp', new Uint8Array()));
  assert.equal(xpOf(mallory), 0n);

  for (const junk of ['[]', '{"version":1}', 'null', '"x"']) {
    await refused(mallory.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: junk }), /lab state is malformed/);
  }
  await mallory.conn.reducers
    .completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) })
    .catch(() => {});
  await refused(
    mallory.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) }),
    `You have already completed "${FIRST_LAB.title}"`,
  );
  await eventually(() => xpOf(mallory) === BigInt(FIRST_LAB.xp), 'exactly the catalog XP');
  await refused(mallory.conn.callReducer('cleanup_offline_users', new Uint8Array(16)), /./);
});

test("another learner's lab state and messages cannot be read or touched", async () => {
  const victim = await academy.learner('victim');
  const thief = await academy.learner('thief');
  await victim.conn.reducers.startLab({ labId: FIRST_LAB.id });
  const state = await stateAfter(FIRST_LAB, FIRST_LAB.solution.slice(0, 1));
  await victim.conn.reducers.saveLabState({ labId: FIRST_LAB.id, snapshot: state });

  await refused(thief.subscribe('SELECT * FROM lab_session'), /private|not|denied|exist/i);
  await refused(thief.subscribe('SELECT * FROM lab_completion'), /private|not|denied|exist/i);
  // Filtering a view by someone else's identity gets nothing (or is refused outright by the server).
  await thief
    .subscribe(`SELECT * FROM my_lab_sessions WHERE learner = 0x${victim.identity.toHexString()}`)
    .catch(() => {});
  assert.equal(thief.conn.db.myLabSessions.count(), 0n, "a view never yields another learner's rows");
  await refused(thief.conn.reducers.deleteLabState({ labId: FIRST_LAB.id }), /You have no saved state/);
  await refused(thief.conn.reducers.resetLab({ labId: FIRST_LAB.id }), /Start the lab/);
  assert.equal([...victim.conn.db.myLabSessions.iter()][0]!.snapshot, state, "the victim's state is intact");
});

test('staff powers and oversized payloads are refused', async () => {
  const eager = await academy.learner('eager');
  await refused(eager.conn.reducers.syncCatalog({}), 'Only admins can refresh the catalog');
  await refused(eager.conn.reducers.publishLab({ definition: '{}' }), 'Only authors can publish labs');
  await refused(eager.conn.reducers.setRole({ username: 'eager', role: 'owner' }), /You cannot/);
  await refused(
    eager.conn.reducers.muteLearner({ username: 'victim', minutes: 10, reason: 'x' }),
    'Only moderators can mute',
  );
  await refused(eager.conn.reducers.resolveReport({ reportId: 1n }), 'Only moderators can resolve reports');
  await eager.subscribe('SELECT * FROM moderation_queue');
  assert.equal(eager.conn.db.moderationQueue.count(), 0n);
  await refused(
    eager.conn.reducers.updateProfile({ displayName: 'x'.repeat(1 << 20), avatarUrl: '' }),
    /Shorten your display name/,
  );
  const newcomer = await academy.visitor();
  await refused(
    newcomer.conn.reducers.registerUser({ username: 'y'.repeat(1 << 20), displayName: '', timeZone: 'UTC' }),
    'Choose a username of at most 30 characters',
  );
  await refused(
    newcomer.conn.reducers.registerUser({ username: 'newcomer', displayName: '', timeZone: 'Z'.repeat(1 << 16) }),
    /^Unknown time zone "Z{64}": use an IANA name/,
  );
  assert.equal(eager.conn.db.learner.identity.find(eager.identity)!.displayName, 'eager');
});
