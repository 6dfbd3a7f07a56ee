import { statusStrings } from '../kit/index.js';

/** Every word `<lta-profile>` shows, its edit form's included; its `strings` property overrides any of them. */
export const profileStrings = {
  ...statusStrings,
  title: 'Your progress',
  loading: 'Loading your progress…',
  notRegistered: 'Choose a username to start earning XP.',
  notFound: 'No learner with that name.',
  level: (level: number) => `Level ${level}`,
  toNext: (left: string, next: number) => `${left} XP to level ${next}`,
  xpBar: 'XP towards the next level',
  xp: 'XP',
  streak: 'Day streak',
  longest: (days: number) => `Longest: ${days}`,
  labs: 'Labs done',
  achievements: 'Achievements',
  earned: (title: string) => `${title} (earned)`,
  levelUp: (level: number) => `Level up! You reached level ${level}.`,
  edit: 'Edit profile',
  formFailed: 'The edit form could not be loaded. Check your connection and reload the page.',
  displayName: 'Display name',
  avatarUrl: 'Avatar URL (https://)',
  timeZone: 'Time zone',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  saved: 'Profile saved.',
};

export type ProfileStrings = typeof profileStrings;
