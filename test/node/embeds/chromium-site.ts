/**
 * For tests that drive Chromium themselves (frames of other origins, clipboard, colour schemes): the real host
 * serving the built widget bundle (`npm run build:js` output, built here when missing), a page of another site,
 * and a browser.
 */
import { existsSync } from 'node:fs';
import { after, before } from 'node:test';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { chromiumFlags, ensureChromium } from '../../../scripts/chromium.mjs';
import { startHost, type RunningHost, type StartHostOptions } from '@lta/host';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cdn = join(root, 'dist/cdn');

/** The CDN build (`dist/cdn/lta.js`), built when missing; `npm test` builds it before the Node tests. */
export async function cdnBundle(): Promise<string> {
  if (existsSync(join(cdn, 'lta.js'))) return cdn;
  const { rollup } = await import('rollup');
  const configs = (await import(join(root, 'rollup.config.mjs'))).default as { output: { dir: string } }[];
  const config = configs.find((c) => c.output.dir === 'dist/cdn')!;
  const cwd = process.cwd();
  process.chdir(root); // the config reads src/ relative to the repository
  try {
    const bundle = await rollup(config as Parameters<typeof rollup>[0]);
    await bundle.write(config.output as never);
    await bundle.close();
  } finally {
    process.chdir(cwd);
  }
  return cdn;
}

/** The host with the widget bundle at `/lta.js`, as `npm start` runs it. */
export async function startSiteHost(options: StartHostOptions = {}): Promise<RunningHost> {
  return startHost({ log: false, staticDir: await cdnBundle(), ...options });
}

/**
 * Serves `html` at `http://localhost:PORT/` — another site than the host's `http://127.0.0.1:PORT`, so the
 * browser treats the host as third party (storage partitioning, cross-site frames).
 */
export async function serveOtherSite(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The browser keeps idle connections open; they would hold close() until they time out.
        server.closeAllConnections();
      }),
  };
}

/** For a test file: the site host and Chromium, started before its tests and stopped after them. */
export function withSiteAndBrowser(): { host: RunningHost; browser: Browser } {
  const env = {} as { host: RunningHost; browser: Browser };
  before(async () => {
    [env.host, env.browser] = await Promise.all([startSiteHost(), launchChromium()]);
  });
  after(async () => {
    await env.browser?.close();
    await env.host?.close();
  });
  return env;
}

/** Headless Chromium (Debian's), as the browser tests use it. */
export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({ executablePath: ensureChromium(), headless: true, args: chromiumFlags });
}

/** Polls `check(arg)` in `target` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitUntil<T, A = undefined>(
  target: Page | Frame,
  what: string,
  check: (arg: A) => T,
  timeoutMs = 20000,
  arg?: A,
): Promise<T> {
  try {
    // deepText goes along for checks that read the widgets' shadow roots.
    await target.evaluate(DEFINE_DEEP_TEXT);
    const handle = await target.waitForFunction(
      check as (arg: unknown) => T,
      { timeout: timeoutMs, polling: 100 },
      arg as unknown,
    );
    return (await handle.jsonValue()) as T;
  } catch (error) {
    throw new Error(`Timed out waiting for ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The colour schemes pages are checked in. */
export const SCHEMES = ['light', 'dark'] as const;

/** A new page at `url` in `scheme`'s colours, ready for `axeViolations` (CSP bypassed for axe's own script only). */
export async function openInScheme(browser: Browser, url: string, scheme: (typeof SCHEMES)[number]): Promise<Page> {
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(url);
  return page;
}

/** axe's violations as lines of an assertion's message. */
export const describeViolations = (violations: { id: string; help: string; nodes: number }[]): string =>
  violations.map((v) => `${v.id} (${v.nodes}): ${v.help}`).join('\n');

/** axe-core's violations on the page (CSP is bypassed for its script only through `setBypassCSP`). */
export async function axeViolations(target: Page | Frame): Promise<{ id: string; nodes: number; help: string }[]> {
  await target.addScriptTag({ path: join(root, 'node_modules/axe-core/axe.min.js') });
  return target.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: Document): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.length }));
  });
}

/**
 * Defines `deepText()` in the page: its text including every shadow root, for checks on what the widgets show.
 * Source text, because functions compiled by tsx carry helpers the page does not have.
 */
const DEFINE_DEEP_TEXT = `globalThis.deepText = () => {
  const walk = (node) => {
    let text = node.nodeType === Node.TEXT_NODE ? node.textContent : '';
    if (node instanceof Element && node.shadowRoot) text += walk(node.shadowRoot);
    for (const child of node.childNodes) text += walk(child);
    return text;
  };
  return walk(document.body).replace(/\\s+/g, ' ');
};`;

/** `deepText()` as page callbacks call it. */
export const deepText = (): string => (globalThis as unknown as { deepText(): string }).deepText();
