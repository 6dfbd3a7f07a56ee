import { Academy } from './components/academy/academy.js';
import { defineElement } from './internal/define.js';

export { Academy };
defineElement('lta-academy', Academy);

declare global {
  interface HTMLElementTagNameMap {
    'lta-academy': Academy;
  }
}
