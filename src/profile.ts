import { Profile } from './components/profile/profile.js';
import { defineElement } from './internal/define.js';

export { Profile };
defineElement('lta-profile', Profile);

declare global {
  interface HTMLElementTagNameMap {
    'lta-profile': Profile;
  }
}
