// Embed pages inside a cross-site iframe in Chromium: they report their height in Canvas's and our format, the
// optional auto-height script sizes the frame from it, and the widget connects despite the strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'puppeteer-core';
import { deepText, serveOtherSite, waitUntil, withSiteAndBrowser } from './chromium-site.js';

const env = withSiteAndBrowser();

interface Received {
  data: { subject?: string; type?: string; height?: number };
}

/** A page of another site framing `embedPath`, recording every message it receives, with or without auto-height. */
async function framingPage(
  embedPath: string,
  autoHeight: boolean,
): Promise<{ page: Page; frame: Frame; close(): Promise<void> }> {
  const site = await serveOtherSite(`<!doctype html><html lang="en"><title>Course</title><body>
<script>window.received = []; addEventListener('message', (e) => received.push({ origin: e.origin, data: e.data }));</script>
<iframe id="embed" title="academy" src="${env.host.url}${embedPath}" style="width:480px;height:50px;border:0"></iframe>
${autoHeight ? `<script src="${env.host.url}/embed/auto-height.js"></script>` : ''}
</body></html>`);
  const page = await env.browser.newPage();
  const violations: string[] = [];
  await page.evaluateOnNewDocument(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.log(`CSP blocked ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  page.on('console', (message) => {
    if (message.text().startsWith('CSP blocked')) violations.push(message.text());
  });
  await page.goto(site.url);
  const frame = await waitUntil(page, 'the embed frame', () => true).then(() =>
    page.frames().find((f) => f.url().startsWith(env.host.url))!,
  );
  return {
    page,
    frame,
    close: async () => {
      assert.deepEqual(violations, [], 'nothing the page needs is blocked by its CSP');
      await page.close();
      await site.close();
    },
  };
}

const lastHeight = (page: Page, kind: 'canvas' | 'lta') =>
  page.evaluate((kind) => {
    const all = (window as unknown as { received: Received[] }).received.filter((r) =>
      kind === 'canvas' ? r.data?.subject === 'lti.frameResize' : r.data?.type === 'lta:resize',
    );
    return all.at(-1)?.data.height;
  }, kind);

const contentHeight = (frame: Frame) =>
  frame.evaluate(() => Math.ceil(document.getElementById('lta-embed')!.getBoundingClientRect().height));

/** The frame's height on the page and its content's height, once they agree (or as they last were, after 10 s). */
async function frameSettled(page: Page, frame: Frame): Promise<{ frame: number; content: number }> {
  const heights = async () => ({
    frame: await page.$eval('#embed', (f) => parseInt((f as HTMLElement).style.height)),
    content: await contentHeight(frame),
  });
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    const now = await heights();
    if (now.frame === now.content) return now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return heights();
}

test('a leaderboard embed connects, leaves Loading, and reports its height in both formats', async () => {
  const { page, frame, close } = await framingPage('/embed/leaderboard?theme=dark', false);
  await waitUntil(frame, 'the leaderboard to leave Loading', () => {
    const board = document.querySelector('lta-leaderboard')?.shadowRoot;
    return (
      board !== null && board !== undefined && board.textContent!.trim() !== '' && !/Loading/.test(board.textContent!)
    );
  });
  await waitUntil(page, 'a resize message in each format', () => {
    const received = (window as unknown as { received: Received[] }).received;
    return (
      received.some((r) => r.data?.subject === 'lti.frameResize') && received.some((r) => r.data?.type === 'lta:resize')
    );
  });
  // Settled: the last reported height is the content's height, in both formats.
  await waitUntil(frame, 'the board to settle', () => new Promise((resolve) => setTimeout(() => resolve(true), 300)));
  const height = await contentHeight(frame);
  assert.ok(height > 60, `the board has content (${height}px)`);
  assert.equal(await lastHeight(page, 'canvas'), height);
  assert.equal(await lastHeight(page, 'lta'), height);
  // Without the auto-height script nothing else touches the frame: an LMS does the sizing.
  assert.equal(await page.$eval('#embed', (f) => (f as HTMLElement).style.height), '50px');
  await close();
});

test('with auto-height.js the page sizes the frame to the content, and again when the content grows', async () => {
  const { page, frame, close } = await framingPage('/embed/chat', true);
  const first = await waitUntil(page, 'the frame to be sized', () => {
    const h = (document.getElementById('embed') as HTMLElement).style.height;
    return h !== '50px' ? h : undefined;
  });
  await frame.evaluate(() => {
    const tall = document.createElement('div');
    tall.style.height = '900px';
    document.getElementById('lta-embed')!.append(tall);
  });
  const grown = await waitUntil(page, 'the frame to grow', () => {
    const h = parseInt((document.getElementById('embed') as HTMLElement).style.height);
    return h > 900 ? h : undefined;
  });
  // The chat may still be filling in (its history arrives after the first paint): the frame follows it and settles
  // at the content's height.
  const settled = await frameSettled(page, frame);
  assert.equal(settled.frame, settled.content);
  assert.ok(settled.frame >= grown!);
  assert.ok(grown! > parseInt(first!));
  // A resize message from anyone but the frame itself (here: the page's own window) changes nothing.
  await page.evaluate(() => window.postMessage({ type: 'lta:resize', height: 5 }, '*'));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  assert.equal(await page.$eval('#embed', (f) => parseInt((f as HTMLElement).style.height)), settled.frame);
  await close();
});

test('height=fill sends no resize messages: the page fills a fixed-height frame', async () => {
  const { page, frame, close } = await framingPage('/embed/profile?height=fill', true);
  await waitUntil(
    frame,
    'the profile to render',
    () => (document.querySelector('lta-profile')?.shadowRoot?.textContent ?? '').trim() !== '',
  );
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  assert.equal(await lastHeight(page, 'lta'), undefined);
  assert.equal(await contentHeight(frame), 50, 'the content fills the 50px frame');
  await close();
});

test('a lab embed runs the terminal with its lab under the strict CSP', async () => {
  const { frame, close } = await framingPage('/embed/lab/nav-first-steps?layout=stacked', true);
  await waitUntil(
    frame,
    'the lab in the terminal',
    () => deepText().includes('First day at Northwind') && deepText().includes('$'),
    30000,
  );
  await close();
});
