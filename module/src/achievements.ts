/** What achievements are judged on: a learner's standing right after the change that may earn them. */
export interface LearnerStanding {
  labsCompleted: number;
  modulesCompleted: number;
  currentStreak: number;
  labsWithoutHints: number;
  messagesSent: number;
  level: number;
  labsPublished: number;
  /** Every built-in lab is complete. */
  curriculumComplete: boolean;
}

/** One achievement of the catalog. */
export interface Achievement {
  id: string;
  title: string;
  description: string;
  earned(standing: LearnerStanding): boolean;
}

/**
 * The achievement catalog, in display order. Each is awarded once, inside the transaction that earns it, by
 * `awardAchievements` (`domain/progress.ts`).
 */
export const ACHIEVEMENTS: readonly Achievement[] = [
  {
    id: 'first-lab',
    title: 'First steps',
    description: 'Complete your first lab',
    earned: (s) => s.labsCompleted >= 1,
  },
  {
    id: 'five-labs',
    title: 'Getting comfortable',
    description: 'Complete 5 labs',
    earned: (s) => s.labsCompleted >= 5,
  },
  { id: 'fifteen-labs', title: 'Power user', description: 'Complete 15 labs', earned: (s) => s.labsCompleted >= 15 },
  {
    id: 'first-module',
    title: 'Module master',
    description: 'Complete every lab of a module',
    earned: (s) => s.modulesCompleted >= 1,
  },
  {
    id: 'three-modules',
    title: 'Well rounded',
    description: 'Complete three modules',
    earned: (s) => s.modulesCompleted >= 3,
  },
  {
    id: 'curriculum-complete',
    title: 'Graduate',
    description: 'Complete every lab of the curriculum',
    earned: (s) => s.curriculumComplete,
  },
  { id: 'streak-3', title: 'On a roll', description: 'Practise 3 days in a row', earned: (s) => s.currentStreak >= 3 },
  {
    id: 'streak-7',
    title: 'Week of shell',
    description: 'Practise 7 days in a row',
    earned: (s) => s.currentStreak >= 7,
  },
  {
    id: 'streak-30',
    title: 'Habit formed',
    description: 'Practise 30 days in a row',
    earned: (s) => s.currentStreak >= 30,
  },
  {
    id: 'no-hints-10',
    title: 'No help needed',
    description: 'Complete ten labs without opening a hint',
    earned: (s) => s.labsWithoutHints >= 10,
  },
  {
    id: 'first-message',
    title: 'Hello, world',
    description: 'Send your first chat message',
    earned: (s) => s.messagesSent >= 1,
  },
  { id: 'level-5', title: 'Level 5', description: 'Reach level 5', earned: (s) => s.level >= 5 },
  { id: 'level-10', title: 'Level 10', description: 'Reach level 10', earned: (s) => s.level >= 10 },
  {
    id: 'first-published-lab',
    title: 'Author',
    description: 'Publish a lab of your own',
    earned: (s) => s.labsPublished >= 1,
  },
];
