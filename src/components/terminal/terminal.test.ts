import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../terminal.js';
import { ctrl, screenText, startTerminal, typeLine, waitForScreen } from './terminal-test-helpers.js';

describe('lta-terminal: typing into the shell', () => {
  beforeEach(() => localStorage.clear());

  it('shows the prompt and runs what the learner types', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('echo hello; whoami');
    await waitForScreen(el, /hello\nlearner\nlearner@academy:~\$/);
  });
});
