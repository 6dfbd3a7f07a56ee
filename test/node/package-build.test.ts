// What a page author gets from `npm run build` (run by `npm test` before this suite).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entries = readdirSync(join(root, 'src'))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
  .map((file) => file.replace(/\.ts$/, ''));
const bareImports = (code: string) =>
  [
    ...code.matchAll(
      /(?:^|[;\s])(?:import|export)[^'"]*?from\s*['"]([^'"./][^'"]*)['"]|import\(\s*['"]([^'"./][^'"]*)['"]\s*\)/gm,
    ),
  ].map((match) => match[1] ?? match[2] ?? '');

test('every entry point is built with its types, importing only declared dependencies', () => {
  const dependencies = Object.keys(pkg.dependencies);
  for (const entry of entries) {
    assert.ok(existsSync(join(root, `dist/${entry}.js`)), `dist/${entry}.js is missing`);
    assert.ok(existsSync(join(root, `dist/types/src/${entry}.d.ts`)), `types for ${entry} are missing`);
  }
  const files = readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.js') && !file.startsWith('cdn'),
  );
  for (const file of files) {
    for (const specifier of bareImports(readFileSync(join(root, 'dist', file), 'utf8'))) {
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/', 1).join('');
      assert.ok(dependencies.includes(name), `dist/${file} imports ${specifier}, which is not a dependency`);
    }
  }
});

test('package.json exports resolve each element on its own and lists the manifest', () => {
  assert.equal(pkg.exports['./*.js'].default, './dist/*.js');
  assert.equal(pkg.customElements, 'custom-elements.json');
  assert.ok(existsSync(join(root, 'custom-elements.json')));
});

test('the CDN build is one self-contained script: no bare imports, lazy chunks only through import()', () => {
  const cdn = readFileSync(join(root, 'dist/cdn/lta.js'), 'utf8');
  assert.deepEqual(bareImports(cdn), []);
  assert.doesNotMatch(
    cdn,
    /(?:^|[;}\s])import\s*[{*\w][^;]*?from\s*["']\.\/chunks\//,
    'lta.js statically imports a chunk',
  );
});
