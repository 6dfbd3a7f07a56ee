import { html } from 'lit';
import '../src/profile.js';
import type { StaticAcademy } from '../src/connection/index.js';
import { learner, me, namesakes, storyAcademy } from './academy-data.js';

interface Args {
  theme: 'auto' | 'light' | 'dark';
  username?: string;
  editing?: boolean;
  source?: StaticAcademy;
}

export default {
  title: 'Social/Profile',
  component: 'lta-profile',
  args: { theme: 'auto' },
  render: (args: Record<string, unknown>) => {
    const { theme, username, editing, source } = args as unknown as Args;
    return html`<lta-profile
      theme=${theme}
      username=${username ?? ''}
      ?editing=${editing ?? false}
      .source=${source ?? storyAcademy()}
    ></lta-profile>`;
  },
};

/** The signed-in learner: level 3, two achievements. */
export const Populated = {};

export const Dark = { args: { theme: 'dark' } };

/** The signed-in learner changing display name, avatar and time zone. */
export const Editing = {
  args: { editing: true, source: storyAcademy({ tables: { mySettings: [{ timeZone: 'Europe/London' }] } }) },
};

/** The module refused the change: its message says what to do. */
export const EditRefused = {
  args: {
    editing: true,
    source: storyAcademy({
      refuse: { updateProfile: 'Display names may not pass for staff ("admin"): choose another' },
    }),
  },
};

/** Someone else's profile, by username. */
export const OtherLearner = { args: { username: 'grace' } };

export const Loading = { args: { source: storyAcademy({ loading: true, status: { state: 'connecting' } }) } };

/** Connected but not registered yet. */
export const NotRegistered = { args: { source: storyAcademy({ tables: { learner: [] } }) } };

export const Offline = { args: { source: storyAcademy({ fromCache: true, status: { state: 'offline' } }) } };

export const ErrorState = {
  args: {
    source: storyAcademy({ errors: { learner: 'This academy has no "learner" table. Is the module up to date?' } }),
  },
};

/** A long display name and many achievements. */
export const LongContent = {
  args: {
    source: storyAcademy({
      tables: {
        learner: [
          learner(0, 98_765, {
            displayName: 'Ada Augusta King, Countess of Lovelace, first programmer',
            currentStreak: 365,
          }),
        ],
        achievement: Array.from({ length: 14 }, (_, i) => ({
          id: `a${i}`,
          title: `Achievement number ${i + 1}`,
          description: 'A long description of what it takes',
          position: i,
        })),
        achievementAward: Array.from({ length: 9 }, (_, i) => ({
          key: `${me.toHexString()}/a${i}`,
          learner: me,
          achievementId: `a${i}`,
          awardedAt: learner(0, 0).joinedAt,
        })),
      },
    }),
  },
};

/** A moderator's profile: the role badge only the module can grant, beside the name. */
export const Staff = { args: { username: 'grace', source: storyAcademy({ tables: { learner: namesakes } }) } };
