import { html } from 'lit';

/**
 * A button that shows which of a few views or modes is on (a board, a tab, a conversation): `aria-pressed` tells
 * screen readers, and inside a `.toggle` group `widgetStyles` fills the pressed one with the accent colour.
 */
export const toggleButton = (pressed: boolean, label: unknown, press: () => void) =>
  html`<button type="button" aria-pressed=${pressed ? 'true' : 'false'} @click=${press}>${label}</button>`;
