import type { DifferentialCase } from './differential-corpus.js';

/** Cases of one topic compared on stdout. */
export const c = (topic: string, ...scripts: string[]): DifferentialCase[] =>
  scripts.map((script) => ({ topic, script }));

/** Cases compared on the terminal's whole output (see `combined`). */
export const shown = (topic: string, ...scripts: string[]): DifferentialCase[] =>
  scripts.map((script) => ({ topic, script, combined: true }));
