import { expect, html, oneEvent } from '@open-wc/testing';
import '../../../src/terminal.js';
import { findLab } from '@lta/curriculum';
import { screenText, startTerminal, typeLine, waitForScreen } from './helpers.js';

describe('lta-terminal: the networking module', () => {
  beforeEach(() => localStorage.clear());

  it('answers ssh questions at the prompt without showing the password, works on the host, and comes back', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none" lab="net-ssh-keys"></lta-terminal>`);
    await typeLine('ssh web01');
    // The screen is narrow: the question wraps after `(yes/no/`.
    await waitForScreen(el, 'Are you sure you want to continue connecting');
    await typeLine('yes');
    await waitForScreen(el, "learner@web01's password:");
    await typeLine('tulip');
    await waitForScreen(el, 'learner@web01:~$');
    expect(screenText(el)).not.to.include('tulip');
    await typeLine('hostname');
    await waitForScreen(el, /^web01$/m);
    await typeLine('exit');
    await waitForScreen(el, /Connection to web01 closed\.\nlearner@academy:~\$/);
  });

  it('completes the capstone typed through the terminal', async () => {
    const lab = findLab('net-site-down')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab="net-site-down"></lta-terminal>`);
    const done = oneEvent(el, 'lta-lab-complete');
    for (const command of lab.solution) await typeLine(command);
    expect((await done).detail).to.deep.equal({ labId: lab.id, practice: true, verified: false, hintsUsed: 0 });
    expect(el.labResult?.passed).to.equal(true);
    await waitForScreen(el, 'Open again: release 2.4');
    expect(screenText(el)).not.to.match(/password: (cedar|tulip)/);
  });
});
