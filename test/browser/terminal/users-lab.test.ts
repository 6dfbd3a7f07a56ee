import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/terminal.js';
import type { LtaTerminal } from '../../../src/components/terminal/terminal.js';
import { findLab } from '@lta/curriculum';
import { screenText, typeLine, waitForScreen } from './helpers.js';

describe('lta-terminal: a lab of the users module, with sudo asking for the password', () => {
  beforeEach(() => localStorage.clear());

  it('users-hand-over: the learner types the solution, answers sudo at its prompt, and the lab completes', async () => {
    const lab = findLab('users-hand-over')!;
    const el = await fixture<LtaTerminal>(html`<lta-terminal persist="none" lab="users-hand-over"></lta-terminal>`);
    await el.ready;
    await waitForScreen(el, 'learner@academy:~$');
    el.focus();
    const done = oneEvent(el, 'lta-lab-complete');
    const [first, password, ...rest] = lab.solution;
    await typeLine(first!);
    await waitForScreen(el, '[sudo] password for learner:');
    await typeLine(password!);
    for (const command of rest) await typeLine(command);
    expect((await done).detail).to.deep.equal({ labId: lab.id, practice: true, verified: false, hintsUsed: 0 });
    // The password never shows; the owners do, in ls -l.
    expect(screenText(el)).not.to.match(/password for learner: learner/);
    await waitForScreen(el, /ana\s+finance .* q3\.csv/);
    expect(el.labResult?.passed).to.equal(true);
  });
});
