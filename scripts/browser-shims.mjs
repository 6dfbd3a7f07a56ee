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
// The SDK imports base64-js (CommonJS, 1.4 KB minified with the wrapper a bundler adds) for one function,
// `fromByteArray`: it keys rows that have no primary key, and composite keys, by their bytes in base64. The
// browser's btoa writes the same text. Only the SDK's import is replaced: `buffer` (the terminal's git) decodes
// with base64-js's other functions.
const sdkBase64 = `export function fromByteArray(bytes) {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}`;
/** Shims for the imports of the spacetimedb SDK only. */
export const sdkShims = { 'base64-js': sdkBase64 };
const fromSdk = (importer) => /[\\/]node_modules[\\/]spacetimedb[\\/]/.test(importer ?? '');

export const shims = {
  'node:zlib': `export const constants = {}; export const gzipSync = ${unavailable}; export const gunzipSync = ${unavailable}; export default { constants, gzipSync, gunzipSync };`,
  'safe-stable-stringify': logStringify,
};

/** A rollup (and vite) plugin resolving those imports to inert modules. */
export function browserShims() {
  return {
    name: 'lta-browser-shims',
    resolveId: (id, importer) => {
      if (id in shims) return `\0shim:${id}`;
      return id in sdkShims && fromSdk(importer) ? `\0sdk-shim:${id}` : null;
    },
    load: (id) => {
      if (id.startsWith('\0shim:')) return shims[id.slice('\0shim:'.length)];
      return id.startsWith('\0sdk-shim:') ? sdkShims[id.slice('\0sdk-shim:'.length)] : null;
    },
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
  const sdkPathOf = (name) => `${prefix}sdk-${name}.js`;
  return {
    name: 'lta-dev-server-shims',
    resolveImport: ({ source, context }) => {
      if (source in served) return pathOf(source);
      return source in sdkShims && fromSdk(context.path) ? sdkPathOf(source) : undefined;
    },
    serve: (context) => {
      const id = Object.keys(served).find((name) => context.path === pathOf(name));
      if (id) return { body: served[id], type: 'js' };
      const sdkId = Object.keys(sdkShims).find((name) => context.path === sdkPathOf(name));
      return sdkId ? { body: sdkShims[sdkId], type: 'js' } : undefined;
    },
  };
}

/** The same shims for esbuild (the size bench bundles with it). */
export function esbuildShims() {
  const filter = new RegExp(`^(${Object.keys(shims).join('|')})$`);
  const sdkFilter = new RegExp(`^(${Object.keys(sdkShims).join('|')})$`);
  return {
    name: 'lta-esbuild-shims',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lta-shim' }));
      build.onLoad({ filter: /.*/, namespace: 'lta-shim' }, (args) => ({ contents: shims[args.path] }));
      build.onResolve({ filter: sdkFilter }, (args) =>
        fromSdk(args.importer) ? { path: args.path, namespace: 'lta-sdk-shim' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lta-sdk-shim' }, (args) => ({ contents: sdkShims[args.path] }));
    },
  };
}
