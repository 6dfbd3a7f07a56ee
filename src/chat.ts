import { Chat } from './components/chat/chat.js';
import { defineElement } from './internal/define.js';

export { Chat };
defineElement('lta-chat', Chat);

declare global {
  interface HTMLElementTagNameMap {
    'lta-chat': Chat;
  }
}
