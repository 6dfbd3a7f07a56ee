import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, refused, useAcademy, type Client } from './support/academy.js';
import { FIRST_LAB } from './support/labs.js';

const academy = useAcademy(
  'SELECT * FROM channel_message',
  'SELECT * FROM my_direct_messages',
  'SELECT * FROM achievement_award',
);

const texts = (client: Client, channel: string) =>
  [...client.conn.db.channelMessage.iter()].filter((row) => row.channel === channel).map((row) => row.text);

test('channel messages reach everyone; text is trimmed and limited', async () => {
  const ana = await academy.learner('ana');
  const ben = await academy.learner('ben');
  await ana.conn.reducers.sendMessage({ channel: 'global', text: '  hello everyone \n' });
  await ana.conn.reducers.sendMessage({ channel: `lab:${FIRST_LAB.id}`, text: 'stuck on step 2' });
  await eventually(() => texts(ben, 'global').includes('hello everyone'), 'the message at ben');
  // Ana's answer does not wait for ben's update (nor does it on SpacetimeDB): the second message comes on its own.
  await eventually(() => texts(ben, `lab:${FIRST_LAB.id}`).length > 0, 'the lab channel message at ben');
  assert.deepEqual(texts(ben, `lab:${FIRST_LAB.id}`), ['stuck on step 2']);
  await eventually(
    () =>
      [...ana.conn.db.achievementAward.iter()].some(
        (row) => row.learner.isEqual(ana.identity) && row.achievementId === 'first-message',
      ),
    'the first-message achievement',
  );
  await refused(ana.conn.reducers.sendMessage({ channel: 'global', text: ' \n ' }), 'Type a message before sending');
  await refused(
    ana.conn.reducers.sendMessage({ channel: 'global', text: 'y'.repeat(2001) }),
    'Shorten your message to 2000 characters (it has 2001)',
  );
  await refused(
    ana.conn.reducers.sendMessage({ channel: 'random', text: 'hi' }),
    'Send to the "global" channel or to "lab:<lab id>"',
  );
  await refused(ana.conn.reducers.sendMessage({ channel: 'lab:nope', text: 'hi' }), 'There is no lab "nope"');
});

test('at most 5 messages in 10 seconds', async () => {
  const cal = await academy.learner('cal');
  for (let i = 1; i <= 5; i++) await cal.conn.reducers.sendMessage({ channel: 'global', text: `burst ${i}` });
  await refused(
    cal.conn.reducers.sendMessage({ channel: 'global', text: 'burst 6' }),
    /^Wait (10|[1-9]) s before sending another message$/,
  );
  await refused(cal.conn.reducers.sendDirectMessage({ toUsername: 'ana', text: 'dm' }), /^Wait \d+ s/);
  await eventually(() => texts(cal, 'global').filter((text) => text.startsWith('burst')).length === 5, 'five messages');
  assert.ok(!texts(cal, 'global').includes('burst 6'));
});

test('only the author edits; the author or a moderator deletes, leaving a tombstone', async () => {
  const dee = await academy.learner('dee');
  const eli = await academy.learner('eli');
  await dee.conn.reducers.sendMessage({ channel: 'global', text: 'typo hre' });
  await eventually(() => texts(eli, 'global').includes('typo hre'), 'the message');
  const message = [...eli.conn.db.channelMessage.iter()].find((row) => row.text === 'typo hre')!;
  await refused(
    eli.conn.reducers.editMessage({ messageId: message.id, text: 'pwned' }),
    'You can only edit your own messages',
  );
  await refused(eli.conn.reducers.deleteMessage({ messageId: message.id }), 'You can only delete your own messages');
  await dee.conn.reducers.editMessage({ messageId: message.id, text: 'typo here' });
  await eventually(() => eli.conn.db.channelMessage.id.find(message.id)?.text === 'typo here', 'the edit');
  assert.ok(eli.conn.db.channelMessage.id.find(message.id)!.editedAt);
  await dee.conn.reducers.deleteMessage({ messageId: message.id });
  await eventually(() => eli.conn.db.channelMessage.id.find(message.id)?.deleted === true, 'the tombstone');
  assert.equal(eli.conn.db.channelMessage.id.find(message.id)!.text, '');
  await refused(dee.conn.reducers.editMessage({ messageId: message.id, text: 'back' }), 'That message was deleted');
});

test('direct messages are seen by their two participants only; blocking and reporting', async () => {
  const fay = await academy.learner('fay');
  const gus = await academy.learner('gus');
  const eve = await academy.learner('eve');
  await fay.conn.reducers.sendDirectMessage({ toUsername: 'GUS', text: 'secret plan' });
  await eventually(() => gus.conn.db.myDirectMessages.count() === 1n, 'the DM at gus');
  assert.equal(fay.conn.db.myDirectMessages.count(), 1n, 'the sender sees it too');
  assert.equal(eve.conn.db.myDirectMessages.count(), 0n, 'nobody else does');
  await refused(eve.subscribe('SELECT * FROM direct_message'), /private|not|denied|exist/i);
  await refused(
    fay.conn.reducers.sendDirectMessage({ toUsername: 'fay', text: 'me' }),
    'You cannot send a direct message to yourself',
  );
  await refused(
    fay.conn.reducers.sendDirectMessage({ toUsername: 'nobody', text: 'hi' }),
    'There is no learner named "nobody"',
  );

  const dm = [...gus.conn.db.myDirectMessages.iter()][0]!;
  await refused(
    eve.conn.reducers.reportMessage({ messageId: dm.id, direct: true, reason: 'spam' }),
    'That message does not exist',
  );
  await gus.conn.reducers.reportMessage({ messageId: dm.id, direct: true, reason: 'unwanted' });
  await refused(
    gus.conn.reducers.reportMessage({ messageId: dm.id, direct: true, reason: 'again' }),
    'You already reported this message',
  );
  await refused(eve.conn.reducers.deleteDirectMessage({ messageId: dm.id }), 'You can only delete your own messages');

  await refused(gus.conn.reducers.blockLearner({ username: 'gus' }), 'You cannot block yourself');
  await refused(gus.conn.reducers.unblockLearner({ username: 'fay' }), 'You have not blocked fay');
  await gus.conn.reducers.blockLearner({ username: 'fay' });
  await refused(gus.conn.reducers.blockLearner({ username: 'fay' }), 'You already blocked fay');
  await refused(
    gus.conn.reducers.sendDirectMessage({ toUsername: 'fay', text: 'hi' }),
    'You blocked fay: unblock them to send a message',
  );
  await refused(
    fay.conn.reducers.sendDirectMessage({ toUsername: 'gus', text: 'hello?' }),
    'gus does not accept direct messages from you',
  );
  await gus.subscribe('SELECT * FROM my_blocks');
  assert.ok(
    [...gus.conn.db.myBlocks.iter()].some((row) => row.blocked.isEqual(fay.identity)),
    'gus sees whom he blocked',
  );
  assert.equal(fay.conn.db.myBlocks.count(), 0n);
  await gus.conn.reducers.unblockLearner({ username: 'fay' });
  await eventually(() => gus.conn.db.myBlocks.count() === 0n, 'the block lifted');
  await fay.conn.reducers.sendDirectMessage({ toUsername: 'gus', text: 'hello again' });
  await eventually(() => gus.conn.db.myDirectMessages.count() === 2n, 'the DM after unblocking');
  const again = [...fay.conn.db.myDirectMessages.iter()].find((row) => row.text === 'hello again')!;
  await fay.conn.reducers.editDirectMessage({ messageId: again.id, text: 'hello, again' });
  await eventually(
    () => [...gus.conn.db.myDirectMessages.iter()].some((row) => row.text === 'hello, again'),
    'the edited DM',
  );
  await fay.conn.reducers.deleteDirectMessage({ messageId: again.id });
  await eventually(
    () => [...gus.conn.db.myDirectMessages.iter()].some((row) => row.id === again.id && row.deleted && row.text === ''),
    'the deleted DM',
  );
});
