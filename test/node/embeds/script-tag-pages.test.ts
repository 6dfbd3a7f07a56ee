// Script-tag pages on another site, in Chromium: the README's snippet works as written against the host `npm
// start` runs, and widgets on a page that configures no academy say so instead of loading forever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findLab } from '@lta/curriculum';
import { deepText, serveOtherSite, waitUntil, withSiteAndBrowser } from './chromium-site.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
/** The README's first html block: the snippet course authors copy. */
const snippet = /```html\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
/** The address `npm start` serves on by default, which the snippet names. */
const NPM_START = 'http://127.0.0.1:3000';

const env = withSiteAndBrowser();

test("the README's snippet names the npm start host and a lab of the catalog", () => {
  assert.match(snippet, /<script type="module" src="http:\/\/127\.0\.0\.1:3000\/lta\.js"><\/script>/);
  assert.match(snippet, /<lta-academy server="http:\/\/127\.0\.0\.1:3000" database="academy"><\/lta-academy>/);
  const lab = /<lta-terminal lab="([^"]+)"/.exec(snippet)?.[1];
  assert.ok(lab && findLab(lab), `the snippet's lab "${lab}" is in the catalog`);
});

test("the README's snippet, pasted into a page of another site, connects: the lab shows and the board loads", async () => {
  // Only the port differs from a fresh `npm start`: this host listens on a free one.
  const site = await serveOtherSite(
    `<!doctype html><html lang="en"><title>My course</title><body>\n${snippet.replaceAll(NPM_START, env.host.url)}</body></html>`,
  );
  const page = await env.browser.newPage();
  try {
    await page.goto(site.url);
    const lab = findLab(/<lta-terminal lab="([^"]+)"/.exec(snippet)![1]!)!;
    await waitUntil(page, 'the lab in the terminal', (title: string) => deepText().includes(title), 30000, lab.title);
    await waitUntil(page, 'the leaderboard to leave Loading', () => {
      const board = document.querySelector('lta-leaderboard')?.shadowRoot?.textContent ?? '';
      return /No one on the board yet|XP/.test(board) && !/Loading|Cannot reach/.test(board);
    });
  } finally {
    await page.close();
    await site.close();
  }
});

test('without a configured academy the widgets say how to connect, and Send says why it cannot send', async () => {
  const site = await serveOtherSite(`<!doctype html><html lang="en"><title>Forgot the academy</title><body>
<script type="module" src="${env.host.url}/lta.js"></script>
<lta-leaderboard></lta-leaderboard><lta-presence></lta-presence><lta-profile></lta-profile><lta-chat></lta-chat></body></html>`);
  const page = await env.browser.newPage();
  try {
    await page.goto(site.url);
    for (const tag of ['lta-leaderboard', 'lta-presence', 'lta-profile', 'lta-chat']) {
      await waitUntil(
        page,
        `${tag} to say it is not connected`,
        (tag: string) => {
          const text = document.querySelector(tag)?.shadowRoot?.textContent ?? '';
          return (
            text.includes('Not connected: add <lta-academy server="…" database="…"> to this page') &&
            !/Loading|Looking for/.test(text)
          );
        },
        20000,
        tag,
      );
    }
    await page.evaluate(() => {
      const chat = document.querySelector('lta-chat')!.shadowRoot!;
      const box = chat.querySelector('textarea')!;
      box.value = 'hello?';
      box.dispatchEvent(new Event('input'));
    });
    await page.evaluate(() =>
      document.querySelector('lta-chat')!.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click(),
    );
    const said = await waitUntil(
      page,
      'Send to explain',
      () => document.querySelector('lta-chat')!.shadowRoot!.querySelector('#send-error')?.textContent ?? '',
    );
    assert.match(said, /Not connected: add <lta-academy server/);
    assert.equal(
      await page.evaluate(() => document.querySelector('lta-chat')!.shadowRoot!.querySelector('textarea')!.value),
      'hello?',
      'nothing typed is lost',
    );
  } finally {
    await page.close();
    await site.close();
  }
});
