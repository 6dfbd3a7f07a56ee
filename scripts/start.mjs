#!/usr/bin/env node
// `npm start`: build the widgets, then serve the demo course page. When the host is available it runs the host
// with module/ published and the page on the same origin; otherwise the page is served alone and the widgets
// show their offline state. Flags are passed to the host: --port, --data, --db.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rollup } from 'rollup';
import { serveFolder } from './static-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    data: { type: 'string', default: join(root, '.lta-data') },
    db: { type: 'string', default: 'academy' },
  },
});

async function buildSite() {
  const configs = (await import('../rollup.config.mjs')).default;
  const cdn = configs.find((config) => config.output.dir === 'dist/cdn');
  const bundle = await rollup(cdn);
  await bundle.write(cdn.output);
  await bundle.close();
  const site = join(root, '.tmp/site');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(join(root, 'demo'), site, { recursive: true });
  cpSync(join(root, 'dist/cdn'), site, { recursive: true });
  return site;
}

console.log('Building the widgets...');
const site = await buildSite();
let server;
try {
  const { startHost } = await import('@lta/host');
  server = await startHost({
    port: Number(flags.port),
    dataDir: flags.data,
    database: flags.db,
    staticDir: site,
    moduleDir: join(root, 'module'),
    // LMSs reach the academy as an LTI 1.3 tool (docs/lti.md); LTA_PUBLIC_URL when it sits behind a proxy.
    lti: process.env.LTA_PUBLIC_URL ? { publicUrl: process.env.LTA_PUBLIC_URL } : {},
    // This process is the academy's own, as lta-host's is: a host bug is logged and contained, not fatal.
    guardProcess: true,
  });
  console.log(
    `\nLinux Terminal Academy is running.\n  Course page: ${server.url}/\n  Database:    ${server.database} at ${server.url}`,
  );
  console.log(`  LTI 1.3:     ${server.lti.issuer}/lti/config (docs/lti.md)`);
  console.log(`  LMS dynamic registration (give only to your LMS's admins): ${server.lti.registrationUrl}`);
} catch (error) {
  if (error?.code === 'EADDRINUSE') {
    console.error(
      `\nPort ${flags.port} is already in use. Stop what runs there, or choose another: npm start -- --port 3001`,
    );
    process.exit(1);
  }
  // The page must always come up: without a host the widgets show their offline state.
  console.warn(`\nThe host could not start (${error instanceof Error ? error.message : error}).`);
  server = await serveFolder(site, Number(flags.port));
  console.log(`Serving the course page without a server (widgets offline): ${server.url}/`);
}
console.log('Press Ctrl-C to stop.');
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
