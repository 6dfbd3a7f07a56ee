/** A rollup/vite plugin resolving Node built-ins that browser builds import but never use to inert modules. */
export function browserShims(): {
  name: string;
  resolveId(id: string): string | null;
  load(id: string): string | null;
};

/** The same shims as a native @web/dev-server plugin (browser tests). */
export function devServerShims(): {
  name: string;
  resolveImport(args: { source: string }): string | undefined;
  serve(context: { path: string }): { body: string; type: string } | undefined;
};
