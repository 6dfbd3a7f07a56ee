import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/class-progress.js';
import '../../../src/join-class.js';
import { AcademyConnection } from '../../../src/connection/index.js';
import { startTestHost } from '../helpers/host.js';
import { live, registeredLearner, textOf, uniqueName } from '../social/live-helpers.js';
import { reducers, tables } from '../../../src/connection/academy-schema.js';

const host = await startTestHost();

function type(element: Element, code: string): void {
  const input = element.shadowRoot!.querySelector('input')!;
  input.value = code;
  input.dispatchEvent(new Event('input'));
}

describe('a class opened without an LMS, against the real host and module', () => {
  it('the owner opens it, its instructor view shows the code, a learner joins with it and appears there', async () => {
    const owner = new AcademyConnection({
      server: host.url,
      database: host.database,
      token: host.publisherToken,
      rememberToken: false,
    });
    await live(owner);
    await owner
      .call(reducers.registerUser, { username: 'founder', displayName: '', timeZone: 'UTC' })
      .catch(() => undefined);
    const title = uniqueName('Evening ');
    await owner.call(reducers.createCohort, { title });
    const ownerClasses = await fixture<HTMLElement>(html`<lta-join-class .source=${owner}></lta-join-class>`);
    await waitUntil(() => textOf(ownerClasses).includes(title), 'the new class listed for its instructor', {
      timeout: 15000,
    });

    // The instructor view of that class, found by its title among the owner's classes.
    const classId = await new Promise<string>((resolve) => {
      const stop = owner.watch({ query: tables.myCohorts }, (snapshot) => {
        const row = snapshot.rows.find((candidate) => candidate.title === title);
        if (row) {
          queueMicrotask(() => stop());
          resolve(row.id);
        }
      });
    });
    const view = await fixture<HTMLElement>(
      html`<lta-class-progress cohort=${classId} .source=${owner}></lta-class-progress>`,
    );
    await waitUntil(() => view.shadowRoot!.querySelector('[part="invite"] code') !== null, 'the invite code', {
      timeout: 15000,
    });
    const code = view.shadowRoot!.querySelector('[part="invite"] code')!.textContent!;

    const { connection, username } = await registeredLearner(host, 'walkin');
    const join = await fixture<HTMLElement>(html`<lta-join-class .source=${connection}></lta-join-class>`);
    type(join, 'NOTACODE');
    join.shadowRoot!.querySelector('form')!.requestSubmit();
    await waitUntil(() => textOf(join).includes('No class has that code'), 'the wrong code answered', {
      timeout: 15000,
    });
    type(join, code.toLowerCase());
    join.shadowRoot!.querySelector('form')!.requestSubmit();
    await waitUntil(() => textOf(join).includes('You joined the class.') && textOf(join).includes(title), 'joined', {
      timeout: 15000,
    });
    await waitUntil(() => textOf(view).includes(`@${username}`), 'the learner in the instructor view', {
      timeout: 15000,
    });
    expect(textOf(join)).not.to.contain(code);
    connection.close();
    owner.close();
  });
});
