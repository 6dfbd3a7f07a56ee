import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lab } from '@lta/labs';
import { eventually, refused, useAcademy, type Client } from './support/academy.js';
import { FIRST_LAB, passingState } from './support/labs.js';

const academy = useAcademy(
  'SELECT * FROM learner',
  'SELECT * FROM my_sanction',
  'SELECT * FROM moderation_queue',
  'SELECT * FROM channel_message',
);

const roleOf = (watcher: Client, who: Client) => watcher.conn.db.learner.identity.find(who.identity)?.role;

test('the publisher is owner; the owner makes admins, admins make moderators; moderators mute, ban and handle reports', async () => {
  assert.ok(academy.host.publisherToken, 'the host names the publisher');
  const owner = await academy.visitor(academy.host.publisherToken);
  await owner.conn.reducers.registerUser({ username: 'founder', displayName: '', timeZone: 'UTC' });
  await owner.subscribe('SELECT * FROM learner', 'SELECT * FROM moderation_queue');
  const admin = await academy.learner('winnie');
  const mod = await academy.learner('modesty');
  const troll = await academy.learner('trollface');
  const victim = await academy.learner('victimized');
  await eventually(() => roleOf(owner, owner) === 'owner', 'the owner role');

  await refused(
    admin.conn.reducers.setRole({ username: 'modesty', role: 'moderator' }),
    'You cannot make modesty moderator',
  );
  await owner.conn.reducers.setRole({ username: 'winnie', role: 'admin' });
  await refused(
    owner.conn.reducers.setRole({ username: 'founder', role: 'learner' }),
    'You cannot change your own role',
  );
  await admin.conn.reducers.setRole({ username: 'modesty', role: 'moderator' });
  await refused(
    admin.conn.reducers.setRole({ username: 'trollface', role: 'admin' }),
    'You cannot make trollface admin',
  );
  await eventually(() => roleOf(owner, mod) === 'moderator', 'the moderator role');

  await troll.conn.reducers.sendMessage({ channel: 'global', text: 'you all suck' });
  await eventually(() => victim.conn.db.channelMessage.count() === 1n, 'the message');
  const insult = [...victim.conn.db.channelMessage.iter()][0]!;
  await refused(
    troll.conn.reducers.reportMessage({ messageId: insult.id, direct: false, reason: 'mine' }),
    'You cannot report your own message',
  );
  await refused(
    victim.conn.reducers.reportMessage({ messageId: insult.id, direct: false, reason: ' ' }),
    'Say why you are reporting this message',
  );
  await victim.conn.reducers.reportMessage({ messageId: insult.id, direct: false, reason: 'insulting' });
  await eventually(() => mod.conn.db.moderationQueue.count() === 1n, 'the report in the moderators queue');
  assert.equal(victim.conn.db.moderationQueue.count(), 0n, 'learners never see the queue');
  const report = [...mod.conn.db.moderationQueue.iter()][0]!;
  assert.equal(report.text, 'you all suck', 'the reported text is kept as evidence');

  await mod.conn.reducers.deleteMessage({ messageId: insult.id });
  await refused(
    mod.conn.reducers.muteLearner({ username: 'trollface', minutes: 0, reason: 'insults' }),
    'Mute for 1 to 10080 minutes',
  );
  await mod.conn.reducers.muteLearner({ username: 'trollface', minutes: 30, reason: 'insults' });
  await eventually(
    () => [...troll.conn.db.mySanction.iter()].some((row) => row.reason === 'insults'),
    'the mute shown to its learner',
  );
  assert.equal(victim.conn.db.mySanction.count(), 0n, 'nobody else sees it');
  await refused(
    troll.conn.reducers.sendMessage({ channel: 'global', text: 'sorry?' }),
    'You are muted for 30 more min: insults',
  );
  await mod.conn.reducers.banLearner({ username: 'trollface', reason: 'repeated insults' });
  await refused(
    troll.conn.reducers.sendMessage({ channel: 'global', text: 'sorry!' }),
    'You are banned from chat: repeated insults',
  );
  await refused(
    mod.conn.reducers.muteLearner({ username: 'winnie', minutes: 5, reason: 'coup' }),
    /their role is not below yours/,
  );
  await mod.conn.reducers.resolveReport({ reportId: report.id });
  await eventually(() => mod.conn.db.moderationQueue.count() === 0n, 'an empty queue');
  await refused(mod.conn.reducers.resolveReport({ reportId: report.id }), 'That report is already resolved');
  await mod.conn.reducers.liftSanction({ username: 'trollface' });
  await refused(mod.conn.reducers.liftSanction({ username: 'trollface' }), 'trollface is neither muted nor banned');
  await troll.conn.reducers.sendMessage({ channel: 'global', text: 'I will behave' });
});

test('authors publish their own labs; others cannot overwrite them', async () => {
  assert.ok(academy.host.publisherToken, 'the host names the publisher');
  const owner = await academy.visitor(academy.host.publisherToken);
  const author = await academy.learner('writer');
  const rival = await academy.learner('rival');
  await owner.conn.reducers.setRole({ username: 'writer', role: 'author' });
  await owner.conn.reducers.setRole({ username: 'rival', role: 'author' });
  const lab = {
    formatVersion: 1,
    id: 'community-hello',
    title: 'Say hello',
    module: 'community',
    xp: 20,
    difficulty: 'beginner',
    story: 'Leave a note for the next learner.',
    files: {},
    steps: [
      {
        title: 'Write the note',
        instructions: 'Create `~/hello.txt`.',
        checks: [{ kind: 'exists', path: '~/hello.txt', message: 'hello.txt exists' }],
        hints: ['touch creates files'],
      },
    ],
    solution: ['touch ~/hello.txt'],
  };
  await refused(
    author.conn.reducers.publishLab({ definition: JSON.stringify({ ...lab, xp: 500 }) }),
    "Authors' labs give at most 100 XP",
  );
  await refused(
    author.conn.reducers.publishLab({ definition: JSON.stringify({ ...lab, steps: [] }) }),
    /This lab is not valid:\n/,
  );
  await author.conn.reducers.publishLab({ definition: JSON.stringify(lab) });
  await refused(
    rival.conn.reducers.publishLab({ definition: JSON.stringify(lab) }),
    'The id "community-hello" is taken: choose another',
  );
  await refused(
    author.conn.reducers
      .startLab({ labId: 'community-hello' })
      .then(() => author.conn.reducers.completeLab({ labId: 'community-hello', snapshot: '{}' })),
    'You cannot earn XP from a lab you published',
  );
  await rival.subscribe('SELECT * FROM lab');
  const row = rival.conn.db.lab.id.find('community-hello')!;
  assert.equal(row.source, 'author');
  assert.deepEqual((JSON.parse(row.definition) as { solution: string[] }).solution, [], 'the solution stays private');
  await refused(rival.conn.reducers.unpublishLab({ labId: 'community-hello' }), 'You can only withdraw your own labs');
  await author.conn.reducers.unpublishLab({ labId: 'community-hello' });
  await eventually(() => rival.conn.db.lab.id.find('community-hello') === null, 'the withdrawn lab gone');
  await owner.conn.reducers.syncCatalog({});
});

test("authors' labs pay XP only once an admin approves them, and at most 200 XP per author to each learner", async () => {
  const owner = await academy.visitor(academy.host.publisherToken);
  await owner.subscribe('SELECT * FROM lab_approval');
  const author = await academy.learner('mint');
  const friend = await academy.learner('pal');
  await owner.conn.reducers.setRole({ username: 'mint', role: 'author' });
  const labOf = (id: string) => ({
    formatVersion: 1,
    id,
    title: `Lab ${id}`,
    module: 'mint-labs',
    xp: 100,
    difficulty: 'beginner',
    story: 'Easy XP.',
    files: {},
    steps: [
      {
        title: 'Touch',
        instructions: 'Create `~/x`.',
        checks: [{ kind: 'exists', path: '~/x', message: 'x exists' }],
        hints: [],
      },
    ],
    solution: ['touch ~/x'],
  });
  const ids = ['mint-a', 'mint-b', 'mint-c', 'mint-d'];
  for (const id of ids) await author.conn.reducers.publishLab({ definition: JSON.stringify(labOf(id)) });
  const xpOf = () => friend.conn.db.learner.identity.find(friend.identity)!.xp;
  const complete = async (id: string) => {
    await friend.conn.reducers.startLab({ labId: id });
    await friend.conn.reducers.completeLab({ labId: id, snapshot: await passingState(labOf(id) as unknown as Lab) });
  };

  await complete('mint-a');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(xpOf(), 0n, 'an unapproved lab pays nothing');
  await refused(author.conn.reducers.approveLab({ labId: 'mint-b' }), 'Only admins can approve labs');
  for (const id of ids.slice(1)) await owner.conn.reducers.approveLab({ labId: id });
  await refused(owner.conn.reducers.approveLab({ labId: 'mint-b' }), '"Lab mint-b" is already approved');
  await refused(owner.conn.reducers.approveLab({ labId: FIRST_LAB.id }), `There is no published lab "${FIRST_LAB.id}"`);
  await complete('mint-b');
  await eventually(() => xpOf() === 100n, 'the approved lab paid');
  await complete('mint-c');
  await eventually(() => xpOf() === 200n, 'the second approved lab paid');
  await complete('mint-d');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(xpOf(), 200n, 'no more than 200 XP from one author');

  await author.conn.reducers.publishLab({ definition: JSON.stringify({ ...labOf('mint-b'), title: 'Changed' }) });
  await eventually(
    () => owner.conn.db.labApproval.labId.find('mint-b') === null,
    'a republished lab needs approval again',
  );
  assert.ok(owner.conn.db.labApproval.labId.find('mint-c'));
});

test('require_sign_in_issuer: only tokens from that issuer may register or write; admins are never locked out', async () => {
  const owner = await academy.visitor(academy.host.publisherToken);
  const local = await academy.learner('local');
  const issuerOf = (token: string) =>
    (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iss: string }).iss;
  await refused(
    local.conn.reducers.setAcademySetting({ name: 'require_sign_in_issuer', value: 'x' }),
    'Only admins can change academy settings',
  );
  await refused(
    owner.conn.reducers.setAcademySetting({ name: 'open_bar', value: 'x' }),
    'Unknown setting "open_bar": use one of require_sign_in_issuer, cohort_issuer',
  );
  await owner.conn.reducers.setAcademySetting({ name: 'require_sign_in_issuer', value: 'https://lms.example.edu' });
  const refusal = 'This academy accepts only learners signed in through https://lms.example.edu: sign in there first';
  await refused(local.conn.reducers.sendMessage({ channel: 'global', text: 'hi' }), refusal);
  await refused(local.conn.reducers.startLab({ labId: FIRST_LAB.id }), refusal);
  const stranger = await academy.visitor();
  await refused(
    stranger.conn.reducers.registerUser({ username: 'stranger', displayName: '', timeZone: 'UTC' }),
    refusal,
  );
  await owner.conn.reducers.sendMessage({ channel: 'global', text: 'the owner still writes' });

  await owner.conn.reducers.setAcademySetting({ name: 'require_sign_in_issuer', value: issuerOf(local.token) });
  await local.conn.reducers.sendMessage({ channel: 'global', text: 'signed in by the trusted issuer' });
  await owner.conn.reducers.setAcademySetting({ name: 'require_sign_in_issuer', value: '' });
});
