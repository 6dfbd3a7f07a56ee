import { expect, fixture, html } from '@open-wc/testing';
import '../../connection-status.js';
import type { ConnectionStatus } from './connection-status.js';
import { describeStories } from '../../../test/browser/helpers/stories.js';
import { storyAcademy } from '../../../stories/academy-data.js';

describe('lta-connection-status', () => {
  it('follows the connection: live, then offline, in words and as a data-state', async () => {
    const academy = storyAcademy();
    const status = await fixture<ConnectionStatus>(
      html`<lta-connection-status .source=${academy}></lta-connection-status>`,
    );
    const base = () => status.shadowRoot!.querySelector('[part="base"]')!;
    expect(base().textContent).to.equal('Live');
    academy.setStatus({ state: 'offline', message: 'Offline: reconnecting…' });
    await status.updateComplete;
    expect(base().textContent).to.equal('Offline');
    expect(base().getAttribute('data-state')).to.equal('offline');
    expect(base().getAttribute('title')).to.equal('Offline: reconnecting…');
  });
});

describeStories(await import('../../../stories/connection-status.stories.js'));
