import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/terminal.js';
import { screenText, startTerminal, typeLine, waitForScreen } from './helpers.js';

const PROMPT_BACK = /learner@academy:~\$ ?$/;

describe('lta-terminal: less, man and top on the full screen', () => {
  beforeEach(() => localStorage.clear());

  it('less pages a file, finds /pattern, shows (END) on G and leaves the screen as it was on q', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('seq 1 500 > numbers.txt');
    await typeLine('less numbers.txt');
    await waitForScreen(el, /^1\n2\n3\n/);
    await waitForScreen(el, /\nnumbers\.txt$/);
    const rows = el.size!.rows;
    await sendKeys({ press: 'Space' });
    await waitForScreen(el, new RegExp(`^${rows}\\n${rows + 1}\\n`));
    await waitForScreen(el, /\n:$/);
    await sendKeys({ type: '/250' });
    await waitForScreen(el, /\n\/250$/);
    await sendKeys({ press: 'Enter' });
    await waitForScreen(el, /^250\n251\n/);
    await sendKeys({ type: 'G' });
    await waitForScreen(el, /\n500\n\(END\)$/);
    await sendKeys({ type: 'q' });
    await waitForScreen(el, /\$ less numbers\.txt\nlearner@academy:~\$$/);
    expect(screenText(el)).not.to.include('\n499\n');
  });

  it('pages what a pipe gives less, and man with its prompt', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('seq 1 300 | grep 7 | less');
    await waitForScreen(el, /^7\n17\n27\n/);
    await sendKeys({ type: 'q' });
    await waitForScreen(el, PROMPT_BACK);
    await typeLine('man wc');
    await waitForScreen(el, /\n Manual page wc\(1\) line 1 \(press h for help or q to quit\)$/);
    await sendKeys({ type: 'q' });
    await waitForScreen(el, /\$ man wc\nlearner@academy:~\$ ?$/);
  });

  it('top shows the processes, refreshes by itself, and q quits', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('sleep 300 &');
    await typeLine('top');
    await waitForScreen(el, /^ {2}PID USER {6}PR {2}NI/m);
    await waitForScreen(el, / sleep$/m);
    const first = screenText(el).split('\n')[0];
    expect(first).to.match(/^top - \d\d:\d\d:\d\d up /);
    // A new frame comes every 3 s with the time it was taken.
    await waitUntil(() => screenText(el).split('\n')[0] !== first, 'top never refreshed', { timeout: 8000 });
    await sendKeys({ type: 'q' });
    await waitForScreen(el, /\$ top\nlearner@academy:~\$ ?$/);
  });

  it('is no keyboard trap: Escape then Tab leaves the terminal while less is open, and q still quits', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal><button>after</button>`);
    await typeLine('man ls');
    await waitForScreen(el, /Manual page ls\(1\)/);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.textContent).to.equal('after');
    el.focus();
    await sendKeys({ type: 'q' });
    await waitForScreen(el, PROMPT_BACK);
  });
});
