// The custom-elements manifest, read from the elements' JSDoc (@fires, @csspart, @cssprop, @slot).
export default {
  globs: ['src/components/**/*.ts', 'src/internal/lta-element.ts', 'src/connection/academy-element.ts'],
  exclude: ['**/*.test.ts', '**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
