import { ClassProgress } from './components/class-progress/class-progress.js';
import { defineElement } from './internal/define.js';

export { ClassProgress };
defineElement('lta-class-progress', ClassProgress);

declare global {
  interface HTMLElementTagNameMap {
    'lta-class-progress': ClassProgress;
  }
}
