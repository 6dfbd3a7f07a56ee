/**
 * The query parameters of an embed page, validated: every one is either understood or refused with a 400 that
 * names it, so a typo in an LMS's iframe code shows up at once instead of being silently ignored.
 */
import { findLab } from '@lta/curriculum';
import { HttpError } from '../server/http-responses.js';

/** The widgets that have an embed page, by the path segment after `/embed/`. */
export const EMBED_WIDGETS = ['lab', 'leaderboard', 'chat', 'presence', 'profile', 'academy'] as const;
export type EmbedWidget = (typeof EMBED_WIDGETS)[number];

/** How the page looks and sizes itself: the parameters every embed page accepts. */
export interface EmbedLook {
  /** `auto` follows the learner's system setting. */
  theme: 'light' | 'dark' | 'auto';
  /** Accent colour in the light scheme, `#rgb` or `#rrggbb`; the widgets' own when absent. */
  accent?: string;
  /** Accent colour in the dark scheme (a lighter one keeps 4.5:1 contrast on the dark background). */
  accentDark?: string;
  /** Base font size in CSS pixels (12 to 24). */
  fontSize?: number;
  /**
   * `auto`: the page tells its parent its height (resize messages) so the iframe fits the content.
   * `fill`: the page fills whatever height the iframe has (a fixed-height frame), and sends nothing.
   */
  height: 'auto' | 'fill';
}

/** What one embed page shows: the widget, its own attributes, and the look. */
export interface EmbedRequest {
  widget: EmbedWidget;
  /** The lab of `/embed/lab/:id` (and of `presence?lab=`). */
  lab?: string;
  /** Widget attributes taken from the query (`limit`, `period`, `channel`, `layout`, `cohort`). */
  attributes: Record<string, string>;
  look: EmbedLook;
}

type Parse = (value: string, name: string) => string;

const oneOf =
  (...allowed: string[]): Parse =>
  (value, name) => {
    if (allowed.includes(value)) return value;
    throw new HttpError(400, `Bad Request: ${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  };

const integer =
  (min: number, max: number): Parse =>
  (value, name) => {
    if (/^\d{1,4}$/.test(value) && Number(value) >= min && Number(value) <= max) return String(Number(value));
    throw new HttpError(400, `Bad Request: ${name} must be a whole number from ${min} to ${max} (got "${value}")`);
  };

const colour: Parse = (value, name) => {
  if (/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)) return value.toLowerCase();
  throw new HttpError(
    400,
    `Bad Request: ${name} must be a colour written #rgb or #rrggbb, e.g. %230b6e4f (got "${value}")`,
  );
};

const labId: Parse = (value, name) => {
  if (findLab(value)) return value;
  throw new HttpError(
    400,
    `Bad Request: ${name}: there is no lab "${value}" in the catalog (see /embed for every lab id)`,
  );
};

const channel: Parse = (value, name) => {
  if (value === 'global') return value;
  if (value.startsWith('lab:') && findLab(value.slice(4))) return value;
  throw new HttpError(
    400,
    `Bad Request: ${name} must be "global" or "lab:" followed by a lab id of the catalog (got "${value}")`,
  );
};

/** A class id as the LTI launch names it (`lti:` and up to 64 letters, digits, `-` or `_`), the module's own rule. */
const cohort: Parse = (value, name) => {
  if (/^lti:[A-Za-z0-9_-]{1,64}$/.test(value)) return value;
  throw new HttpError(
    400,
    `Bad Request: ${name} must be a class id such as "lti:abc123" (the id an LTI launch gives the class; got "${value}")`,
  );
};

const LOOK: Record<string, Parse> = {
  theme: oneOf('light', 'dark', 'auto'),
  accent: colour,
  'accent-dark': colour,
  'font-size': integer(12, 24),
  height: oneOf('auto', 'fill'),
};

/** Each widget's own parameters, passed on as attributes of its element. */
const WIDGET_PARAMETERS: Record<EmbedWidget, Record<string, Parse>> = {
  lab: { layout: oneOf('side', 'stacked') },
  leaderboard: { limit: integer(1, 100), period: oneOf('all-time', 'week'), cohort },
  chat: { channel, cohort },
  presence: { lab: labId, limit: integer(1, 200), cohort },
  profile: {},
  academy: {},
};

/**
 * Reads an embed page's query. Throws `HttpError(400)` for an unknown, repeated or invalid parameter, with a
 * message that says which and what is accepted.
 */
export function parseEmbedQuery(widget: EmbedWidget, query: URLSearchParams, lab?: string): EmbedRequest {
  const own = WIDGET_PARAMETERS[widget];
  const values: Record<string, string> = {};
  for (const [name, value] of query) {
    const parse = LOOK[name] ?? own[name];
    if (!parse) {
      const known = [...Object.keys(LOOK), ...Object.keys(own)].join(', ');
      throw new HttpError(400, `Bad Request: /embed/${widget} has no parameter "${name}" (it accepts ${known})`);
    }
    if (name in values) throw new HttpError(400, `Bad Request: the parameter "${name}" is given more than once`);
    values[name] = parse(value, name);
  }
  const attributes = Object.fromEntries(Object.entries(values).filter(([name]) => name in own));
  return {
    widget,
    ...(lab === undefined ? {} : { lab }),
    attributes,
    look: {
      theme: (values.theme ?? 'auto') as EmbedLook['theme'],
      height: (values.height ?? 'auto') as EmbedLook['height'],
      ...(values.accent === undefined ? {} : { accent: values.accent }),
      ...(values['accent-dark'] === undefined ? {} : { accentDark: values['accent-dark'] }),
      ...(values['font-size'] === undefined ? {} : { fontSize: Number(values['font-size']) }),
    },
  };
}
