import { expect, fixture, html } from '@open-wc/testing';
import '../../connection-status.js';
import '../../presence.js';
import { setPageStrings } from '../../index.js';
import type { ConnectionStatus } from '../connection-status/connection-status.js';
import type { Presence } from '../presence/presence.js';
import { storyAcademy } from '../../../stories/academy-data.js';

const words = (el: HTMLElement) =>
  el.shadowRoot!.querySelector('[part="base"]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('rewording elements (LocalizeController, setPageStrings)', () => {
  afterEach(() => {
    setPageStrings('lta-connection-status', {});
    setPageStrings('lta-presence', {});
  });

  it('rewords every element of a tag on the page, those already there and those to come, and only that tag', async () => {
    const academy = storyAcademy();
    const page = await fixture<HTMLElement>(html`<div>
      <lta-connection-status .source=${academy}></lta-connection-status>
      <lta-presence silent .source=${academy}></lta-presence>
    </div>`);
    const status = page.querySelector<ConnectionStatus>('lta-connection-status')!;
    const presence = page.querySelector<Presence>('lta-presence')!;
    expect(words(status)).to.equal('Live');
    const presenceBefore = words(presence);

    setPageStrings('lta-connection-status', { live: 'Verbunden' });
    await status.updateComplete;
    expect(words(status)).to.equal('Verbunden');
    expect(words(presence)).to.equal(presenceBefore);

    const later = await fixture<ConnectionStatus>(
      html`<lta-connection-status .source=${academy}></lta-connection-status>`,
    );
    expect(words(later)).to.equal('Verbunden');
    academy.setStatus({ state: 'offline' });
    await later.updateComplete;
    expect(words(later), 'keys not given keep their default').to.equal('Offline');
  });

  it('lets an element’s own strings win over the page’s, and the page’s words apply again when they are removed', async () => {
    const academy = storyAcademy();
    setPageStrings('lta-presence', { title: 'En ligne' });
    const presence = await fixture<Presence>(
      html`<lta-presence silent .source=${academy} .strings=${{ title: 'Here now' }}></lta-presence>`,
    );
    expect(words(presence)).to.contain('Here now');
    expect(words(presence)).not.to.contain('En ligne');
    presence.strings = {};
    await presence.updateComplete;
    expect(words(presence)).to.contain('En ligne');
  });
});
