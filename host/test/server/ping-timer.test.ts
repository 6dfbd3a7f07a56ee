/** The host's real ping timer, on node:test's mock clock: a round every interval, none once stopped. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intervalPingTimer } from '../../src/server/ping-timer.js';

test('the ping timer runs a round every interval until it is stopped', (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  let rounds = 0;
  const stop = intervalPingTimer.every(15_000, () => rounds++);
  t.mock.timers.tick(14_999);
  assert.equal(rounds, 0, 'not before a whole interval');
  t.mock.timers.tick(1);
  t.mock.timers.tick(30_000);
  assert.equal(rounds, 3);
  stop();
  t.mock.timers.tick(60_000);
  assert.equal(rounds, 3, 'none after stop');
});
