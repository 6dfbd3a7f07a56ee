/**
 * `/embed`: every lab and widget the academy can put on another page, each with its embed code for script-tag
 * pages and for iframes (what LMS editors keep), and copy buttons. Light and dark, following the system unless
 * `?theme=` says otherwise.
 */
import { CURRICULUM } from '@lta/curriculum';
import { autoHeightCode, iframeCode, scriptSetupCode, type AcademySite } from './embed-code.js';
import { escapeHtml } from '../server/html.js';

/** The widgets besides labs, with the element a script-tag page writes. */
const WIDGETS = [
  { path: 'leaderboard', title: 'Leaderboard', element: '<lta-leaderboard limit="10"></lta-leaderboard>', height: 480 },
  { path: 'chat', title: 'Chat', element: '<lta-chat channel="global"></lta-chat>', height: 520 },
  { path: 'presence', title: 'Who is online', element: '<lta-presence></lta-presence>', height: 320 },
  { path: 'profile', title: 'Your progress', element: '<lta-profile></lta-profile>', height: 360 },
  { path: 'academy', title: 'Your academy account', element: '<lta-academy></lta-academy>', height: 240 },
];

const LAB_HEIGHT = 640;

/** Makes code blocks with copy buttons, numbered from 1 on each page. */
function codeBlocks(): (code: string, what: string) => string {
  let count = 0;
  /** A code block and its copy button; `what` names it for the button's label and the announcement. */
  return (code, what) => {
    const id = `code-${++count}`;
    return (
      `<div class="copyable"><pre><code id="${id}">${escapeHtml(code)}</code></pre>` +
      `<button type="button" data-copy="${id}" data-what="${escapeHtml(what)}" aria-label="Copy ${escapeHtml(what)}">Copy</button></div>`
    );
  };
}

/** The catalog page's HTML. */
export function renderCatalogPage(site: AcademySite, theme: 'light' | 'dark' | 'auto'): string {
  const copyable = codeBlocks();
  const labRows = CURRICULUM.flatMap((module) =>
    module.labs.map(
      (lab) => `<tr>
<th scope="row"><code>${escapeHtml(lab.id)}</code></th>
<td>${escapeHtml(lab.title)}</td>
<td>${escapeHtml(module.title)}</td>
<td>${escapeHtml(lab.difficulty)}</td>
<td class="codes">
${copyable(iframeCode(site, `lab/${lab.id}`, `Linux lab: ${lab.title}`, LAB_HEIGHT), `the iframe code for ${lab.id}`)}
${copyable(`<lta-terminal lab="${lab.id}"></lta-terminal>`, `the script-tag code for ${lab.id}`)}
</td>
</tr>`,
    ),
  );
  const widgetRows = WIDGETS.map(
    (widget) => `<tr>
<th scope="row">${escapeHtml(widget.title)}</th>
<td class="codes">
${copyable(iframeCode(site, widget.path, widget.title, widget.height), `the iframe code for the ${widget.path}`)}
${copyable(widget.element, `the script-tag code for the ${widget.path}`)}
</td>
</tr>`,
  );
  return `<!doctype html>
<html lang="en" data-theme="${theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Embed the academy · Linux Terminal Academy</title>
<style>${CATALOG_CSS}</style>
<script src="/embed/catalog.js" defer></script>
</head>
<body>
<main>
<h1>Embed the academy</h1>
<p>Every lab and widget below goes on a page in one of two ways:</p>
<ul>
<li><strong>Script tags</strong> (WordPress, Ghost, static sites, any page that keeps <code>&lt;script&gt;</code>):
add the setup once per page, then the element of each lab or widget.</li>
<li><strong>Iframes</strong> (Canvas, Moodle, Blackboard, D2L: their editors remove scripts): paste the iframe code.
In an LMS the frame fits its content by itself; on a page you control, add the auto-height script once.</li>
</ul>
<h2>Setup for script-tag pages (once per page)</h2>
${copyable(scriptSetupCode(site), 'the script-tag setup')}
<h2>Auto-height for iframes on your own pages (optional, once per page)</h2>
${copyable(autoHeightCode(site), 'the auto-height script')}
<h2>Widgets</h2>
<table>
<thead><tr><th scope="col">Widget</th><th scope="col">Embed code (iframe, then script tag)</th></tr></thead>
<tbody>
${widgetRows.join('\n')}
</tbody>
</table>
<h2>Labs</h2>
<p>Themes for iframes: add <code>?theme=light</code> or <code>dark</code>, <code>accent=%23rrggbb</code>,
<code>accent-dark=%23rrggbb</code>, <code>font-size=12..24</code>, <code>height=fill</code> for a fixed-height frame.</p>
<table>
<thead><tr><th scope="col">Lab id</th><th scope="col">Title</th><th scope="col">Module</th><th scope="col">Difficulty</th><th scope="col">Embed code (iframe, then script tag)</th></tr></thead>
<tbody>
${labRows.join('\n')}
</tbody>
</table>
<p id="copy-status" role="status" aria-live="polite"></p>
</main>
</body>
</html>
`;
}

const CATALOG_CSS = `
:root { color-scheme: light; --bg: #ffffff; --text: #1b1e23; --muted: #4f5663; --line: #c9cdd4; --code: #f2f3f5;
  --accent: #0b5cad; --on-accent: #ffffff; }
:root[data-theme='dark'] { color-scheme: dark; --bg: #16181d; --text: #e8eaef; --muted: #b3b8c2; --line: #4a505c;
  --code: #22262e; --accent: #8ab4ff; --on-accent: #0d1117; }
@media (prefers-color-scheme: dark) {
  :root[data-theme='auto'] { color-scheme: dark; --bg: #16181d; --text: #e8eaef; --muted: #b3b8c2; --line: #4a505c;
    --code: #22262e; --accent: #8ab4ff; --on-accent: #0d1117; }
}
body { margin: 0; background: var(--bg); color: var(--text); font: 16px/1.5 system-ui, sans-serif; }
main { max-width: 80rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 0.5rem; text-align: left; vertical-align: top; }
thead th { color: var(--muted); font-weight: 600; }
.codes { min-width: 24rem; }
.copyable { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0.25rem 0; }
pre { flex: 1; margin: 0; padding: 0.5rem; background: var(--code); border-radius: 4px; white-space: pre-wrap;
  word-break: break-all; font-size: 0.85rem; }
button { font: inherit; padding: 0.25rem 0.75rem; border: 1px solid var(--accent); border-radius: 4px;
  background: var(--accent); color: var(--on-accent); cursor: pointer; }
button:focus-visible { outline: 3px solid var(--text); outline-offset: 2px; }
#copy-status { position: sticky; bottom: 0; min-height: 1.5em; margin: 0; background: var(--bg); }
`;
