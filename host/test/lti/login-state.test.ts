/**
 * Login states under a flood: anyone may send login initiations, so they must not fill anything a learner's launch
 * needs. (The launch route's replay refusal is tested end to end in lti-launch.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LaunchRefusedError } from '../../src/lti/launch-refused-error.js';
import { LoginStates } from '../../src/lti/login-state.js';

const login = { issuer: 'https://lms.example', clientId: 'tool' };

test('a flood of login initiations does not lock a learner out, and a launch is still used once only', async () => {
  const states = new LoginStates();
  // More than the 20,000 logins in flight the host used to hold before refusing every new one for 10 minutes.
  for (let i = 0; i < 25_000; i++) await states.begin(login);
  const { state, nonce } = await states.begin(login);
  const read = await states.read(state);
  assert.equal(read.nonce, nonce);
  assert.equal(read.issuer, login.issuer);
  states.useNonce(read.nonce);
  assert.throws(
    () => states.useNonce(read.nonce),
    (err: unknown) => err instanceof LaunchRefusedError && err.status === 401 && /already used/.test(err.message),
  );
});

test('a state this tool did not sign is refused', async () => {
  const other = await new LoginStates().begin(login);
  await assert.rejects(new LoginStates().read(other.state), /not one this tool issued/);
});
