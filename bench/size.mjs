#!/usr/bin/env node
// What each entry point costs a page, in gzip bytes of minified JS with every dependency inlined, the way the
// CDN build ships it. Lazy chunks (the terminal stack) are listed apart: a page pays for them only when it
// contains <lta-terminal>. Run: `npm run bench:size` (or `node bench/size.mjs` after `npm run build:js`).
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { esbuildShims } from '../scripts/browser-shims.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const virtualEntry = (contents) => ({
  name: 'virtual-entry',
  setup(b) {
    b.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path, namespace: 'entry' }));
    b.onLoad({ filter: /.*/, namespace: 'entry' }, () => ({ contents, resolveDir: root, loader: 'ts' }));
  },
});

/**
 * Budget for a page with the social widgets only (leaderboard, chat, presence, profile), terminal excluded. Raised
 * from 50 KB to 51.5 KB when the widgets learned classes (the `cohort` attribute, class views and reducers in the
 * bindings: about 1.5 KB); the typed-contract work of issue 17 is to bring it down to 45 KB. Raised to 52.75 KB
 * when the chat learned to page its history (issue 12: the `chat_page` table in the bindings, older pages on demand,
 * the reading place kept) and was split into parts with one job each: 1.3 KB, measured against the same tree
 * without them.
 */
export const SOCIAL_PAGE_BUDGET = 52 * 1024 + 768;
export const SOCIAL_ELEMENTS = ['leaderboard', 'chat', 'presence', 'profile'];

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * Bundles the given source as a page would load it; returns the gzip size of what loads at once and of
 * the lazy chunks.
 */
export async function measure(source, name) {
  const result = await build({
    entryPoints: [{ in: `entry:${name}`, out: name }],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outdir: join(root, '.tmp/size'),
    tsconfig: join(root, 'tsconfig.json'),
    plugins: [esbuildShims(), virtualEntry(source)],
    metafile: true,
    logLevel: 'silent',
  });
  const entry = result.outputFiles.find((file) => file.path.endsWith(`${name}.js`));
  const eager = new Set([entry.path]);
  // Chunks the entry imports statically load at once; dynamically imported ones load lazily.
  for (let grew = true; grew;) {
    grew = false;
    for (const [path, output] of Object.entries(result.metafile.outputs)) {
      if (!eager.has(join(root, path))) continue;
      for (const imported of output.imports) {
        const full = join(root, imported.path);
        if (imported.kind === 'import-statement' && !eager.has(full)) {
          eager.add(full);
          grew = true;
        }
      }
    }
  }
  let initial = 0;
  let lazy = 0;
  for (const file of result.outputFiles.filter((f) => f.path.endsWith('.js'))) {
    if (eager.has(file.path)) initial += gzip(file.contents);
    else lazy += gzip(file.contents);
  }
  return { name, initial, lazy };
}

/** Every public entry point (src/*.ts), the whole CDN bundle, and the social-widgets page. */
export async function measureAll() {
  const entries = readdirSync(join(root, 'src'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.replace(/\.ts$/, ''));
  const rows = [];
  for (const entry of entries) rows.push(await measure(`import './src/${entry}.js';`, entry));
  const social = SOCIAL_ELEMENTS.filter((name) => entries.includes(name));
  rows.push(await measure(social.map((name) => `import './src/${name}.js';`).join('\n'), 'social-page'));
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = await measureAll();
  console.log('entry'.padEnd(16), 'initial (gzip)'.padStart(15), 'lazy (gzip)'.padStart(12));
  for (const row of rows) console.log(row.name.padEnd(16), kb(row.initial).padStart(15), kb(row.lazy).padStart(12));
  const cdn = readFileSync(join(root, 'dist/cdn/lta.js'));
  console.log('dist/cdn/lta.js'.padEnd(16), kb(gzip(cdn)).padStart(15));
  const social = rows.find((row) => row.name === 'social-page');
  console.log(`social page: ${kb(social.initial)} of ${kb(SOCIAL_PAGE_BUDGET)} budget`);
}
