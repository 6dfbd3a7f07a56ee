/**
 * The host's `/embed` routes: the catalog page, one page per widget and per lab for iframes, and the small
 * scripts they use. Embed pages may be framed by any site (or those `frameAncestors` names) and carry a strict
 * CSP; nothing here sets or reads a cookie: identity is the token the widgets keep in the browser's storage.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findLab } from '@lta/curriculum';
import { HttpError, decodePathSegment, requestUrl } from '../server/http-responses.js';
import { renderCatalogPage } from './catalog-page.js';
import { EMBED_WIDGETS, parseEmbedQuery, type EmbedWidget } from './embed-query.js';
import { renderEmbedPage, renderEmbedProblem } from './embed-page.js';

export interface EmbedOptions {
  /**
   * Who may frame the embed pages: a CSP `frame-ancestors` source list, e.g.
   * `https://school.instructure.com https://*.moodle.example.org`. Default `*` (any site). The rest of the
   * host keeps its own headers.
   */
  frameAncestors?: string;
  /** Where the widget bundle is served; a full URL for a CDN. Default `/lta.js` on the host (what `npm start` serves). */
  scriptUrl?: string;
  /**
   * The host's public origin for the copy-paste code, e.g. `https://academy.example.org` (behind a proxy).
   * Default: from the request's `Host` header.
   */
  publicUrl?: string;
}

/** A handler for the host's fallback chain: answers `/embed` and `/embed/...`, false for any other path. */
export type EmbedHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const ASSETS: Record<string, string> = Object.fromEntries(
  ['frame.js', 'auto-height.js', 'catalog.js'].map((name) => [
    name,
    readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8'),
  ]),
);

/** Validates the options (a bad `frameAncestors` would break every frame, so it fails at start) and makes the handler. */
export function embedRoutes(database: string, options: EmbedOptions = {}): EmbedHandler {
  const scriptUrl = options.scriptUrl ?? '/lta.js';
  const pageHeaders = embedPageHeaders(options);
  const publicUrl = options.publicUrl === undefined ? undefined : new URL(options.publicUrl).origin;

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string>,
  ) => {
    res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const page = (req: IncomingMessage, res: ServerResponse, status: number, html: string) =>
    send(req, res, status, html, pageHeaders);
  const problem = (req: IncomingMessage, res: ServerResponse, status: number, title: string, message: string) =>
    page(req, res, status, renderEmbedProblem({ title, message }));

  return async (req, res) => {
    let url: URL;
    try {
      url = requestUrl(req);
    } catch {
      return false;
    }
    const path = url.pathname;
    // Course authors look for the lab catalog at /labs; 308 keeps the method and the query.
    if (path === '/labs' || path === '/labs/') {
      send(req, res, 308, 'Permanent Redirect: the lab catalog is at /embed\n', {
        'content-type': 'text/plain; charset=utf-8',
        location: `/embed${url.search}`,
      });
      return true;
    }
    if (path !== '/embed' && !path.startsWith('/embed/')) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, `Method Not Allowed: ${path} answers GET and HEAD only\n`, {
        'content-type': 'text/plain; charset=utf-8',
        allow: 'GET, HEAD',
      });
      return true;
    }
    const segments = path
      .split('/')
      .slice(2)
      .filter((segment, i, all) => segment !== '' || i < all.length - 1);
    const asset = segments.length === 1 ? ASSETS[segments[0]!] : undefined;
    if (asset !== undefined) {
      send(req, res, 200, asset, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'access-control-allow-origin': '*',
      });
      return true;
    }
    try {
      if (segments.length === 0 || (segments.length === 1 && segments[0] === '')) {
        const { look } = parseEmbedQuery('academy', onlyTheme(url.searchParams));
        page(req, res, 200, renderCatalogPage({ origin: publicUrl ?? originOf(req), database }, look.theme));
        return true;
      }
      const widget = segments[0] as EmbedWidget;
      if (!EMBED_WIDGETS.includes(widget) || segments.length > (widget === 'lab' ? 2 : 1)) {
        problem(
          req,
          res,
          404,
          'No such embed',
          `There is no embed page at ${path}. Embed pages: ${EMBED_WIDGETS.map((w) => `/embed/${w}`).join(', ')}.`,
        );
        return true;
      }
      let lab: string | undefined;
      if (widget === 'lab') {
        lab = decodePathSegment(segments[1] ?? '');
        if (!findLab(lab)) {
          const named = lab === '' ? 'This address names no lab' : `There is no lab "${lab}" in the catalog`;
          problem(req, res, 404, 'Lab not found', `${named}. The catalog lists every lab id you can embed.`);
          return true;
        }
      }
      const request = parseEmbedQuery(widget, url.searchParams, lab);
      page(req, res, 200, renderEmbedPage({ ...request, lab: lab ?? request.attributes.lab, database, scriptUrl }));
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      problem(req, res, error.status, 'This embed code has a mistake', error.message.replace(/^Bad Request: /, ''));
    }
    return true;
  };
}

/**
 * The headers of an embed page: framable by `frameAncestors` (default any site), a strict CSP, no referrer. For
 * routes outside `/embed` that answer with `renderEmbedPage()` (an LTI launch). Throws when `frameAncestors` is
 * not a CSP source list.
 */
export function embedPageHeaders(options: EmbedOptions = {}): Record<string, string> {
  const scriptUrl = options.scriptUrl ?? '/lta.js';
  const frameAncestors = checkFrameAncestors(options.frameAncestors ?? '*');
  const scriptOrigin = /^https?:\/\//i.test(scriptUrl) ? ` ${new URL(scriptUrl).origin}` : '';
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'content-security-policy': [
      "default-src 'none'",
      // No inline script; 'unsafe-eval' because the spacetimedb SDK compiles its row readers with Function().
      `script-src 'self'${scriptOrigin} 'unsafe-eval'`,
      // The terminal (xterm) writes its colours into <style> elements at run time.
      "style-src 'self' 'unsafe-inline'",
      "connect-src 'self'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "base-uri 'none'",
      "form-action 'none'",
      `frame-ancestors ${frameAncestors}`,
    ].join('; '),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/** The catalog accepts `theme` only; anything else is refused as on an embed page. */
function onlyTheme(query: URLSearchParams): URLSearchParams {
  for (const name of query.keys()) {
    if (name !== 'theme') throw new HttpError(400, `Bad Request: /embed has no parameter "${name}" (it accepts theme)`);
  }
  return query;
}

/** The origin the request was sent to, for code that points back at this host. */
function originOf(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  if (!/^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i.test(host)) {
    throw new HttpError(400, 'Bad Request: the Host header is missing or malformed');
  }
  const secure =
    req.headers['x-forwarded-proto'] === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${secure ? 'https' : 'http'}://${host}`;
}

/**
 * Checks a frame-ancestors source list and returns it normalised; throws naming the bad source. Each source must be
 * one CSP source expression: `;` or `,` would end the directive and smuggle others in.
 */
export function checkFrameAncestors(list: string): string {
  const sources = list.trim().split(/\s+/);
  const source =
    /^(?:\*|'self'|'none'|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9.-]+(?::(?:\d{1,5}|\*))?(?:\/[^\s;,]*)?)$/i;
  const bad = sources.find((s) => !source.test(s));
  if (list.trim() === '' || bad !== undefined) {
    throw new Error(
      `embed frameAncestors: "${bad ?? list}" is not a CSP source (e.g. *, 'self', https://school.instructure.com)`,
    );
  }
  return sources.join(' ');
}
