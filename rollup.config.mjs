// Two builds of the widgets:
// - dist/: ESM with types, one file per entry point (shared code in dist/chunks/), so `import 'linux-terminal-academy/leaderboard.js'` registers just
//   that element; dependencies (lit, spacetimedb, xterm, just-bash) stay imports for the app's bundler.
// - dist/cdn/: one `<script type="module" src=".../lta.js">` for any page, everything inlined and minified; the
//   terminal stack is split into chunks that load only when a page contains <lta-terminal>.
// Both ship the CSS of our `css` templates minified, and our `html` templates without their indentation
// (scripts/minify-templates.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import esbuild, { minify } from 'rollup-plugin-esbuild';
import { browserShims } from './scripts/browser-shims.mjs';
import { minifyTemplatesPlugin } from './scripts/minify-templates.mjs';
import { terseEntries } from './scripts/terse-eager.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});
const isDependency = (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`));

// Every top-level src/*.ts is a public entry point (index.ts and one per element).
const entries = Object.fromEntries(
  readdirSync('src')
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts'))
    .map((file) => [file.replace(/\.ts$/, ''), `src/${file}`]),
);

const typescript = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });

export default [
  {
    input: entries,
    external: isDependency,
    plugins: [nodeResolve({ browser: true, preferBuiltins: false }), minifyTemplatesPlugin(), typescript()],
    output: { dir: 'dist', format: 'esm', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
  },
  {
    input: { lta: 'src/index.ts' },
    // Lets lazy chunks import shared code from lta.js itself, so the page's one script holds all eager code.
    preserveEntrySignatures: 'allow-extension',
    // preferBuiltins off: isomorphic-git (the lazy git command) needs the npm `buffer` package, not Node's built-in.
    plugins: [
      browserShims(),
      nodeResolve({ browser: true, preferBuiltins: false }),
      commonjs(),
      minifyTemplatesPlugin(),
      typescript(),
      minify({ target: 'es2022' }),
      // lta.js, what every page loads, also through terser (scripts/terse-eager.mjs).
      terseEntries(),
    ],
    output: {
      dir: 'dist/cdn',
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
  },
];
