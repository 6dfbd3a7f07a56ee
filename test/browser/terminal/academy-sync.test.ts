import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Identity, Timestamp } from 'spacetimedb';
import '../../../src/terminal.js';
import { StaticAcademy, type StaticAcademyInit } from '../../../src/connection/index.js';
import { reducers, type AcademyReducer } from '../../../src/connection/academy-schema.js';
import { startingSnapshot } from '@lta/labs';
import { findLab } from '@lta/curriculum';
import type { LtaTerminal } from '../../../src/components/terminal/terminal.js';
import { startTerminal, typeLine, waitForScreen } from './helpers.js';

const me = Identity.fromString(`c200${'1'.padStart(60, '0')}`);
const learnerRow = (xp: number, level: number) => ({
  identity: me,
  username: 'ada',
  displayName: 'Ada',
  xp: BigInt(xp),
  level,
});
const panelText = (el: LtaTerminal) =>
  (el.shadowRoot!.querySelector('lta-lab-panel')!.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

/** An academy with a signed-up learner and no saved work, recording every reducer call. */
function academy(tables: StaticAcademyInit['tables'] = {}, refuse: StaticAcademyInit['refuse'] = {}) {
  return new StaticAcademy({
    status: { identity: me },
    tables: { learner: [learnerRow(40, 1)], myLabSessions: [], myCompletions: [], ...tables },
    refuse,
  });
}
const callsTo = (source: StaticAcademy, reducer: AcademyReducer) =>
  source.calls.filter((call) => call.reducer === reducer.accessorName);

describe('lta-terminal with an academy (StaticAcademy)', () => {
  beforeEach(() => localStorage.clear());

  it('opens the session, saves after commands, records hints and gets the lab verified', async () => {
    const source = academy();
    const lab = findLab('nav-first-steps')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab=${lab.id} .source=${source}></lta-terminal>`);
    await waitUntil(() => callsTo(source, reducers.startLab).length === 1);
    expect(callsTo(source, reducers.startLab)[0]!.args).to.deep.equal({ labId: lab.id });
    await waitUntil(() => panelText(el).includes('Level 1 · 40 XP'), panelText(el));
    expect(panelText(el)).not.to.include('Practice mode');

    await typeLine('pwd');
    await waitUntil(() => callsTo(source, reducers.saveLabState).length === 1, 'no save');
    const saved = JSON.parse(callsTo(source, reducers.saveLabState)[0]!.args.snapshot as string);
    expect(saved.history).to.deep.equal(['pwd']);

    const hint = [...el.shadowRoot!.querySelector('lta-lab-panel')!.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Show a hint'),
    )!;
    hint.click();
    await waitUntil(() => callsTo(source, reducers.useHint).length === 1, 'no use_hint');

    const done = oneEvent(el, 'lta-lab-complete');
    for (const command of lab.solution.slice(1)) await typeLine(command);
    expect((await done).detail).to.deep.equal({ labId: lab.id, practice: false, verified: true, hintsUsed: 1 });
    const completion = callsTo(source, reducers.completeLab);
    expect(completion).to.have.length(1);
    expect(JSON.parse(completion[0]!.args.snapshot as string).cwd).to.equal('/home/learner/projects/website');
    source.setRows('learner', [learnerRow(40 + lab.xp + 100, 2)]);
    await waitUntil(() => panelText(el).includes('Level up! You reached level 2.'), panelText(el));
    expect(panelText(el)).to.include(`Level 2 · ${40 + lab.xp + 100} XP`);
  });

  it('resumes work saved on another device', async () => {
    const lab = findLab('nav-first-steps')!;
    const elsewhere = {
      ...startingSnapshot(lab),
      cwd: '/home/learner/projects',
      history: ['pwd', 'ls', 'ls projects', 'cd projects'],
    };
    const source = academy({
      myLabSessions: [
        { labId: lab.id, snapshot: JSON.stringify(elsewhere), updatedAt: Timestamp.fromDate(new Date()) },
      ],
    });
    const el = await fixture<LtaTerminal>(
      html`<lta-terminal persist="none" lab=${lab.id} .source=${source}></lta-terminal>`,
    );
    await el.ready;
    await waitForScreen(el, 'learner@academy:~/projects$');
    await waitUntil(() => panelText(el).includes('2 of 3 steps done'), panelText(el));
  });

  it('stays in practice mode with the module’s reason when it refuses the lab', async () => {
    const source = academy({}, { startLab: 'Sign up first: choose a username in the academy' });
    const lab = findLab('nav-first-steps')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab=${lab.id} .source=${source}></lta-terminal>`);
    await waitUntil(() => panelText(el).includes('Practice mode: Sign up first'), panelText(el));
    const done = oneEvent(el, 'lta-lab-complete');
    for (const command of lab.solution) await typeLine(command);
    expect((await done).detail.practice).to.equal(true);
    expect(callsTo(source, reducers.completeLab)).to.have.length(0);
  });

  it('offers the labs that unlock a lab the academy refused as locked', async () => {
    const source = academy({}, { startLab: 'Complete every lab of "Finding your way" to unlock this lab' });
    const el = await startTerminal(
      html`<lta-terminal persist="none" lab="files-project-skeleton" .source=${source}></lta-terminal>`,
    );
    await waitUntil(() => panelText(el).includes('These labs unlock it:'), panelText(el));
    const open = [
      ...el.shadowRoot!.querySelector('lta-lab-panel')!.shadowRoot!.querySelectorAll('.unlocked-by button'),
    ] as HTMLButtonElement[];
    expect(open.map((b) => b.textContent)).to.deep.equal([
      'Open First day at Northwind',
      'Open The on-call runbook',
      "Open The files you can't see",
    ]);
    open[1]!.click();
    await waitUntil(() => el.lab === 'nav-paths', el.lab);
  });

  it('plays a lab an author published on the academy, for XP', async () => {
    const published = {
      ...findLab('nav-first-steps')!,
      id: 'author-first-steps',
      title: 'Sam’s first steps',
      module: 'authors',
      solution: [],
    };
    const source = academy({ lab: [{ id: published.id, definition: JSON.stringify(published) }] });
    const el = await startTerminal(
      html`<lta-terminal persist="none" lab=${published.id} .source=${source}></lta-terminal>`,
    );
    await waitUntil(() => panelText(el).includes('Sam’s first steps'), panelText(el));
    await waitUntil(() => callsTo(source, reducers.startLab).length === 1);
    expect(callsTo(source, reducers.startLab)[0]!.args).to.deep.equal({ labId: 'author-first-steps' });
    const done = oneEvent(el, 'lta-lab-complete');
    for (const command of findLab('nav-first-steps')!.solution) await typeLine(command);
    expect((await done).detail).to.include({ practice: false, verified: true });
  });

  it('shows the module’s refusal of a completion', async () => {
    const source = academy({}, { completeLab: 'Not done yet: You ran pwd' });
    const lab = findLab('nav-first-steps')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab=${lab.id} .source=${source}></lta-terminal>`);
    await waitUntil(() => callsTo(source, reducers.startLab).length === 1);
    const done = oneEvent(el, 'lta-lab-complete');
    for (const command of lab.solution) await typeLine(command);
    expect((await done).detail.verified).to.equal(false);
    await waitUntil(() => panelText(el).includes('Not done yet: You ran pwd'), panelText(el));
  });
});
