// axe in Chromium, light and dark, on the pages the LTI tool itself serves: the picker an instructor fills in the
// LMS's content selection, the page an LMS admin sees after registering the tool, and a refusal page, each reached
// the way its reader reaches it (the LMS's sign-in flow, the registration URL, a wrong request). Plus the picker
// used from the keyboard alone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'puppeteer-core';
import type { RunningHost } from '@lta/host';
import { CURRICULUM } from '@lta/curriculum';
import { INSTRUCTOR_ROLE, TestPlatform } from '../../../host/test/lti/platform/test-platform.js';
import {
  axeViolations,
  describeViolations,
  launchChromium,
  openInScheme,
  SCHEMES,
  startSiteHost,
  waitUntil,
} from './chromium-site.js';

let platform: TestPlatform;
let host: RunningHost;
let browser: Browser;
before(async () => {
  platform = await TestPlatform.start('localhost');
  [host, browser] = await Promise.all([startSiteHost({ lti: {} }), launchChromium()]);
});
after(async () => {
  await browser?.close();
  await host?.close();
  await platform?.close();
});

async function opened(url: string, scheme: (typeof SCHEMES)[number], shows: string): Promise<Page> {
  const page = await openInScheme(browser, url, scheme);
  await waitUntil(page, shows, (text) => document.body?.textContent?.includes(text) ?? false, 20000, shows);
  return page;
}

test('the registration page, the content picker and a refusal pass axe in light and dark mode', async () => {
  // The LMS admin pastes the registration URL: the LMS opens it with its configuration.
  const registration = `${host.lti!.registrationUrl}?${new URLSearchParams({
    openid_configuration: `${platform.issuer}/.well-known/openid-configuration`,
    registration_token: platform.registrationToken,
  })}`;
  const pages: [string, () => string, string][] = [
    ['registration', () => registration, 'is registered'],
    // An instructor opens the LMS's content selection: its sign-in flow ends on the picker.
    [
      'picker',
      () =>
        platform.loginUrl(host.url, {
          user: { sub: 'lms-teacher', name: 'Tess', roles: [INSTRUCTOR_ROLE] },
          messageType: 'LtiDeepLinkingRequest', // LTI Deep Linking 2.0's message type
        }),
      'Add labs and widgets to the course',
    ],
    ['refusal', () => `${host.url}/lti/launch`, 'could not open'],
  ];
  for (const scheme of SCHEMES) {
    for (const [what, url, shows] of pages) {
      const page = await opened(url(), scheme, shows);
      try {
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], `${what} in ${scheme} mode:\n${describeViolations(violations)}`);
      } finally {
        await page.close();
      }
    }
  }
});

test('an instructor picks a lab and adds it to the course with the keyboard alone', async () => {
  const page = await opened(
    platform.loginUrl(host.url, {
      user: { sub: 'lms-teacher', name: 'Tess', roles: [INSTRUCTOR_ROLE] },
      messageType: 'LtiDeepLinkingRequest',
    }),
    'light',
    'Add labs and widgets to the course',
  );
  try {
    const added = platform.deepLinks.length;
    const focused = () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? '');
    await page.keyboard.press('Tab');
    assert.match(await focused(), /type="checkbox" name="lab"/, 'Tab reaches the first lab');
    await page.keyboard.press('Space');
    // Every control is reachable in turn, and Tab leads on to the button (no trap on the way).
    const controls = await page.$$eval('input[type=checkbox], button', (nodes) => nodes.length);
    let steps = 0;
    while (!/^<button/.test(await focused())) {
      assert.ok(++steps < controls, `Tab reaches the button within ${controls} presses`);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    // The tool posts the signed choice back to the LMS through the browser.
    for (let wait = 0; platform.deepLinks.length === added; wait++) {
      assert.ok(wait < 200, 'the LMS receives the choice');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const items = platform.deepLinks[added]!['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'];
    assert.deepEqual(
      (items as { custom?: { lab?: string } }[]).map((item) => item.custom?.lab),
      [CURRICULUM[0]!.labs[0]!.id],
      'the lab ticked with Space, and only it',
    );
  } finally {
    await page.close();
  }
});
