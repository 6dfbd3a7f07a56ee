// Terser over esbuild's minified output, for the code a page loads at once (the CDN's lta.js). esbuild minifies
// fast; terser then names variables so that gzip finds more repeats, and folds a little more: 1.8 KB less gzip on
// the social page (bench/size.mjs) and on lta.js. Lazy chunks (the terminal stack, 2.7 MB) keep esbuild's output
// alone: terser over them would add minutes to every build for bytes a page fetches only when it needs them.
import { minify } from 'terser';

/**
 * Modules (so top-level names are mangled too, export names kept), ES2022 as the build targets, and a second pass
 * of compression (what the first pass folded lets more fold). Options that assume more of the code (`unsafe_*`,
 * `pure_getters`, which could drop a read such as `offsetTop` made for its effect) save less than 0.1 KB: left off.
 */
export const TERSER_OPTIONS = { module: true, ecma: 2022, compress: { passes: 2 } };

/** Terser's output for one minified chunk. */
export async function terse(code) {
  const result = await minify(code, TERSER_OPTIONS);
  return result.code ?? code;
}

/** A rollup plugin that runs terser over entry chunks after the other minifier. */
export function terseEntries() {
  return {
    name: 'lta-terse-entries',
    async renderChunk(code, chunk) {
      if (!chunk.isEntry) return null;
      const result = await minify(code, { ...TERSER_OPTIONS, sourceMap: { asObject: true } });
      return { code: result.code ?? code, map: result.map };
    },
  };
}
