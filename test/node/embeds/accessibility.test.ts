// axe in Chromium, light and dark: the demo course page, the /embed catalog and an embed page. Plus the
// catalog's copy buttons, used from the keyboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { RunningHost } from '@lta/host';
import {
  axeViolations,
  cdnBundle,
  describeViolations,
  launchChromium,
  openInScheme,
  SCHEMES,
  startSiteHost,
  waitUntil,
} from './chromium-site.js';

let host: RunningHost;
let browser: Browser;
let site: string;
before(async () => {
  // The demo page beside the widget bundle, as `npm start` serves it.
  site = mkdtempSync(join(tmpdir(), 'lta-demo-'));
  cpSync(new URL('../../../demo', import.meta.url), site, { recursive: true });
  cpSync(await cdnBundle(), site, { recursive: true });
  [host, browser] = await Promise.all([startSiteHost({ staticDir: site }), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await host?.close();
  rmSync(site, { recursive: true, force: true });
});

const open = (path: string, scheme: (typeof SCHEMES)[number]): Promise<Page> =>
  openInScheme(browser, host.url + path, scheme);

for (const scheme of SCHEMES) {
  test(`the demo course page passes axe in ${scheme} mode, once every widget is live`, async () => {
    const page = await open('/', scheme);
    try {
      await waitUntil(page, 'the widgets to load', () =>
        ['lta-leaderboard', 'lta-presence', 'lta-chat'].every((tag) => {
          const text = document.querySelector(tag)?.shadowRoot?.textContent ?? '';
          return text.trim() !== '' && !/Loading|Looking for|Connecting/.test(text);
        }),
      );
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], describeViolations(violations));
    } finally {
      await page.close();
    }
  });

  test(`the catalog and an embed page pass axe in ${scheme} mode`, async () => {
    for (const path of ['/embed', `/embed?theme=${scheme}`, `/embed/leaderboard?theme=${scheme}`]) {
      const page = await open(path, scheme);
      try {
        if (path.includes('leaderboard')) {
          await waitUntil(page, 'the board to load', () =>
            /No one on the board yet/.test(document.querySelector('lta-leaderboard')?.shadowRoot?.textContent ?? ''),
          );
        }
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], `${path}\n${describeViolations(violations)}`);
      } finally {
        await page.close();
      }
    }
  });
}

test("the catalog's copy buttons copy their code from the keyboard and say so", async () => {
  await browser
    .defaultBrowserContext()
    .overridePermissions(host.url, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
  const page = await open('/embed', 'light');
  try {
    // Tab to the first copy button of the labs table (the lab's iframe code), then press Enter.
    const label = await page.$eval('tbody tr th code', (code) => `Copy the iframe code for ${code.textContent}`);
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === label) break;
    }
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      label,
      'reachable with Tab',
    );
    await page.keyboard.press('Enter');
    const said = await waitUntil(
      page,
      'the copy to be announced',
      () => document.getElementById('copy-status')?.textContent || undefined,
    );
    assert.match(said!, /^Copied: the iframe code for /);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const shown = await page.evaluate(
      () => document.getElementById(document.activeElement!.getAttribute('data-copy')!)!.textContent,
    );
    assert.equal(copied, shown);
    assert.match(copied, new RegExp(`^<iframe src="${host.url}/embed/lab/[a-z0-9-]+" title="Linux lab: `));
    // Space works as well, on the script-tag code beside it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await waitUntil(page, 'the second copy', () =>
      /script-tag code/.test(document.getElementById('copy-status')?.textContent ?? ''),
    );
    assert.match(
      await page.evaluate(() => navigator.clipboard.readText()),
      /^<lta-terminal lab="[a-z0-9-]+"><\/lta-terminal>$/,
    );
  } finally {
    await page.close();
  }
});
