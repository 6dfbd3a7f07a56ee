import { expect, fixture } from '@open-wc/testing';
import { html, type TemplateResult } from 'lit';
import '../chat.js';
import '../leaderboard.js';
import '../presence.js';
import '../profile.js';
import { namesakes, storyAcademy } from '../../stories/academy-data.js';
import { settle } from '../../test/browser/social/settle.js';
import type { LitElement } from 'lit';

/** The names a widget shows, as a screen reader reads them: display name, @username, badge. */
async function namesIn(template: TemplateResult): Promise<string[]> {
  const element = await fixture<LitElement>(template);
  await settle(element);
  return [...element.shadowRoot!.querySelectorAll('bdi:not(.handle bdi)')].map((name) => {
    const parts = [name.textContent];
    for (let next = name.nextElementSibling; next?.matches('.handle, .badge'); next = next.nextElementSibling) {
      parts.push(next.textContent);
    }
    return parts.join(' ');
  });
}

const source = () => storyAcademy({ tables: { learner: namesakes } });

describe('learners’ names in every widget', () => {
  for (const [widget, template] of [
    ['chat', () => html`<lta-chat .source=${source()}></lta-chat>`],
    ['leaderboard', () => html`<lta-leaderboard limit="12" .source=${source()}></lta-leaderboard>`],
    ['presence', () => html`<lta-presence silent .source=${source()}></lta-presence>`],
  ] as const) {
    it(`${widget}: two learners called “Ada Journey” are told apart by @username, staff wear their badge`, async () => {
      const names = await namesIn(template());
      expect(names).to.include('Ada Journey @ada');
      expect(names).to.include('Ada Journey @linus');
      expect(names).to.include('Grace @grace moderator');
      // A right-to-left name is isolated: it cannot pull the @username or the rest of the line into its order.
      if (widget !== 'chat') expect(names).to.include('مريم @dennis');
    });
  }

  it('profile: the moderator badge beside the name, the @username under it', async () => {
    const element = await fixture<LitElement>(html`<lta-profile username="grace" .source=${source()}></lta-profile>`);
    await settle(element);
    const head = element.shadowRoot!.querySelector('.head')!;
    expect(head.querySelector('.name')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Grace moderator');
    expect(head.querySelector('.muted')!.textContent).to.equal('@grace');
  });

  it('no badge for learners and authors: only moderators, admins and the owner are staff', async () => {
    const authors = namesakes.map((row) => (row.role === 'moderator' ? { ...row, role: 'author' } : row));
    const element = await fixture<LitElement>(
      html`<lta-presence silent .source=${storyAcademy({ tables: { learner: authors } })}></lta-presence>`,
    );
    await settle(element);
    expect(element.shadowRoot!.querySelectorAll('.badge')).to.have.length(0);
  });
});
