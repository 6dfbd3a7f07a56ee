// The browser builds give the SDK's import of base64-js a btoa version (scripts/browser-shims.mjs): the SDK keys
// rows without a primary key, and composite keys, by that text, so it must be base64-js's text exactly, or a
// row's update or delete would miss the row it replaces. Other packages (buffer, in the terminal's git) keep the
// real base64-js, whose decoding the shim does not have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { esbuildShims, sdkShims } from '../../scripts/browser-shims.mjs';

const require = createRequire(import.meta.url);
const base64js = require('base64-js') as { fromByteArray: (bytes: Uint8Array) => string };
const shim = sdkShims['base64-js'];
assert.ok(shim, 'the browser builds shim the SDK’s base64-js');
const { fromByteArray } = (await import(`data:text/javascript,${encodeURIComponent(shim)}`)) as {
  fromByteArray: (bytes: Uint8Array) => string;
};

/** Bytes that differ from run to run but are the same for one seed. */
function bytesOf(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

test('a row key in base64 is the same text as base64-js writes, for every padding and for large rows', () => {
  for (let length = 0; length < 70; length++) {
    const bytes = bytesOf(length, length + 1);
    assert.equal(fromByteArray(bytes), base64js.fromByteArray(bytes), `${length} bytes`);
  }
  const large = bytesOf(100_003, 7);
  assert.equal(fromByteArray(large), base64js.fromByteArray(large), 'a row larger than one chunk of the shim');
  const view = bytesOf(40, 3).subarray(5, 29);
  assert.equal(fromByteArray(view), base64js.fromByteArray(view), 'a view into a larger buffer');
});

test('only the SDK gets the shim: another package importing base64-js still decodes with it', async () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  /** Serves `contents` as the entry, a module in `dir`. */
  const entryIn = (dir: string, contents: string): Plugin => ({
    name: 'entry-in-dir',
    setup(b) {
      b.onResolve({ filter: /^entry$/ }, () => ({ path: join(dir, 'entry.js'), namespace: 'entry' }));
      b.onLoad({ filter: /.*/, namespace: 'entry' }, () => ({ contents, resolveDir: dir }));
    },
  });
  /** Bundles `contents` as if it were a module in `dir`. */
  const bundle = async (dir: string, contents: string) => {
    const result = await build({
      entryPoints: ['entry'],
      bundle: true,
      format: 'esm',
      write: false,
      logLevel: 'silent',
      plugins: [esbuildShims(), entryIn(dir, contents)],
    });
    return result.outputFiles[0]?.text ?? '';
  };
  const sdk = await bundle(join(root, 'node_modules/spacetimedb/dist'), "export { fromByteArray } from 'base64-js';");
  assert.doesNotMatch(sdk, /Invalid string/, 'the SDK got base64-js itself');
  const other = await bundle(join(root, 'node_modules/buffer'), "export { toByteArray } from 'base64-js';");
  const { toByteArray } = (await import(`data:text/javascript,${encodeURIComponent(other)}`)) as {
    toByteArray: (text: string) => Uint8Array;
  };
  assert.deepEqual([...toByteArray('AQID')], [1, 2, 3]);
});
