import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/class-progress.js';
import { startingFiles } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { AcademyConnection } from '../../../src/connection/index.js';
import { createShell } from '@lta/shell';
import { launchToken, startTestHost } from '../helpers/host.js';
import { live, textOf, uniqueName } from '../social/live-helpers.js';
import { reducers } from '../../../src/connection/academy-schema.js';

const host = await startTestHost();
const connections: AcademyConnection[] = [];

/** A browser opened from the course page: signed in by the launch token, nothing remembered. */
async function launched(sub: string, claims: Record<string, unknown>): Promise<AcademyConnection> {
  const connection = new AcademyConnection({
    server: host.url,
    database: host.database,
    token: await launchToken(sub, claims),
    rememberToken: false,
  });
  connections.push(connection);
  await live(connection);
  return connection;
}

/** The owner trusts the launch issuer's class claims (the host does this at startup when LTI is configured). */
async function trustLaunches(): Promise<void> {
  const owner = new AcademyConnection({
    server: host.url,
    database: host.database,
    token: host.publisherToken,
    rememberToken: false,
  });
  connections.push(owner);
  await live(owner);
  await owner
    .call(reducers.registerUser, { username: 'founder', displayName: '', timeZone: 'UTC' })
    .catch(() => undefined);
  await owner.call(reducers.setAcademySetting, { name: 'cohort_issuer', value: host.launchIssuer });
}

describe('class progress against the real host and module', () => {
  after(() => connections.forEach((connection) => connection.close()));

  it('shows an instructor their class live, launched from the course; a learner of the class gets no rows', async () => {
    await trustLaunches();
    const cohort = `lti:${uniqueName('class')}`;
    const claims = (role: string, name: string) => ({
      lta_cohort: cohort,
      lta_cohort_title: 'Linux 101',
      lta_cohort_role: role,
      name,
    });
    const teacher = await launched(uniqueName('t'), claims('instructor', 'Prof Ada'));
    const page = await fixture<HTMLElement>(
      html`<lta-class-progress cohort="launch" .source=${teacher}></lta-class-progress>`,
    );
    const view = page;
    await waitUntil(() => textOf(view).includes('No learners in this class yet'), 'the empty class', {
      timeout: 15000,
    });

    const student = await launched(uniqueName('s'), claims('learner', 'Sam Okafor'));
    await waitUntil(() => textOf(view).includes('Sam Okafor'), 'the learner, by the name the LMS sent', {
      timeout: 15000,
    });
    const username = uniqueName('sam');
    await student.call(reducers.registerUser, { username, displayName: 'Sam O', timeZone: 'UTC' });
    await waitUntil(() => textOf(view).includes(`@${username}`), 'the learner by username once registered', {
      timeout: 15000,
    });

    const lab = CURRICULUM[0]!.labs[0]!;
    await student.call(reducers.startLab, { labId: lab.id });
    await student.call(reducers.useHint, { labId: lab.id });
    const row = () => view.shadowRoot!.querySelector('tbody tr')!;
    const labColumn = () =>
      [...view.shadowRoot!.querySelectorAll('thead th')].findIndex((th) => th.textContent!.trim() === lab.title);
    // The student's answers do not wait for the instructor's updates (nor on SpacetimeDB): wait for both changes.
    await waitUntil(
      () => labColumn() > 0 && row().children[labColumn()]!.textContent!.includes('In progress'),
      'the lab in progress',
      {
        timeout: 15000,
      },
    );
    await waitUntil(() => row().children[labColumn()]!.textContent!.includes('1 hint'), 'the hint used', {
      timeout: 15000,
    });

    const shell = await createShell({ files: startingFiles(lab), env: lab.env });
    for (const command of lab.solution) await shell.run(command);
    await student.call(reducers.completeLab, { labId: lab.id, snapshot: JSON.stringify(shell.snapshot()) });
    await waitUntil(() => row().children[labColumn()]!.textContent!.includes('Done'), 'the lab done, live', {
      timeout: 15000,
    });
    expect(row().children[1]!.textContent!.trim()).to.match(/^1 \/ \d+$/);

    // The learner opens the same view by hand: the module returns nothing, the widget says why.
    const theirs = await fixture<HTMLElement>(
      html`<lta-class-progress cohort=${cohort} .source=${student}></lta-class-progress>`,
    );
    await waitUntil(
      () => textOf(theirs).includes('Only instructors of this class can see its progress.'),
      'the refusal',
      { timeout: 15000 },
    );
    expect(theirs.shadowRoot!.querySelector('table')).to.equal(null);
  });
});
