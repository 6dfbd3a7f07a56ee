import type { Identity, Timestamp } from 'spacetimedb';
import type { RowQuery } from './types.js';

// The module's own rules, pure TypeScript, so widgets rank roles and count weeks exactly as the server does.
export { hasRole } from '../../module/src/rules/roles.js';
export { weekNumber } from '../../module/src/rules/calendar.js';

/*
 * The rows the widgets read, as the generated bindings shape them (camelCase fields of the module's tables),
 * and how to name values in subscription SQL (which uses the module's snake_case names).
 */

/** A learner's public profile and standing (`learner`). */
export interface LearnerRow {
  identity: Identity;
  username: string;
  displayName: string;
  avatarUrl: string;
  /** `learner`, `author`, `moderator`, `admin` or `owner`. */
  role: string;
  joinedAt: Timestamp;
  xp: bigint;
  level: number;
  labsCompleted: number;
  currentStreak: number;
  longestStreak: number;
}

/** Who a learner is, as the presence list and the chat name them (`learner_name`): it changes only with the name. */
export type LearnerNameRow = Pick<LearnerRow, 'identity' | 'username' | 'displayName' | 'role'>;

/** Who is online (`presence`). */
export interface PresenceRow {
  learner: Identity;
  connections: number;
  online: boolean;
  idle: boolean;
  currentLab: string;
  lastSeen: Timestamp;
}

/** One line of the presence list (`online_learners` view: the first online learners by username). */
export interface OnlineLearnerRow extends LearnerNameRow {
  idle: boolean;
  currentLab: string;
}

/** How many learners are online (`online_count` view, one row). */
export interface OnlineCountRow {
  learners: number;
}

/** A message in `global` or `lab:<id>` (`channel_message`). */
export interface ChannelMessageRow {
  id: bigint;
  channel: string;
  sender: Identity;
  text: string;
  sentAt: Timestamp;
  editedAt: Timestamp | undefined;
  deleted: boolean;
}

/** A direct message the learner sent or received (`my_direct_messages` view). */
export interface DirectMessageRow {
  id: bigint;
  sender: Identity;
  recipient: Identity;
  text: string;
  sentAt: Timestamp;
  editedAt: Timestamp | undefined;
  deleted: boolean;
}

/** How many learners have exactly `xp` on a board (`xp_count`): board 0 is all time, others a week number. */
export interface XpCountRow {
  key: string;
  board: number;
  xp: bigint;
  learners: bigint;
}

/** A learner's XP in one week (`weekly_score`). */
export interface WeeklyScoreRow {
  key: string;
  week: number;
  learner: Identity;
  xp: bigint;
}

/** An achievement of the catalog (`achievement`). */
export interface AchievementRow {
  id: string;
  title: string;
  description: string;
  position: number;
}

/** An achievement a learner earned (`achievement_award`). */
export interface AchievementAwardRow {
  key: string;
  learner: Identity;
  achievementId: string;
  awardedAt: Timestamp;
}

/** The learner's own mute or ban (`my_sanction` view). */
export interface SanctionRow {
  learner: Identity;
  mutedUntil: Timestamp | undefined;
  banned: boolean;
  reason: string;
  by: Identity;
  at: Timestamp;
}

/** A string literal for subscription SQL. */
export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** An identity literal for subscription SQL. */
export function sqlIdentity(identity: Identity): string {
  return `0x${identity.toHexString()}`;
}

/**
 * Whether two identities are the same learner (either may be missing). Compares the numbers, not hex strings:
 * row filters run over every cached row on each change.
 */
export function sameIdentity(a: Identity | undefined, b: Identity | undefined): boolean {
  return a !== undefined && b !== undefined && a.__identity__ === b.__identity__;
}

/** The signed-in learner's own `learner` row, for any widget (undefined until the identity is known). */
export function ownLearnerQuery(me: Identity | undefined): RowQuery<LearnerRow> | undefined {
  if (!me) return undefined;
  return {
    table: 'learner',
    sql: `SELECT * FROM learner WHERE identity = ${sqlIdentity(me)}`,
    where: row => sameIdentity(row.identity, me),
    cacheKey: 'profile:me',
  };
}

/** A class the learner belongs to, with their role in it (`my_cohorts` view). */
export interface CohortRow {
  id: string;
  title: string;
  /** `lti` or `invite`. */
  source: string;
  /** `learner` or `instructor`. */
  role: string;
  /** Shown to the class's instructors for `invite` classes; empty otherwise. */
  inviteCode: string;
}

/** A member of one of the learner's classes (`my_cohort_members` view). */
export interface CohortMemberRow {
  key: string;
  cohort: string;
  learner: Identity;
  role: string;
  /** The name the LMS sent; given to the class's instructors only. */
  lmsName: string;
  joinedAt: Timestamp;
}

/** One learner's work on one lab, for the instructors of their class (`class_progress` view). */
export interface LabProgressRow {
  key: string;
  cohort: string;
  learner: Identity;
  labId: string;
  /** `in_progress` or `done`; a lab without a row is not started. */
  status: string;
  stepsPassed: number;
  hintsUsed: number;
  startedAt: Timestamp;
  lastActiveAt: Timestamp;
}

/** A line of a class's leaderboard (`cohort_leaderboard` view). */
export interface CohortRankRow {
  key: string;
  cohort: string;
  learner: Identity;
  rank: number;
  xp: bigint;
}

/** A lab of the catalog (`lab`), the fields lists of labs need. */
export interface LabRow {
  id: string;
  moduleId: string;
  title: string;
  position: number;
}

/** A module of the curriculum (`course_module`). */
export interface CourseModuleRow {
  id: string;
  title: string;
  position: number;
}

/** A message of a class's chat (`my_cohort_messages` view). */
export interface CohortMessageRow {
  id: bigint;
  cohort: string;
  sender: Identity;
  text: string;
  sentAt: Timestamp;
  editedAt: Timestamp | undefined;
  deleted: boolean;
}

/** The learner's membership of class `cohort` (no row: not in it), for widgets scoped to a class. */
export function cohortQuery(cohort: string | undefined): RowQuery<CohortRow> | undefined {
  if (!cohort) return undefined;
  return { table: 'my_cohorts', sql: `SELECT * FROM my_cohorts WHERE id = ${sqlText(cohort)}`, where: row => row.id === cohort };
}

/** Identities per query of `learnersQuery` and `learnerNamesQuery`: keeps each subscription's SQL short. */
const LEARNERS_PER_QUERY = 200;

/** The profiles of these learners (undefined for none), e.g. the learner's own all-time row on a board. */
export function learnersQuery(identities: Iterable<Identity>, cacheKey?: string): RowQuery<LearnerRow> | undefined {
  return byIdentity<LearnerRow>('learner', identities, cacheKey);
}

/** The names of these learners (undefined for none), e.g. the authors of the messages shown: unlike their profiles, these change only with the name. */
export function learnerNamesQuery(identities: Iterable<Identity>, cacheKey?: string): RowQuery<LearnerNameRow> | undefined {
  return byIdentity<LearnerNameRow>('learner_name', identities, cacheKey);
}

function byIdentity<Row extends { identity: Identity }>(table: string, identities: Iterable<Identity>, cacheKey?: string): RowQuery<Row> | undefined {
  const byHex = new Map([...identities].map(identity => [identity.toHexString(), identity]));
  if (byHex.size === 0) return undefined;
  const sorted = [...byHex.keys()].sort().map(hex => byHex.get(hex)!);
  const sql: string[] = [];
  for (let i = 0; i < sorted.length; i += LEARNERS_PER_QUERY) {
    const chunk = sorted.slice(i, i + LEARNERS_PER_QUERY);
    sql.push(`SELECT * FROM ${table} WHERE ${chunk.map(identity => `identity = ${sqlIdentity(identity)}`).join(' OR ')}`);
  }
  const wanted = new Set(sorted.map(identity => identity.__identity__));
  return { table, sql, where: row => wanted.has(row.identity.__identity__), cacheKey };
}

/** The rows of one class in a class view (`cohort_leaderboard`, `my_cohort_members`, …); undefined for no class. */
export function classRowsQuery<Row extends { cohort: string }>(table: string, cohort: string | undefined): RowQuery<Row> | undefined {
  if (!cohort) return undefined;
  return { table, sql: `SELECT * FROM ${table} WHERE cohort = ${sqlText(cohort)}`, where: row => row.cohort === cohort };
}
