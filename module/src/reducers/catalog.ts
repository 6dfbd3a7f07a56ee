import { t } from 'spacetimedb/server';
import { parseLab, hasRole } from '@lta/labs';
import { spend } from '../domain/allowance.js';
import { curriculumModules, isBuiltinLab, publicDefinition, syncCatalog } from '../domain/catalog.js';
import { privateOf, refuseCall, requireLearner, requireRole } from '../domain/context.js';
import { awardAchievements } from '../domain/progress.js';
import { spacetimedb } from '../schema.js';

/** Most XP an author's lab may give: authors must not be able to mint XP for friends. */
const AUTHORED_LAB_MAX_XP = 100;

/**
 * Publish (or republish) one of the caller's own labs into the catalog. The lab is validated by the same
 * validator as the terminal; every problem is listed in the refusal.
 */
export const publish_lab = spacetimedb.reducer({ definition: t.string() }, (ctx, { definition }) => {
  const me = requireRole(ctx, 'author', 'publish labs');
  if (definition.length > 512 * 1024) refuseCall('This lab is larger than 512 KiB: trim its files');
  spend(ctx, 'publish');
  const parsed = parseLab(definition);
  if (!parsed.ok) refuseCall(`This lab is not valid:\n${parsed.problems.slice(0, 20).join('\n')}`);
  const lab = parsed.lab;
  if (isBuiltinLab(lab.id)) refuseCall(`The id "${lab.id}" belongs to a curriculum lab: choose another`);
  if (curriculumModules().some((module) => module.id === lab.module)) {
    refuseCall(`"${lab.module}" is a curriculum module: put your lab in a module of your own`);
  }
  if (lab.xp > AUTHORED_LAB_MAX_XP) refuseCall(`Authors' labs give at most ${AUTHORED_LAB_MAX_XP} XP`);
  const existing = ctx.db.lab.id.find(lab.id);
  if (existing && !existing.author?.isEqual(ctx.sender)) refuseCall(`The id "${lab.id}" is taken: choose another`);
  const row = {
    id: lab.id,
    module_id: lab.module,
    title: lab.title,
    xp: lab.xp,
    difficulty: lab.difficulty,
    position: 0,
    source: 'author',
    author: ctx.sender,
    definition: publicDefinition(lab),
    updated_at: ctx.timestamp,
  };
  const source = { id: lab.id, definition: JSON.stringify(lab) };
  if (existing) {
    ctx.db.lab.id.update(row);
    ctx.db.lab_source.id.update(source);
    // A changed lab is a new lab to review: an approval must not carry over to whatever the author swaps in.
    ctx.db.lab_approval.lab_id.delete(lab.id);
    return;
  }
  ctx.db.lab.insert(row);
  ctx.db.lab_source.insert(source);
  const mine = privateOf(ctx, ctx.sender);
  awardAchievements(
    ctx,
    me,
    ctx.db.learner_private.identity.update({ ...mine, labs_published: mine.labs_published + 1 }),
  );
});

/** Withdraw an author's lab: its author, or an admin. Completions and XP already earned stay. */
export const unpublish_lab = spacetimedb.reducer({ lab_id: t.string() }, (ctx, { lab_id }) => {
  const me = requireLearner(ctx);
  const row = ctx.db.lab.id.find(lab_id);
  if (!row || row.source !== 'author') refuseCall(`There is no published lab "${lab_id.slice(0, 64)}"`);
  if (!row.author?.isEqual(ctx.sender) && !hasRole(me.role, 'admin')) refuseCall('You can only withdraw your own labs');
  ctx.db.lab.id.delete(lab_id);
  ctx.db.lab_source.id.delete(lab_id);
  ctx.db.lab_approval.lab_id.delete(lab_id);
});

/**
 * Let an author's lab pay XP: admins review it first, so an author cannot mint XP for friends. Each learner earns
 * at most `AUTHOR_XP_PER_LEARNER_MAX` from one author's labs even so.
 */
export const approve_lab = spacetimedb.reducer({ lab_id: t.string() }, (ctx, { lab_id }) => {
  requireRole(ctx, 'admin', 'approve labs');
  const row = ctx.db.lab.id.find(lab_id);
  if (!row || row.source !== 'author') refuseCall(`There is no published lab "${lab_id.slice(0, 64)}"`);
  if (ctx.db.lab_approval.lab_id.find(lab_id)) refuseCall(`"${row.title}" is already approved`);
  ctx.db.lab_approval.insert({ lab_id, by: ctx.sender, at: ctx.timestamp });
});

/** Copy the bundled curriculum into the catalog tables now (also done on first publish and on first connection). */
export const sync_catalog = spacetimedb.reducer((ctx) => {
  requireRole(ctx, 'admin', 'refresh the catalog');
  syncCatalog(ctx);
});
