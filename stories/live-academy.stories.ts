import { html } from 'lit';
import '../src/academy.js';
import '../src/chat.js';
import '../src/leaderboard.js';
import '../src/presence.js';
import '../src/profile.js';

interface Args {
  server: string;
  database: string;
  theme: 'auto' | 'light' | 'dark';
}

/**
 * Every social widget against a running host (`npm start` serves one at http://127.0.0.1:3000). Without one,
 * they show that the academy cannot be reached. Open it in two browsers to see them update each other.
 */
export default {
  title: 'Social/Live academy',
  args: { server: 'http://127.0.0.1:3000', database: 'academy', theme: 'auto' },
  render: (args: Record<string, unknown>) => {
    const { server, database, theme } = args as unknown as Args;
    return html`<div style="display: grid; grid-template-columns: 2fr 1fr; gap: 16px; max-width: 1000px">
      <div style="display: grid; gap: 16px; align-content: start">
        <lta-academy server=${server} database=${database} theme=${theme}></lta-academy>
        <lta-chat channel="global" theme=${theme}></lta-chat>
      </div>
      <div style="display: grid; gap: 16px; align-content: start">
        <lta-profile theme=${theme}></lta-profile>
        <lta-leaderboard limit="10" theme=${theme}></lta-leaderboard>
        <lta-presence theme=${theme}></lta-presence>
      </div>
    </div>`;
  },
};

export const Live = {};
