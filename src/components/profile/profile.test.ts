import { expect, fixture, html, waitUntil } from '@open-wc/testing';
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
    expect([...root.querySelectorAll('li.earned')].map((li) => li.textContent!.trim())).to.deep.equal([
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
    profile.addEventListener('lta-level-up', (event) => (level = (event as CustomEvent).detail.level));
    academy.setRows('learner', [{ ...learners[0], xp: 600n, level: 4 }, ...learners.slice(1)]);
    await settle(profile);
    expect(level).to.equal(4);
    expect(profile.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.contain('level 4');
  });

  it('invites a learner who has not registered to choose a username', async () => {
    const profile = await fixture<Profile>(
      html`<lta-profile .source=${storyAcademy({ tables: { learner: [] } })}></lta-profile>`,
    );
    await settle(profile);
    expect(profile.shadowRoot!.textContent).to.contain('Choose a username');
  });
});

describe('lta-profile edit form', () => {
  const open = async (academy = storyAcademy({ tables: { mySettings: [{ timeZone: 'UTC' }] } })) => {
    const profile = await fixture<Profile>(html`<lta-profile .source=${academy}></lta-profile>`);
    await settle(profile);
    (profile.shadowRoot!.querySelector('[part="edit"]') as HTMLButtonElement).click();
    // The form loads on the first press.
    await waitUntil(() => profile.shadowRoot!.querySelector('form') !== null, 'the edit form opens');
    await settle(profile);
    return { profile, academy, form: profile.shadowRoot!.querySelector('form')! };
  };
  const fill = (form: HTMLFormElement, name: string, value: string) => {
    (form.querySelector(`[name="${name}"]`) as HTMLInputElement).value = value;
  };

  it('changes display name, avatar and time zone through their reducers, then closes', async () => {
    const { profile, academy, form } = await open();
    expect((form.querySelector('[name="time-zone"]') as HTMLInputElement).value).to.equal('UTC');
    fill(form, 'display-name', 'Ada L.');
    fill(form, 'avatar-url', 'https://example.org/ada.png');
    fill(form, 'time-zone', 'Europe/Paris');
    form.requestSubmit();
    await settle(profile);
    expect(academy.calls).to.deep.equal([
      { reducer: 'updateProfile', args: { displayName: 'Ada L.', avatarUrl: 'https://example.org/ada.png' } },
      { reducer: 'setTimeZone', args: { timeZone: 'Europe/Paris' } },
    ]);
    expect(profile.shadowRoot!.querySelector('form')).to.equal(null);
    expect(profile.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.contain('Profile saved.');
  });

  it("shows the module's refusal and keeps what the learner typed", async () => {
    const refusal = 'Display names may not pass for staff ("admin"): choose another';
    const { profile, academy, form } = await open(storyAcademy({ refuse: { updateProfile: refusal } }));
    fill(form, 'display-name', 'Admin');
    form.requestSubmit();
    await settle(profile);
    expect(profile.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal(refusal);
    expect((profile.shadowRoot!.querySelector('[name="display-name"]') as HTMLInputElement).value).to.equal('Admin');
    expect(academy.calls.map((call) => call.reducer)).to.deep.equal(['updateProfile']);
    await expect(profile).to.be.accessible();
  });

  it("is offered on one's own profile only, and staff wear the badge the module granted", async () => {
    const academy = storyAcademy({
      tables: { learner: [{ ...learners[1], role: 'moderator' }, ...learners.filter((_, i) => i !== 1)] },
    });
    const other = await fixture<Profile>(
      html`<lta-profile username=${learners[1]!.username} .source=${academy}></lta-profile>`,
    );
    await settle(other);
    expect(other.shadowRoot!.querySelector('[part="edit"]')).to.equal(null);
    expect(other.shadowRoot!.querySelector('[part="role"]')!.textContent).to.equal('moderator');
  });
});

describeStories(await import('../../../stories/profile.stories.js'));
