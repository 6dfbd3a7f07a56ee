/** A rollup/vite plugin resolving Node built-ins that browser builds import but never use to inert modules. */
export function browserShims(): {
  name: string;
  resolveId(id: string, importer?: string): string | null;
  load(id: string): string | null;
};

/** The same shims as a native @web/dev-server plugin (browser tests). */
export function devServerShims(): {
  name: string;
  resolveImport(args: { source: string; context: { path: string } }): string | undefined;
  serve(context: { path: string }): { body: string; type: string } | undefined;
};
/** The Node built-ins shimmed for browser builds, by specifier, as module source. */
export const shims: Record<string, string>;
/** The shims for imports of the spacetimedb SDK only (base64-js), by specifier, as module source. */
export const sdkShims: Record<string, string>;
/** The shims as an esbuild plugin. */
export function esbuildShims(): { name: string; setup(build: unknown): void };
