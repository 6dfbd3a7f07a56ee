import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, refused, useAcademy, type Client } from './support/academy.js';
import { FIRST_LAB, passingState } from './support/labs.js';

const academy = useAcademy();

/** Rank as a widget computes it: 1 + learners with more XP on the board, from the count rows. */
function rankOf(watcher: Client, board: number, xp: bigint): number {
  let above = 0n;
  for (const row of watcher.conn.db.xpCount.iter()) if (row.board === board && row.xp > xp) above += row.learners;
  return Number(above) + 1;
}

test('ranks are sums of per-XP counts, and an XP change touches a constant number of rows', async () => {
  const watcher = await academy.visitor();
  await watcher.subscribe('SELECT * FROM xp_count', 'SELECT * FROM learner', 'SELECT * FROM weekly_score');
  for (let i = 0; i < 12; i++) await academy.learner(`crowd${i}`);
  const star = await academy.learner('star');
  await eventually(() => watcher.conn.db.learner.count() === 13n, 'every learner');
  assert.equal(rankOf(watcher, 0, 0n), 1, 'everyone shares first place at 0 XP');

  let changedRows = 0;
  const count = () => changedRows++;
  for (const table of [watcher.conn.db.xpCount, watcher.conn.db.learner, watcher.conn.db.weeklyScore]) {
    table.onInsert(count);
    table.onDelete(count);
    table.onUpdate?.(count);
  }
  await star.conn.reducers.startLab({ labId: FIRST_LAB.id });
  changedRows = 0;
  await star.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) });
  const xp = BigInt(FIRST_LAB.xp);
  await eventually(() => watcher.conn.db.learner.identity.find(star.identity)?.xp === xp, 'the new XP');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(rankOf(watcher, 0, xp), 1);
  assert.equal(rankOf(watcher, 0, 0n), 2, 'the other twelve now share second place');
  // learner row, old and new all-time count, weekly score, weekly count: no other learner's row moves.
  assert.ok(changedRows <= 6, `expected at most 6 row events, got ${changedRows}`);

  const week = [...watcher.conn.db.weeklyScore.iter()];
  assert.equal(week.length, 1);
  assert.ok(week[0]!.learner.isEqual(star.identity));
  assert.equal(week[0]!.xp, xp);
  assert.equal(rankOf(watcher, week[0]!.week, xp), 1);
});

test('presence counts connections: two tabs are one learner, closing one keeps them online', async () => {
  const tab1 = await academy.learner('tabby');
  const watcher = await academy.visitor();
  await watcher.subscribe('SELECT * FROM presence');
  const presence = () => watcher.conn.db.presence.learner.find(tab1.identity);
  await eventually(() => presence()?.online === true, 'online after registering');
  const tab2 = await academy.visitor(tab1.token);
  await eventually(() => presence()?.connections === 2, 'two connections');
  await tab2.conn.reducers.heartbeat({ currentLab: FIRST_LAB.id, idle: true });
  await eventually(() => presence()?.currentLab === FIRST_LAB.id && presence()?.idle === true, 'lab and idle');
  await refused(tab2.conn.reducers.heartbeat({ currentLab: 'nope', idle: false }), 'There is no lab "nope"');
  await tab2.close();
  await eventually(() => presence()?.connections === 1, 'one connection left');
  assert.equal(presence()!.online, true, 'closing one tab keeps the learner online');
  await tab1.close();
  await eventually(() => presence()?.online === false, 'offline after the last tab');
  assert.equal(presence()!.currentLab, '');
});

test('a heartbeat that changes nothing others see sends watchers no presence update', async () => {
  const learner = await academy.learner('steady');
  const watcher = await academy.visitor();
  await watcher.subscribe('SELECT * FROM presence');
  let updates = 0;
  watcher.conn.db.presence.onUpdate((_ctx, _old, row) => {
    if (row.learner.isEqual(learner.identity)) updates++;
  });
  await learner.conn.reducers.heartbeat({ currentLab: FIRST_LAB.id, idle: false });
  await eventually(() => updates === 1, 'the lab shows');
  await learner.conn.reducers.heartbeat({ currentLab: FIRST_LAB.id, idle: false });
  await learner.conn.reducers.heartbeat({ currentLab: FIRST_LAB.id, idle: true });
  await eventually(() => watcher.conn.db.presence.learner.find(learner.identity)?.idle === true, 'idle shows');
  assert.equal(updates, 2, 'the repeated heartbeat sent nothing; the idle one did');
});
