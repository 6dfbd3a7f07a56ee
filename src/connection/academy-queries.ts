import { or, type BooleanExpr, type Identity, type TypedTableDef } from 'spacetimedb';
import { tables, type CohortRow, type LearnerNameRow, type LearnerRow } from './academy-schema.js';
import type { RowQuery } from './types.js';

/*
 * Queries several widgets share, built with the bindings' query builder (see `academy-schema.ts`).
 */

/**
 * Whether two identities are the same learner (either may be missing). Compares the numbers, not hex strings:
 * widgets compare over every row on each change.
 */
export function sameIdentity(a: Identity | undefined, b: Identity | undefined): boolean {
  return a !== undefined && b !== undefined && a.__identity__ === b.__identity__;
}

/** The signed-in learner's own `learner` row, for any widget (undefined until the identity is known). */
export function ownLearnerQuery(me: Identity | undefined): RowQuery<LearnerRow> | undefined {
  if (!me) return undefined;
  return { query: tables.learner.where((learner) => learner.identity.eq(me)), cacheKey: 'profile:me' };
}

/** The learner's membership of class `cohort` (no row: not in it), for widgets scoped to a class. */
export function cohortQuery(cohort: string | undefined): RowQuery<CohortRow> | undefined {
  if (!cohort) return undefined;
  return { query: tables.myCohorts.where((row) => row.id.eq(cohort)) };
}

/** Identities per query of `learnersQuery` and `learnerNamesQuery`: keeps each subscription's SQL short. */
const LEARNERS_PER_QUERY = 200;

/** The profiles of these learners (undefined for none), e.g. the learner's own all-time row on a board. */
export function learnersQuery(identities: Iterable<Identity>, cacheKey?: string): RowQuery<LearnerRow> | undefined {
  const groups = identityGroups(identities);
  if (groups.length === 0) return undefined;
  return {
    query: groups.map((group) => tables.learner.where((row) => anyOf(group.map((id) => row.identity.eq(id))))),
    cacheKey,
  };
}

/** The names of these learners (undefined for none), e.g. the authors of the messages shown: unlike their profiles, these change only with the name. */
export function learnerNamesQuery(
  identities: Iterable<Identity>,
  cacheKey?: string,
): RowQuery<LearnerNameRow> | undefined {
  const groups = identityGroups(identities);
  if (groups.length === 0) return undefined;
  return {
    query: groups.map((group) => tables.learnerName.where((row) => anyOf(group.map((id) => row.identity.eq(id))))),
    cacheKey,
  };
}

/** The identities once each, in a stable order (the same learners give the same SQL), in groups of at most 200. */
function identityGroups(identities: Iterable<Identity>): Identity[][] {
  const unique = new Map<string, Identity>();
  for (const identity of identities) unique.set(identity.toHexString(), identity);
  const sorted = [...unique.keys()].sort().map((hex) => unique.get(hex) as Identity);
  const groups: Identity[][] = [];
  for (let i = 0; i < sorted.length; i += LEARNERS_PER_QUERY) groups.push(sorted.slice(i, i + LEARNERS_PER_QUERY));
  return groups;
}

/** `a OR b OR …` of conditions on one table, flat (the SQL nests no parentheses however many there are). */
export function anyOf<Table extends TypedTableDef>(conditions: readonly BooleanExpr<Table>[]): BooleanExpr<Table> {
  const [first, second, ...rest] = conditions;
  if (!first) throw new Error('anyOf needs at least one condition');
  return second ? or(first, second, ...rest) : first;
}
