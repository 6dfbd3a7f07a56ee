import { expect, fixture, html } from '@open-wc/testing';
import '../../academy.js';
import type { Academy } from './academy.js';
import { describeStories } from '../../../test/browser/helpers/stories.js';
import { settle } from '../../../test/browser/social/settle.js';
import { storyAcademy } from '../../../stories/academy-data.js';

async function signUp(element: Academy, username: string): Promise<void> {
  const input = element.shadowRoot!.querySelector<HTMLInputElement>('input[name="username"]')!;
  input.value = username;
  input.dispatchEvent(new Event('input'));
  element.shadowRoot!.querySelector('form')!.requestSubmit();
  await settle(element);
}

describe('lta-academy', () => {
  it('lets a new learner choose a username and tells the page', async () => {
    const academy = storyAcademy({ tables: { learner: [] } });
    const element = await fixture<Academy>(html`<lta-academy .source=${academy}></lta-academy>`);
    await settle(element);
    let registered = '';
    element.addEventListener('lta-registered', (event) => (registered = (event as CustomEvent).detail.username));
    await signUp(element, ' Alice_1 ');
    expect(academy.calls[0]!.reducer).to.equal('registerUser');
    expect(academy.calls[0]!.args.username).to.equal('Alice_1');
    expect(registered).to.equal('alice_1');
    await expect(element).to.be.accessible();
  });

  it('shows the module’s refusal beside the field', async () => {
    const academy = storyAcademy({ tables: { learner: [] }, refuse: { registerUser: 'That username is taken' } });
    const element = await fixture<Academy>(html`<lta-academy .source=${academy}></lta-academy>`);
    await settle(element);
    await signUp(element, 'ada');
    const input = element.shadowRoot!.querySelector('input[name="username"]')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(element.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('That username is taken');
    await expect(element).to.be.accessible();
  });

  it('shows one quiet line once registered, and nothing with hide-signup', async () => {
    const element = await fixture<Academy>(html`<lta-academy .source=${storyAcademy()}></lta-academy>`);
    await settle(element);
    // The name is isolated (FSI … PDI, as <bdi>): a right-to-left name cannot swallow "(@ada)".
    expect(element.shadowRoot!.textContent).to.contain('Signed in as \u2068Ada\u2069 (@ada)');
    const hidden = await fixture<Academy>(
      html`<lta-academy hide-signup .source=${storyAcademy({ tables: { learner: [] } })}></lta-academy>`,
    );
    await settle(hidden);
    expect(hidden.shadowRoot!.querySelector('form')).to.equal(null);
  });

  it('signs the learner out with the "Sign out" button and tells the page', async () => {
    const academy = storyAcademy();
    const element = await fixture<Academy>(html`<lta-academy .source=${academy}></lta-academy>`);
    await settle(element);
    let signedOut = 0;
    element.addEventListener('lta-signed-out', () => signedOut++);
    element.shadowRoot!.querySelector<HTMLButtonElement>('[part="sign-out"]')!.click();
    await settle(element);
    expect(academy.signedOut).to.equal(true);
    expect(signedOut).to.equal(1);
    expect(element.shadowRoot!.textContent).not.to.contain('Ada');
  });
});

describeStories(await import('../../../stories/academy.stories.js'));
