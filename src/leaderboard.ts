import { Leaderboard } from './components/leaderboard/leaderboard.js';
import { defineElement } from './internal/define.js';

export { Leaderboard };
defineElement('lta-leaderboard', Leaderboard);

declare global {
  interface HTMLElementTagNameMap {
    'lta-leaderboard': Leaderboard;
  }
}
