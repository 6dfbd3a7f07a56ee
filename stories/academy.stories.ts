import { html } from 'lit';
import '../src/academy.js';
import type { StaticAcademy } from '../src/connection/index.js';
import { learner, storyAcademy } from './academy-data.js';

interface Args {
  theme: 'auto' | 'light' | 'dark';
  source?: StaticAcademy;
}

export default {
  title: 'Social/Academy',
  component: 'lta-academy',
  args: { theme: 'auto' },
  render: (args: Record<string, unknown>) => {
    const { theme, source } = args as unknown as Args;
    return html`<lta-academy theme=${theme} .source=${source ?? storyAcademy({ tables: { learner: [] } })}></lta-academy>`;
  },
};

/** A new learner: the sign-up form. */
export const SignUp = {};

export const Dark = { args: { theme: 'dark' } };

/** The username was refused by the module: its message beside the field (after submitting). */
export const Refused = {
  args: { source: storyAcademy({ tables: { learner: [] }, refuse: { registerUser: 'That username is taken' } }) },
};

/** Registered: one quiet line. */
export const SignedIn = { args: { source: storyAcademy() } };

export const Connecting = { args: { source: storyAcademy({ loading: true, status: { state: 'connecting' } }) } };

export const Offline = {
  args: { source: storyAcademy({ loading: true, status: { state: 'offline' } }) },
};

export const ErrorState = {
  args: { source: storyAcademy({ loading: true, status: { state: 'error', message: 'Cannot reach the academy' } }) },
};

/** A registered learner with a very long display name. */
export const LongContent = {
  args: {
    source: storyAcademy({
      tables: { learner: [learner(0, 10, { displayName: 'A display name that goes on and on for quite a while' })] },
    }),
  },
};

/** A moderator whose display name is written right to left: isolated, with the @username and a staff badge. */
export const SignedInStaff = {
  args: { source: storyAcademy({ tables: { learner: [learner(0, 10, { displayName: 'مريم', role: 'moderator' })] } }) },
};
