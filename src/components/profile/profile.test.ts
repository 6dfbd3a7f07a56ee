import { expect, fixture, html } from '@open-wc/testing';
import '../../profile.js';
import type { Profile } from './profile.js';
import { describeStories } from '../../../test/browser/helpers/stories.js';
import { settle } from '../../../test/browser/social/settle.js';
import { learners, storyAcademy } from '../../../stories/academy-data.js';


describe('lta-profile', () => {
  it('shows level, XP towards the next level, streak, labs and earned achievements', async () => {
    const profile = await fixture<Profile>(html`<lta-profile .source=${storyAcademy()}></lta-profile>`);
    await settle(profile);
    const root = profile.shadowRoot!;
    const bar = root.querySelector('[role="progressbar"]')!;
    // Ada has 350 XP: level 3 starts at 283 XP, level 4 at 520.
    expect(root.textContent).to.contain('Level 3');
    expect(bar.getAttribute('aria-valuenow')).to.equal('350');
    expect(bar.getAttribute('aria-valuemax')).to.equal('520');
    expect(root.textContent).to.contain('170 XP to level 4');
    expect([...root.querySelectorAll('li.earned')].map(li => li.textContent!.trim())).to.deep.equal([
      'First steps (earned)',
      'On a roll (earned)',
    ]);
    await expect(profile).to.be.accessible();
  });

  it('announces a level-up that happens while the page is open', async () => {
    const academy = storyAcademy();
    const profile = await fixture<Profile>(html`<lta-profile .source=${academy}></lta-profile>`);
    await settle(profile);
    let level = 0;
    profile.addEventListener('lta-level-up', event => (level = (event as CustomEvent).detail.level));
    academy.setRows('learner', [{ ...learners[0], xp: 600n, level: 4 }, ...learners.slice(1)]);
    await settle(profile);
    expect(level).to.equal(4);
    expect(profile.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.contain('level 4');
  });

  it('invites a learner who has not registered to choose a username', async () => {
    const profile = await fixture<Profile>(html`<lta-profile .source=${storyAcademy({ tables: { learner: [] } })}></lta-profile>`);
    await settle(profile);
    expect(profile.shadowRoot!.textContent).to.contain('Choose a username');
  });
});

describeStories(await import('../../../stories/profile.stories.js'));
