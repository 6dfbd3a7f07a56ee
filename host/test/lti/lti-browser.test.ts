/// <reference lib="dom" />
// The callbacks given to page.evaluate run in the page, so they see its DOM.
/**
 * The whole LTI flow in Chromium (puppeteer-core, as @web/test-runner-chrome drives it): an LMS course page on one
 * site (localhost) frames the tool on another (127.0.0.1) with third-party cookies blocked; the launch uses the
 * LMS's platform storage, the learner types the lab's solution in the terminal, and the score reaches the LMS.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Frame } from 'puppeteer-core';
import { REPO_ROOT, startHost, type RunningHost } from '../../src/index.js';
import { FIRST_LAB } from '../../../module/test/support/labs.js';
import { LEARNER_ROLE, TestPlatform } from './platform/test-platform.js';

const MODULE_DIR = fileURLToPath(new URL('../../../module', import.meta.url));
const WIDGETS_DIR = `${REPO_ROOT}dist/cdn`;

let platform: TestPlatform;
let host: RunningHost;
let browser: Browser;

before(async () => {
  // The launch page loads the widgets' CDN bundle; `npm test` builds it before the Node tests.
  if (!existsSync(`${WIDGETS_DIR}/lta.js`))
    execFileSync('npm', ['run', '--silent', 'build:js'], { cwd: REPO_ROOT, stdio: 'ignore' });
  platform = await TestPlatform.start('localhost');
  host = await startHost({
    moduleDir: MODULE_DIR,
    log: false,
    staticDir: WIDGETS_DIR,
    lti: { platforms: [platform.registration()] },
  });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--test-third-party-cookie-phaseout',
    ],
  });
});
after(async () => {
  await browser?.close();
  await host?.close();
  await platform?.close();
});

/** The tool's frame once it shows `selector`. */
async function toolFrame(frames: () => Frame[], selector: string): Promise<Frame> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const frame of frames()) {
      if (frame.url().startsWith(host.url) && (await frame.$(selector).catch(() => null))) return frame;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `no frame of the tool showed ${selector}; frames: ${frames()
      .map((f) => f.url())
      .join(', ')}`,
  );
}

test('launch from a cross-site LMS iframe with third-party cookies blocked -> lab -> completion -> score in the LMS', async () => {
  const learner = { sub: 'lms-user-dee', name: 'Dee', roles: [LEARNER_ROLE] };
  const login = platform.loginUrl(
    host.url,
    { user: learner, custom: { lab: FIRST_LAB.id } },
    { lti_storage_target: '_parent' },
  );
  const page = await browser.newPage();
  await page.goto(`${platform.issuer}/course?${new URLSearchParams({ launch: login })}`);
  const frame = await toolFrame(() => page.frames(), 'lta-terminal');
  assert.notEqual(
    new URL(page.url()).hostname,
    new URL(frame.url()).hostname,
    'the tool runs on another site than the LMS',
  );
  const probe = await frame.evaluate(() => {
    document.cookie = 'lta_probe=1';
    return document.cookie;
  });
  assert.equal(probe, '', 'the tool frame cannot keep a cookie: the whole launch ran without one');

  // A new academy learner registers once (the module's rule), then works in the terminal.
  await frame.evaluate(async () => {
    type Terminal = HTMLElement & {
      academy?: { status: { state: string }; call(reducer: unknown, args: unknown): Promise<unknown> };
    };
    const el = document.querySelector('lta-terminal') as Terminal;
    for (let waited = 0; el.academy?.status.state !== 'live'; waited += 50) {
      if (waited > 60_000)
        throw new Error(`the academy never connected: ${JSON.stringify(el.academy?.status)} ${typeof el.academy}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    // The reducer as the page's own copy of the widgets names it (the bindings' `reducers`, exported by lta.js).
    const script = document.querySelector<HTMLScriptElement>('script[type="module"][src$="/lta.js"]');
    if (!script) throw new Error('the launch page loads no lta.js');
    const { reducers } = (await import(script.src)) as { reducers: { registerUser: unknown } };
    await el.academy.call(reducers.registerUser, { username: 'dee_lti', displayName: '', timeZone: 'UTC' });
  });
  const screen = () =>
    frame.evaluate(
      () =>
        document
          .querySelector('lta-terminal')
          ?.shadowRoot?.querySelector('.xterm-rows')
          ?.textContent?.replace(/\u00a0/g, ' ') ?? '',
    );
  for (let waited = 0; !(await screen()).includes('learner@academy:~$'); waited += 100) {
    assert.ok(waited < 60_000, `the terminal never showed its prompt: ${await screen()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The learner clicks into the terminal (its input lives in its shadow root).
  await (await frame.$('lta-terminal'))!.click();
  await frame.evaluate(() => (document.querySelector('lta-terminal') as HTMLElement).focus());
  for (const command of FIRST_LAB.solution) {
    await page.keyboard.type(command);
    await page.keyboard.press('Enter');
  }
  for (let waited = 0; !platform.scores.some((s) => s.score['userId'] === learner.sub); waited += 100) {
    assert.ok(waited < 30_000, `no score reached the LMS; the terminal shows: ${await screen()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const { lineItem, score } = platform.scores.find((s) => s.score['userId'] === learner.sub)!;
  assert.equal(lineItem, platform.lineItemOf(FIRST_LAB.id));
  assert.deepEqual(
    [score['scoreGiven'], score['scoreMaximum'], score['activityProgress'], score['gradingProgress']],
    [100, 100, 'Completed', 'FullyGraded'],
  );
});
