#!/usr/bin/env node
// What each entry point costs a page, in gzip bytes of minified JS with every dependency inlined, the way the
// CDN build ships it. Lazy chunks (the terminal stack, parts of widgets loaded on first use) are listed apart: a
// page pays for them only when it contains <lta-terminal> or a learner opens such a part. Run: `npm run bench:size`
// (or `node bench/size.mjs` after `npm run build:js`; `--files` lists each of our source files too).
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { esbuildShims } from '../scripts/browser-shims.mjs';
import { esbuildMinifyTemplates } from '../scripts/minify-templates.mjs';
import { terse } from '../scripts/terse-eager.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const virtualEntry = (contents) => ({
  name: 'virtual-entry',
  setup(b) {
    b.onResolve({ filter: /^entry:/ }, (args) => ({ path: args.path, namespace: 'entry' }));
    b.onLoad({ filter: /.*/, namespace: 'entry' }, () => ({ contents, resolveDir: root, loader: 'ts' }));
  },
});
/** Leaves the imports matching `pattern` as imports: what the page weighs without that part. */
const leftOut = (pattern) => ({
  name: 'left-out',
  setup(b) {
    b.onResolve({ filter: pattern }, (args) => ({ path: args.path, external: true }));
  },
});

/**
 * Budget for a page with the social widgets only (leaderboard, chat, presence, profile), terminal excluded. Raised
 * from 50 KB to 51.5 KB when the widgets learned classes (the `cohort` attribute, class views and reducers in the
 * bindings: about 1.5 KB); the typed-contract work of issue 17 is to bring it down to 45 KB. Raised to 52.75 KB
 * when the chat learned to page its history (issue 12: the `chat_page` table in the bindings, older pages on demand,
 * the reading place kept) and was split into parts with one job each: 1.3 KB, measured against the same tree
 * without them. Lowered to 52.5 KB when the chat's direct messages and message actions and the profile's edit form
 * moved to chunks loaded on first use (52.3 -> 52.1 KB here; 63.5 -> 62.8 KB for the CDN's lta.js). Lowered to
 * 49.75 KB (52.1 -> 49.4 KB here, 60.6 -> 57.9 KB for lta.js) when the SDK's base64-js gave way to btoa (0.8 KB),
 * what loads at once went through terser after esbuild (1.7 KB) and the CSS of our templates was minified (0.2 KB).
 * Lowered to 48.5 KB (49.4 -> 48.1 KB here, 57.9 -> 56.7 KB for lta.js) when the elements declared their reactive
 * properties in `static properties` instead of decorators (0.7 KB), asked for the page's academy without
 * `@lit/context`'s code (0.2 KB), shipped html templates without indentation (0.1 KB), kept constructor arguments
 * in #private fields and terser took a second pass (0.1 KB); license comments are now measured where lta.js has
 * them, not as esbuild's list at the end (0.1 KB of the figure, not of the page). The 45 KB of issue 17 is still out
 * of reach without dropping features: the page is the floor (25.4 KB: the SDK's connection and Lit), the generated
 * bindings on top of it (5.0 KB) and 17.7 KB of widgets, connection layer and the Lit extras they use (`lit`'s
 * repeat directive 1.0 KB), all needed as the page opens (`socialBreakdown`, `sourceBreakdown`). Splitting the chat
 * and the leaderboard into parts of one job each, every file under 300 lines (issue 17: the chat's reading place,
 * its authors' names and its message buttons; the leaderboard's row slide), cost 0.1 KB (48.1 -> 48.2 KB).
 */
export const SOCIAL_PAGE_BUDGET = 48 * 1024 + 512;
export const SOCIAL_ELEMENTS = ['leaderboard', 'chat', 'presence', 'profile'];

/** A page that imports these elements (`chat` for `src/chat.js`). */
export const pageWith = (elements) => elements.map((name) => `import './src/${name}.js';`).join('\n');

/**
 * The floor under any social page: what a Lit element with a live connection of the `spacetimedb` SDK needs (the
 * SDK's connection, and Lit), bundled the same way. The social page's weight above it is the widgets, our
 * connection layer and the generated bindings.
 */
export const FLOOR_SOURCE = `export { DbConnectionBuilder, DbConnectionImpl } from 'spacetimedb';
export { LitElement, css, html } from 'lit';`;

/** Parts measured by leaving them out of the social page (as imports): what each adds to it. */
const PARTS = [
  // Leaving the bindings out also leaves out the SDK's connection (only their DbConnection uses it), which the floor
  // counts too: `bindings on top of the floor` below is what they add to it.
  [
    'generated bindings (src/bindings, with the SDK code only they use, its connection included)',
    /bindings\/index\.js$/,
  ],
  ['the shared academy connection (academy-connection.ts)', /\/academy-connection\.js$/],
  ["lit's repeat directive (the chat's message list)", /^lit\/directives\/repeat\.js$/],
];

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * Bundles the given source as a page would load it; returns the gzip size of what loads at once and of the lazy
 * chunks. esbuild puts code that the entry and a lazy chunk share into chunks of its own; the CDN build (rollup)
 * keeps it in its one file, which lazy chunks import from. So what loads at once is measured as one file: the
 * entry and every chunk it imports statically, each through terser like lta.js, gzipped together.
 */
export async function measure(source, name, { leaveOut } = {}) {
  const result = await build({
    entryPoints: [{ in: `entry:${name}`, out: name }],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // License comments where each file has them, as rollup leaves them in lta.js (esbuild's default, a list of
    // every file at the end, weighed 0.1 KB more than lta.js carries).
    legalComments: 'inline',
    write: false,
    outdir: join(root, '.tmp/size'),
    tsconfig: join(root, 'tsconfig.json'),
    plugins: [...(leaveOut ? [leftOut(leaveOut)] : []), esbuildShims(), esbuildMinifyTemplates(), virtualEntry(source)],
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
  const scripts = result.outputFiles.filter((file) => file.path.endsWith('.js'));
  // What loads at once also goes through terser, as the CDN's lta.js does (scripts/terse-eager.mjs).
  const atOnce = await Promise.all(scripts.filter((file) => eager.has(file.path)).map((file) => terse(file.text)));
  const initial = gzip(Buffer.from(atOnce.join('')));
  let lazy = 0;
  for (const file of scripts) if (!eager.has(file.path)) lazy += gzip(file.contents);
  const sourcesOf = (atOnce) =>
    Object.entries(result.metafile.outputs)
      .filter(([path]) => path.endsWith('.js') && eager.has(join(root, path)) === atOnce)
      .flatMap(([, output]) => Object.keys(output.inputs));
  // esbuild's minified bytes of each source file in what loads at once (before terser and gzip).
  const bytesAtOnce = {};
  for (const [path, output] of Object.entries(result.metafile.outputs)) {
    if (!path.endsWith('.js') || !eager.has(join(root, path))) continue;
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
      bytesAtOnce[input] = (bytesAtOnce[input] ?? 0) + bytesInOutput;
  }
  return { name, initial, lazy, sourcesAtOnce: sourcesOf(true), sourcesLater: sourcesOf(false), bytesAtOnce };
}

/**
 * What the social page is made of: the floor, and what each part adds to it (the page's gzip bytes at once minus
 * the same page's without that part). A widget's figure is the code only it brings.
 */
export async function socialBreakdown() {
  const page = await measure(pageWith(SOCIAL_ELEMENTS), 'social-page');
  const floor = await measure(FLOOR_SOURCE, 'floor');
  const parts = [];
  for (const element of SOCIAL_ELEMENTS) {
    const without = await measure(pageWith(SOCIAL_ELEMENTS.filter((other) => other !== element)), 'social-page');
    parts.push({ part: `<lta-${element}>`, bytes: page.initial - without.initial });
  }
  for (const [part, pattern] of PARTS) {
    const without = await measure(pageWith(SOCIAL_ELEMENTS), 'social-page', { leaveOut: pattern });
    parts.push({ part, bytes: page.initial - without.initial });
  }
  const bindings = `export { DbConnection, reducers, tables } from './src/bindings/index.js';`;
  const floorAndBindings = await measure(`${FLOOR_SOURCE}\n${bindings}`, 'floor-and-bindings');
  parts.push({ part: 'generated bindings on top of the floor', bytes: floorAndBindings.initial - floor.initial });
  return { page: page.initial, floor: floor.initial, parts };
}

/** Where a source file of the page belongs: the SDK, Lit, the generated bindings, another package, or our folder. */
const partOf = (path) =>
  /^node_modules\/spacetimedb\/|^lta-(sdk-)?shim:/.test(path)
    ? 'the spacetimedb SDK (with our shims of its dependencies)'
    : /^node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(path)
      ? 'Lit'
      : path.startsWith('src/bindings/')
        ? 'src/bindings/ (generated)'
        : (/^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1] ??
          (path.startsWith('labs/') ? '@lta/labs' : path.replace(/[^/]*$/, '')));

/**
 * What the social page's code is made of, by source file: esbuild's minified bytes of each in what loads at once
 * (before terser and gzip, which shrink each part by about the same ratio), grouped by where it belongs and ranked.
 */
export async function sourceBreakdown() {
  const page = await measure(pageWith(SOCIAL_ELEMENTS), 'social-page');
  const files = Object.entries(page.bytesAtOnce).filter(([path, bytes]) => bytes > 0 && !path.startsWith('entry:'));
  const groups = new Map();
  for (const [path, bytes] of files) {
    const group = groups.get(partOf(path)) ?? { part: partOf(path), bytes: 0, files: [] };
    group.bytes += bytes;
    group.files.push({ path, bytes });
    groups.set(group.part, group);
  }
  const ranked = [...groups.values()].sort((a, b) => b.bytes - a.bytes);
  for (const group of ranked) group.files.sort((a, b) => b.bytes - a.bytes);
  return { minified: files.reduce((sum, [, bytes]) => sum + bytes, 0), groups: ranked };
}

/** Every public entry point (src/*.ts), the whole CDN bundle, the social-widgets page and the floor. */
export async function measureAll() {
  const entries = readdirSync(join(root, 'src'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.replace(/\.ts$/, ''));
  const rows = [];
  for (const entry of entries) rows.push(await measure(`import './src/${entry}.js';`, entry));
  const social = SOCIAL_ELEMENTS.filter((name) => entries.includes(name));
  rows.push(await measure(pageWith(social), 'social-page'));
  rows.push(await measure(FLOOR_SOURCE, 'floor'));
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = await measureAll();
  console.log('entry'.padEnd(16), 'initial (gzip)'.padStart(15), 'lazy (gzip)'.padStart(12));
  for (const row of rows) console.log(row.name.padEnd(16), kb(row.initial).padStart(15), kb(row.lazy).padStart(12));
  const cdn = readFileSync(join(root, 'dist/cdn/lta.js'));
  console.log('dist/cdn/lta.js'.padEnd(16), kb(gzip(cdn)).padStart(15));
  const { page, floor, parts } = await socialBreakdown();
  console.log(
    `social page: ${kb(page)} of ${kb(SOCIAL_PAGE_BUDGET)} budget; floor (SDK connection and Lit) ${kb(floor)}`,
  );
  console.log('what parts add to the social page (its gzip with them minus without them):');
  for (const { part, bytes } of parts) console.log(`  ${kb(bytes).padStart(8)}  ${part}`);
  // Each of our files too with --files.
  const { minified, groups } = await sourceBreakdown();
  const share = (bytes) => `${((100 * bytes) / minified).toFixed(1)}%`.padStart(6);
  console.log(`the social page's code by source, minified (${kb(minified)}) before terser and gzip:`);
  for (const { part, bytes, files } of groups) {
    console.log(`  ${kb(bytes).padStart(8)} ${share(bytes)}  ${part}`);
    if (!process.argv.includes('--files') || !part.startsWith('src/') || part.includes('bindings')) continue;
    for (const file of files) console.log(`  ${kb(file.bytes).padStart(8)} ${share(file.bytes)}    ${file.path}`);
  }
}
