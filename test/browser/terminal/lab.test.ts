import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import '../../../src/terminal.js';
import type { LtaTerminal } from '../../../src/components/terminal/terminal.js';
import { findLab } from '@lta/curriculum';
import { screenText, startTerminal, typeLine, waitForScreen } from './helpers.js';

const LAB_URL = new URL('./fixtures/practice-lab.json', import.meta.url).pathname;

/** The lab panel's shadow root. */
const panelOf = (el: LtaTerminal) => el.shadowRoot!.querySelector('lta-lab-panel')!.shadowRoot!;
const panelText = (el: LtaTerminal) => (panelOf(el).textContent ?? '').replace(/\s+/g, ' ');
const button = (el: LtaTerminal, label: string) =>
  [...panelOf(el).querySelectorAll('button')].find((b) => b.textContent?.trim().startsWith(label)) as HTMLButtonElement;
const waitForPanel = (el: LtaTerminal, text: string) =>
  waitUntil(() => panelText(el).includes(text), `panel never said "${text}": ${panelText(el)}`, { timeout: 10_000 });

async function practiceLab(): Promise<LtaTerminal> {
  const json = await (await fetch(LAB_URL)).text();
  return startTerminal(
    html`<lta-terminal persist="none">${unsafeHTML(`<script type="application/json">${json}</script>`)}</lta-terminal>`,
  );
}

describe('lta-terminal: a lab in practice mode', () => {
  beforeEach(() => localStorage.clear());

  it('shows the inline lab, checks each command and announces steps and the end', async () => {
    const el = await practiceLab();
    await waitForPanel(el, 'Back up the notes');
    expect(panelText(el)).to.include('Practice mode');
    expect(panelText(el)).to.include('0 of 2 steps done');
    const step = oneEvent(el, 'lta-step-complete');
    await typeLine('mkdir backup');
    expect((await step).detail).to.deep.equal({ labId: 'practice-backup', step: 0, title: 'Make a backup directory' });
    await waitForPanel(el, '1 of 2 steps done');
    expect(panelOf(el).querySelector('[role="status"]')!.textContent).to.include(
      'Step 1 done: Make a backup directory',
    );
    const done = oneEvent(el, 'lta-lab-complete');
    await typeLine('cp notes.txt backup/');
    expect((await done).detail).to.deep.equal({
      labId: 'practice-backup',
      practice: true,
      verified: false,
      hintsUsed: 0,
    });
    await waitForPanel(el, 'Lab complete');
    expect(panelOf(el).querySelector('[role="status"]')!.textContent).to.include('Lab complete: Back up the notes');
  });

  it('shows and announces the recap when the lab is complete, its commands reachable by keyboard', async () => {
    const lab = JSON.parse(await (await fetch(LAB_URL)).text());
    lab.recap = '`mkdir` makes a directory and `cp FILE DIR/` copies a file into it.';
    const el = await startTerminal(html`<lta-terminal persist="none" .labDefinition=${lab}></lta-terminal>`);
    await waitForPanel(el, 'Back up the notes');
    expect(panelText(el)).not.to.include('What you can now do');
    await typeLine('mkdir backup && cp notes.txt backup/');
    await waitForPanel(el, 'What you can now do');
    const takeaway = panelOf(el).querySelector('[part="takeaway"]')!;
    expect(takeaway.textContent!.replace(/\s+/g, ' ')).to.include(
      'mkdir makes a directory and cp FILE DIR/ copies a file into it.',
    );
    const status = panelOf(el).querySelector('[role="status"]')!.textContent!;
    expect(status).to.include(
      'Lab complete: Back up the notes. What you can now do: mkdir makes a directory and cp FILE DIR/ copies a file into it.',
    );
    // Each command of the recap is a button: Tab reaches it and Enter copies it.
    const snippets = [...takeaway.querySelectorAll('button')];
    expect(snippets.map((b) => b.textContent!.trim())).to.deep.equal(['mkdir', 'cp FILE DIR/']);
    snippets[0]!.focus();
    expect(panelOf(el).activeElement).to.equal(snippets[0]);
  });

  it('says why each condition fails when the learner presses Check', async () => {
    const el = await practiceLab();
    await waitForPanel(el, 'Back up the notes');
    expect(panelText(el)).not.to.include('does not exist');
    button(el, 'Check').click();
    await waitForPanel(el, '~/backup is a directory (~/backup does not exist)');
    expect(panelOf(el).querySelector('[role="status"]')!.textContent).to.include('Step 1: 1 condition not met yet');
  });

  it('opens hints one at a time and counts them', async () => {
    const el = await practiceLab();
    await waitForPanel(el, 'Show a hint (1 of 2)');
    button(el, 'Show a hint').click();
    await waitForPanel(el, 'Hint 1: Directories are made with mkdir.');
    expect(panelText(el)).not.to.include('Hint 2');
    button(el, 'Show another hint').click();
    await waitForPanel(el, 'Hint 2: Type mkdir backup.');
    expect(button(el, 'Show another hint')).to.equal(undefined);
    const done = oneEvent(el, 'lta-lab-complete');
    await typeLine('mkdir backup && cp notes.txt backup');
    expect((await done).detail.hintsUsed).to.equal(2);
  });

  it('runs a code block from the instructions when its Run button is clicked', async () => {
    const lab = JSON.parse(await (await fetch(LAB_URL)).text());
    lab.steps[0].instructions = 'Run this:\n\n```\n$ mkdir backup\n```';
    const el = await startTerminal(html`<lta-terminal persist="none" .labDefinition=${lab}></lta-terminal>`);
    await waitForPanel(el, 'Run this');
    button(el, 'Run').click();
    await waitForScreen(el, '$ mkdir backup');
    await waitForPanel(el, '1 of 2 steps done');
  });

  it('shows a multi-line hint as one command block, run whole', async () => {
    const lab = JSON.parse(await (await fetch(LAB_URL)).text());
    lab.steps[0].hints = ['for d in backup; do\n  mkdir "$d"\ndone'];
    const el = await startTerminal(html`<lta-terminal persist="none" .labDefinition=${lab}></lta-terminal>`);
    await waitForPanel(el, 'Show a hint');
    button(el, 'Show a hint').click();
    await waitUntil(() => panelOf(el).querySelector('.hint pre'), 'the hint is not a code block');
    expect(panelOf(el).querySelector('.hint pre')!.textContent).to.equal('for d in backup; do\n  mkdir "$d"\ndone');
    button(el, 'Run').click();
    await waitForPanel(el, '1 of 2 steps done');
  });

  it('shows a diff under a content check that fails, after Check', async () => {
    const lab = JSON.parse(await (await fetch(LAB_URL)).text());
    lab.steps[0].checks = [
      { kind: 'file-equals', path: '~/list.txt', content: 'a\nb\n', message: 'list.txt holds a and b' },
    ];
    const el = await startTerminal(html`<lta-terminal persist="none" .labDefinition=${lab}></lta-terminal>`);
    await waitForPanel(el, 'list.txt holds a and b');
    await typeLine("printf 'a\\nc\\n' > ~/list.txt");
    button(el, 'Check').click();
    await waitForPanel(el, 'some of its lines differ');
    const diff = panelOf(el).querySelector('.diff')!;
    expect([...diff.querySelectorAll('.wanted')].map((line) => line.textContent)).to.deep.equal(['-b']);
    expect([...diff.querySelectorAll('.yours')].map((line) => line.textContent)).to.deep.equal(['+c']);
  });

  it('copies inline code to the clipboard when clicked', async () => {
    const copied: string[] = [];
    const clipboard = navigator.clipboard;
    const original = clipboard.writeText;
    clipboard.writeText = async (text: string) => void copied.push(text);
    try {
      const el = await practiceLab();
      await waitForPanel(el, 'Create ~/backup');
      const snippet = [...panelOf(el).querySelectorAll('button.snippet')].find(
        (b) => b.textContent === '~/backup',
      ) as HTMLButtonElement;
      snippet.click();
      expect(copied).to.deep.equal(['~/backup']);
    } finally {
      clipboard.writeText = original;
    }
  });

  it('loads a lab from lab-src', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none" lab-src=${LAB_URL}></lta-terminal>`);
    await waitForPanel(el, 'Back up the notes');
    await typeLine('cat notes.txt');
    await waitForScreen(el, 'water the plants');
  });

  it('lists every problem of an invalid lab and keeps the terminal usable', async () => {
    const bad = {
      formatVersion: 1,
      id: 'Bad Id',
      title: '',
      xp: -5,
      difficulty: 'easy',
      story: 's',
      files: {},
      steps: [],
      solution: [],
    };
    const errors = oneEvent(document, 'lta-lab-error');
    const el = await startTerminal(html`<lta-terminal persist="none" .labDefinition=${bad}></lta-terminal>`);
    const { detail } = await errors;
    expect(detail.problems.length).to.be.greaterThan(3);
    const alert = panelOf(el).querySelector('[role="alert"]')!;
    expect(alert.textContent).to.include(`${detail.problems.length} problems were found`);
    for (const problem of detail.problems) expect(alert.textContent).to.include(problem);
    await typeLine('echo still works');
    await waitForScreen(el, '\nstill works');
  });

  it('shows a lab-src that cannot be fetched as a problem', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none" lab-src="/no/such/lab.json"></lta-terminal>`);
    await waitForPanel(el, 'lab-src: /no/such/lab.json answered 404');
  });

  it('renders lab text inert: no markup, no script links', async () => {
    const lab = JSON.parse(await (await fetch(LAB_URL)).text());
    lab.story = 'Hi <img src=x onerror="window.pwned=1"> [click](javascript:alert(1)) and [docs](https://example.org)';
    const el = await startTerminal(html`<lta-terminal persist="none" .labDefinition=${lab}></lta-terminal>`);
    await waitForPanel(el, 'Hi <img src=x');
    const panel = panelOf(el);
    expect(panel.querySelector('img')).to.equal(null);
    expect([...panel.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.org']);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });
});

describe('lta-terminal: progress kept in this browser', () => {
  beforeEach(() => localStorage.clear());

  it('brings back the files, history and hints after a reload, and forgets them on reset', async () => {
    const first = await startTerminal(html`<lta-terminal lab-src=${LAB_URL}></lta-terminal>`);
    await typeLine('mkdir backup');
    await waitForPanel(first, '1 of 2 steps done');
    button(first, 'Show a hint').click();
    await waitForPanel(first, 'Hint 1: cp copies files.');
    first.remove();

    const second = await startTerminal(html`<lta-terminal lab-src=${LAB_URL}></lta-terminal>`);
    await waitForPanel(second, '1 of 2 steps done');
    expect(panelText(second)).to.include('Hint 1: cp copies files.');
    await typeLine('ls -d backup');
    await waitForScreen(second, /\nbackup\n/);

    button(second, 'Reset lab').click();
    await waitForPanel(second, '0 of 2 steps done');
    await waitUntil(() => !screenText(second).includes('backup'), screenText(second));
    await typeLine('ls');
    await waitForScreen(second, /\nnotes\.txt\n/);
    expect(panelText(second)).not.to.include('Hint 1:');
  });

  it('does not save anything with persist="none"', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none" lab-src=${LAB_URL}></lta-terminal>`);
    await typeLine('mkdir backup');
    await waitForPanel(el, '1 of 2 steps done');
    expect(Object.keys(localStorage).filter((key) => key.startsWith('lta-terminal'))).to.deep.equal([]);
  });
});

describe('lta-terminal: a catalog lab without a server', () => {
  beforeEach(() => localStorage.clear());

  it('completes nav-first-steps by typing its reference solution', async () => {
    const lab = findLab('nav-first-steps')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab="nav-first-steps"></lta-terminal>`);
    await waitForPanel(el, lab.title);
    expect(panelText(el)).to.include('Practice mode');
    const done = oneEvent(el, 'lta-lab-complete');
    for (const command of lab.solution) await typeLine(command);
    expect((await done).detail).to.deep.equal({ labId: lab.id, practice: true, verified: false, hintsUsed: 0 });
    expect(el.labResult?.passed).to.equal(true);
    await waitForPanel(el, 'You practised:');
    expect([...panelOf(el).querySelectorAll('.recap li')].map((item) => item.textContent)).to.deep.equal(
      lab.steps.map((step) => step.title),
    );
    button(el, 'Next lab: The on-call runbook').click();
    await waitForPanel(el, '0 of 3 steps done');
    expect(el.lab).to.equal('nav-paths');
  });

  it("tries the learner's script on the lab's inputs, says which one it got wrong, and leaves their files alone", async () => {
    const lab = findLab('script-conditions')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab="script-conditions"></lta-terminal>`);
    await waitForPanel(el, lab.title);
    await typeLine(`printf '#!/bin/bash\\necho "OK: $1"\\n' > ~/check-backup.sh; chmod +x ~/check-backup.sh`);
    button(el, 'Check').click();
    await waitForPanel(
      el,
      'printed "OK: backups/shop-2024-03-15.sql" and exited with status 0 for an empty dump; it should print "MISSING: backups/shop-2024-03-15.sql" and fail with exit status 1',
    );
    const step = oneEvent(el, 'lta-step-complete');
    await typeLine(
      `printf '#!/bin/bash\\nif [ -s "$1" ]; then echo "OK: $1"; else echo "MISSING: $1"; exit 1; fi\\n' > ~/check-backup.sh`,
    );
    expect((await step).detail.step).to.equal(0);
    await typeLine('ls ~/backups');
    await waitForScreen(el, /shop-2024-03-14\.sql\s+shop-2024-03-15\.sql\n/);
    expect(screenText(el)).not.to.include('night 2.sql');
  });

  it('switches to another lab when the lab attribute changes', async () => {
    const next = findLab('nav-paths')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab="nav-first-steps"></lta-terminal>`);
    await typeLine('touch left-behind');
    el.lab = next.id;
    await el.ready;
    await waitForPanel(el, next.title);
    await typeLine('ls /var/log/northwind; ls left-behind');
    await waitForScreen(el, 'api.log');
    await waitForScreen(el, "ls: cannot access 'left-behind'");
  });

  it('is accessible in the dark theme with a catalog lab loaded', async () => {
    const el = await startTerminal(
      html`<lta-terminal persist="none" theme="dark" lab="nav-first-steps"></lta-terminal>`,
    );
    await waitForPanel(el, 'First day at Northwind');
    await expect(el).to.be.accessible();
  });

  it('says so when the catalog has no such lab', async () => {
    const el = await fixture<LtaTerminal>(html`<lta-terminal persist="none" lab="no-such-lab"></lta-terminal>`);
    await el.ready;
    await waitForPanel(el, 'there is no lab "no-such-lab" in the catalog');
  });
});
