import { expect, fixture, html } from '@open-wc/testing';
import '../../presence.js';
import type { Presence } from './presence.js';
import { describeStories } from '../../../test/browser/helpers/stories.js';
import { settle } from '../../../test/browser/social/settle.js';
import { learners, presence, presenceViews, storyAcademy } from '../../../stories/academy-data.js';

const lines = (element: Presence) =>
  [...element.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

describe('lta-presence', () => {
  it('lists who is online once each, the learner first, idle ones last, with their lab and a count', async () => {
    const element = await fixture<Presence>(html`<lta-presence silent .source=${storyAcademy()}></lta-presence>`);
    await settle(element);
    expect(element.shadowRoot!.querySelector('h2')!.textContent).to.contain('5 online');
    expect(lines(element)).to.deep.equal([
      'Ada @ada (you) in files-101',
      'Bjarne @bjarne',
      'Grace @grace in files-101',
      'Linus @linus',
      'Dennis @dennis idle in files-101',
    ]);
    await expect(element).to.be.accessible();
  });

  it('updates when a learner goes offline', async () => {
    const academy = storyAcademy();
    const element = await fixture<Presence>(html`<lta-presence silent .source=${academy}></lta-presence>`);
    await settle(element);
    const views = presenceViews(
      presence.map((row, i) => (i === 1 ? { ...row, online: false, connections: 0 } : row)),
      learners,
    );
    academy.setRows('onlineLearners', views.onlineLearners);
    academy.setRows('onlineCount', views.onlineCount);
    await settle(element);
    expect(element.shadowRoot!.querySelector('h2')!.textContent).to.contain('4 online');
    expect(lines(element).join()).not.to.contain('Linus');
  });

  it('reports this learner’s presence and lab through the heartbeat, unless silent', async () => {
    const academy = storyAcademy();
    await fixture(html`<div>
      <lta-terminal lab="files-101"></lta-terminal>
      <lta-presence .source=${academy}></lta-presence>
    </div>`);
    expect(academy.calls.filter((call) => call.reducer === 'heartbeat')).to.deep.equal([
      { reducer: 'heartbeat', args: { currentLab: 'files-101', idle: false } },
    ]);
    const quiet = storyAcademy();
    await fixture(html`<lta-presence silent .source=${quiet}></lta-presence>`);
    expect(quiet.calls).to.deep.equal([]);
  });
});

describeStories(await import('../../../stories/presence.stories.js'));
