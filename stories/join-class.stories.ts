import { html } from 'lit';
import '../src/join-class.js';
import type { StaticAcademy } from '../src/connection/index.js';
import { storyAcademy } from './academy-data.js';
import { classRow } from './class-data.js';

interface Args {
  theme: 'auto' | 'light' | 'dark';
  source?: StaticAcademy;
}

const inClasses = () =>
  storyAcademy({
    tables: {
      myCohorts: [classRow('learner'), { ...classRow(), id: 'code:EVENING', title: 'Evening class', source: 'invite' }],
      myCohortCodeTry: [],
    },
  });

export default {
  title: 'Classes/Join a class',
  component: 'lta-join-class',
  args: { theme: 'auto' },
  render: (args: Record<string, unknown>) => {
    const { theme, source } = args as unknown as Args;
    return html`<lta-join-class theme=${theme} .source=${source ?? inClasses()}></lta-join-class>`;
  },
};

/** A learner in two classes, teaching one. */
export const Populated = {};

export const Dark = { args: { theme: 'dark' } };

/** In no class yet. */
export const Empty = { args: { source: storyAcademy({ tables: { myCohorts: [], myCohortCodeTry: [] } }) } };

export const Loading = { args: { source: storyAcademy({ loading: true, status: { state: 'connecting' } }) } };

export const Offline = {
  args: {
    source: storyAcademy({
      fromCache: true,
      status: { state: 'offline' },
      tables: { myCohorts: [classRow('learner')] },
    }),
  },
};

export const ErrorState = {
  args: {
    source: storyAcademy({
      errors: { myCohorts: 'This academy has no "my_cohorts" table. Is the module up to date?' },
    }),
  },
};
