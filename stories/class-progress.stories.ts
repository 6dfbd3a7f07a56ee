import { html } from 'lit';
import '../src/class-progress.js';
import type { StaticAcademy } from '../src/connection/index.js';
import { identityOf, learner } from './academy-data.js';
import { CLASS_ID, classAcademy, classRow } from './class-data.js';

interface Args {
  theme: 'auto' | 'light' | 'dark';
  cohort: string;
  source?: StaticAcademy;
}

export default {
  title: 'Classes/Class progress',
  component: 'lta-class-progress',
  args: { theme: 'auto', cohort: CLASS_ID },
  render: (args: Record<string, unknown>) => {
    const { theme, cohort, source } = args as unknown as Args;
    return html`<lta-class-progress theme=${theme} cohort=${cohort} .source=${source ?? classAcademy()}></lta-class-progress>`;
  },
};

/** Eight learners against three labs, as their instructor sees it. */
export const Populated = {};

export const Dark = { args: { theme: 'dark' } };

export const Loading = { args: { source: classAcademy({ loading: true, status: { state: 'connecting' } }) } };

/** The class exists but nobody has launched from the course yet. */
export const Empty = {
  args: { source: classAcademy({ tables: { myCohortMembers: [], classProgress: [] } }) },
};

export const Offline = { args: { source: classAcademy({ fromCache: true, status: { state: 'offline' } }) } };

export const ErrorState = {
  args: {
    source: classAcademy({
      errors: { classProgress: 'This academy has no "class_progress" table. Is the module up to date?' },
    }),
  },
};

/** A learner of the class opens the instructor view: the module sends no rows, and the widget says why. */
export const NotInstructor = { args: { source: classAcademy({}, 'learner') } };

/** `cohort="launch"` on a page not opened from a course. */
export const NoLaunch = { args: { cohort: 'launch' } };

const crowd = Array.from({ length: 40 }, (_, n) => n + 1);

/** Forty learners with long names: the table scrolls inside its card, the learner column stays in view. */
export const LongContent = {
  args: {
    source: classAcademy({
      tables: {
        myCohorts: [
          { ...classRow(), title: 'Introduction to the Linux command line for first-year engineering students' },
        ],
        learner: crowd.map((n) => learner(n, n, { displayName: `Learner ${n} with a very long display name indeed` })),
        myCohortMembers: crowd.map((n) => ({
          key: `${CLASS_ID}/${identityOf(n).toHexString()}`,
          cohort: CLASS_ID,
          learner: identityOf(n),
          role: 'learner',
          lmsName: '',
          joinedAt: learner(n, 0).joinedAt,
        })),
      },
    }),
  },
};

/** A class the owner opened without an LMS: its instructor sees the invite code to hand out. */
export const InviteClass = {
  args: {
    cohort: 'code:EVENING',
    source: classAcademy({
      tables: {
        myCohorts: [
          { ...classRow(), id: 'code:EVENING', title: 'Evening class', source: 'invite', inviteCode: 'K7PQ2MXR9TWA' },
        ],
        myCohortMembers: [],
        classProgress: [],
      },
    }),
  },
};
