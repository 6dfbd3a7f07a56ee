/**
 * The HTML of an embed page: one widget on an otherwise empty page, made to sit in an LMS's or a blog's iframe.
 * No inline script (the page's CSP allows scripts from this origin only); the widgets come from the bundle at
 * `scriptUrl` and `/embed/frame.js` tells the parent page the content's height.
 */
import { findLab } from '@lta/curriculum';
import type { EmbedLook, EmbedWidget } from './embed-query.js';
import { attributes, escapeHtml } from '../server/html.js';

/** What to render; everything but `widget` and `database` has a default. */
export interface EmbedPage {
  widget: EmbedWidget;
  /** The lab a `lab` page opens (required there), or the lab a `presence` page shows. */
  lab?: string;
  /** Extra attributes of the widget's element (`limit`, `period`, `channel`, `layout`), already validated. */
  attributes?: Record<string, string>;
  /** Theme, accents, font size, height mode; default: follow the system, resize to fit. */
  look?: Partial<EmbedLook>;
  /**
   * A token that signs the learner in (an LTI launch): the page's connection uses it instead of the one this
   * browser remembers. Never put a token in an iframe's URL; render the page with it server-side instead.
   */
  token?: string;
  /** The database the widgets connect to, on this page's own origin. */
  database: string;
  /** Where the widget bundle is served. Default `/lta.js` (what `npm start` serves). */
  scriptUrl?: string;
}

/** The element each widget page shows and the words of its title. */
const ELEMENTS: Record<EmbedWidget, { tag: string; title: string }> = {
  lab: { tag: 'lta-terminal', title: 'Linux lab' },
  leaderboard: { tag: 'lta-leaderboard', title: 'Leaderboard' },
  chat: { tag: 'lta-chat', title: 'Chat' },
  presence: { tag: 'lta-presence', title: 'Who is online' },
  profile: { tag: 'lta-profile', title: 'Your progress' },
  academy: { tag: 'lta-academy', title: 'Your academy account' },
};

/** The page's HTML. Throws when a `lab` page names no lab of the catalog (callers answer 404 first). */
export function renderEmbedPage(page: EmbedPage): string {
  const { tag, title } = ELEMENTS[page.widget];
  const look: EmbedLook = { theme: 'auto', height: 'auto', ...page.look };
  const lab = page.lab === undefined ? undefined : findLab(page.lab);
  if (page.widget === 'lab' && !lab)
    throw new Error(`renderEmbedPage: there is no lab "${page.lab ?? ''}" in the catalog`);
  const heading = lab ? `${title}: ${lab.title}` : title;
  const widget = attributes({
    ...(page.widget === 'lab' || page.widget === 'presence' ? { lab: lab?.id } : {}),
    ...page.attributes,
    database: page.database,
    token: page.token,
    // `auto` leaves the widget to follow the system setting, as the page does.
    theme: look.theme === 'auto' ? undefined : look.theme,
  });
  return pageShell({
    title: heading,
    look,
    head: `<script type="module" src="${escapeHtml(page.scriptUrl ?? '/lta.js')}"></script>\n<script src="/embed/frame.js" defer></script>`,
    body: `<h1 class="visually-hidden">${escapeHtml(heading)}</h1>\n<${tag}${widget}></${tag}>`,
  });
}

/** A page that says what went wrong, in the frame where the widget would have been, with a way on. */
export function renderEmbedProblem(problem: { title: string; message: string; look?: Partial<EmbedLook> }): string {
  return pageShell({
    title: problem.title,
    look: { theme: 'auto', height: 'auto', ...problem.look },
    head: '<script src="/embed/frame.js" defer></script>',
    body:
      `<h1>${escapeHtml(problem.title)}</h1>\n<p>${escapeHtml(problem.message)}</p>\n` +
      '<p><a href="/embed">See every lab and widget you can embed</a></p>',
  });
}

/** The document around a widget: colour scheme, accents and font size from `look`, and the height mode. */
function pageShell(parts: { title: string; look: EmbedLook; head: string; body: string }): string {
  const { look } = parts;
  return `<!doctype html>
<html lang="en"${attributes({ 'data-theme': look.theme, 'data-height': look.height })}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.title)} · Linux Terminal Academy</title>
<style>${lookCss(look)}</style>
${parts.head}
</head>
<body>
<main id="lta-embed">
${parts.body}
</main>
</body>
</html>
`;
}

/** Only validated values (`#rgb` colours, whole numbers) reach this CSS. */
function lookCss(look: EmbedLook): string {
  const scheme = look.theme === 'auto' ? 'light dark' : look.theme;
  const light = look.accent ? `--lta-color-accent: ${look.accent}; --lta-color-focus: ${look.accent};` : '';
  const dark = look.accentDark ? `--lta-color-accent: ${look.accentDark}; --lta-color-focus: ${look.accentDark};` : '';
  const font = look.fontSize ? `font-size: ${look.fontSize}px;` : '';
  return `
:root { color-scheme: ${scheme}; ${light} ${font} }
${dark ? `:root[data-theme='dark'] { ${dark} }\n@media (prefers-color-scheme: dark) { :root[data-theme='auto'] { ${dark} } }` : ''}
html, body { margin: 0; background: Canvas; color: CanvasText; font-family: system-ui, sans-serif; }
main { padding: 1px 0; }
:root[data-height='fill'], :root[data-height='fill'] body { height: 100%; }
:root[data-height='fill'] main { box-sizing: border-box; height: 100%; display: flex; flex-direction: column; }
:root[data-height='fill'] main > :not(h1) { flex: 1; min-height: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
a { color: LinkText; }`;
}
