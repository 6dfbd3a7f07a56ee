import { expect, html } from '@open-wc/testing';
import '../../../src/terminal.js';
import { screenText, startTerminal, typeLine, waitForScreen } from './helpers.js';

describe('lta-terminal: background jobs', () => {
  beforeEach(() => localStorage.clear());

  it('starts `sleep 100 &` and lists it in `jobs` with its text, as bash does', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('sleep 100 &');
    await waitForScreen(el, /^\[1\] \d+$/m);
    await typeLine('jobs');
    await waitForScreen(el, /^\[1\]\+ {2}Running +sleep 100 &$/m);
    expect(screenText(el)).not.to.include('is not a function');
  });
});
