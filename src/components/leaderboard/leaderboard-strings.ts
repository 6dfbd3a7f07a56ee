import { classStrings } from '../../internal/class-scope.js';
import { statusStrings } from '../kit/index.js';

/** Every word `<lta-leaderboard>` shows; its `strings` property overrides any of them. */
export const leaderboardStrings = {
  ...statusStrings,
  title: 'Leaderboard',
  allTime: 'All time',
  week: 'This week',
  loading: 'Loading the leaderboard…',
  empty: 'No one on the board yet. Complete a lab to be first!',
  you: '(you)',
  xp: (xp: string) => `${xp} XP`,
  rank: (rank: number) => `#${rank}`,
  classTitle: (cohort: string) => `Leaderboard: ${cohort}`,
  ...classStrings,
};

export type LeaderboardStrings = typeof leaderboardStrings;
