import { html } from 'lit';
import '../src/connection-status.js';
import type { StaticAcademy } from '../src/connection/index.js';
import { storyAcademy } from './academy-data.js';

interface Args {
  theme: 'auto' | 'light' | 'dark';
  source?: StaticAcademy;
}

export default {
  title: 'Social/Connection status',
  component: 'lta-connection-status',
  args: { theme: 'auto' },
  render: (args: Record<string, unknown>) => {
    const { theme, source } = args as unknown as Args;
    return html`<lta-connection-status theme=${theme} .source=${source ?? storyAcademy()}></lta-connection-status>`;
  },
};

export const Live = {};
export const Dark = { args: { theme: 'dark' } };
export const Connecting = { args: { source: storyAcademy({ status: { state: 'connecting' } }) } };
export const Offline = {
  args: { source: storyAcademy({ status: { state: 'offline', message: 'Offline: reconnecting…' } }) },
};
export const ErrorState = {
  args: { source: storyAcademy({ status: { state: 'error', message: 'Cannot reach the academy' } }) },
};
/** A long translation. */
export const LongContent = {
  render: () =>
    html`<lta-connection-status
      .strings=${{ live: 'Verbunden mit der Akademie und alle Daten sind auf dem neuesten Stand' }}
      .source=${storyAcademy()}
    ></lta-connection-status>`,
};
