import { ConnectionStatus } from './components/connection-status/connection-status.js';
import { defineElement } from './internal/define.js';

export { ConnectionStatus };
defineElement('lta-connection-status', ConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'lta-connection-status': ConnectionStatus;
  }
}
