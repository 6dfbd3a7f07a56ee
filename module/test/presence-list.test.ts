import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, useAcademy } from './support/academy.js';
import { FIRST_LAB } from './support/labs.js';

const academy = useAcademy();

test('the presence list: a count for everyone, and the first learners by username with their lab', async () => {
  const watcher = await academy.visitor();
  await watcher.subscribe('SELECT * FROM online_count', 'SELECT * FROM online_learners');
  const count = () => [...watcher.conn.db.onlineCount.iter()][0]?.learners;
  const listed = () => [...watcher.conn.db.onlineLearners.iter()];
  assert.equal(count(), 0);
  const aaron = await academy.learner('aaron');
  await eventually(() => count() === 1, 'the count grows');
  await eventually(() => listed().some((row) => row.username === 'aaron'), 'aaron is listed');
  await aaron.conn.reducers.heartbeat({ currentLab: FIRST_LAB.id, idle: true });
  await eventually(
    () => listed().some((row) => row.username === 'aaron' && row.idle && row.currentLab === FIRST_LAB.id),
    "aaron's lab and idle flag",
  );
  await aaron.close();
  await eventually(() => count() === 0, 'the count shrinks');
  assert.deepEqual(listed(), [], 'aaron is no longer listed');
});

test('the presence list holds the first 50 by username: a change of anyone after them sends nothing', async () => {
  const watcher = await academy.visitor();
  const first = await Promise.all(
    Array.from({ length: 50 }, (_, i) => academy.learner(`a${String(i).padStart(2, '0')}`)),
  );
  const zed = await academy.learner('zed');
  await watcher.subscribe('SELECT * FROM online_count', 'SELECT * FROM online_learners');
  const listed = () => [...watcher.conn.db.onlineLearners.iter()].map((row) => row.username);
  assert.equal(listed().length, 50);
  assert.ok(!listed().includes('zed'));
  assert.equal([...watcher.conn.db.onlineCount.iter()][0]?.learners, 51);
  let rows = 0;
  const count = () => rows++;
  for (const table of [watcher.conn.db.onlineLearners, watcher.conn.db.onlineCount]) {
    table.onInsert(count);
    table.onDelete(count);
  }
  await zed.conn.reducers.heartbeat({ currentLab: FIRST_LAB.id, idle: true });
  await first[0]!.conn.reducers.heartbeat({ currentLab: FIRST_LAB.id, idle: false });
  await eventually(
    () =>
      [...watcher.conn.db.onlineLearners.iter()].some(
        (row) => row.username === 'a00' && row.currentLab === FIRST_LAB.id,
      ),
    "a00's lab",
  );
  assert.equal(rows, 2, "only a00's line changed (one row out, one in); zed's change sent nothing");
});
