/**
 * Grades are not lost when the host stops while a score waits for a retry: the next start takes the delivery up
 * from the audit in the data directory, also when the stop (a crash, a full disk) cut the audit's last line short.
 */
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startHost } from '../../src/index.js';
import { connect, eventually } from '../../../module/test/support/academy.js';
import { FIRST_LAB, passingState } from '../../../module/test/support/labs.js';
import { academyTokenOf, launch } from './browserless.js';
import { LEARNER_ROLE, TestPlatform } from './platform/test-platform.js';

const MODULE_DIR = fileURLToPath(new URL('../../../module', import.meta.url));

test('a score waiting for its retry when the host stops is delivered after the restart, whole audit or not', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lta-lti-grades-'));
  const platform = await TestPlatform.start();
  const lti = { platforms: [platform.registration()] };
  let host = await startHost({
    moduleDir: MODULE_DIR,
    log: false,
    dataDir,
    lti: { ...lti, retryDelaysMs: [3_600_000] },
  });
  try {
    const eve = { sub: 'lms-user-eve', name: 'Eve', roles: [LEARNER_ROLE] };
    platform.failScores = { count: 1, status: 502 };
    const learner = await connect(
      host,
      academyTokenOf(await launch(platform, host.url, { user: eve, custom: { lab: FIRST_LAB.id } })),
    );
    await learner.conn.reducers.registerUser({ username: 'eve', displayName: '', timeZone: 'UTC' });
    await learner.conn.reducers.startLab({ labId: FIRST_LAB.id });
    await learner.conn.reducers.completeLab({ labId: FIRST_LAB.id, snapshot: await passingState(FIRST_LAB) });
    await eventually(() => platform.failScores.count === 0, 'the first attempt');
    await host.lti!.idle();
    assert.deepEqual(
      (await host.lti!.deliveries()).map((a) => a.outcome),
      ['will-retry'],
    );
    await learner.close();
    await host.close();
    assert.equal(platform.scores.length, 0, 'nothing delivered before the stop');
    // The stop came in the middle of writing another attempt.
    await appendFile(join(dataDir, 'lti', 'score-deliveries.jsonl'), '{"at":"2026-12-07T10:00:00.0');

    // Same address: the LMS knows the tool by its URL (and fetches its keys there).
    const warnings: string[] = [];
    host = await startHost({
      moduleDir: MODULE_DIR,
      log: (level, message) => {
        if (level === 'warn' || level === 'error') warnings.push(message);
      },
      dataDir,
      port: Number(new URL(host.url).port),
      lti: { ...lti, retryDelaysMs: [0] },
    });
    await eventually(() => platform.scores.length === 1, 'the score after the restart');
    assert.equal(platform.scores[0]!.score['userId'], eve.sub);
    await host.lti!.idle();
    assert.deepEqual(
      (await host.lti!.deliveries()).map((a) => [a.attempt, a.outcome]),
      [
        [1, 'will-retry'],
        [2, 'delivered'],
      ],
      'the line cut short is skipped, and the next one is not glued to it',
    );
    assert.deepEqual(warnings, ['LTI: 1 unreadable line(s) of score-deliveries.jsonl skipped (a write cut short?)']);
  } finally {
    await host.close();
    await platform.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
