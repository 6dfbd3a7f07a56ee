import { AcademyConnection, academyKey, type AcademyConfig } from './academy-connection.js';
import type { AcademySource } from './types.js';

/**
 * The page-level registry: one connection per academy (server + database) and the page's academy, the first one
 * configured. It lives on `globalThis` under a registered symbol so that two copies of our bundle on one page
 * (a CDN tag and an npm build) share it, and with it one WebSocket.
 */
interface PageState {
  connections: Map<string, AcademySource & Partial<Pick<AcademyConnection, 'setToken' | 'close'>>>;
  academy?: { key: string; from: string };
  listeners: Set<(source: AcademySource) => void>;
  /** Set by the first copy that answers context requests on the document. */
  answering?: boolean;
}

const PAGE_KEY = Symbol.for('linux-terminal-academy.page.v1');

/** The page's shared state, created by whichever copy of the bundle runs first. */
export function pageState(): PageState {
  const holder = globalThis as unknown as Record<symbol, PageState | undefined>;
  return (holder[PAGE_KEY] ??= { connections: new Map(), listeners: new Set() });
}

/**
 * Configures the page's academy. Call it once from the page, or let `<lta-academy server=… database=…>` (or
 * any widget with those attributes) do it: the first configuration wins, a different later one is ignored
 * with a console warning, and the same one again only updates the token when it brings one.
 *
 * @param from What configured it, named in the warning (`<lta-chat>`, `configureAcademy()`).
 * @returns The page's academy connection.
 */
export function configureAcademy(config: AcademyConfig, from = 'configureAcademy()'): AcademySource {
  const page = pageState();
  const key = academyKey(config.server, config.database);
  const current = page.academy && page.connections.get(page.academy.key);
  if (page.academy && current) {
    if (page.academy.key !== key) {
      console.warn(
        `[linux-terminal-academy] ${from} asks for ${key}, but ${page.academy.from} already set this page's ` +
          `academy to ${page.academy.key}. The first configuration wins.`,
      );
    } else if (config.token !== undefined) {
      current.setToken?.(config.token);
    }
    return current;
  }
  let source = page.connections.get(key);
  if (!source) {
    source = new AcademyConnection(config);
    page.connections.set(key, source);
  }
  page.academy = { key, from };
  for (const listener of page.listeners) listener(source);
  return source;
}

/** The page's academy, if one is configured yet. */
export function pageAcademy(): AcademySource | undefined {
  const page = pageState();
  return page.academy ? page.connections.get(page.academy.key) : undefined;
}

/** Calls `listener` when the page's academy gets configured. */
export function onPageAcademy(listener: (source: AcademySource) => void): () => void {
  const page = pageState();
  page.listeners.add(listener);
  return () => page.listeners.delete(listener);
}

/**
 * Signs the learner in with a token from the site's or LMS's own sign-in (or out, with `undefined`): the page's
 * academy reconnects as that identity. A different learner (or `undefined`) first wipes what this device kept
 * for the previous one: cached rows, saved labs, the remembered token. Throws when no academy is configured yet.
 */
export function setAcademyToken(token: string | undefined): void {
  const source = pageAcademy();
  if (!source) throw new Error('Configure the academy first (configureAcademy or <lta-academy server database>)');
  const connection = source as Partial<Pick<AcademyConnection, 'setToken'>>;
  connection.setToken?.(token);
}

/** Closes and forgets every connection (tests only: a page never needs it). */
export function resetPageAcademy(): void {
  const page = pageState();
  for (const connection of page.connections.values()) connection.close?.();
  page.connections.clear();
  page.academy = undefined;
}
