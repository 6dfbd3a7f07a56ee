import { expect, oneEvent, html } from '@open-wc/testing';
import '../../../src/terminal.js';
import { findLab } from '@lta/curriculum';
import { startTerminal, typeLine, waitForScreen } from '../terminal/helpers.js';

/**
 * Types a built-in lab's reference solution into `<lta-terminal>` and waits for it to complete. `screenShows` is
 * what the screen must show right after the line `after` (by default the last line), before later output scrolls
 * it away.
 */
async function completes(labId: string, screenShows?: string, after?: string): Promise<void> {
  const lab = findLab(labId)!;
  const el = await startTerminal(html`<lta-terminal persist="none" lab=${labId}></lta-terminal>`);
  const done = oneEvent(el, 'lta-lab-complete');
  const checkAfter = after ?? lab.solution.at(-1);
  let checked = false;
  for (const command of lab.solution) {
    await typeLine(command);
    if (screenShows && !checked && command === checkAfter) {
      await waitForScreen(el, screenShows, `after \`${command}\` the screen shows ${screenShows}`);
      checked = true;
    }
  }
  expect((await done).detail).to.deep.equal({ labId, practice: true, verified: false, hintsUsed: 0 });
  if (screenShows) expect(checked, `the solution has no line ${checkAfter}`).to.equal(true);
}

describe('curriculum on the simulated machine, typed in lta-terminal', () => {
  it('packages: dpkg answers from the package database and the lab completes', async () => {
    await completes('pkg-what-is-installed', 'ii  jq');
  });

  it('services: the failed nginx, its journal and nginx -t, and the lab completes', async () => {
    await completes('svc-why-down');
  });

  it('processes: the capstone finds the hog with ps, renices it, kills by name and by PID, and completes', async () => {
    await completes('proc-capstone-tame', '4033 (process ID) old priority 0, new priority 15');
  });

  // isomorphic-git and its CommonJS dependencies load in the page the first time `git` runs.
  it('git: a merge conflict shown, resolved by hand and committed, and the lab completes', async function () {
    this.timeout(60_000);
    await completes('git-conflict', 'both modified:   menu.txt', 'git status');
  });
});
