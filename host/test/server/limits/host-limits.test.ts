/** Configuring the limits: defaults, the environment, `--limit name=value`, and clear errors for bad values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_HOST_LIMITS,
  LimitConfigError,
  limitsFromEnv,
  parseLimitAssignments,
  resolveLimits,
} from '../../../src/server/limits/host-limits.js';

test('limits left out keep their defaults', () => {
  const limits = resolveLimits({ maxAnswerBytes: 1024 });
  assert.equal(limits.maxAnswerBytes, 1024);
  assert.equal(limits.maxQueriesPerSubscription, DEFAULT_HOST_LIMITS.maxQueriesPerSubscription);
  assert.throws(() => resolveLimits({ maxOutgoingBytes: 0 }), /maxOutgoingBytes must be a positive number/);
});

test('the environment sets limits by name; a value that is not a number is refused', () => {
  assert.deepEqual(
    limitsFromEnv({ LTA_MAX_ANSWER_BYTES: '2048', LTA_UNLIMITED_ADDRESSES: '10.0.0.1, ::1', LTA_IDENTITY_BURST: '' }),
    {
      maxAnswerBytes: 2048,
      unlimitedAddresses: ['10.0.0.1', '::1'],
    },
  );
  assert.throws(() => limitsFromEnv({ LTA_MAX_QUEUED_MESSAGES: 'lots' }), LimitConfigError);
});

test('--limit name=value sets a limit; unknown names and bad values are refused with what is known', () => {
  assert.deepEqual(
    parseLimitAssignments(['maxQueriesPerSubscription=8', 'unlimitedAddresses=', 'trustedProxies=10.0.0.2,10.0.0.3']),
    {
      maxQueriesPerSubscription: 8,
      unlimitedAddresses: [],
      trustedProxies: ['10.0.0.2', '10.0.0.3'],
    },
  );
  assert.throws(
    () => parseLimitAssignments(['maxAnswers=1']),
    /unknown limit "maxAnswers"; known: .*maxQueriesPerSubscription/,
  );
  assert.throws(() => parseLimitAssignments(['maxAnswerBytes=-1']), /must be a positive number/);
});
