import type { Identity } from 'spacetimedb';
import { fingerprint, parseLab, type CurriculumModule, type Lab } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { ACHIEVEMENTS } from '../achievements.js';
import { refuseCall, type Ctx } from './context.js';

/** A lab as the module judges it: its definition and where it sits. */
export interface CatalogLab {
  lab: Lab;
  /** Index of its module in the curriculum, or -1 for authors' labs (never locked). */
  moduleIndex: number;
  author: Identity | undefined;
}

let builtinIndex: Map<string, CatalogLab> | undefined;

/** The curriculum bundled into this version of the module, by lab id. */
function builtinLabs(): Map<string, CatalogLab> {
  if (!builtinIndex) {
    builtinIndex = new Map();
    CURRICULUM.forEach((module, moduleIndex) => {
      for (const lab of module.labs) builtinIndex!.set(lab.id, { lab, moduleIndex, author: undefined });
    });
  }
  return builtinIndex;
}

/** The curriculum's modules in order. */
export function curriculumModules(): readonly CurriculumModule[] {
  return CURRICULUM;
}

/** True when `id` is a lab of the bundled curriculum. */
export function isBuiltinLab(id: string): boolean {
  return builtinLabs().has(id);
}

/**
 * A lab by id. Built-in labs are read from the bundled curriculum, never from the `lab` table, so checks and XP
 * are always those of the running module version even before the table mirror is refreshed.
 */
export function findLab(ctx: Ctx, id: string): CatalogLab {
  const builtin = builtinLabs().get(id);
  if (builtin) return builtin;
  const published = ctx.db.lab.id.find(id);
  const source = ctx.db.lab_source.id.find(id);
  if (!published || !source) refuseCall(`There is no lab "${id.slice(0, 64)}"`);
  const parsed = parseLab(source.definition);
  if (!parsed.ok) refuseCall(`The lab "${id.slice(0, 64)}" is no longer valid: ask its author to republish it`);
  return { lab: parsed.lab, moduleIndex: -1, author: published.author };
}

/** The ids of every lab a learner has completed. */
export function completedLabIds(ctx: Ctx, learner: Identity): Set<string> {
  const done = new Set<string>();
  for (const row of ctx.db.lab_completion.learner.filter(learner)) done.add(row.lab_id);
  return done;
}

/** True when every lab of curriculum module `moduleIndex` is in `done`. */
export function isModuleComplete(moduleIndex: number, done: Set<string>): boolean {
  return CURRICULUM[moduleIndex]!.labs.every((lab) => done.has(lab.id));
}

/** Refuse unless the lab's module is open: the first module always is, module k once module k-1 is complete. */
export function requireUnlocked(ctx: Ctx, learner: Identity, entry: CatalogLab): void {
  if (entry.moduleIndex <= 0) return;
  if (!isModuleComplete(entry.moduleIndex - 1, completedLabIds(ctx, learner))) {
    refuseCall(`Complete every lab of "${CURRICULUM[entry.moduleIndex - 1]!.title}" to unlock this lab`);
  }
}

let catalogPrint: string | undefined;

/** FNV-1a over the bundled curriculum and achievements: changes whenever a module version changes either. */
export function catalogFingerprint(): string {
  catalogPrint ??= fingerprint(
    JSON.stringify([CURRICULUM, ACHIEVEMENTS.map(({ id, title, description }) => [id, title, description])]),
  );
  return catalogPrint;
}

/** A lab as shown to clients: everything but the reference solution. */
export function publicDefinition(lab: Lab): string {
  return JSON.stringify({ ...lab, solution: [] });
}

/**
 * Mirror the bundled curriculum and achievements into the public tables: insert new rows, update changed ones,
 * drop built-in labs and modules this version no longer ships. Authors' labs are left alone.
 */
export function syncCatalog(ctx: Ctx): void {
  const modules = new Set<string>();
  CURRICULUM.forEach((module, position) => {
    modules.add(module.id);
    const row = {
      id: module.id,
      title: module.title,
      summary: module.summary,
      position,
      lab_count: module.labs.length,
    };
    if (ctx.db.course_module.id.find(module.id)) ctx.db.course_module.id.update(row);
    else ctx.db.course_module.insert(row);
    module.labs.forEach((lab, labPosition) => {
      const labRow = {
        id: lab.id,
        module_id: module.id,
        title: lab.title,
        xp: lab.xp,
        difficulty: lab.difficulty,
        position: labPosition,
        source: 'builtin',
        author: undefined,
        definition: publicDefinition(lab),
        updated_at: ctx.timestamp,
      };
      const existing = ctx.db.lab.id.find(lab.id);
      if (!existing) ctx.db.lab.insert(labRow);
      else if (existing.definition !== labRow.definition || existing.position !== labPosition)
        ctx.db.lab.id.update(labRow);
    });
  });
  for (const row of [...ctx.db.lab.iter()]) {
    if (row.source === 'builtin' && !isBuiltinLab(row.id)) ctx.db.lab.id.delete(row.id);
  }
  for (const row of [...ctx.db.course_module.iter()]) {
    if (!modules.has(row.id)) ctx.db.course_module.id.delete(row.id);
  }
  ACHIEVEMENTS.forEach(({ id, title, description }, position) => {
    const row = { id, title, description, position };
    if (ctx.db.achievement.id.find(id)) ctx.db.achievement.id.update(row);
    else ctx.db.achievement.insert(row);
  });
  const config = ctx.db.academy_config.id.find(0);
  if (config) ctx.db.academy_config.id.update({ ...config, catalog_fingerprint: catalogFingerprint() });
}

/** Refresh the mirror if this module version ships a different catalog than the one last copied. */
export function syncCatalogIfChanged(ctx: Ctx): void {
  const config = ctx.db.academy_config.id.find(0);
  if (config && config.catalog_fingerprint !== catalogFingerprint()) syncCatalog(ctx);
}
