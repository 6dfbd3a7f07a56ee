import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, refused, useAcademy, type Client } from './support/academy.js';

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
  const admin = await academy.learner('adminnie');
  const mod = await academy.learner('modesty');
  const troll = await academy.learner('trollface');
  const victim = await academy.learner('victimized');
  await eventually(() => roleOf(owner, owner) === 'owner', 'the owner role');

  await refused(admin.conn.reducers.setRole({ username: 'modesty', role: 'moderator' }), 'You cannot make modesty moderator');
  await owner.conn.reducers.setRole({ username: 'adminnie', role: 'admin' });
  await refused(owner.conn.reducers.setRole({ username: 'founder', role: 'learner' }), 'You cannot change your own role');
  await admin.conn.reducers.setRole({ username: 'modesty', role: 'moderator' });
  await refused(admin.conn.reducers.setRole({ username: 'trollface', role: 'admin' }), 'You cannot make trollface admin');
  await eventually(() => roleOf(owner, mod) === 'moderator', 'the moderator role');

  await troll.conn.reducers.sendMessage({ channel: 'global', text: 'you all suck' });
  await eventually(() => victim.conn.db.channelMessage.count() === 1n, 'the message');
  const insult = [...victim.conn.db.channelMessage.iter()][0]!;
  await refused(troll.conn.reducers.reportMessage({ messageId: insult.id, direct: false, reason: 'mine' }), 'You cannot report your own message');
  await refused(victim.conn.reducers.reportMessage({ messageId: insult.id, direct: false, reason: ' ' }), 'Say why you are reporting this message');
  await victim.conn.reducers.reportMessage({ messageId: insult.id, direct: false, reason: 'insulting' });
  await eventually(() => mod.conn.db.moderationQueue.count() === 1n, 'the report in the moderators queue');
  assert.equal(victim.conn.db.moderationQueue.count(), 0n, 'learners never see the queue');
  const report = [...mod.conn.db.moderationQueue.iter()][0]!;
  assert.equal(report.text, 'you all suck', 'the reported text is kept as evidence');

  await mod.conn.reducers.deleteMessage({ messageId: insult.id });
  await refused(mod.conn.reducers.muteLearner({ username: 'trollface', minutes: 0, reason: 'insults' }), 'Mute for 1 to 10080 minutes');
  await mod.conn.reducers.muteLearner({ username: 'trollface', minutes: 30, reason: 'insults' });
  await eventually(() => [...troll.conn.db.mySanction.iter()].some(row => row.reason === 'insults'), 'the mute shown to its learner');
  assert.equal(victim.conn.db.mySanction.count(), 0n, "nobody else sees it");
  await refused(troll.conn.reducers.sendMessage({ channel: 'global', text: 'sorry?' }), 'You are muted for 30 more min: insults');
  await mod.conn.reducers.banLearner({ username: 'trollface', reason: 'repeated insults' });
  await refused(troll.conn.reducers.sendMessage({ channel: 'global', text: 'sorry!' }), 'You are banned from chat: repeated insults');
  await refused(mod.conn.reducers.muteLearner({ username: 'adminnie', minutes: 5, reason: 'coup' }), /their role is not below yours/);
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
  await refused(author.conn.reducers.publishLab({ definition: JSON.stringify({ ...lab, xp: 500 }) }), "Authors' labs give at most 100 XP");
  await refused(author.conn.reducers.publishLab({ definition: JSON.stringify({ ...lab, steps: [] }) }), /This lab is not valid:\n/);
  await author.conn.reducers.publishLab({ definition: JSON.stringify(lab) });
  await refused(rival.conn.reducers.publishLab({ definition: JSON.stringify(lab) }), 'The id "community-hello" is taken: choose another');
  await refused(author.conn.reducers.startLab({ labId: 'community-hello' }).then(() =>
    author.conn.reducers.completeLab({ labId: 'community-hello', snapshot: '{}' })), 'You cannot earn XP from a lab you published');
  await rival.subscribe('SELECT * FROM lab');
  const row = rival.conn.db.lab.id.find('community-hello')!;
  assert.equal(row.source, 'author');
  assert.deepEqual((JSON.parse(row.definition) as { solution: string[] }).solution, [], 'the solution stays private');
  await refused(rival.conn.reducers.unpublishLab({ labId: 'community-hello' }), 'You can only withdraw your own labs');
  await author.conn.reducers.unpublishLab({ labId: 'community-hello' });
  await eventually(() => rival.conn.db.lab.id.find('community-hello') === null, 'the withdrawn lab gone');
  await owner.conn.reducers.syncCatalog({});
});
