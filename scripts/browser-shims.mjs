// Node built-ins that browser builds of our dependencies import but cannot use on a page. just-bash's browser
// build imports node:zlib for its gzip commands only; the shell provides its own gzip, so these never run.
const unavailable = "() => { throw new Error('zlib is not available in the browser'); }";
const shims = {
  'node:zlib': `export const constants = {}; export const gzipSync = ${unavailable}; export const gunzipSync = ${unavailable}; export default { constants, gzipSync, gunzipSync };`,
};

/** A rollup (and @web/dev-server-rollup) plugin resolving those imports to inert modules. */
export function browserShims() {
  return {
    name: 'lta-browser-shims',
    resolveId: (id) => (id in shims ? `\0shim:${id}` : null),
    load: (id) => (id.startsWith('\0shim:') ? shims[id.slice('\0shim:'.length)] : null),
  };
}
