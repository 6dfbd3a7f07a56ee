import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../class-progress.js';
import type { ClassProgress } from './class-progress.js';
import { describeStories } from '../../../test/browser/helpers/stories.js';
import { settle } from '../../../test/browser/social/settle.js';
import { identityOf } from '../../../stories/academy-data.js';
import { CLASS_ID, classAcademy, classProgressRows } from '../../../stories/class-data.js';

const rows = (element: ClassProgress) =>
  [...element.shadowRoot!.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.children].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim()),
  );
const firstColumn = (element: ClassProgress) => rows(element).map((row) => row[0]!.split(' @')[0]);
const header = (element: ClassProgress, label: string) =>
  [...element.shadowRoot!.querySelectorAll('thead th')].find((th) => th.textContent!.trim() === label)!;

async function classView(academy = classAcademy()): Promise<ClassProgress> {
  const element = await fixture<ClassProgress>(
    html`<lta-class-progress cohort=${CLASS_ID} .source=${academy}></lta-class-progress>`,
  );
  await settle(element);
  return element;
}

describe('lta-class-progress', () => {
  it('shows each learner of the class against each lab, in curriculum order, with totals; instructors are not listed', async () => {
    const element = await classView();
    const labs = [...element.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    expect(labs).to.deep.equal([
      'Learner',
      'Labs done',
      'Hints',
      'Time',
      'Finding your way',
      'Files and folders',
      'Reading files',
    ]);
    expect(firstColumn(element)).to.deep.equal([
      'Bjarne',
      'Dennis',
      'Grace',
      'Guido',
      'Ken',
      'Linus',
      'Margaret',
      'Sam Okafor',
    ]);
    const linus = rows(element).find((row) => row[0]!.startsWith('Linus'))!;
    expect(linus.slice(1)).to.deep.equal([
      '2 / 3',
      '1',
      '45 min',
      'Done 0 hints · 12 min',
      'Done 1 hint · 25 min',
      'In progress 2 steps · 0 hints · 8 min',
    ]);
    const sam = rows(element).find((row) => row[0]!.startsWith('Sam'))!;
    expect(sam.slice(1)).to.deep.equal(['0 / 3', '0', '<1 min', 'Not started', 'Not started', 'Not started']);
    expect(element.shadowRoot!.querySelector('h2')!.textContent).to.equal('Class progress: Linux 101 (fall)');
  });

  it('sorts by any column with the keyboard, announcing the order through aria-sort', async () => {
    const element = await classView();
    expect(header(element, 'Learner').getAttribute('aria-sort')).to.equal('ascending');
    header(element, 'Labs done').querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await settle(element);
    expect(header(element, 'Labs done').getAttribute('aria-sort')).to.equal('descending');
    expect(header(element, 'Learner').getAttribute('aria-sort')).to.equal('none');
    expect(firstColumn(element).slice(0, 3)).to.deep.equal(['Dennis', 'Linus', 'Grace']);
    await sendKeys({ press: 'Space' });
    await settle(element);
    expect(header(element, 'Labs done').getAttribute('aria-sort')).to.equal('ascending');
    expect(firstColumn(element).at(-1)).to.equal('Dennis');

    header(element, 'Finding your way').querySelector('button')!.click();
    await settle(element);
    // Done first (ties by name), then in progress by steps passed, then not started.
    expect(firstColumn(element)).to.deep.equal([
      'Dennis',
      'Grace',
      'Linus',
      'Ken',
      'Guido',
      'Bjarne',
      'Margaret',
      'Sam Okafor',
    ]);
    expect(element.shadowRoot!.querySelector('caption')!.textContent).to.contain(
      'sorted by Finding your way, descending',
    );
  });

  it('exports the table as it is sorted to CSV, names that look like formulas defused', async () => {
    const academy = classAcademy();
    const element = await classView(academy);
    let exported: { csv: string; filename: string } | undefined;
    element.addEventListener('lta-csv-export', (event) => {
      exported = (event as CustomEvent<{ csv: string; filename: string }>).detail;
      event.preventDefault();
    });
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="export"]')!.click();
    expect(exported!.filename).to.equal('Linux-101-fall-progress.csv');
    const lines = exported!.csv
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).to.equal(
      '"Learner","Username","Labs done","Hints used","Minutes","Finding your way (status)","Finding your way (hints)","Finding your way (minutes)","Files and folders (status)","Files and folders (hints)","Files and folders (minutes)","Reading files (status)","Reading files (hints)","Reading files (minutes)"',
    );
    expect(lines).to.have.length(9);
    expect(lines).to.include('"Linus","linus","2","1","45","done","0","12","done","1","25","in progress","0","8"');
  });

  it('defuses learner names a spreadsheet would run as formulas', async () => {
    const academy = classAcademy();
    const element = await classView(academy);
    academy.setRows('learner', [
      {
        identity: identityOf(1),
        username: 'linus',
        displayName: '=HYPERLINK("http://evil","click")',
        avatarUrl: '',
        role: 'learner',
        joinedAt: classProgressRows[0]!.startedAt,
        xp: 0n,
        level: 1,
        labsCompleted: 0,
        currentStreak: 0,
        longestStreak: 0,
      },
    ]);
    await settle(element);
    let csv = '';
    element.addEventListener('lta-csv-export', (event) => {
      csv = (event as CustomEvent<{ csv: string }>).detail.csv;
      event.preventDefault();
    });
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="export"]')!.click();
    expect(csv).to.contain(`"'=HYPERLINK(""http://evil"",""click"")","linus"`);
  });

  it('updates live as a learner progresses', async () => {
    const academy = classAcademy();
    const element = await classView(academy);
    const sam = () => rows(element).find((row) => row[0]!.startsWith('Sam'))!;
    expect(sam()[4]).to.equal('Not started');
    academy.setRows('classProgress', [
      ...classProgressRows,
      {
        ...classProgressRows[0]!,
        key: 'sam',
        learner: identityOf(8),
        status: 'in_progress',
        stepsPassed: 1,
        hintsUsed: 2,
      },
    ]);
    await settle(element);
    expect(sam()[4]).to.equal('In progress 1 step · 2 hints · 12 min');
    expect(sam()[2]).to.equal('2');
  });

  it('tells a learner of the class that only instructors see its progress, and asks nothing more of the academy', async () => {
    const academy = classAcademy({}, 'learner');
    const element = await classView(academy);
    expect(element.shadowRoot!.querySelector('[part="notice"]')!.textContent).to.equal(
      'Only instructors of this class can see its progress.',
    );
    expect(element.shadowRoot!.querySelector('table')).to.equal(null);
  });

  it('shows only the labs named in `labs`, totals counted against them', async () => {
    const element = await fixture<ClassProgress>(
      html`<lta-class-progress cohort=${CLASS_ID} labs="viewing-101, files-101" .source=${classAcademy()}></lta-class-progress>`,
    );
    await settle(element);
    const labs = [...element.shadowRoot!.querySelectorAll('thead th')].slice(4).map((th) => th.textContent!.trim());
    expect(labs).to.deep.equal(['Files and folders', 'Reading files']);
    expect(
      rows(element)
        .find((row) => row[0]!.startsWith('Linus'))!
        .slice(1, 4),
    ).to.deep.equal(['1 / 2', '1', '33 min']);
  });

  it("shows its instructor an invite class's code, even before anyone joined", async () => {
    const academy = classAcademy({
      tables: {
        myCohorts: [
          { id: CLASS_ID, title: 'Evening class', source: 'invite', role: 'instructor', inviteCode: 'K7PQ2MXR9TWA' },
        ],
        myCohortMembers: [],
      },
    });
    const element = await classView(academy);
    expect(element.shadowRoot!.querySelector('[part="invite"]')!.textContent).to.contain('K7PQ2MXR9TWA');
    expect(element.shadowRoot!.querySelector('[part="notice"]')!.textContent).to.contain(
      'No learners in this class yet',
    );
  });

  it('takes the class from the launch token with cohort="launch"', async () => {
    const academy = classAcademy({ status: { launchCohort: CLASS_ID } });
    const element = await fixture<ClassProgress>(
      html`<lta-class-progress cohort="launch" .source=${academy}></lta-class-progress>`,
    );
    await settle(element);
    expect(rows(element)).to.have.length(8);
  });
});

describeStories(await import('../../../stories/class-progress.stories.js'));
