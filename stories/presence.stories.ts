import { html } from 'lit';
import '../src/presence.js';
import type { StaticAcademy } from '../src/connection/index.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { identityOf, learner, namesakes, storyAcademy } from './academy-data.js';
import { CLASS_ID, classAcademy } from './class-data.js';

interface Args {
  cohort?: string;
  theme: 'auto' | 'light' | 'dark';
  limit: number;
  source?: StaticAcademy;
}

export default {
  title: 'Social/Presence',
  component: 'lta-presence',
  args: { theme: 'auto', limit: 50 },
  render: (args: Record<string, unknown>) => {
    const { theme, limit, cohort, source } = args as unknown as Args;
    return html`<lta-presence
      silent
      theme=${theme}
      limit=${limit}
      cohort=${ifDefined(cohort)}
      .source=${source ?? storyAcademy()}
    ></lta-presence>`;
  },
};

/** Five learners online, one idle, some in a lab. */
export const Populated = {};

export const Dark = { args: { theme: 'dark' } };

export const Loading = { args: { source: storyAcademy({ loading: true, status: { state: 'connecting' } }) } };

export const Empty = { args: { source: storyAcademy({ tables: { presence: [] } }) } };

export const Offline = { args: { source: storyAcademy({ fromCache: true, status: { state: 'offline' } }) } };

export const ErrorState = {
  args: {
    source: storyAcademy({
      errors: { onlineLearners: 'This academy has no "online_learners" table. Is the module up to date?' },
    }),
  },
};

const crowd = Array.from({ length: 80 }, (_, n) => n);

/** Eighty learners online, long names: the first twenty listed, the rest counted. */
export const LongContent = {
  args: {
    limit: 20,
    source: storyAcademy({
      tables: {
        learner: crowd.map((n) =>
          learner(n, n * 10, { displayName: `Learner ${n} with a very long display name indeed` }),
        ),
        presence: crowd.map((n) => ({
          learner: identityOf(n),
          connections: 1,
          online: true,
          idle: n % 7 === 0,
          currentLab: n % 3 === 0 ? 'pipes-and-redirection-202' : '',
          lastSeen: learner(n, 0).joinedAt,
        })),
      },
    }),
  },
};

/** Two learners named "Ada Journey", told apart by their @username; a moderator's badge; a right-to-left name. */
export const Namesakes = { args: { source: storyAcademy({ tables: { learner: namesakes } }) } };

/** Who of one class is online (`cohort`). */
export const ClassPresence = { args: { cohort: CLASS_ID, source: classAcademy() } };
