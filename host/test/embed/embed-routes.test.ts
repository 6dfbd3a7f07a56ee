// The /embed routes through the real host: what an LMS's iframe or a course author's browser gets back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, type RunningHost } from '../../src/index.js';
import { embedRoutes } from '../../src/embed/embed-routes.js';
import { ALL_LABS } from '@lta/curriculum';

let host: RunningHost;
before(async () => {
  host = await startHost({ log: false, embed: { frameAncestors: "'self' https://*.instructure.com" } });
});
after(() => host.close());

const get = (path: string, init?: RequestInit) => fetch(host.url + path, init);

describe('embed pages', () => {
  test('a lab page shows that lab in the terminal, themed from the query, with the resize script', async () => {
    const res = await get(
      '/embed/lab/nav-first-steps?theme=dark&accent=%230B6E4F&accent-dark=%237fd6ad&font-size=18&layout=stacked',
    );
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    assert.match(
      html,
      /<lta-terminal lab="nav-first-steps" layout="stacked" database="academy" theme="dark"><\/lta-terminal>/,
    );
    assert.match(html, /<title>Linux lab: First day at Northwind/);
    assert.match(html, /--lta-color-accent: #0b6e4f/);
    assert.match(html, /--lta-color-accent: #7fd6ad/);
    assert.match(html, /font-size: 18px/);
    assert.match(html, /<script src="\/embed\/frame.js" defer>/);
    assert.match(html, /<script type="module" src="\/lta.js">/);
  });

  test('each widget has its page with its own parameters as attributes', async () => {
    const pages: [string, RegExp][] = [
      ['/embed/leaderboard?limit=5&period=week', /<lta-leaderboard limit="5" period="week" database="academy">/],
      ['/embed/chat?channel=lab:grep-ssh-config', /<lta-chat channel="lab:grep-ssh-config" database="academy">/],
      ['/embed/presence?lab=nav-first-steps', /<lta-presence lab="nav-first-steps" database="academy">/],
      ['/embed/profile', /<lta-profile database="academy">/],
      ['/embed/leaderboard?cohort=lti:abc-123', /<lta-leaderboard cohort="lti:abc-123" database="academy">/],
      ['/embed/chat?cohort=lti:c_1', /<lta-chat cohort="lti:c_1" database="academy">/],
      ['/embed/presence?cohort=lti:c1&limit=9', /<lta-presence cohort="lti:c1" limit="9" database="academy">/],
      ['/embed/academy?theme=light', /<lta-academy database="academy" theme="light">/],
    ];
    for (const [path, element] of pages) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(await res.text(), element, path);
    }
  });

  test('framing: the configured frame-ancestors, a strict CSP, no referrer, no cookies', async () => {
    const res = await get('/embed/leaderboard');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'self' https:\/\/\*\.instructure\.com/);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self' 'unsafe-eval'(;|$)/, 'no inline or foreign scripts');
    assert.match(csp, /connect-src 'self'/);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-frame-options'), null);
    assert.equal(res.headers.get('set-cookie'), null);
    assert.doesNotMatch(await res.text(), /<script>/, 'no inline script, or the CSP would block it');
  });

  test('the rest of the host keeps its own headers: no embed CSP outside /embed', async () => {
    const res = await get('/v1/identity', { method: 'POST' });
    assert.equal(res.headers.get('content-security-policy'), null);
    assert.equal(res.headers.get('set-cookie'), null);
  });

  test('an unknown lab is a 404 page that says so and links to the catalog', async () => {
    for (const path of ['/embed/lab/files-101', '/embed/lab/', '/embed/lab']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
      const html = await res.text();
      assert.match(
        html,
        path.endsWith('files-101') ? /There is no lab &quot;files-101&quot; in the catalog/ : /names no lab/,
      );
      assert.match(html, /<a href="\/embed">/);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors/, 'shown inside the frame too');
    }
    const other = await get('/embed/scoreboard');
    assert.equal(other.status, 404);
    assert.match(await other.text(), /\/embed\/leaderboard/);
  });

  test('every bad parameter is a 400 that names it and what is accepted', async () => {
    const cases: [string, RegExp][] = [
      ['/embed/leaderboard?limit=500', /limit must be a whole number from 1 to 100 \(got &quot;500&quot;\)/],
      ['/embed/leaderboard?limit=-1', /limit must be a whole number/],
      ['/embed/leaderboard?period=month', /period must be one of all-time, week/],
      ['/embed/chat?theme=blue', /theme must be one of light, dark, auto/],
      ['/embed/chat?accent=red', /accent must be a colour written #rgb or #rrggbb/],
      ['/embed/chat?accent=%23123;}body{x', /accent must be a colour/],
      ['/embed/chat?font-size=100', /font-size must be a whole number from 12 to 24/],
      ['/embed/chat?height=tall', /height must be one of auto, fill/],
      ['/embed/chat?channel=lab:files-101', /channel must be &quot;global&quot; or &quot;lab:&quot;/],
      [
        '/embed/chat?limit=3',
        /\/embed\/chat has no parameter &quot;limit&quot; \(it accepts theme, accent, accent-dark, font-size, height, channel, cohort\)/,
      ],
      ['/embed/chat?cohort=%22%3E%3Cscript%3E', /cohort must be a class id such as &quot;lti:abc123&quot;/],
      ['/embed/leaderboard?cohort=abc', /cohort must be a class id/],
      ['/embed/profile?cohort=lti:c1', /\/embed\/profile has no parameter &quot;cohort&quot;/],
      ['/embed/presence?lab=files-101', /there is no lab &quot;files-101&quot;/],
      ['/embed/profile?theme=dark&theme=light', /&quot;theme&quot; is given more than once/],
      ['/embed/lab/%E0%A4%A', /malformed %-escape/],
      ['/embed?limit=3', /\/embed has no parameter &quot;limit&quot;/],
    ];
    for (const [path, message] of cases) {
      const res = await get(path);
      assert.equal(res.status, 400, path);
      assert.match(await res.text(), message, path);
    }
  });

  test('only GET and HEAD', async () => {
    const res = await get('/embed/chat', { method: 'POST', body: 'x' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    const head = await get('/embed/chat', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
  });

  test('the scripts other pages load: auto-height and the in-frame resize reporter', async () => {
    for (const name of ['auto-height.js', 'frame.js']) {
      const res = await get(`/embed/${name}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
      assert.match(await res.text(), /lta:resize/);
    }
  });
});

describe('the catalog page', () => {
  test('lists every lab with its id, title, module and difficulty and both embed codes', async () => {
    const res = await get('/embed');
    assert.equal(res.status, 200);
    const html = await res.text();
    for (const lab of ALL_LABS) {
      assert.ok(html.includes(`<th scope="row"><code>${lab.id}</code></th>`), lab.id);
      assert.ok(
        html.includes(`&lt;iframe src=&quot;${host.url}/embed/lab/${lab.id}&quot;`),
        `iframe code for ${lab.id}`,
      );
      assert.ok(html.includes(`&lt;lta-terminal lab=&quot;${lab.id}&quot;&gt;`), `element code for ${lab.id}`);
    }
    assert.ok(html.includes(`&lt;lta-academy server=&quot;${host.url}&quot; database=&quot;academy&quot;&gt;`));
    assert.match(html, /<td>beginner<\/td>/);
  });

  test('is also found at /labs, which redirects (308) to /embed keeping the query', async () => {
    for (const [path, location] of [
      ['/labs', '/embed'],
      ['/labs/', '/embed'],
      ['/labs?theme=dark', '/embed?theme=dark'],
    ]) {
      const res = await get(path!, { redirect: 'manual' });
      assert.equal(res.status, 308, path);
      assert.equal(res.headers.get('location'), location, path);
    }
    const followed = await get('/labs');
    assert.equal(followed.status, 200);
    assert.match(await followed.text(), /<code>nav-first-steps<\/code>/);
  });

  test('a malformed Host header is refused, not echoed into the code', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${host.url}/embed`, { headers: { host: 'evil"><script>' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 400);
  });
});

test('a frame-ancestors option that is not a CSP source list fails at start', () => {
  assert.throws(
    () => embedRoutes('academy', { frameAncestors: "* ; script-src 'unsafe-inline'" }),
    /is not a CSP source/,
  );
  assert.throws(() => embedRoutes('academy', { frameAncestors: ' ' }), /is not a CSP source/);
});
