import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkCohortTitle,
  INVITE_CODE_LENGTH,
  inviteCode,
  normalizeInviteCode,
  readLaunchClaims,
} from '../src/rules/cohort.js';

test('launch claims: the class title loses control and bidi characters and is cut to 80; the LMS name too', () => {
  const outcome = readLaunchClaims({
    lta_cohort: 'lti:abc_DEF-123',
    lta_cohort_title: `  Linux\u202e 101\n${'x'.repeat(200)}`,
    lta_cohort_role: 'instructor',
    name: 'Ada\u0000 Lovelace',
  });
  assert.ok(outcome.ok);
  assert.equal(outcome.value.role, 'instructor');
  assert.equal([...outcome.value.title].length, 80);
  assert.ok(outcome.value.title.startsWith('Linux  101 x'));
  assert.equal(outcome.value.lmsName, 'Ada  Lovelace');
});

test('launch claims: a missing title reads "Class"; any role but instructor is learner; odd ids are refused', () => {
  const plain = readLaunchClaims({ lta_cohort: 'lti:a', lta_cohort_role: 'INSTRUCTOR' });
  assert.deepEqual(plain.ok && plain.value, { cohortId: 'lti:a', title: 'Class', role: 'learner', lmsName: '' });
  for (const id of ['code:a', 'lti:', "lti:a'b", 42, `lti:${'a'.repeat(65)}`]) {
    assert.equal(readLaunchClaims({ lta_cohort: id }).ok, false, String(id));
  }
});

test('class titles and invite codes', () => {
  assert.equal(checkCohortTitle(' Evening class ').ok && 'ok', 'ok');
  assert.deepEqual(checkCohortTitle('a\u0007b'), {
    ok: false,
    problem: 'Remove control characters from the class title',
  });
  assert.deepEqual(checkCohortTitle('x'.repeat(81)), {
    ok: false,
    problem: 'Shorten the class title to 80 characters',
  });
  let n = 0;
  // Negative and large 32-bit numbers alike land in the alphabet.
  const code = inviteCode(() => [-1, 0, 2 ** 32 - 1, 30][n++ % 4]!);
  assert.match(code, new RegExp(`^[A-HJKMNP-Z2-9]{${INVITE_CODE_LENGTH}}$`));
  assert.equal(normalizeInviteCode(' abcd-efgh jkmn '), 'ABCDEFGHJKMN');
});
