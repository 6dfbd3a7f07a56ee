import { t, type InferSchema, type ViewCtx } from 'spacetimedb/server';
import type { Identity } from 'spacetimedb';
import { memberKey, type CohortMember } from './domain/cohort.js';
import { PRESENCE_LINE_FIELDS } from './domain/presence.js';
import { COHORT_BOARD_TOP } from './rules/cohort.js';
import { spacetimedb } from './schema.js';
import { cohort_member, cohort_message, cohort_code_try } from './tables/cohort.js';

/*
 * Views of classes (cohorts): each returns rows of the caller's own classes only, so a learner who subscribes by
 * hand to another class's id gets nothing. Clients filter them by class (`WHERE cohort = '…'`).
 */

type Ctx = ViewCtx<InferSchema<typeof spacetimedb>>;

/** Messages of each class's chat a member receives: the latest ones, like a chat window's history. */
const COHORT_CHAT_HISTORY = 200;

/** The caller's memberships. */
function myMemberships(ctx: Ctx): CohortMember[] {
  return [...ctx.db.cohort_member.learner.filter(ctx.sender)];
}

/** The members of the classes the caller belongs to (`taught`: only those the caller teaches). */
function classmates(ctx: Ctx, taught = false): CohortMember[] {
  const rows: CohortMember[] = [];
  for (const mine of myMemberships(ctx)) {
    if (taught && mine.role !== 'instructor') continue;
    rows.push(...ctx.db.cohort_member.cohort.filter(mine.cohort));
  }
  return rows;
}

/** A class the caller belongs to, with the caller's role; instructors also see its invite code. */
const MyCohort = t.row('MyCohort', {
  id: t.string().primaryKey(),
  title: t.string(),
  /** `lti` or `invite`. */
  source: t.string(),
  /** The caller's role in it: `learner` or `instructor`. */
  role: t.string(),
  /** For instructors of an `invite` class; empty otherwise. */
  invite_code: t.string(),
});

/** The classes the caller belongs to. */
export const my_cohorts = spacetimedb.view({ public: true }, t.array(MyCohort), (ctx) =>
  myMemberships(ctx).flatMap((mine) => {
    const cohort = ctx.db.cohort.id.find(mine.cohort);
    if (!cohort) return [];
    const code = mine.role === 'instructor' ? (ctx.db.cohort_invite.cohort.find(cohort.id)?.code ?? '') : '';
    return [{ id: cohort.id, title: cohort.title, source: cohort.source, role: mine.role, invite_code: code }];
  }),
);

/** Everyone in the caller's classes. The name the LMS sent is shown to the class's instructors only. */
export const my_cohort_members = spacetimedb.view({ public: true }, t.array(cohort_member.rowType), (ctx) => {
  const teaches = new Set(
    myMemberships(ctx)
      .filter((mine) => mine.role === 'instructor')
      .map((mine) => mine.cohort),
  );
  return classmates(ctx).map((row) => (teaches.has(row.cohort) ? row : { ...row, lms_name: '' }));
});

/** The latest messages of the caller's classes' chats. */
export const my_cohort_messages = spacetimedb.view({ public: true }, t.array(cohort_message.rowType), (ctx) =>
  myMemberships(ctx).flatMap((mine) =>
    [...ctx.db.cohort_message.cohort.filter(mine.cohort)]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(-COHORT_CHAT_HISTORY),
  ),
);

/** A registered member of one of the caller's classes who is online, with the name widgets show. */
const ClassmateOnline = t.row('ClassmateOnline', {
  /** `<cohort id>/<identity hex>`. */
  key: t.string().primaryKey(),
  cohort: t.string(),
  ...PRESENCE_LINE_FIELDS,
});

/**
 * Who of each of the caller's classes is online, named (`learner_name`, not `learner`: an XP change re-sends
 * nothing). Members who never registered have no name and are left out.
 */
export const cohort_presence = spacetimedb.view({ public: true }, t.array(ClassmateOnline), (ctx) =>
  classmates(ctx).flatMap((member) => {
    const presence = ctx.db.presence.learner.find(member.learner);
    const name = presence?.online ? ctx.db.learner_name.identity.find(member.learner) : null;
    if (!presence || !name) return [];
    const { idle, current_lab } = presence;
    return [{ key: member.key, cohort: member.cohort, ...name, idle, current_lab }];
  }),
);

/** A line of a class's leaderboard. */
const CohortRank = t.row('CohortRank', {
  /** `<cohort id>/<identity hex>`. */
  key: t.string().primaryKey(),
  cohort: t.string(),
  learner: t.identity(),
  /** 1 + the number of the class's learners with more XP (ties share a rank). */
  rank: t.u32(),
  xp: t.u64(),
});

/**
 * Each of the caller's classes' all-time leaderboard: its top `COHORT_BOARD_TOP` registered members and the
 * caller's own line, so a class of any size sends a bounded number of rows.
 */
export const cohort_leaderboard = spacetimedb.view({ public: true }, t.array(CohortRank), (ctx) =>
  myMemberships(ctx).flatMap((mine) => {
    const board = [...ctx.db.cohort_member.cohort.filter(mine.cohort)]
      .flatMap((member) => {
        const learner = ctx.db.learner.identity.find(member.learner);
        return learner ? [{ learner: learner.identity, xp: learner.xp }] : [];
      })
      .sort((a, b) => (a.xp === b.xp ? 0 : a.xp > b.xp ? -1 : 1));
    let rank = 0;
    const ranked = board.map((entry, index) => {
      // Ties share the rank of the first learner with that XP.
      if (index === 0 || board[index - 1]!.xp !== entry.xp) rank = index + 1;
      return {
        key: memberKey(mine.cohort, entry.learner),
        cohort: mine.cohort,
        learner: entry.learner,
        rank,
        xp: entry.xp,
      };
    });
    const own = ranked.find((row) => row.learner.isEqual(ctx.sender));
    const top = ranked.slice(0, COHORT_BOARD_TOP);
    return own && !top.includes(own) ? [...top, own] : top;
  }),
);

/** One learner's work on one lab, for the instructors of their class. */
const LabProgress = t.row('LabProgress', {
  /** `<cohort id>/<identity hex>/<lab id>`. */
  key: t.string().primaryKey(),
  cohort: t.string(),
  learner: t.identity(),
  lab_id: t.string(),
  /** `in_progress` or `done`; a lab without a row is not started. */
  status: t.string(),
  steps_passed: t.u32(),
  hints_used: t.u32(),
  started_at: t.timestamp(),
  /** The last save, or the completion. */
  last_active_at: t.timestamp(),
});

/** What one learner did in each lab they touched. */
function progressOf(ctx: Ctx, cohort: string, learner: Identity) {
  const hints = new Map([...ctx.db.hint_use.learner.filter(learner)].map((row) => [row.lab_id, row.hints]));
  const sessions = new Map([...ctx.db.lab_session.learner.filter(learner)].map((row) => [row.lab_id, row]));
  const done = new Map([...ctx.db.lab_completion.learner.filter(learner)].map((row) => [row.lab_id, row]));
  const labs = new Set([...sessions.keys(), ...done.keys(), ...hints.keys()]);
  return [...labs].flatMap((labId) => {
    const session = sessions.get(labId);
    const completion = done.get(labId);
    const startedAt = session?.started_at ?? completion?.completed_at;
    if (!startedAt) return [];
    return [
      {
        key: `${memberKey(cohort, learner)}/${labId}`,
        cohort,
        learner,
        lab_id: labId,
        status: completion ? 'done' : 'in_progress',
        steps_passed: session?.steps_passed ?? 0,
        hints_used: completion?.hints_used ?? hints.get(labId) ?? 0,
        started_at: startedAt,
        last_active_at: completion?.completed_at ?? session?.updated_at ?? startedAt,
      },
    ];
  });
}

/**
 * The progress of every learner in each class the caller teaches, lab by lab; empty for anyone who teaches no
 * class, so the module, not the page, keeps progress to instructors.
 */
export const class_progress = spacetimedb.view({ public: true }, t.array(LabProgress), (ctx) =>
  classmates(ctx, true)
    .filter((member) => member.role === 'learner')
    .flatMap((member) => progressOf(ctx, member.cohort, member.learner)),
);

/** How the caller's last invite-code try went. */
export const my_cohort_code_try = spacetimedb.view({ public: true }, t.array(cohort_code_try.rowType), (ctx) => {
  const row = ctx.db.cohort_code_try.learner.find(ctx.sender);
  return row ? [row] : [];
});
