import { LtaTerminal } from './components/terminal/terminal.js';
import { defineElement } from './internal/define.js';

export { LtaTerminal };
export type {
  CommandEventDetail,
  StepCompleteDetail,
  LabCompleteDetail,
  LabErrorDetail,
} from './components/terminal/terminal.js';

defineElement('lta-terminal', LtaTerminal);

declare global {
  interface HTMLElementTagNameMap {
    'lta-terminal': LtaTerminal;
  }
}
