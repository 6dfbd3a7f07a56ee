import { t } from 'spacetimedb/server';
import { checkLab, startingFiles, type Lab, type VfsEntry } from '@lta/labs';
import { spend } from '../domain/allowance.js';
import { payableXp } from '../domain/author-xp.js';
import { makeRoomForState } from '../domain/storage.js';
import { completedLabIds, findLab, isModuleComplete, requireUnlocked, type CatalogLab } from '../domain/catalog.js';
import { accept, learnerKey, privateOf, refuseCall, requireLearner, type Ctx } from '../domain/context.js';
import { awardXp } from '../domain/leaderboard.js';
import { awardAchievements, keepStreak, logActivity } from '../domain/progress.js';
import { parseSnapshot } from '../rules/snapshot.js';
import { utf8Length } from '../rules/text.js';
import { spacetimedb } from '../schema.js';

/** The caller's open lab: the lab, and their saved session of it. */
function openSession(ctx: Ctx, lab_id: string) {
  requireLearner(ctx);
  const entry = findLab(ctx, lab_id);
  const session =
    ctx.db.lab_session.key.find(learnerKey(ctx.sender, lab_id)) ??
    refuseCall(`Start the lab "${entry.lab.title}" first`);
  return { entry, session };
}

/** Each lab's starting files, made once per lab object: built-in labs are the same objects on every call. */
const startsByLab = new WeakMap<Lab, Record<string, VfsEntry>>();

/** The state a client sent, read against the lab's starting files; refused with the reason when unreadable. */
function readState(entry: CatalogLab, snapshot: string) {
  let start = startsByLab.get(entry.lab);
  if (!start) startsByLab.set(entry.lab, (start = startingFiles(entry.lab)));
  return accept(parseSnapshot(snapshot, start));
}

/** How many steps pass, in order, on a snapshot. */
function stepsPassed(entry: CatalogLab, snapshot: Parameters<typeof checkLab>[1]): number {
  return checkLab(entry.lab, snapshot).currentStep;
}

/** Open a lab: creates the caller's session, or resumes the saved one (on any device). Locked labs are refused. */
export const start_lab = spacetimedb.reducer({ lab_id: t.string() }, (ctx, { lab_id }) => {
  const me = requireLearner(ctx);
  const entry = findLab(ctx, lab_id);
  requireUnlocked(ctx, ctx.sender, entry);
  const key = learnerKey(ctx.sender, lab_id);
  if (ctx.db.lab_session.key.find(key)) return;
  spend(ctx, 'lab_start');
  ctx.db.lab_session.insert({
    key,
    learner: ctx.sender,
    lab_id,
    snapshot: '',
    steps_passed: 0,
    started_at: ctx.timestamp,
    updated_at: ctx.timestamp,
  });
  logActivity(ctx, me, 'lab_started', entry.lab.title);
});

/**
 * Save the terminal's state (its changes to the lab's starting files, history included, as `encodeLabState` writes
 * it; at most 256 KiB) so the lab resumes elsewhere. Passing a further step counts as verified activity for the streak.
 */
export const save_lab_state = spacetimedb.reducer(
  { lab_id: t.string(), snapshot: t.string() },
  (ctx, { lab_id, snapshot }) => {
    const { entry, session } = openSession(ctx, lab_id);
    spend(ctx, 'save');
    spend(ctx, 'save_bytes', utf8Length(snapshot));
    const passed = stepsPassed(entry, readState(entry, snapshot));
    makeRoomForState(ctx, session, snapshot);
    ctx.db.lab_session.key.update({ ...session, snapshot, steps_passed: passed, updated_at: ctx.timestamp });
    if (passed > session.steps_passed) {
      const [me, mine] = keepStreak(ctx, requireLearner(ctx), privateOf(ctx, ctx.sender));
      awardAchievements(ctx, me, mine);
    }
  },
);

/** The caller opened the next hint of a lab: recorded for good, so "without hints" stays honest after a reset. */
export const use_hint = spacetimedb.reducer({ lab_id: t.string() }, (ctx, { lab_id }) => {
  openSession(ctx, lab_id);
  spend(ctx, 'hint');
  const key = learnerKey(ctx.sender, lab_id);
  const row = ctx.db.hint_use.key.find(key);
  if (row) ctx.db.hint_use.key.update({ ...row, hints: row.hints + 1 });
  else ctx.db.hint_use.insert({ key, learner: ctx.sender, lab_id, hints: 1 });
});

/** Start a lab over from its initial files (the terminal rebuilds them); completion and XP are kept. */
export const reset_lab = spacetimedb.reducer({ lab_id: t.string() }, (ctx, { lab_id }) => {
  const { session } = openSession(ctx, lab_id);
  spend(ctx, 'lab_reset');
  ctx.db.lab_session.key.update({ ...session, snapshot: '', steps_passed: 0, updated_at: ctx.timestamp });
});

/** Delete the caller's own saved state of a lab. Nobody can name another learner's session. */
export const delete_lab_state = spacetimedb.reducer({ lab_id: t.string() }, (ctx, { lab_id }) => {
  requireLearner(ctx);
  spend(ctx, 'lab_reset');
  if (!ctx.db.lab_session.key.delete(learnerKey(ctx.sender, lab_id))) {
    refuseCall(`You have no saved state for the lab "${lab_id.slice(0, 64)}"`);
  }
});

/**
 * Complete a lab: the server runs the lab's checks (the same engine as the terminal) on the submitted state and,
 * only if all pass, awards the catalog's XP once, with level, streak, module and achievement updates in the same
 * transaction. The client names no XP.
 */
export const complete_lab = spacetimedb.reducer(
  { lab_id: t.string(), snapshot: t.string() },
  (ctx, { lab_id, snapshot }) => {
    const { entry, session } = openSession(ctx, lab_id);
    const key = learnerKey(ctx.sender, lab_id);
    if (ctx.db.lab_completion.key.find(key)) refuseCall(`You have already completed "${entry.lab.title}"`);
    if (entry.author?.isEqual(ctx.sender)) refuseCall('You cannot earn XP from a lab you published');
    requireUnlocked(ctx, ctx.sender, entry);
    spend(ctx, 'complete');
    const state = readState(entry, snapshot);
    const result = checkLab(entry.lab, state);
    if (!result.passed) {
      const failing = result.steps[result.currentStep]?.checks.find((check) => !check.passed);
      refuseCall(`Not done yet: ${failing?.message ?? 'some checks still fail'}`);
    }
    makeRoomForState(ctx, session, snapshot);
    ctx.db.lab_session.key.update({
      ...session,
      snapshot,
      steps_passed: result.steps.length,
      updated_at: ctx.timestamp,
    });
    const hints = ctx.db.hint_use.key.find(key)?.hints ?? 0;
    const xp = payableXp(ctx, entry);
    ctx.db.lab_completion.insert({
      key,
      learner: ctx.sender,
      lab_id,
      module_id: entry.lab.module,
      xp_awarded: xp,
      hints_used: hints,
      completed_at: ctx.timestamp,
    });
    let me = requireLearner(ctx);
    me = ctx.db.learner.identity.update({ ...me, labs_completed: me.labs_completed + 1 });
    if (xp > 0) me = awardXp(ctx, me, xp);
    let mine = privateOf(ctx, ctx.sender);
    const moduleDone = entry.moduleIndex >= 0 && isModuleComplete(entry.moduleIndex, completedLabIds(ctx, ctx.sender));
    mine = ctx.db.learner_private.identity.update({
      ...mine,
      labs_without_hints: mine.labs_without_hints + (hints === 0 ? 1 : 0),
      modules_completed: mine.modules_completed + (moduleDone ? 1 : 0),
    });
    [me, mine] = keepStreak(ctx, me, mine);
    logActivity(ctx, me, 'lab_completed', `${entry.lab.title} (+${xp} XP)`);
    awardAchievements(ctx, me, mine);
  },
);
