import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLabState, levelForXp, startingFiles, startingFilesFingerprint } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { eventually, refused, useAcademy } from './support/academy.js';
import {
  FIRST_LAB,
  LOCKED_LAB,
  passingSnapshot,
  passingState,
  shellAfter,
  stateAfter,
  stateAfterShell,
} from './support/labs.js';

const academy = useAcademy(
  'SELECT * FROM learner',
  'SELECT * FROM my_lab_sessions',
  'SELECT * FROM my_completions',
  'SELECT * FROM achievement_award',
);

test('the catalog is published from the bundled curriculum, without reference solutions', async () => {
  const visitor = await academy.visitor();
  await visitor.subscribe('SELECT * FROM lab', 'SELECT * FROM course_module', 'SELECT * FROM achievement');
  const builtin = CURRICULUM.flatMap((module) => module.labs);
  assert.equal(visitor.conn.db.lab.count(), BigInt(builtin.length));
  assert.equal(visitor.conn.db.courseModule.count(), BigInt(CURRICULUM.length));
  assert.ok(visitor.conn.db.achievement.count() >= 12n);
  const row = visitor.conn.db.lab.id.find(FIRST_LAB.id)!;
  assert.equal(row.xp, FIRST_LAB.xp);
  const definition = JSON.parse(row.definition) as { solution: string[]; steps: unknown[] };
  assert.deepEqual(definition.solution, []);
  assert.equal(definition.steps.length, FIRST_LAB.steps.length);
});

test('a lab session is saved, resumed on another device, reset and deleted by its owner only', async () => {
  const kim = await academy.learner('kim');
  await kim.conn.reducers.startLab({ labId: FIRST_LAB.id });
  const halfway = await stateAfter(FIRST_LAB, FIRST_LAB.solution.slice(0, 1));
  await kim.conn.reducers.saveLabState({ labId: FIRST_LAB.id, snapshot: halfway });

  const laptop = await academy.visitor(kim.token);
  await laptop.subscribe('SELECT * FROM my_lab_sessions');
  const resumed = [...laptop.conn.db.myLabSessions.iter()];
  assert.equal(resumed.length, 1);
  assert.equal(resumed[0]!.snapshot, halfway, 'the other device gets the saved state back');

  await refused(
    kim.conn.reducers.saveLabState({ labId: FIRST_LAB.id, snapshot: 'x'.repeat(300 * 1024) }),
    /the limit is 256 KiB/,
  );
  await refused(
    kim.conn.reducers.saveLabState({ labId: FIRST_LAB.id, snapshot: '{"version":2}' }),
    /changed since your terminal loaded it/,
  );
  const base = startingFilesFingerprint(startingFiles(FIRST_LAB));
  await refused(
    kim.conn.reducers.saveLabState({ labId: FIRST_LAB.id, snapshot: `{"version":2,"base":"${base}"}` }),
    /malformed \(files\)/,
  );
  assert.equal([...kim.conn.db.myLabSessions.iter()][0]!.snapshot, halfway, 'refused saves change nothing');

  await kim.conn.reducers.resetLab({ labId: FIRST_LAB.id });
  await eventually(() => [...kim.conn.db.myLabSessions.iter()][0]?.snapshot === '', 'reset state');
  await kim.conn.reducers.deleteLabState({ labId: FIRST_LAB.id });
  await eventually(() => kim.conn.db.myLabSessions.count() === 0n, 'deleted session');
  await refused(
    kim.conn.reducers.deleteLabState({ labId: FIRST_LAB.id }),
    `You have no saved state for the lab "${FIRST_LAB.id}"`,
  );
});

test('a state holds only the changes to the lab, so a megabyte of new files still saves; earlier whole snapshots still load', async () => {
  const lin = await academy.learner('lin');
  await lin.conn.reducers.startLab({ labId: FIRST_LAB.id });
  const start = startingFiles(FIRST_LAB);
  // Making the files is not what is tested: on a loaded machine the shell's 10 s budget per line would cut the awk
  // short, so this session gets just-bash's own budget (an hour) instead.
  const shell = await shellAfter(FIRST_LAB, FIRST_LAB.solution, { maxRunMs: 60 * 60 * 1000 });
  // Over a megabyte of new files: a numbered list, a backup of it, and a made-up web log.
  await shell.run(
    `mkdir numbers && seq 1 40000 > numbers/list.txt && cp numbers/list.txt numbers/backup.txt && ` +
      `seq 1 15000 | awk '{ print "2026-11-26 GET /page/" $1 % 97 " " ($1 % 5 ? 200 : 404) " " $1 * 7 }' > access.log`,
  );
  const whole = JSON.stringify(shell.snapshot());
  assert.ok(whole.length > 1_000_000, `the filesystem is over a megabyte (${whole.length})`);
  const saved = await stateAfterShell(shell);
  assert.ok(saved.length < 256 * 1024, `the saved state is ${saved.length} characters`);
  await lin.conn.reducers.saveLabState({ labId: FIRST_LAB.id, snapshot: saved });
  await eventually(
    () => [...lin.conn.db.myLabSessions.iter()][0]?.stepsPassed === FIRST_LAB.steps.length,
    'the server read every step as passed',
  );
  const stored = [...lin.conn.db.myLabSessions.iter()][0]!.snapshot;
  const reading = decodeLabState(stored, start);
  assert.ok(reading.ok);
  assert.deepEqual(reading.snapshot.files, shell.snapshot().files, 'another device gets every file back');

  await lin.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: JSON.stringify(await passingSnapshot()) });
  await eventually(
    () => lin.conn.db.myCompletions.count() === 1n,
    'a whole (version 1) snapshot still completes the lab',
  );
});

test('completing a lab is verified on the server and pays the catalog XP once', async () => {
  const sam = await academy.learner('sam');
  await refused(
    sam.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) }),
    /Start the lab/,
  );
  await sam.conn.reducers.startLab({ labId: FIRST_LAB.id });
  const untouched = await stateAfter(FIRST_LAB, []);
  await refused(sam.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: untouched }), /^Not done yet: /);
  assert.equal(sam.conn.db.learner.identity.find(sam.identity)!.xp, 0n, 'failing checks earn nothing');

  await sam.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) });
  await eventually(() => sam.conn.db.myCompletions.count() === 1n, 'the completion');
  const profile = sam.conn.db.learner.identity.find(sam.identity)!;
  assert.equal(profile.xp, BigInt(FIRST_LAB.xp), 'XP comes from the catalog');
  assert.equal(profile.level, levelForXp(FIRST_LAB.xp));
  assert.equal(profile.labsCompleted, 1);
  assert.equal(profile.currentStreak, 1);
  const badges = [...sam.conn.db.achievementAward.iter()].filter((row) => row.learner.isEqual(sam.identity));
  assert.deepEqual(
    badges.map((row) => row.achievementId),
    ['first-lab'],
  );

  await refused(
    sam.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) }),
    `You have already completed "${FIRST_LAB.title}"`,
  );
  assert.equal(
    sam.conn.db.learner.identity.find(sam.identity)!.xp,
    BigInt(FIRST_LAB.xp),
    'a second completion pays nothing',
  );
});

test('modules unlock in order and hints are remembered', async () => {
  const ola = await academy.learner('ola');
  await refused(
    ola.conn.reducers.startLab({ labId: LOCKED_LAB.id }),
    `Complete every lab of "${CURRICULUM[0]!.title}" to unlock this lab`,
  );
  await refused(ola.conn.reducers.startLab({ labId: 'no-such-lab' }), 'There is no lab "no-such-lab"');
  for (const lab of CURRICULUM[0]!.labs) {
    await ola.conn.reducers.startLab({ labId: lab.id });
    if (lab === FIRST_LAB) await ola.conn.reducers.useHint({ labId: lab.id });
    await ola.conn.reducers.completeLab({ labId: lab.id, snapshot: await passingState(lab) });
  }
  await ola.conn.reducers.startLab({ labId: LOCKED_LAB.id });
  await eventually(() => ola.conn.db.myCompletions.count() === BigInt(CURRICULUM[0]!.labs.length), 'every completion');
  const hinted = [...ola.conn.db.myCompletions.iter()].find((row) => row.labId === FIRST_LAB.id)!;
  assert.equal(hinted.hintsUsed, 1);
  await ola.subscribe('SELECT * FROM my_hint_uses', 'SELECT * FROM my_activity');
  assert.deepEqual(
    [...ola.conn.db.myHintUses.iter()].map((row) => [row.labId, row.hints]),
    [[FIRST_LAB.id, 1]],
  );
  const completedLog = [...ola.conn.db.myActivity.iter()].filter((row) => row.kind === 'lab_completed');
  assert.equal(completedLog.length, CURRICULUM[0]!.labs.length, 'each completion is in the activity log');
  const expectedXp = CURRICULUM[0]!.labs.reduce((sum, lab) => sum + lab.xp, 0);
  assert.equal(ola.conn.db.learner.identity.find(ola.identity)!.xp, BigInt(expectedXp));
  const badges = [...ola.conn.db.achievementAward.iter()].filter((row) => row.learner.isEqual(ola.identity));
  assert.ok(
    badges.some((row) => row.achievementId === 'first-module'),
    'completing module 1 earns "first-module"',
  );
});
