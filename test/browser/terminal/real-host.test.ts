import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/terminal.js';
import { findLab } from '@lta/curriculum';
import type { LtaTerminal } from '../../../src/components/terminal/terminal.js';
import { startTestHost } from '../helpers/host.js';
import { screenText, typeLine, waitForScreen } from './helpers.js';
import { reducers, tables } from '../../../src/connection/academy-schema.js';

const panelText = (el: LtaTerminal) =>
  (el.shadowRoot!.querySelector('lta-lab-panel')?.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
const lab = findLab('nav-first-steps')!;

/** Waits for the panel to say `text`; on timeout, says what it shows then. */
const waitForPanel = (el: LtaTerminal, text: string) =>
  waitUntil(() => panelText(el).includes(text), undefined, { timeout: 20_000 }).catch(() => {
    throw new Error(`the panel never said "${text}"; it says: ${panelText(el)}\nThe screen shows:\n${screenText(el)}`);
  });

async function terminalOn(host: { url: string; database: string }, labId = lab.id): Promise<LtaTerminal> {
  const el = await fixture<LtaTerminal>(
    html`<lta-terminal server=${host.url} database=${host.database} lab=${labId}></lta-terminal>`,
  );
  await el.ready;
  await waitForScreen(el, 'learner@academy:');
  el.focus();
  return el;
}

/** Signs the page's learner up (once per page: later terminals find them registered) and waits for the lab to open. */
async function signUp(el: LtaTerminal): Promise<void> {
  await waitUntil(() => el.academy?.status.state === 'live' && el.academy.status.identity, 'never live', {
    timeout: 20_000,
  });
  const refused = () => panelText(el).includes('Practice mode: Register a username first');
  const open = () => !panelText(el).includes('Practice mode');
  await waitUntil(() => refused() || open(), panelText(el), { timeout: 10_000 });
  if (refused()) {
    await el.academy!.call(reducers.registerUser, {
      username: `ada${Math.floor(Math.random() * 1e6)}`,
      displayName: '',
      timeZone: 'UTC',
    });
  }
  await waitUntil(open, panelText(el), { timeout: 10_000 });
}

/** Resolves once the academy holds a saved state of `labId` for this learner that passes `test`. */
function savedOnAcademy(el: LtaTerminal, labId: string, test: (state: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const giveUp = setTimeout(
      () =>
        reject(
          new Error(`the academy never held the expected state of ${labId}; the screen shows:\n${screenText(el)}`),
        ),
      60_000,
    );
    const stop = el.academy!.watch({ query: tables.myLabSessions.where((row) => row.labId.eq(labId)) }, ({ rows }) => {
      const state = rows[0]?.snapshot;
      if (state !== undefined && test(state)) {
        clearTimeout(giveUp);
        queueMicrotask(stop);
        resolve(state);
      }
    });
  });
}

describe('lta-terminal against the real host and module', function () {
  this.timeout(60_000);

  it('leaves practice mode when the learner signs up, and gets the lab verified with XP shown live', async () => {
    localStorage.clear();
    const el = await terminalOn(await startTestHost());
    await signUp(el);
    await waitForPanel(el, 'Level 1 · 0 XP');
    const done = oneEvent(el, 'lta-lab-complete');
    for (const command of lab.solution) await typeLine(command);
    expect((await done).detail).to.deep.equal({ labId: lab.id, practice: false, verified: true, hintsUsed: 0 });
    await waitForPanel(el, `You earned ${lab.xp} XP`);
    await waitForPanel(el, `Level 1 · ${lab.xp} XP`);
  });

  it('saves as the learner works and resumes on a fresh device', async () => {
    localStorage.clear();
    const host = await startTestHost();
    const paths = findLab('nav-paths')!;
    const first = await terminalOn(host, paths.id);
    await signUp(first);
    await typeLine('cd /var/log/northwind');
    await waitForPanel(first, `1 of ${paths.steps.length} steps done`);
    // The save is debounced: once it reached the module, drop this browser's copy, as on another device.
    await savedOnAcademy(first, paths.id, (state) => state.includes('cd /var/log/northwind'));
    first.remove();
    localStorage.clear();
    const second = await terminalOn(host, paths.id);
    // Typed on the fresh prompt, usually before the academy's copy arrives: the line must survive the resume.
    await sendKeys({ type: 'echo kept-$((6*7))' });
    await waitForPanel(second, 'Resumed the work you saved on another device');
    await waitForPanel(second, `1 of ${paths.steps.length} steps done`);
    await typeLine('');
    await waitForScreen(second, /kept-42\nlearner@academy:\/var\/log\/northwind\$$/);
  });

  it('saves over a megabyte of new files to the academy (packed) and brings them back on a fresh device', async function () {
    // Making a megabyte in the shell takes a few seconds of the machine on its own; more when it is shared.
    this.timeout(120_000);
    localStorage.clear();
    const host = await startTestHost();
    const first = await terminalOn(host);
    await signUp(first);
    await typeLine(
      `seq 1 40000 > list.txt; cp list.txt backup.txt; seq 1 15000 | awk '{ print "GET /page/" $1 % 97 " " ($1 % 5 ? 200 : 404) }' > access.log`,
    );
    const state = await savedOnAcademy(first, lab.id, (text) => text.startsWith('deflate:'));
    expect(state.length).to.be.below(256 * 1024);
    first.remove();
    localStorage.clear();
    const second = await terminalOn(host);
    await waitForPanel(second, 'Resumed the work you saved on another device');
    await typeLine('wc -l list.txt backup.txt access.log');
    await waitForScreen(second, /40000 list\.txt\s+40000 backup\.txt\s+15000 access\.log\s+95000 total/);
  });

  it('keeps files too large for the academy in the browser and names the largest', async () => {
    localStorage.clear();
    // A lab no other test saved: nothing to resume, so the shell here is the one the learner types into.
    const el = await terminalOn(await startTestHost(), 'nav-hidden-files');
    await signUp(el);
    // 729 KB of numbers: deflate gains little on them, so packed they still exceed the academy's 256 KiB.
    await typeLine('seq 1 120000 > ~/numbers.txt; wc -l ~/numbers.txt');
    await waitForScreen(el, '120000 /home/learner/numbers.txt');
    await waitForPanel(el, 'Your files are too large to save to the academy');
    await waitForPanel(el, 'they are kept in this browser. Largest: ~/numbers.txt (729 KB)');
  });
});
