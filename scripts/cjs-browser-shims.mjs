// CommonJS packages that the spacetimedb SDK's browser build (base64-js, safe-stable-stringify) and git import, served
// to @web/dev-server (browser tests) as ES modules: esbuild bundles each once, with its named exports.
import { buildSync } from 'esbuild';

const wrappers = {
  'base64-js':
    "import m from 'base64-js'; export const { fromByteArray, toByteArray, byteLength } = m; export default m;",
  'safe-stable-stringify':
    "import m from 'safe-stable-stringify'; export const stringify = m; export const configure = m.configure; export default m;",
  // isomorphic-git's CommonJS dependencies, and the Buffer the git command gives it (the CDN build converts them
  // with @rollup/plugin-commonjs; without these, `git` fails in browser tests on its first import).
  buffer: "import m from 'buffer'; export const Buffer = m.Buffer; export default m;",
  ...Object.fromEntries(
    ['sha.js/sha1.js', 'async-lock', 'clean-git-ref', 'crc-32', 'pako', 'pify', 'ignore', 'diff3'].map((name) => [
      name,
      `import m from '${name}'; export default m;`,
    ]),
  ),
};

function bundle(source) {
  const out = buildSync({
    stdin: { contents: source, resolveDir: process.cwd() },
    bundle: true,
    format: 'esm',
    write: false,
  });
  return out.outputFiles[0].text;
}

/** A @web/dev-server plugin resolving those imports to bundled ES modules. */
export function cjsBrowserShims() {
  const prefix = '/__lta-cjs__/';
  const cache = new Map();
  return {
    name: 'lta-cjs-browser-shims',
    resolveImport: ({ source }) => (source in wrappers ? `${prefix}${source}.js` : undefined),
    serve: (context) => {
      if (!context.path.startsWith(prefix)) return undefined;
      const name = context.path.slice(prefix.length, -'.js'.length);
      if (!(name in wrappers)) return undefined;
      if (!cache.has(name)) cache.set(name, bundle(wrappers[name]));
      return { body: cache.get(name), type: 'js' };
    },
  };
}
