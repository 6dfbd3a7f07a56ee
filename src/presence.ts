import { Presence } from './components/presence/presence.js';
import { defineElement } from './internal/define.js';

export { Presence };
defineElement('lta-presence', Presence);

declare global {
  interface HTMLElementTagNameMap {
    'lta-presence': Presence;
  }
}
