/** What a page loads for one entry source: gzip bytes at once (`initial`, as one file) and lazily (`lazy`). */
export interface PageSize {
  name: string;
  initial: number;
  lazy: number;
  /** The source files (paths from the repository root) in what loads at once, and in the lazy chunks. */
  sourcesAtOnce: string[];
  sourcesLater: string[];
  /** esbuild's minified bytes of each source file in what loads at once (before terser and gzip). */
  bytesAtOnce: Record<string, number>;
}
/** Gzip bytes a page loads at once and lazily for the given entry source; `leaveOut` imports stay imports. */
export function measure(source: string, name: string, options?: { leaveOut?: RegExp }): Promise<PageSize>;
export function measureAll(): Promise<PageSize[]>;
/** The social page, the floor under it, and what each part adds to the page (gzip bytes). */
export function socialBreakdown(): Promise<{ page: number; floor: number; parts: { part: string; bytes: number }[] }>;
/** A page that imports these elements (`chat` for `src/chat.js`). */
export function pageWith(elements: string[]): string;
export const FLOOR_SOURCE: string;
export const SOCIAL_PAGE_BUDGET: number;
export const SOCIAL_ELEMENTS: string[];
/** The social page's code by source file (minified bytes), grouped by where it belongs, largest first. */
export function sourceBreakdown(): Promise<{
  minified: number;
  groups: { part: string; bytes: number; files: { path: string; bytes: number }[] }[];
}>;
