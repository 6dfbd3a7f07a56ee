import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { startHost, type RunningHost } from '@lta/host';
import { connect, eventually, refused, type Client } from './support/academy.js';
import { FIRST_LAB, passingState } from './support/labs.js';

/** The academy issuer an LTI launch signs learners in with, and a second issuer the module does not trust for classes. */
const ACADEMY_ISSUER = 'https://academy.test';
const OTHER_ISSUER = 'https://lms.other.test';
const CLASS_A = 'lti:class-a';
const CLASS_B = 'lti:class-b';

let host: RunningHost;
const keys = new Map<string, CryptoKey>();
const clients: Client[] = [];

before(async () => {
  const trustedIssuers: { issuer: string; publicKey: JWK }[] = [];
  for (const issuer of [ACADEMY_ISSUER, OTHER_ISSUER]) {
    const pair = await generateKeyPair('ES256');
    keys.set(issuer, pair.privateKey);
    trustedIssuers.push({ issuer, publicKey: { ...(await exportJWK(pair.publicKey)), alg: 'ES256' } });
  }
  host = await startHost({
    moduleDir: fileURLToPath(new URL('..', import.meta.url)),
    port: 0,
    log: false,
    trustedIssuers,
  });
});

after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await host.close();
});

/** A launch token as the LTI tool mints it: `sub` stable per LMS user, the class in `lta_cohort*` claims. */
function launchToken(sub: string, claims: Record<string, unknown>, issuer = ACADEMY_ISSUER): Promise<string> {
  return new SignJWT({ aud: 'spacetimedb', ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(sub)
    .setIssuedAt()
    .sign(keys.get(issuer)!);
}

async function open(token?: string): Promise<Client> {
  const client = await connect(host, token);
  clients.push(client);
  return client;
}

/** A learner launched from `cohort` as `role`, registered under `username` and subscribed to the class views. */
async function launched(
  username: string,
  cohort: string,
  role: 'learner' | 'instructor',
  title = 'Linux 101',
): Promise<Client> {
  const client = await open(
    await launchToken(`lti:${username}`, {
      lta_cohort: cohort,
      lta_cohort_title: title,
      lta_cohort_role: role,
      name: `LMS ${username}`,
    }),
  );
  await client.conn.reducers.joinLaunchCohort({});
  await client.conn.reducers.registerUser({ username, displayName: '', timeZone: 'UTC' });
  await client.subscribe(
    'SELECT * FROM my_cohorts',
    'SELECT * FROM my_cohort_members',
    'SELECT * FROM my_cohort_messages',
    'SELECT * FROM cohort_leaderboard',
    'SELECT * FROM cohort_presence',
    'SELECT * FROM class_progress',
  );
  return client;
}

/** The caller's row of `my_cohorts` for a class. */
const cohortOf = (client: Client, id: string) => [...client.conn.db.myCohorts.iter()].find((row) => row.id === id);

const owner = async () => {
  const client = await open(host.publisherToken);
  if (!client.conn.db.learner.identity.find(client.identity)) {
    await client.conn.reducers
      .registerUser({ username: 'founder', displayName: '', timeZone: 'UTC' })
      .catch(() => undefined);
  }
  return client;
};

test("a fresh academy's owner names the class issuer before registering (as the host does when it starts with LTI on)", async () => {
  const publisher = await open(host.publisherToken);
  await publisher.conn.reducers.setAcademySetting({ name: 'cohort_issuer', value: ACADEMY_ISSUER });
  const first = await launched('firstcomer', 'lti:class-fresh', 'learner');
  await eventually(() => cohortOf(first, 'lti:class-fresh')?.title === 'Linux 101', 'the first launch joins its class');
  await publisher.conn.reducers.setAcademySetting({ name: 'cohort_issuer', value: '' });
});

test('only the owner names the class issuer; without it, or from another issuer, no launch joins a class', async () => {
  const boss = await owner();
  const token = await launchToken('lti:early', { lta_cohort: CLASS_A, lta_cohort_role: 'instructor' });
  const early = await open(token);
  await refused(
    early.conn.reducers.joinLaunchCohort({}),
    'This academy does not take class sign-ins: its owner has not set cohort_issuer',
  );

  const admin = await open();
  await admin.conn.reducers.registerUser({ username: 'winnie', displayName: '', timeZone: 'UTC' });
  await boss.subscribe('SELECT * FROM learner');
  await boss.conn.reducers.setRole({ username: 'winnie', role: 'admin' });
  await eventually(
    () => [...boss.conn.db.learner.iter()].some((row) => row.username === 'winnie' && row.role === 'admin'),
    'the admin role',
  );
  await refused(
    admin.conn.reducers.setAcademySetting({ name: 'cohort_issuer', value: OTHER_ISSUER }),
    'Only owners can choose who signs learners into classes',
  );
  await boss.conn.reducers.setAcademySetting({ name: 'cohort_issuer', value: ACADEMY_ISSUER });

  const forged = await open(
    await launchToken('lti:forger', { lta_cohort: CLASS_A, lta_cohort_role: 'instructor' }, OTHER_ISSUER),
  );
  const notFromCourse =
    'Only a sign-in through your course can add you to a class: open the academy from your course page';
  await refused(forged.conn.reducers.joinLaunchCohort({}), notFromCourse);
  const anonymous = await open();
  await refused(anonymous.conn.reducers.joinLaunchCohort({}), notFromCourse);
  const noClass = await open(await launchToken('lti:noclass', { lta_cohort_role: 'instructor' }));
  await refused(
    noClass.conn.reducers.joinLaunchCohort({}),
    'Your sign-in names no class: open the academy from your course page',
  );
  const badId = await open(await launchToken('lti:badid', { lta_cohort: "x' OR 1=1", lta_cohort_role: 'instructor' }));
  await refused(
    badId.conn.reducers.joinLaunchCohort({}),
    'Your sign-in names no class: open the academy from your course page',
  );
  await forged.subscribe('SELECT * FROM my_cohorts');
  assert.equal(forged.conn.db.myCohorts.count(), 0n, 'a refused launch joins nothing');
});

test('a launch joins the class with the role its token gives; a later launch follows a role change', async () => {
  const teacher = await launched('prof_ada', CLASS_A, 'instructor', 'Linux 101 (fall)');
  await eventually(() => cohortOf(teacher, CLASS_A)?.role === 'instructor', 'the instructor role');
  assert.equal(cohortOf(teacher, CLASS_A)?.title, 'Linux 101 (fall)');
  const pupil = await launched('pupil', CLASS_A, 'learner');
  await eventually(() => cohortOf(pupil, CLASS_A)?.role === 'learner', 'the learner role');
  assert.equal(cohortOf(pupil, CLASS_A)?.title, 'Linux 101', 'the title follows the latest launch');
  await eventually(() => teacher.conn.db.myCohortMembers.count() === 2n, 'both members listed');
  const pupilRow = [...teacher.conn.db.myCohortMembers.iter()].find((row) => row.learner.isEqual(pupil.identity));
  assert.equal(pupilRow?.lmsName, 'LMS pupil', 'instructors see the name the LMS sent');
  const teacherRow = [...pupil.conn.db.myCohortMembers.iter()].find((row) => row.learner.isEqual(teacher.identity));
  assert.equal(teacherRow?.lmsName, '', 'learners do not');

  // Same LMS user, promoted to TA in the LMS: the next launch carries the new role.
  const promoted = await open(
    await launchToken('lti:pupil', {
      lta_cohort: CLASS_A,
      lta_cohort_title: 'Linux 101',
      lta_cohort_role: 'instructor',
    }),
  );
  await promoted.conn.reducers.joinLaunchCohort({});
  await eventually(() => cohortOf(pupil, CLASS_A)?.role === 'instructor', 'the role change');
  const demoted = await open(
    await launchToken('lti:pupil', {
      lta_cohort: CLASS_A,
      lta_cohort_title: 'Linux 101',
      lta_cohort_role: 'Administrator',
    }),
  );
  await demoted.conn.reducers.joinLaunchCohort({});
  await eventually(() => cohortOf(pupil, CLASS_A)?.role === 'learner', 'an unknown role is a learner');
  await refused(
    teacher.conn.reducers.setCohortRole({ cohort: CLASS_A, username: 'prof_ada', role: 'learner' }),
    'You cannot change your own role',
  );
  await refused(
    pupil.conn.reducers.setCohortRole({ cohort: CLASS_A, username: 'pupil', role: 'instructor' }),
    'Only instructors of this class can change roles',
  );
});

test("a class's chat, board, presence and progress reach its own members only", async () => {
  const teacherA = await launched('teach_a', CLASS_A, 'instructor');
  const alice = await launched('alice_a', CLASS_A, 'learner');
  const teacherB = await launched('teach_b', CLASS_B, 'instructor', 'Other school');
  const bob = await launched('bob_b', CLASS_B, 'learner', 'Other school');

  await alice.conn.reducers.startLab({ labId: FIRST_LAB.id });
  await alice.conn.reducers.useHint({ labId: FIRST_LAB.id });
  await eventually(
    () =>
      [...teacherA.conn.db.classProgress.iter()].some(
        (row) => row.learner.isEqual(alice.identity) && row.status === 'in_progress' && row.hintsUsed === 1,
      ),
    "alice's lab in progress, one hint",
  );
  await alice.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) });
  await eventually(
    () =>
      [...teacherA.conn.db.classProgress.iter()].some(
        (row) => row.learner.isEqual(alice.identity) && row.status === 'done',
      ),
    "alice's lab done, live",
  );

  await alice.conn.reducers.sendCohortMessage({ cohort: CLASS_A, text: 'hello class A' });
  await bob.conn.reducers.sendCohortMessage({ cohort: CLASS_B, text: 'hello class B' });
  await refused(
    bob.conn.reducers.sendCohortMessage({ cohort: CLASS_A, text: 'let me in' }),
    'You are not in that class',
  );
  await refused(
    bob.conn.reducers.sendCohortMessage({ cohort: 'lti:nonexistent', text: 'hi' }),
    'You are not in that class',
  );
  await eventually(
    () => teacherA.conn.db.myCohortMessages.count() === 1n && teacherB.conn.db.myCohortMessages.count() === 1n,
    'each class its message',
  );
  await eventually(
    () =>
      [...alice.conn.db.cohortLeaderboard.iter()].some((row) => row.learner.isEqual(alice.identity) && row.rank === 1),
    "alice first on her class's board",
  );

  // Bob asks by hand for class A's rows: every view answers with his own classes only.
  await bob.subscribe(
    `SELECT * FROM my_cohort_messages WHERE cohort = '${CLASS_A}'`,
    `SELECT * FROM class_progress WHERE cohort = '${CLASS_A}'`,
  );
  const mine = (rows: Iterable<{ cohort: string }>) => [...rows].every((row) => row.cohort === CLASS_B);
  assert.ok(mine(bob.conn.db.myCohortMessages.iter()), 'no message of class A');
  assert.ok(mine(bob.conn.db.cohortLeaderboard.iter()), 'no board of class A');
  assert.ok(mine(bob.conn.db.myCohortMembers.iter()), 'no member of class A');
  assert.equal(bob.conn.db.classProgress.count(), 0n, 'a learner sees no progress, not even their own class');
  assert.equal(alice.conn.db.classProgress.count(), 0n);
  assert.ok(mine(teacherB.conn.db.classProgress.iter()), "class B's instructor sees nothing of class A");
  assert.ok(mine(bob.conn.db.cohortPresence.iter()), "alice's presence stays in her class");
  assert.ok(
    [...bob.conn.db.cohortPresence.iter()].some(
      (row) => row.identity.isEqual(teacherB.identity) && row.username === 'teach_b',
    ),
    'bob sees his own classmates, named',
  );
  await assert.rejects(bob.subscribe('SELECT * FROM cohort_message'), 'the table behind the views is private');
  await assert.rejects(bob.subscribe('SELECT * FROM cohort_member'), 'memberships too');
});

test("instructors moderate their own class's chat only, and gain no academy-wide powers", async () => {
  const teacher = await launched('prof_rex', CLASS_A, 'instructor');
  const rowdy = await launched('rowdy', CLASS_A, 'learner');
  await (
    await open(await launchToken('lti:rowdy', { lta_cohort: CLASS_B, lta_cohort_role: 'learner' }))
  ).conn.reducers.joinLaunchCohort({});
  const outsider = await launched('outsider', CLASS_B, 'instructor');

  await rowdy.conn.reducers.sendCohortMessage({ cohort: CLASS_A, text: 'spam spam' });
  await rowdy.conn.reducers.sendCohortMessage({ cohort: CLASS_B, text: 'spam in B' });
  await eventually(
    () => [...teacher.conn.db.myCohortMessages.iter()].some((row) => row.text === 'spam spam'),
    'the spam in A',
  );
  await eventually(
    () => [...outsider.conn.db.myCohortMessages.iter()].some((row) => row.text === 'spam in B'),
    'the spam in B',
  );
  const spamA = [...teacher.conn.db.myCohortMessages.iter()].find((row) => row.text === 'spam spam')!;
  const spamB = [...outsider.conn.db.myCohortMessages.iter()].find((row) => row.text === 'spam in B')!;

  await refused(
    teacher.conn.reducers.deleteCohortMessage({ messageId: spamB.id }),
    'You can only delete your own messages',
  );
  await teacher.conn.reducers.deleteCohortMessage({ messageId: spamA.id });
  await eventually(
    () => [...teacher.conn.db.myCohortMessages.iter()].some((row) => row.id === spamA.id && row.deleted),
    'the message deleted',
  );
  await refused(
    rowdy.conn.reducers.muteInCohort({ cohort: CLASS_A, username: 'prof_rex', minutes: 5, reason: 'x' }),
    'Only instructors of this class can mute learners',
  );
  await refused(
    teacher.conn.reducers.muteInCohort({ cohort: CLASS_B, username: 'rowdy', minutes: 5, reason: 'spam' }),
    'You are not in that class',
  );
  await refused(
    teacher.conn.reducers.muteInCohort({ cohort: CLASS_A, username: 'outsider', minutes: 5, reason: 'spam' }),
    'outsider is not in this class',
  );
  await refused(
    teacher.conn.reducers.muteInCohort({ cohort: CLASS_A, username: 'rowdy', minutes: 0, reason: 'spam' }),
    'Mute for 1 to 10080 minutes',
  );
  await teacher.conn.reducers.muteInCohort({ cohort: CLASS_A, username: 'rowdy', minutes: 30, reason: 'spam' });
  await refused(
    rowdy.conn.reducers.sendCohortMessage({ cohort: CLASS_A, text: 'more' }),
    'You are muted in this class for 30 more min: spam',
  );
  await refused(
    rowdy.conn.reducers.editCohortMessage({ messageId: spamA.id, text: 'edited while muted' }),
    'You are muted in this class for 30 more min: spam',
  );
  await refused(
    teacher.conn.reducers.editCohortMessage({ messageId: spamB.id, text: 'not mine' }),
    'You can only edit your own messages',
  );
  await rowdy.conn.reducers.sendCohortMessage({ cohort: CLASS_B, text: 'still talking in B' });
  await rowdy.conn.reducers.sendMessage({ channel: 'global', text: 'and in global' });
  await refused(
    teacher.conn.reducers.muteLearner({ username: 'rowdy', minutes: 5, reason: 'spam' }),
    'Only moderators can mute',
  );
  await teacher.conn.reducers.liftCohortMute({ cohort: CLASS_A, username: 'rowdy' });
  await refused(
    teacher.conn.reducers.liftCohortMute({ cohort: CLASS_A, username: 'rowdy' }),
    'rowdy is not muted in this class',
  );
  await rowdy.conn.reducers.sendCohortMessage({ cohort: CLASS_A, text: 'sorry' });
  await eventually(
    () => [...teacher.conn.db.myCohortMessages.iter()].some((row) => row.text === 'sorry'),
    'the apology',
  );
  const apology = [...teacher.conn.db.myCohortMessages.iter()].find((row) => row.text === 'sorry')!;
  await refused(
    teacher.conn.reducers.editCohortMessage({ messageId: apology.id, text: 'hijacked' }),
    'You can only edit your own messages',
  );
  await rowdy.conn.reducers.editCohortMessage({ messageId: apology.id, text: 'sorry, everyone' });
  await eventually(
    () =>
      [...teacher.conn.db.myCohortMessages.iter()].some(
        (row) => row.id === apology.id && row.text === 'sorry, everyone' && row.editedAt !== undefined,
      ),
    'the edit',
  );
});

test('class joins are limited: a launch that changes nothing is free; ten new classes at once, then a wait', async () => {
  const token = (cohort: string, role = 'learner') =>
    launchToken('lti:hopper', { lta_cohort: cohort, lta_cohort_role: role });
  const same = await open(await token('lti:hop-0'));
  for (let i = 0; i < 15; i++) await same.conn.reducers.joinLaunchCohort({});
  for (let i = 1; i < 10; i++) await (await open(await token(`lti:hop-${i}`))).conn.reducers.joinLaunchCohort({});
  const eleventh = await open(await token('lti:hop-10'));
  await refused(eleventh.conn.reducers.joinLaunchCohort({}), /^You are joining classes too fast; try again in \d+ s$/);
});

test('the owner opens a class with an invite code; wrong codes are counted, so guessing runs out fast', async () => {
  const boss = await owner();
  const learner = await open();
  await learner.conn.reducers.registerUser({ username: 'walkin', displayName: '', timeZone: 'UTC' });
  await refused(learner.conn.reducers.createCohort({ title: 'Mine' }), 'Only owners can open classes');
  await refused(boss.conn.reducers.createCohort({ title: ' ' }), 'Give the class a title');
  await boss.conn.reducers.createCohort({ title: 'Evening class' });
  await boss.subscribe('SELECT * FROM my_cohorts');
  await eventually(
    () => [...boss.conn.db.myCohorts.iter()].some((row) => row.title === 'Evening class'),
    'the class and its code',
  );
  const evening = [...boss.conn.db.myCohorts.iter()].find((row) => row.title === 'Evening class')!;
  assert.equal(evening.role, 'instructor');
  assert.match(evening.inviteCode, /^[A-Z2-9]{12}$/);

  await learner.subscribe('SELECT * FROM my_cohort_code_try', 'SELECT * FROM my_cohorts');
  for (let i = 0; i < 5; i++) {
    await learner.conn.reducers.joinCohortWithCode({ code: `WRONG${i}` });
  }
  await eventually(
    () =>
      [...learner.conn.db.myCohortCodeTry.iter()][0]?.problem === 'No class has that code: check it with your teacher',
    'the wrong code told',
  );
  await refused(
    learner.conn.reducers.joinCohortWithCode({ code: evening.inviteCode }),
    /^You are trying class codes too fast; try again in \d+ min$/,
  );
  assert.equal(learner.conn.db.myCohorts.count(), 0n);

  const other = await open();
  await other.conn.reducers.registerUser({ username: 'walkin2', displayName: '', timeZone: 'UTC' });
  await other.subscribe('SELECT * FROM my_cohorts', 'SELECT * FROM my_cohort_code_try');
  const typed = `${evening.inviteCode.slice(0, 4).toLowerCase()}-${evening.inviteCode.slice(4)}`;
  await other.conn.reducers.joinCohortWithCode({ code: typed });
  await eventually(() => cohortOf(other, evening.id)?.role === 'learner', 'joined as a learner');
  assert.equal(cohortOf(other, evening.id)?.inviteCode, '', 'learners never see the code');
  assert.equal([...other.conn.db.myCohortCodeTry.iter()][0]?.problem, '');
});
