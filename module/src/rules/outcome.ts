/**
 * The result of a rule: the accepted value, or a problem worded for the learner. Rules stay free of
 * `spacetimedb/server` so they can be unit-tested in plain Node; reducers turn problems into `SenderError`s.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Accept `value`. */
export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** Refuse with a message the learner can act on. */
export function refuse(problem: string): Outcome<never> {
  return { ok: false, problem };
}
