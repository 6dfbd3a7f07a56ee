import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  advanceStreak,
  checkTimeZone,
  localDay,
  weekNumber,
  mayAssignRole,
  packLabState,
  type ShellSnapshot,
  type VfsEntry,
} from '@lta/labs';
import { checkMessageText, parseChannel } from '../src/rules/chat.js';
import { checkAvatarUrl, checkDisplayName } from '../src/rules/profile.js';
import { admitMessage, spendAllowance } from '../src/rules/rate-limit.js';
import { parseSnapshot, SNAPSHOT_MAX_BYTES } from '../src/rules/snapshot.js';
import { checkUsername } from '../src/rules/username.js';
import type { Outcome } from '../src/rules/outcome.js';

function problemOf(outcome: Outcome<unknown>): string {
  assert.equal(outcome.ok, false, 'expected a refusal');
  return outcome.ok ? '' : outcome.problem;
}

const at = (iso: string) => BigInt(Date.parse(iso)) * 1000n;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

test('usernames fold case and compatibility forms, and refuse other scripts, reserved names and bad lengths', () => {
  assert.deepEqual(checkUsername('Alice_01'), { ok: true, value: { username: 'alice_01', skeleton: 'allceol' } });
  const fullwidth = checkUsername('ａｌｉｃｅ');
  assert.ok(fullwidth.ok && fullwidth.value.username === 'alice');
  assert.match(problemOf(checkUsername('аlice')), /only use the letters a-z/); // Cyrillic а
  assert.match(problemOf(checkUsername('al')), /at least 3/);
  assert.match(problemOf(checkUsername('a'.repeat(31))), /at most 30/);
  assert.match(problemOf(checkUsername('Adm1n')), /reserved/);
  assert.match(problemOf(checkUsername('bob smith')), /only use/);
  const skeletonOf = (name: string) => {
    const outcome = checkUsername(name);
    assert.ok(outcome.ok);
    return outcome.value.skeleton;
  };
  assert.equal(skeletonOf('a1ice'), skeletonOf('alice'), 'a1ice must collide with alice');
  assert.equal(skeletonOf('rnary'), skeletonOf('mary'));
  assert.notEqual(skeletonOf('alice'), skeletonOf('alina'));
});

test('display names and avatar URLs', () => {
  assert.deepEqual(checkDisplayName('  Ada Lovelace '), { ok: true, value: 'Ada Lovelace' });
  assert.match(problemOf(checkDisplayName('   ')), /Enter a display name/);
  assert.match(problemOf(checkDisplayName('x'.repeat(41))), /40 characters/);
  assert.match(problemOf(checkDisplayName('evil\u202Egnp.exe')), /control characters/);
  for (const invisible of ['\u3164', '\u200B', '\u2800', '\u115F\u1160', 'a\u200Fb', '\uFFA0', 'x\u3000y', '\u0301a']) {
    assert.match(problemOf(checkDisplayName(invisible)), /Remove invisible characters/, JSON.stringify(invisible));
  }
  for (const staff of ['Admin', 'Moderator', 'TheAdmin', 'adm1n', 'LTA Team', 'Official']) {
    assert.match(problemOf(checkDisplayName(staff)), /may not pass for staff/, staff);
    assert.ok(checkDisplayName(staff, true).ok, `staff may call themselves ${staff}`);
  }
  for (const fine of ['Badminton fan', 'Zoë 🎉', '中文名字', 'Team Rocket']) assert.ok(checkDisplayName(fine).ok, fine);
  assert.deepEqual(checkAvatarUrl('https://cdn.example.org/a.png'), {
    ok: true,
    value: 'https://cdn.example.org/a.png',
  });
  assert.deepEqual(checkAvatarUrl(''), { ok: true, value: '' });
  for (const bad of ['http://example.org/a.png', 'javascript:alert(1)', 'data:image/png;base64,AA', 'https://a b/']) {
    assert.match(problemOf(checkAvatarUrl(bad)), /https:\/\//, bad);
  }
});

test('days are counted in the learner zone, across DST changes', () => {
  assert.deepEqual(checkTimeZone('Europe/Paris'), { ok: true, value: 'Europe/Paris' });
  assert.match(problemOf(checkTimeZone('Mars/Olympus')), /Unknown time zone/);
  // 23:30 UTC on 30 March 2025 is already 31 March in Paris (CEST, +2) but still 30 March in New York.
  assert.equal(localDay('Europe/Paris', at('2025-03-30T23:30:00Z')), dayOf('2025-03-31'));
  assert.equal(localDay('America/New_York', at('2025-03-30T23:30:00Z')), dayOf('2025-03-30'));
  // Paris switched to summer time at 01:00 UTC that day: 00:30 UTC is 01:30 CET, 01:30 UTC is 03:30 CEST: same day.
  assert.equal(
    localDay('Europe/Paris', at('2025-03-30T00:30:00Z')),
    localDay('Europe/Paris', at('2025-03-30T01:30:00Z')),
  );
  // Far from Greenwich: Kiritimati (+14) and Pago Pago (-11) are two calendar days apart at the same instant.
  assert.equal(
    localDay('Pacific/Kiritimati', at('2025-06-01T10:30:00Z')) -
      localDay('Pacific/Pago_Pago', at('2025-06-01T10:30:00Z')),
    2,
  );
  assert.equal(localDay('UTC', at('2025-06-01T11:00:00Z')), dayOf('2025-06-01'));
});

test('weeks start on Monday (UTC)', () => {
  assert.equal(weekNumber(at('2025-06-02T00:00:00Z')), weekNumber(at('2025-06-08T23:59:59Z'))); // Mon..Sun
  assert.equal(weekNumber(at('2025-06-09T00:00:00Z')), weekNumber(at('2025-06-08T23:59:59Z')) + 1);
});

test('streaks grow on consecutive days, restart after a gap, and keep the longest', () => {
  let streak = { lastActiveDay: -1, current: 0, longest: 0 };
  streak = advanceStreak(streak, 100);
  streak = advanceStreak(streak, 101);
  assert.equal(advanceStreak(streak, 101), streak, 'a second activity the same day changes nothing');
  streak = advanceStreak(streak, 102);
  assert.deepEqual(streak, { lastActiveDay: 102, current: 3, longest: 3 });
  streak = advanceStreak(streak, 105);
  assert.deepEqual(streak, { lastActiveDay: 105, current: 1, longest: 3 });
  assert.equal(advanceStreak(streak, 104), streak, 'an earlier day (after moving west) changes nothing');
});

test('chat allows 5 messages per 10 s and 60 per hour, and says how long to wait', () => {
  const s = 1_000_000n;
  let recent: bigint[] = [];
  for (let i = 0; i < 5; i++) {
    const outcome = admitMessage(recent, 1000n * s + BigInt(i) * s);
    assert.ok(outcome.ok);
    recent = outcome.value;
  }
  assert.equal(problemOf(admitMessage(recent, 1005n * s)), 'Wait 5 s before sending another message');
  assert.ok(admitMessage(recent, 1010n * s).ok);
  recent = [];
  for (let i = 0; i < 60; i++) {
    const outcome = admitMessage(recent, BigInt(i) * 20n * s);
    assert.ok(outcome.ok);
    recent = outcome.value;
  }
  assert.ok(recent.length <= 60, 'the kept history stays bounded');
  assert.equal(problemOf(admitMessage(recent, 1200n * s)), 'Wait 40 min before sending another message');
});

test('message text, channels and roles', () => {
  assert.deepEqual(checkMessageText('  hi there \n'), { ok: true, value: 'hi there' });
  assert.match(problemOf(checkMessageText(' \n ')), /Type a message/);
  assert.ok(checkMessageText('é'.repeat(2000)).ok);
  assert.match(problemOf(checkMessageText('x'.repeat(2001))), /2000 characters \(it has 2001\)/);
  assert.deepEqual(parseChannel('lab:nav-first-steps'), {
    ok: true,
    value: { channel: 'lab:nav-first-steps', labId: 'nav-first-steps' },
  });
  assert.match(problemOf(parseChannel('random')), /global/);
  assert.equal(mayAssignRole('owner', 'learner', 'admin'), true);
  assert.equal(mayAssignRole('admin', 'learner', 'admin'), false);
  assert.equal(mayAssignRole('admin', 'learner', 'moderator'), true);
  assert.equal(mayAssignRole('admin', 'admin', 'learner'), false);
  assert.equal(mayAssignRole('moderator', 'learner', 'author'), false);
  assert.equal(mayAssignRole('owner', 'learner', 'owner'), false);
});

test("lab states are size-limited, read against the lab's starting files and checked field by field", () => {
  const start: Record<string, VfsEntry> = { '/home/learner': { type: 'dir', mode: 0o755 } };
  const snapshot: ShellSnapshot = {
    version: 1,
    cwd: '/home/learner',
    home: '/home/learner',
    env: { HOME: '/home/learner' },
    files: {
      '/home/learner': { type: 'dir', mode: 0o755 },
      '/home/learner/a.txt': { type: 'file', mode: 0o644, content: 'hi' },
    },
    history: ['ls'],
    lastOutput: '',
    lastExitCode: 0,
  };
  const read = (text: string) => parseSnapshot(text, start);
  assert.deepEqual(read(JSON.stringify(snapshot)), { ok: true, value: snapshot });
  const packed = JSON.stringify(packLabState(snapshot, start));
  assert.deepEqual(read(packed), { ok: true, value: snapshot });
  const huge = {
    ...snapshot,
    files: { '/big': { type: 'file', mode: 0o644, content: 'x'.repeat(SNAPSHOT_MAX_BYTES) } },
  };
  assert.match(problemOf(read(JSON.stringify(huge))), /the limit is 256 KiB/);
  assert.match(problemOf(read('{not json')), /not valid JSON/);
  assert.match(problemOf(read(JSON.stringify({ ...snapshot, history: [1] }))), /malformed \(history\)/);
  assert.match(
    problemOf(read(JSON.stringify({ ...snapshot, files: { '/x': { type: 'file', mode: 0o644 } } }))),
    /a file needs content/,
  );
  assert.match(problemOf(parseSnapshot(packed, {})), /changed since your terminal loaded it/);
});

test('write allowances: a burst at once, then refilled at the hourly rate, with the wait in the refusal', () => {
  const allowance = { burst: 3, perHour: 60, doing: 'editing messages' };
  const s = 1_000_000n;
  let bucket = undefined;
  for (let i = 0; i < 3; i++) {
    const outcome = spendAllowance(allowance, bucket, 1000n * s);
    assert.ok(outcome.ok);
    bucket = outcome.value;
  }
  assert.equal(
    problemOf(spendAllowance(allowance, bucket, 1000n * s)),
    'You are editing messages too fast; try again in 60 s',
  );
  assert.equal(
    problemOf(spendAllowance(allowance, bucket, 1048n * s)),
    'You are editing messages too fast; try again in 12 s',
  );
  assert.ok(spendAllowance(allowance, bucket, 1060n * s).ok, 'one call back a minute later');
  const idle = spendAllowance(allowance, bucket, 100_000n * s);
  assert.ok(idle.ok && idle.value.tokens === 2, 'a long pause refills only up to the burst');
  assert.match(
    problemOf(spendAllowance({ ...allowance, burst: 1000 }, { tokens: 10, at: 0n }, 0n, 500)),
    /try again in 490 min/,
  );
});
