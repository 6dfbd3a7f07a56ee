// A @web/test-runner plugin that cuts the test page off from some files, as a page's lazy chunks are once the network
// is gone: tests call `unreachable(...paths)` / `reachable()` (test/browser/helpers/unreachable.ts). Chromium itself
// fails those requests (net::ERR_INTERNET_DISCONNECTED, through the DevTools protocol); other requests go through,
// and none comes from the HTTP cache meanwhile (interception turns it off), so a file loaded by an earlier test
// file is cut off as well.
export function unreachablePlugin() {
  const cutOff = new Map();
  const withoutExtension = (path) => path.replace(/\.(js|ts)$/, '');
  return {
    name: 'lta-unreachable',
    async executeCommand({ command, payload, session }) {
      if (command !== 'lta-unreachable' && command !== 'lta-reachable') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error(`${command} needs Chromium through puppeteer`);
      const page = session.browser.getPage(session.id);
      const previous = cutOff.get(session.id);
      if (previous) {
        page.off('request', previous);
        cutOff.delete(session.id);
        await page.setRequestInterception(false);
      }
      if (command === 'lta-reachable') return true;
      const paths = new Set(payload.paths.map(withoutExtension));
      const onRequest = (request) => {
        const path = withoutExtension(new URL(request.url()).pathname);
        if (paths.has(path)) void request.abort('internetdisconnected');
        else void request.continue();
      };
      // A file an earlier test file's page loaded may still be in the browser's caches, which would answer without a
      // request to cut off: empty them first.
      const cdp = await page.createCDPSession();
      await cdp.send('Network.clearBrowserCache');
      await cdp.detach();
      await page.setRequestInterception(true);
      page.on('request', onRequest);
      cutOff.set(session.id, onRequest);
      return true;
    },
  };
}
