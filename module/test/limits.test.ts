import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CURRICULUM } from '@lta/curriculum';
import { eventually, refused, useAcademy, type Client } from './support/academy.js';
import { FIRST_LAB, stateAfter } from './support/labs.js';

const academy = useAcademy('SELECT * FROM channel_message', 'SELECT * FROM presence');

const tooFast = (doing: string) => new RegExp(`^You are ${doing} too fast; try again in \\d+ (s|min)$`);

/** Call `write(i)` until refused; returns how many passed and the refusal. */
async function untilRefused(
  write: (i: number) => Promise<unknown>,
  most = 50,
): Promise<{ passed: number; error: Error }> {
  for (let i = 0; i < most; i++) {
    try {
      await write(i);
    } catch (error) {
      return { passed: i, error: error as Error };
    }
  }
  assert.fail(`${most} writes passed: no limit`);
}

async function postedMessage(client: Client, text: string) {
  await client.conn.reducers.sendMessage({ channel: 'global', text });
  await eventually(() => [...client.conn.db.channelMessage.iter()].some((row) => row.text === text), text);
  return [...client.conn.db.channelMessage.iter()].find((row) => row.text === text)!;
}

test('edits, blocks and profile changes each stop at their burst, with the wait to act on', async () => {
  const ida = await academy.learner('ida');
  await academy.learner('jon');
  const message = await postedMessage(ida, 'first draft');
  const edits = await untilRefused((i) => ida.conn.reducers.editMessage({ messageId: message.id, text: `draft ${i}` }));
  assert.equal(edits.passed, 5);
  assert.match(edits.error.message, tooFast('editing messages'));
  const blocks = await untilRefused((i) =>
    i % 2 === 0
      ? ida.conn.reducers.blockLearner({ username: 'jon' })
      : ida.conn.reducers.unblockLearner({ username: 'jon' }),
  );
  assert.equal(blocks.passed, 5);
  assert.match(blocks.error.message, tooFast('blocking and unblocking'));
  const profiles = await untilRefused((i) =>
    ida.conn.reducers.updateProfile({ displayName: `Ida ${i}`, avatarUrl: '' }),
  );
  assert.equal(profiles.passed, 3);
  assert.match(profiles.error.message, tooFast('changing your profile'));
});

test('one report per message per learner, and a few per hour', async () => {
  const kim = await academy.learner('kim');
  const lou = await academy.learner('lou');
  const messages = [];
  for (let i = 0; i < 4; i++) messages.push(await postedMessage(kim, `report me ${i}`));
  await lou.conn.reducers.reportMessage({ messageId: messages[0]!.id, direct: false, reason: 'spam' });
  await refused(
    lou.conn.reducers.reportMessage({ messageId: messages[0]!.id, direct: false, reason: 'spam' }),
    'You already reported this message',
  );
  await lou.conn.reducers.reportMessage({ messageId: messages[1]!.id, direct: false, reason: 'spam' });
  await lou.conn.reducers.reportMessage({ messageId: messages[2]!.id, direct: false, reason: 'spam' });
  await refused(
    lou.conn.reducers.reportMessage({ messageId: messages[3]!.id, direct: false, reason: 'spam' }),
    tooFast('reporting messages'),
  );
});

test('"not yours" and "not there" get the same answer', async () => {
  const max = await academy.learner('max');
  const nia = await academy.learner('nia');
  await max.conn.reducers.sendDirectMessage({ toUsername: 'nia', text: 'private' });
  await nia.subscribe('SELECT * FROM my_direct_messages');
  await eventually(() => nia.conn.db.myDirectMessages.count() === 1n, 'the DM');
  const dm = [...nia.conn.db.myDirectMessages.iter()][0]!;
  const stranger = await academy.learner('ozzy');
  for (const id of [dm.id, 999_999n]) {
    await refused(
      stranger.conn.reducers.editDirectMessage({ messageId: id, text: 'x' }),
      'You can only edit your own messages',
    );
    await refused(
      stranger.conn.reducers.deleteDirectMessage({ messageId: id }),
      'You can only delete your own messages',
    );
  }
});

test('a heartbeat that changes nothing writes nothing; status changes are limited', async () => {
  const pat = await academy.learner('pat');
  const watcher = await academy.learner('quinn');
  let updates = 0;
  watcher.conn.db.presence.onUpdate((_ctx, _old, row) => {
    if (row.learner.isEqual(pat.identity)) updates++;
  });
  for (let i = 0; i < 20; i++) await pat.conn.reducers.heartbeat({ currentLab: '', idle: false });
  await watcher.conn.reducers.heartbeat({ currentLab: '', idle: false }); // a later transaction, seen after pat's
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(updates, 0, 'unchanged heartbeats push nothing to other learners');
  const changes = await untilRefused((i) => pat.conn.reducers.heartbeat({ currentLab: '', idle: i % 2 === 0 }));
  assert.equal(changes.passed, 10);
  assert.match(changes.error.message, tooFast('changing your status'));
  await eventually(() => updates === 10, 'ten status changes');
});

/** A lab state holding a file of random (incompressible) text of about `kib` KiB (the command in the history doubles it). */
async function bulkyState(lab = FIRST_LAB, kib = 100): Promise<string> {
  return stateAfter(lab, [`echo ${randomBytes(kib * 768).toString('base64')} > bulk.txt`]);
}

test('saved states: a few saves at once, a byte allowance, and the oldest other labs dropped past 512 KiB', async () => {
  const rae = await academy.learner('rae');
  await rae.subscribe('SELECT * FROM my_lab_sessions');
  const labs = CURRICULUM[0]!.labs.slice(0, 3);
  const states: string[] = [];
  for (const lab of labs) {
    await rae.conn.reducers.startLab({ labId: lab.id });
    states.push(await bulkyState(lab));
  }
  for (const [i, lab] of labs.entries()) await rae.conn.reducers.saveLabState({ labId: lab.id, snapshot: states[i]! });
  const sessions = () => new Map([...rae.conn.db.myLabSessions.iter()].map((row) => [row.labId, row.snapshot]));
  await eventually(() => sessions().get(labs[2]!.id) === states[2], 'the last save');
  assert.equal(sessions().get(labs[0]!.id), '', 'the state saved longest ago is dropped');
  assert.equal(sessions().get(labs[1]!.id), states[1], 'newer states stay');

  const small = await stateAfter(FIRST_LAB, ['ls']);
  const started = Date.now();
  const saves = await untilRefused(() => rae.conn.reducers.saveLabState({ labId: FIRST_LAB.id, snapshot: small }));
  // 30 at once, 3 spent above; the allowance refills one save every 2 s meanwhile (one more for the part of a
  // refill already under way when the burst started).
  const refilled = Math.ceil((Date.now() - started) / 2000) + 1;
  assert.ok(saves.passed >= 27 && saves.passed <= 27 + refilled, `${saves.passed} saves in ${Date.now() - started} ms`);
  assert.match(saves.error.message, tooFast('saving'));

  const sam = await academy.learner('sam');
  await sam.conn.reducers.startLab({ labId: FIRST_LAB.id });
  const bulky = await bulkyState(FIRST_LAB, 120);
  const big = await untilRefused(() => sam.conn.reducers.saveLabState({ labId: FIRST_LAB.id, snapshot: bulky }));
  assert.equal(big.passed, Math.floor((2 * 1024 * 1024) / bulky.length), `saves of ${bulky.length} bytes within 2 MiB`);
  assert.match(big.error.message, tooFast('saving large lab states'));
});

test('fresh accounts share one small chat allowance until they complete a lab', async () => {
  const flood = [];
  for (let i = 0; i < 40; i++) flood.push(await academy.learner(`sybil${i}`));
  // Two each (within every learner's own burst of 5): 80 posts against the newcomers' shared burst of 60.
  const posts = flood.flatMap((client, i) =>
    [1, 2].map((n) => client.conn.reducers.sendMessage({ channel: 'global', text: `spam ${i}.${n}` })),
  );
  const results = await Promise.allSettled(posts);
  const passed = results.filter((result) => result.status === 'fulfilled').length;
  // 60 at once, plus what refills (one every 3 s) while the posts are handled.
  assert.ok(passed <= 65, `${passed} of 80 posts from 40 fresh accounts went through`);
  const refusal = results.find((result) => result.status === 'rejected');
  assert.match(String((refusal as PromiseRejectedResult).reason.message), tooFast('posting as new learners'));
});
