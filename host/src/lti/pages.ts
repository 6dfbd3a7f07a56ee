/**
 * The HTML the tool answers with: refusals a learner or LMS admin can act on, and pages that post a form on their
 * own (the OIDC redirects and the deep-linking return are browser form posts, LTI core §4 and DL 2.0 §4.5).
 * Every page sets a CSP and may be framed by any LMS (LTI launches run in the LMS's iframe).
 */
import type { ServerResponse } from 'node:http';
import { escapeHtml } from '../server/html.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem;color:#1b1f24;background:#fff}
@media (prefers-color-scheme:dark){body{color:#e6edf3;background:#0d1117}a{color:#79c0ff}}
h1{font-size:1.25rem}button{font:inherit;padding:.4rem .9rem}`;

/** A whole page: `body` is trusted HTML (escape every value put in it); `scriptSrc` adds script sources to the CSP. */
export function sendPage(
  res: ServerResponse,
  status: number,
  title: string,
  body: string,
  options: { head?: string; scriptSrc?: string } = {},
): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style>${options.head ?? ''}</head><body>${body}</body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    // Launches run inside the LMS's iframe, whichever LMS that is.
    'content-security-policy': `frame-ancestors *; default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline' ${options.scriptSrc ?? "'self'"}; connect-src *; form-action *`,
  });
  res.end(html);
}

/** A refusal page: what went wrong and what to do, never a stack trace. */
export function sendRefusal(res: ServerResponse, status: number, message: string): void {
  sendPage(
    res,
    status,
    'Linux Terminal Academy: launch refused',
    `<main><h1>This activity could not open</h1><p role="alert">${escapeHtml(message)}</p>
<p>If this keeps happening, give this message to your course administrator.</p></main>`,
  );
}

/** A page that posts `fields` to `action` at once (with a button for browsers that run no scripts). */
export function sendAutoPost(
  res: ServerResponse,
  action: string,
  fields: Record<string, string>,
  title = 'Continuing...',
): void {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  sendPage(
    res,
    200,
    title,
    `<form method="post" action="${escapeHtml(action)}">${inputs}<noscript><button>Continue</button></noscript></form>
<script>document.forms[0].submit()</script>`,
  );
}
