/** One piece of CSS text between interpolations, minified. */
export function minifyCssText(text: string): string;
/** One piece of HTML text between interpolations, minified: the indentation after each line break goes. */
export function minifyHtmlText(text: string): string;
/** Each `html` tagged template in a TypeScript source: the ranges of its text between interpolations. */
export function htmlTemplates(source: string, fileName: string): { start: number; end: number }[][];
/** Each `css` tagged template in a TypeScript source: the ranges of its text between interpolations. */
export function cssTemplates(source: string, fileName: string): { start: number; end: number }[][];
/** The source with its `css` and `html` templates minified, and a source map; undefined when it has none. */
export function minifyTemplates(
  source: string,
  fileName: string,
): { code: string; map: { sources: (string | null)[] } } | undefined;
/** The rollup (and vite) plugin. */
export function minifyTemplatesPlugin(): {
  name: string;
  transform(code: string, id: string): { code: string; map: unknown } | null;
};
/** The esbuild plugin (the size bench bundles with esbuild). */
export function esbuildMinifyTemplates(): { name: string; setup(build: unknown): void };
