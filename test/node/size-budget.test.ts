// Page weight is something every learner on a slow connection notices: hold the budgets here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measure, pageWith, SOCIAL_ELEMENTS, SOCIAL_PAGE_BUDGET } from '../../bench/size.mjs';

// Measured once for the tests below (terser makes a measurement take seconds).
const socialPage = measure(pageWith(SOCIAL_ELEMENTS), 'social-page');

test('a page with only the social widgets loads within its gzip JS budget (SOCIAL_PAGE_BUDGET)', async () => {
  const { initial } = await socialPage;
  assert.ok(initial > 0, 'the social widgets bundle is empty: are the entry points missing?');
  assert.ok(initial < SOCIAL_PAGE_BUDGET, `social page is ${initial} bytes gzip, budget ${SOCIAL_PAGE_BUDGET}`);
});

test('direct messages, message actions and the profile edit form load on first use, not with the social page', async () => {
  const { sourcesAtOnce, sourcesLater } = await socialPage;
  for (const part of [
    'src/components/chat/direct-messages.ts',
    'src/components/chat/message-actions.ts',
    'src/components/profile/profile-form.ts',
  ]) {
    assert.ok(sourcesLater.includes(part), `${part} is not in a lazy chunk`);
    assert.ok(!sourcesAtOnce.includes(part), `${part} loads with the page`);
  }
});

test('the terminal stack (xterm, just-bash) loads lazily, not with the page', async () => {
  const everything = await measure(`import './src/index.js';`, 'index');
  const terminalOnly = await measure(`import './src/terminal.js';`, 'terminal');
  assert.ok(
    terminalOnly.lazy > 100 * 1024,
    `expected xterm and the shell in lazy chunks, got ${terminalOnly.lazy} bytes`,
  );
  assert.ok(
    everything.initial < SOCIAL_PAGE_BUDGET + 20 * 1024,
    `the full bundle loads ${everything.initial} bytes at once: the terminal stack must stay in lazy chunks`,
  );
});
