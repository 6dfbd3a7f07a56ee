import { expect, html, oneEvent } from '@open-wc/testing';
import '../../../src/terminal.js';
import { findLab } from '@lta/curriculum';
import { screenText, startTerminal, typeLine, waitForScreen } from '../terminal/helpers.js';

describe('packages and services labs typed in lta-terminal, answering sudo and apt at their prompts', () => {
  beforeEach(() => localStorage.clear());

  it('pkg-install-tool: sudo asks the password, apt shows what it will install and asks [Y/n], the lab completes', async () => {
    const lab = findLab('pkg-install-tool')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab="pkg-install-tool"></lta-terminal>`);
    const done = oneEvent(el, 'lta-lab-complete');
    const [update, password, install, answer, where] = lab.solution;
    await typeLine(update!);
    await waitForScreen(el, '[sudo] password for learner:');
    await typeLine(password!);
    await waitForScreen(el, 'All packages are up to date.');
    await typeLine(install!);
    await waitForScreen(el, 'Do you want to continue? [Y/n]');
    // apt's plan is on the screen before its question, as at a real terminal.
    expect(screenText(el)).to.match(
      /The following NEW packages will be installed:\s+jq libjq1 libonig5[^]*Do you want to continue\? \[Y\/n\]/,
    );
    await typeLine(answer!);
    await waitForScreen(el, 'Setting up jq');
    await typeLine(where!);
    expect((await done).detail).to.deep.equal({ labId: lab.id, practice: true, verified: false, hintsUsed: 0 });
    expect(screenText(el)).not.to.match(/password for learner: learner/);
  });

  it('svc-boot-failure: the failed daemon, its fix through the unit and daemon-reload, enabled, with a cron job: the lab completes', async () => {
    const lab = findLab('svc-boot-failure')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab="svc-boot-failure"></lta-terminal>`);
    const done = oneEvent(el, 'lta-lab-complete');
    await typeLine('systemctl status report-daemon');
    await waitForScreen(el, 'Active: failed (Result: exit-code)');
    const [errors, fixUnit, password, ...rest] = lab.solution;
    await typeLine(errors!);
    await typeLine(fixUnit!);
    await waitForScreen(el, '[sudo] password for learner:');
    await typeLine(password!);
    for (const command of rest) await typeLine(command);
    expect((await done).detail).to.deep.equal({ labId: lab.id, practice: true, verified: false, hintsUsed: 0 });
    await typeLine('systemctl is-active report-daemon; systemctl is-enabled report-daemon');
    await waitForScreen(el, /^active\nenabled$/m);
  });
});
