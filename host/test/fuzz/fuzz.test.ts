/** A short seeded fuzzing run against a real host; `host/bin/fuzz.ts` runs long ones. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzHost } from './fuzz-host.js';

test('300 generated frames, queries and HTTP requests: all answered, no 5xx, the control client served throughout', async () => {
  const report = await fuzzHost({ seed: 11, inputs: 300 });
  assert.equal(report.failure, null, `seed 11 failed: ${JSON.stringify(report.failure)}`);
  assert.ok(report.sent.frame > 100 && report.sent.sql > 20 && report.sent.http > 50, JSON.stringify(report.sent));
});
