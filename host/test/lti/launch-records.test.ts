/**
 * Where grades and rosters go, kept across restarts: a launch appends one line however many launches came before,
 * the file is rewritten now and then so it stays near one line per learner and lab, a line cut short by a crash
 * is skipped, and the file of earlier versions (the whole state rewritten at every launch) is taken over.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile, appendFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LaunchRecords, type LaunchServices } from '../../src/lti/launch-records.js';
import { LtiFiles } from '../../src/lti/lti-files.js';

let dataDir: string;
const warnings: string[] = [];
const log = (_level: string, message: string) => void warnings.push(message);

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lta-lti-records-'));
});
after(() => rm(dataDir, { recursive: true, force: true }));

const target = (n: number) => ({
  platformIssuer: 'https://lms.example',
  clientId: 'tool',
  lineItem: `https://lms.example/lineitems/${n}`,
  userId: `user-${n}`,
});
const launchOf = (learner: number, lab: string, n = learner): LaunchServices => ({
  grade: { identityHex: `c2${learner.toString(16).padStart(4, '0')}`, labId: lab, target: target(n) },
});
const open = (dir: string) => LaunchRecords.open(new LtiFiles(dir), log);
const linesIn = async (dir: string) =>
  (await readFile(join(dir, 'lti', 'launches.jsonl'), 'utf8')).split('\n').length - 1;

test('a launch appends one line, however many launches are recorded', async () => {
  const dir = join(dataDir, 'many');
  const records = await open(dir);
  for (let learner = 0; learner < 2_000; learner++) await records.remember(launchOf(learner, 'intro'));
  const file = join(dir, 'lti', 'launches.jsonl');
  const before = (await stat(file)).size;
  const one = launchOf(2_000, 'intro');
  await records.remember(one);
  assert.equal((await stat(file)).size - before, JSON.stringify(one).length + 1, 'one line, not the whole state');

  const reopened = await open(dir);
  assert.deepEqual(reopened.gradeTarget('c20000', 'intro'), target(0));
  assert.deepEqual(reopened.gradeTarget(one.grade!.identityHex, 'intro'), target(2_000));
});

test('launches that replace each other leave a file near one line per learner and lab', async () => {
  const dir = join(dataDir, 'replaced');
  const records = await open(dir);
  for (let n = 0; n < 1_500; n++) {
    await records.remember(launchOf(n % 10, 'intro', n));
    await records.remember({ roster: { cohort: 'lti:course', source: { ...target(n), membershipsUrl: `m${n}` } } });
  }
  assert.ok((await linesIn(dir)) <= 2 * 11 + 1_000 + 1, `${await linesIn(dir)} lines for 11 entries`);
  const reopened = await open(dir);
  for (let learner = 0; learner < 10; learner++)
    assert.deepEqual(
      reopened.gradeTarget(launchOf(learner, 'intro').grade!.identityHex, 'intro'),
      target(1_490 + learner),
    );
  assert.equal(reopened.rosterSource('lti:course')?.membershipsUrl, 'm1499');
});

test('a line cut short by a crash is skipped, and the next launch is kept', async () => {
  const dir = join(dataDir, 'cut');
  await (await open(dir)).remember(launchOf(1, 'intro'));
  await appendFile(join(dir, 'lti', 'launches.jsonl'), '{"grade":{"identityHex":"c2');
  warnings.length = 0;
  const records = await open(dir);
  assert.deepEqual(warnings, ['LTI: 1 unreadable line(s) of launches.jsonl skipped (a write cut short?)']);
  await records.remember(launchOf(2, 'intro'));
  const reopened = await open(dir);
  assert.deepEqual(reopened.gradeTarget(launchOf(1, 'intro').grade!.identityHex, 'intro'), target(1));
  assert.deepEqual(reopened.gradeTarget(launchOf(2, 'intro').grade!.identityHex, 'intro'), target(2));
});

test("the earlier versions' launches.json is taken over, then removed", async () => {
  const dir = join(dataDir, 'old');
  await mkdir(join(dir, 'lti'), { recursive: true });
  await writeFile(
    join(dir, 'lti', 'launches.json'),
    JSON.stringify({
      grades: { 'c20001/intro': target(1) },
      rosters: { 'lti:course': { ...target(1), membershipsUrl: 'https://lms.example/m' } },
    }),
  );
  const records = await open(dir);
  assert.deepEqual(records.gradeTarget('c20001', 'intro'), target(1));
  await assert.rejects(access(join(dir, 'lti', 'launches.json')), 'the old file is gone');
  const reopened = await open(dir);
  assert.deepEqual(reopened.gradeTarget('c20001', 'intro'), target(1));
  assert.equal(reopened.rosterSource('lti:course')?.membershipsUrl, 'https://lms.example/m');
});

test('a write that fails (a full disk) fails its own launch only; the next one saves both', async () => {
  const dir = join(dataDir, 'full');
  const files = new LtiFiles(dir);
  const records = await LaunchRecords.open(files, log);
  await records.remember(launchOf(1, 'intro'));
  const append = files.append.bind(files);
  // The disk fills in the middle of a line: part of it reaches the file.
  files.append = async (name, line) => {
    await append(name, line.slice(0, 10));
    throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  };
  await assert.rejects(records.remember(launchOf(2, 'intro')), /ENOSPC/);
  files.append = append;
  await records.remember(launchOf(3, 'intro'));
  const reopened = await open(dir);
  for (const learner of [1, 2, 3])
    assert.deepEqual(reopened.gradeTarget(launchOf(learner, 'intro').grade!.identityHex, 'intro'), target(learner));
});
