import { tables } from '../../connection/academy-schema.js';
import type { AcademySource } from '../../connection/index.js';

/** How long to wait for the academy to answer before saying the lab does not exist. */
const LOOKUP_TIMEOUT_MS = 8000;

/**
 * The definition of a lab an author published on the academy (the module's public `lab` table), or undefined when
 * the academy has none by that id or does not answer in time.
 */
export function publishedLab(academy: AcademySource, id: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (definition: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Deferred: the first answer may come while `watch` is still returning `stop`.
      queueMicrotask(() => stop());
      resolve(definition);
    };
    const timer = setTimeout(() => finish(undefined), LOOKUP_TIMEOUT_MS);
    // A lab's `definition` is its JSON, published without its reference solution.
    const stop = academy.watch(
      { query: tables.lab.where((row) => row.id.eq(id)) },
      ({ rows, ready, fromCache, error }) => {
        if (error) finish(undefined);
        else if (ready && !fromCache) finish(rows[0]?.definition);
      },
    );
  });
}
