// Node built-ins that browser builds of our dependencies import but cannot use on a page. just-bash's browser
// build imports node:zlib for its gzip commands only; the shell provides its own gzip, so these never run.
const unavailable = "() => { throw new Error('zlib is not available in the browser'); }";
// The SDK formats its debug log lines with safe-stable-stringify (7.6 KB minified, 2.5 KB gzip on every page);
// JSON with bigints as text does for a log line, and keeps the SDK's replacer (which redacts tokens).
const logStringify = `export function stringify(value, replacer) {
  try {
    return JSON.stringify(value, function (key, current) {
      const next = replacer ? replacer.call(this, key, current) : current;
      return typeof next === 'bigint' ? next.toString() : next;
    });
  } catch {
    return String(value);
  }
}`;
export const shims = {
  'node:zlib': `export const constants = {}; export const gzipSync = ${unavailable}; export const gunzipSync = ${unavailable}; export default { constants, gzipSync, gunzipSync };`,
  'safe-stable-stringify': logStringify,
};

/** A rollup (and vite) plugin resolving those imports to inert modules. */
export function browserShims() {
  return {
    name: 'lta-browser-shims',
    resolveId: (id) => (id in shims ? `\0shim:${id}` : null),
    load: (id) => (id.startsWith('\0shim:') ? shims[id.slice('\0shim:'.length)] : null),
  };
}

/**
 * The same shims for @web/dev-server (browser tests). Its rollup adapter never sees `node:` specifiers (they look
 * like URLs to it), so this native plugin resolves them to a served path itself.
 */
export function devServerShims() {
  const prefix = '/__lta-shims__/';
  const served = {
    ...shims,
    // sprintf-js is CommonJS whose exports no static analysis finds; run as a plain script it sets window.sprintf.
    'sprintf-js': "import '/node_modules/sprintf-js/src/sprintf.js'; export const { sprintf, vsprintf } = window;",
  };
  const pathOf = (name) => `${prefix}${name.replace(':', '-')}.js`;
  return {
    name: 'lta-dev-server-shims',
    resolveImport: ({ source }) => (source in served ? pathOf(source) : undefined),
    serve: (context) => {
      const id = Object.keys(served).find((name) => context.path === pathOf(name));
      return id ? { body: served[id], type: 'js' } : undefined;
    },
  };
}

/** The same shims for esbuild (the size bench bundles with it). */
export function esbuildShims() {
  const filter = new RegExp(`^(${Object.keys(shims).join('|')})$`);
  return {
    name: 'lta-esbuild-shims',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lta-shim' }));
      build.onLoad({ filter: /.*/, namespace: 'lta-shim' }, (args) => ({ contents: shims[args.path] }));
    },
  };
}
