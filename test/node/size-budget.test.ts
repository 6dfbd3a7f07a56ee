// Page weight is something every learner on a slow connection notices: hold the budgets here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measure, SOCIAL_ELEMENTS, SOCIAL_PAGE_BUDGET } from '../../bench/size.mjs';

test('a page with only the social widgets loads within its gzip JS budget (SOCIAL_PAGE_BUDGET)', async () => {
  const source = SOCIAL_ELEMENTS.map((name) => `import './src/${name}.js';`).join('\n');
  const { initial } = await measure(source, 'social-page');
  assert.ok(initial > 0, 'the social widgets bundle is empty: are the entry points missing?');
  assert.ok(initial < SOCIAL_PAGE_BUDGET, `social page is ${initial} bytes gzip, budget ${SOCIAL_PAGE_BUDGET}`);
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
