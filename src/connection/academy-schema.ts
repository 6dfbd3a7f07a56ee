import type { RowTypedQuery } from 'spacetimedb';
import { DbConnection, reducers, tables } from '../bindings/index.js';

/*
 * The contract between the module and the widgets, taken from the generated bindings (`src/bindings/`, made by
 * `npm run generate` from `module/`): widgets name tables as `tables.<accessor>` and reducers as
 * `reducers.<accessor>`, and every row and argument type below is derived from them. A table, column or reducer
 * renamed in the module fails the type-check of every widget that uses it (`test/node/typed-contract.test.ts`).
 */
export { DbConnection, reducers, tables };

/** The bindings' query builder: each table doubles as a query, `tables.learner.where(l => l.xp.gt(0n))`. */
export type Tables = typeof tables;

/**
 * A table or view as the bindings name it (`channelMessage`). The bindings also carry deprecated snake_case
 * aliases (`channel_message`); they are left out so that every name has one spelling.
 */
export type TableName = Exclude<keyof Tables, `${string}_${string}`>;

/** The row type of a table or view, e.g. `RowOf<'learner'>`. */
export type RowOf<Name extends TableName> = Tables[Name] extends RowTypedQuery<infer Row, infer _Type> ? Row : never;

/** A query of one table built with `tables`: its SQL, its client-side filter and its row type in one value. */
export type TableQuery<Row> = RowTypedQuery<Row, unknown> & { toSql(): string };

/** A reducer of the module as the bindings describe it, e.g. `reducers.sendMessage`. */
export type AcademyReducer = (typeof reducers)[keyof typeof reducers];

/** The arguments a reducer takes, e.g. `ReducerArgs<typeof reducers.sendMessage>` is `{ channel, text }`. */
export type ReducerArgs<Reducer extends AcademyReducer> = Parameters<
  DbConnection['reducers'][Reducer['accessorName']]
>[0];

/** The rows widgets read, by what they hold. */
export type LearnerRow = RowOf<'learner'>;
export type LearnerNameRow = RowOf<'learnerName'>;
export type PresenceRow = RowOf<'presence'>;
export type OnlineLearnerRow = RowOf<'onlineLearners'>;
export type OnlineCountRow = RowOf<'onlineCount'>;
export type ChannelMessageRow = RowOf<'channelMessage'>;
export type DirectMessageRow = RowOf<'myDirectMessages'>;
export type XpCountRow = RowOf<'xpCount'>;
export type WeeklyScoreRow = RowOf<'weeklyScore'>;
export type AchievementRow = RowOf<'achievement'>;
export type AchievementAwardRow = RowOf<'achievementAward'>;
export type SanctionRow = RowOf<'mySanction'>;
export type CohortRow = RowOf<'myCohorts'>;
export type CohortMemberRow = RowOf<'myCohortMembers'>;
export type LabProgressRow = RowOf<'classProgress'>;
export type CohortRankRow = RowOf<'cohortLeaderboard'>;
export type LabRow = RowOf<'lab'>;
export type CourseModuleRow = RowOf<'courseModule'>;
export type CohortMessageRow = RowOf<'myCohortMessages'>;
export type CohortCodeTryRow = RowOf<'myCohortCodeTry'>;
export type ClassmateOnlineRow = RowOf<'cohortPresence'>;
export type SettingsRow = RowOf<'mySettings'>;
export type CompletionRow = RowOf<'myCompletions'>;
export type LabSessionRow = RowOf<'myLabSessions'>;
