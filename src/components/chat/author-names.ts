import type { LearnerNameRow } from '../../connection/academy-schema.js';
import { byIdentity } from '../../internal/learner-name.js';

/**
 * Who wrote what the chat shows, by hex identity, from the live row lists that name them (the channel's authors,
 * the direct-message peers, the learner): the map is rebuilt only when one of the lists changed, not per render.
 */
export class AuthorNames {
  #sources: readonly (readonly LearnerNameRow[])[] = [];
  #names = new Map<string, LearnerNameRow>();

  /** The names in `sources`, the same map while every list is the same. */
  of(sources: readonly (readonly LearnerNameRow[])[]): ReadonlyMap<string, LearnerNameRow> {
    if (sources.length !== this.#sources.length || sources.some((rows, i) => rows !== this.#sources[i])) {
      this.#sources = sources;
      this.#names = byIdentity(sources.flat());
    }
    return this.#names;
  }
}
