/** A rollup/vite plugin resolving Node built-ins that browser builds import but never use to inert modules. */
export function browserShims(): {
  name: string;
  resolveId(id: string): string | null;
  load(id: string): string | null;
};
