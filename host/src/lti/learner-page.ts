/**
 * What a launch opens: one lab in the terminal, or one widget, with the academy token the launch minted handed to
 * `<lta-academy token=...>` (kept for this page only: each launch from the LMS signs in afresh).
 */
import { findLab } from '@lta/curriculum';
import { escapeHtml } from '../server/html.js';

/**
 * Widgets an instructor may place in a course (custom parameter `widget`). Class widgets show the course's class
 * (`cohort="launch"`: the class named by the launch's token) when the launch came from a course.
 */
export const PLACEABLE_WIDGETS = {
  leaderboard: {
    element: 'lta-leaderboard',
    title: 'Leaderboard',
    text: "The class's leaderboard, live.",
    classScoped: true,
  },
  chat: { element: 'lta-chat', title: 'Class chat', text: 'Chat with the class.', classScoped: true },
  presence: {
    element: 'lta-presence',
    title: "Who's online",
    text: 'Who of the class is practising now.',
    classScoped: true,
  },
  progress: {
    element: 'lta-class-progress',
    title: 'Class progress (instructors)',
    text: "Each learner against each lab, live, with CSV export; only the course's instructors see it.",
    classScoped: true,
  },
  profile: {
    element: 'lta-profile',
    title: 'My progress',
    text: "The learner's level, XP and streak.",
    classScoped: false,
  },
} as const;

export type PlaceableWidget = keyof typeof PLACEABLE_WIDGETS;

/** What one resource link shows, from its custom parameters. */
export type Placement = { lab: string } | { widget: PlaceableWidget } | { catalog: true };

/** The placement a launch's custom parameters name; unknown ids fall back to the whole catalog with a note. */
export function placementOf(custom: Record<string, string> | undefined): {
  placement: Placement;
  note?: string;
} {
  const lab = custom?.['lab'];
  if (lab !== undefined) {
    return findLab(lab)
      ? { placement: { lab } }
      : {
          placement: { catalog: true },
          note: `There is no lab "${lab}" in the catalog: ask your instructor to pick the lab again.`,
        };
  }
  const widget = custom?.['widget'];
  if (widget !== undefined) {
    return Object.hasOwn(PLACEABLE_WIDGETS, widget)
      ? { placement: { widget: widget as PlaceableWidget } }
      : {
          placement: { catalog: true },
          note: `There is no widget "${widget}"; use one of ${Object.keys(PLACEABLE_WIDGETS).join(', ')}.`,
        };
  }
  return { placement: { catalog: true } };
}

/** The page body for a learner: the academy connection (with the token) and the placed lab or widget. */
export function learnerPageBody(options: {
  server: string;
  database: string;
  token: string;
  placement: Placement;
  /** The launch came from a course: class widgets show its class. */
  inCourse: boolean;
  note?: string | undefined;
}): { title: string; body: string } {
  const academy = `<lta-academy server="${escapeHtml(options.server)}" database="${escapeHtml(options.database)}" token="${escapeHtml(options.token)}" token-storage="none"></lta-academy>`;
  const note = options.note ? `<p role="status">${escapeHtml(options.note)}</p>` : '';
  const { placement } = options;
  if ('lab' in placement) {
    const title = findLab(placement.lab)?.title ?? placement.lab;
    return {
      title,
      body: `${academy}<main>${note}<lta-terminal lab="${escapeHtml(placement.lab)}" layout="stacked"></lta-terminal></main>`,
    };
  }
  if ('widget' in placement) {
    const widget = PLACEABLE_WIDGETS[placement.widget];
    const cohort = widget.classScoped && options.inCourse ? ' cohort="launch"' : '';
    return {
      title: widget.title,
      body: `${academy}<main>${note}<${widget.element}${cohort}></${widget.element}></main>`,
    };
  }
  const cohort = options.inCourse ? ' cohort="launch"' : '';
  return {
    title: 'Linux Terminal Academy',
    body: `${academy}<main>${note}<lta-profile></lta-profile><lta-leaderboard${cohort}></lta-leaderboard></main>`,
  };
}
