import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { BinaryWriter } from 'spacetimedb';
import { loadModule, type Caller } from '@lta/host/engine';
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

test('a database from before the online list gets it at the next connection, in username order', async () => {
  const engine = await loadModule({
    moduleDir: fileURLToPath(new URL('..', import.meta.url)),
    databaseName: 'online-list',
    log: () => {},
  });
  const now = BigInt(Date.UTC(2026, 0, 5)) * 1000n;
  engine.callLifecycle('init', { sender: 1n, connectionId: 0n, timestamp: now });
  const connect = (sender: bigint): Caller => {
    const caller = { sender, connectionId: sender + 100n, timestamp: now };
    engine.callLifecycle('clientConnected', caller);
    return caller;
  };
  const register = (caller: Caller, username: string) => {
    const args = new BinaryWriter(64);
    for (const value of [username, '', 'UTC']) args.writeString(value);
    assert.equal(engine.callReducer('register_user', args.getBuffer(), caller).status, 'committed');
  };
  const listed = () =>
    engine.evaluateView('online_learners', null).rows.map((row) => engine.decodeViewRow('online_learners', row)[1]);
  for (const [sender, username] of [
    [11n, 'carol'],
    [12n, 'alice'],
    [13n, 'bob'],
  ] as const)
    register(connect(sender), username);
  assert.deepEqual(listed(), ['alice', 'bob', 'carol']);
  // The state an older version left: presence and its tally, no online list.
  const online = engine.table('online_learner');
  engine.applyChanges(
    [{ tableName: 'online_learner', deletes: [...online.rows()].map((row) => row.bytes), inserts: [] }],
    engine.txOffset + 1n,
  );
  assert.deepEqual(listed(), []);
  register(connect(14n), 'abel');
  assert.deepEqual(listed(), ['abel', 'alice', 'bob', 'carol']);
  engine.callLifecycle('clientDisconnected', { sender: 12n, connectionId: 112n, timestamp: now });
  assert.deepEqual(listed(), ['abel', 'bob', 'carol']);
});
