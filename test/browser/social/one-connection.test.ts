import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/chat.js';
import '../../../src/leaderboard.js';
import { pageAcademy, type configureAcademy } from '../../../src/connection/page-academy.js';
import { startTestHost } from '../helpers/host.js';
import { live, textOf } from './live-helpers.js';

// Count every WebSocket the page opens, whoever opens it.
const opened: string[] = [];
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    opened.push(String(url));
  }
};

const host = await startTestHost();

/** A custom element of the host page with its own shadow root holding `content`. */
function island(content: string): HTMLElement {
  const element = document.createElement('div');
  element.attachShadow({ mode: 'open' }).innerHTML = content;
  return element;
}

describe('one connection per page', () => {
  it('widgets scattered in separate shadow roots, configured twice, and a second copy of the bundle share one WebSocket', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const page = await fixture<HTMLElement>(html`<div></div>`);
      // Widgets first, configuration later: they wait for the page's academy.
      const chatIsland = island('<lta-chat channel="global" token-storage="none"></lta-chat>');
      page.append(chatIsland);
      page.append(
        island(
          `<lta-leaderboard limit="5" server="${host.url}" database="${host.database}" token-storage="none"></lta-leaderboard>`,
        ),
      );
      // A second, conflicting configuration is ignored with a warning.
      page.append(island(`<lta-leaderboard server="${host.url}" database="another-db"></lta-leaderboard>`));

      // A second copy of the bundle (the CDN build, as a page with both an npm build and a CDN tag would have).
      const cdn = (await import(/* @vite-ignore */ `${location.origin}/dist/cdn/lta.js`)) as {
        configureAcademy: typeof configureAcademy;
      };
      page.append(island('<lta-presence silent></lta-presence><lta-profile></lta-profile>'));

      const academy = pageAcademy()!;
      await live(academy);
      expect(cdn.configureAcademy({ server: host.url, database: host.database }, 'the CDN copy')).to.equal(academy);
      const chat = chatIsland.shadowRoot!.querySelector('lta-chat')!;
      await waitUntil(
        () => textOf(chat).includes('Choose a username') || textOf(chat).includes('Send'),
        'chat is live',
      );
      const presence = page.lastElementChild!.shadowRoot!.querySelector('lta-presence')!;
      await waitUntil(
        () => customElements.get('lta-presence') !== undefined && textOf(presence).includes('online'),
        'CDN presence renders',
      );

      expect(opened.filter((url) => url.includes('/subscribe'))).to.have.length(1);
      // Compressed frames would be applied out of order by the SDK (SpacetimeDB#5730): the academy asks for none.
      expect(opened.find((url) => url.includes('/subscribe'))).to.contain('compression=None');
      expect(
        warnings.some((text) => text.includes('another-db') && text.includes('first configuration wins')),
      ).to.equal(true);
    } finally {
      console.warn = warn;
    }
  });
});
