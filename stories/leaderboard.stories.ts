import { html } from 'lit';
import '../src/leaderboard.js';
import { StaticAcademy } from '../src/connection/index.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { countsOf, learner, me, namesakes, storyAcademy } from './academy-data.js';
import { CLASS_ID, classAcademy } from './class-data.js';

interface Args {
  cohort?: string;
  limit: number;
  period: 'all-time' | 'week';
  theme: 'auto' | 'light' | 'dark';
  source?: StaticAcademy;
}

export default {
  title: 'Social/Leaderboard',
  component: 'lta-leaderboard',
  args: { limit: 5, period: 'all-time', theme: 'auto' },
  render: (args: Record<string, unknown>) => {
    const { limit, period, theme, cohort, source } = args as unknown as Args;
    return html`<lta-leaderboard
      limit=${limit}
      period=${period}
      theme=${theme}
      cohort=${ifDefined(cohort)}
      .source=${source ?? storyAcademy()}
    ></lta-leaderboard>`;
  },
};

/** The top five; the viewer, tenth, is shown below with their exact rank. */
export const Populated = {};

/** The viewer is inside the top. */
export const ViewerInTop = { args: { limit: 10 } };

export const Dark = { args: { theme: 'dark' } };

export const Loading = { args: { source: storyAcademy({ loading: true, status: { state: 'connecting' } }) } };

export const Empty = {
  args: { source: new StaticAcademy({ status: { identity: me }, tables: { learner: [], xpCount: [] } }) },
};

export const Offline = {
  args: {
    source: storyAcademy({ fromCache: true, status: { state: 'offline' } }),
  },
};

export const ErrorState = {
  args: {
    source: storyAcademy({ errors: { xpCount: 'This academy has no "xp_count" table. Is the module up to date?' } }),
  },
};

const many = Array.from({ length: 60 }, (_, n) =>
  learner(n, 5000 - n * 37, { displayName: `Learner with a rather long display name number ${n}` }),
);

/** Long names and many learners. */
export const LongContent = {
  args: {
    limit: 25,
    source: storyAcademy({ tables: { learner: many, xpCount: countsOf(many) } }),
  },
};

/** Two learners named "Ada Journey", told apart by their @username; a moderator's badge; a right-to-left name. */
export const Namesakes = { args: { source: storyAcademy({ tables: { learner: namesakes } }) } };

/** A class's board (`cohort`): its top learners and the viewer's own line; no period switch (all time). */
export const ClassBoard = { args: { cohort: CLASS_ID, source: classAcademy() } };

/** `cohort="launch"` on a page that was not opened from a course. */
export const ClassWithoutLaunch = { args: { cohort: 'launch', source: classAcademy() } };
