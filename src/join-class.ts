import { JoinClass } from './components/join-class/join-class.js';
import { defineElement } from './internal/define.js';

export { JoinClass };
defineElement('lta-join-class', JoinClass);

declare global {
  interface HTMLElementTagNameMap {
    'lta-join-class': JoinClass;
  }
}
