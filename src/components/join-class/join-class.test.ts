import { expect, fixture, html } from '@open-wc/testing';
import { Timestamp } from 'spacetimedb';
import '../../join-class.js';
import type { JoinClass } from './join-class.js';
import { describeStories } from '../../../test/browser/helpers/stories.js';
import { settle } from '../../../test/browser/social/settle.js';
import { me, storyAcademy } from '../../../stories/academy-data.js';
import { classRow } from '../../../stories/class-data.js';

async function submit(element: JoinClass, code: string): Promise<void> {
  const input = element.shadowRoot!.querySelector('input')!;
  input.value = code;
  input.dispatchEvent(new Event('input'));
  await settle(element);
  element.shadowRoot!.querySelector('form')!.requestSubmit();
  await settle(element);
}

describe('lta-join-class', () => {
  it('sends the code, shows what the module recorded for a wrong one, and says when it worked', async () => {
    const academy = storyAcademy({ tables: { myCohorts: [], myCohortCodeTry: [] } });
    const element = await fixture<JoinClass>(html`<lta-join-class .source=${academy}></lta-join-class>`);
    await settle(element);
    expect(element.shadowRoot!.textContent).to.contain('You are in no class yet.');
    const joined: unknown[] = [];
    element.addEventListener('lta-class-joined', (event) => joined.push((event as CustomEvent).detail));

    await submit(element, 'WRONG');
    expect(academy.calls).to.deep.equal([{ reducer: 'joinCohortWithCode', args: { code: 'WRONG' } }]);
    academy.setRows('myCohortCodeTry', [
      { learner: me, at: Timestamp.now(), problem: 'No class has that code: check it with your teacher' },
    ]);
    await settle(element);
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(
      'No class has that code: check it with your teacher',
    );

    await submit(element, 'K7PQ2MXR9TWA');
    academy.setRows('myCohortCodeTry', [{ learner: me, at: Timestamp.now(), problem: '' }]);
    academy.setRows('myCohorts', [classRow('learner')]);
    await settle(element);
    expect(element.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('You joined the class.');
    expect(element.shadowRoot!.querySelector('[part="list"]')!.textContent).to.contain('Linux 101 (fall)');
    expect(joined).to.deep.equal([{ code: 'K7PQ2MXR9TWA' }]);
  });

  it('shows a refusal (too many tries, not registered) as an alert', async () => {
    const academy = storyAcademy({
      tables: { myCohorts: [], myCohortCodeTry: [] },
      refuse: { joinCohortWithCode: 'You are trying class codes too fast; try again in 12 min' },
    });
    const element = await fixture<JoinClass>(html`<lta-join-class .source=${academy}></lta-join-class>`);
    await submit(element, 'ABC');
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(
      'You are trying class codes too fast; try again in 12 min',
    );
  });
});

describeStories(await import('../../../stories/join-class.stories.js'));
