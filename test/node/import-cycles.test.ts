import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rollup, type RollupLog } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Packages whose files import each other in a circle load in an order that depends on which file is imported first:
 * a value read at load time can be undefined, and rollup warns on every build (`npm start` printed three for
 * @lta/labs). The shared packages bundle with no cycle; their own dependencies are not looked into.
 */
test('the shared packages (labs, curriculum, shell) and the module import without a cycle', async () => {
  const cycles: string[] = [];
  const bundle = await rollup({
    input: ['labs', 'curriculum', 'shell', 'module'].map((dir) => `${root}${dir}/src/index.ts`),
    // Packages of this repository are followed (by their entry points); npm dependencies are not.
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('@lta/'),
    plugins: [
      {
        name: 'lta-packages',
        resolveId: (id) => {
          const [, name, entry] = /^@lta\/([a-z]+)(?:\/([a-z]+))?$/.exec(id) ?? [];
          return name ? `${root}${name}/src/${entry ?? 'index'}.ts` : null;
        },
      },
      esbuild({ target: 'es2022', tsconfig: `${root}tsconfig.json` }),
    ],
    onwarn: (warning: RollupLog) => {
      if (warning.code === 'CIRCULAR_DEPENDENCY')
        cycles.push((warning.ids ?? []).map((id) => id.replace(root, '')).join(' -> '));
    },
  });
  await bundle.close();
  assert.deepEqual(cycles, []);
});
