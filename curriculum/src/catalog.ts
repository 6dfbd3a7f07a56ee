import type { CurriculumModule, Lab } from '@lta/labs';
import { archives } from './archives.js';
import { editors } from './editors.js';
import { environment } from './environment.js';
import { files } from './files.js';
import { finding } from './finding.js';
import { forensics } from './forensics.js';
import { git } from './git.js';
import { grep } from './grep.js';
import { links } from './links.js';
import { navigation } from './navigation.js';
import { packages } from './packages.js';
import { permissions } from './permissions.js';
import { processes } from './processes.js';
import { reading } from './reading.js';
import { redirection } from './redirection.js';
import { scripting } from './scripting.js';
import { services } from './services.js';
import { storage } from './storage.js';
import { text } from './text.js';
import { users } from './users.js';

/**
 * The built-in curriculum, in teaching order: each module builds on the ones before it (redirection comes before
 * grep because the grep labs save their results with `>` and `|`).
 */
export const CURRICULUM: readonly CurriculumModule[] = [
  navigation,
  files,
  reading,
  finding,
  redirection,
  grep,
  permissions,
  links,
  text,
  archives,
  environment,
  scripting,
  editors,
  processes,
  users,
  packages,
  services,
  storage,
  git,
  forensics,
];

/** Every built-in lab, in curriculum order. */
export const ALL_LABS: readonly Lab[] = CURRICULUM.flatMap((module) => module.labs);

const LABS_BY_ID = new Map(ALL_LABS.map((lab) => [lab.id, lab]));

/** The built-in lab with this id, if any. */
export function findLab(id: string): Lab | undefined {
  return LABS_BY_ID.get(id);
}

/** The built-in module with this id, if any. */
export function findModule(id: string): CurriculumModule | undefined {
  return CURRICULUM.find((module) => module.id === id);
}

/**
 * True when the module is open to a learner who completed `completedLabIds`: the first module always is; module k
 * is once every lab of module k-1 is complete. Unknown module ids are never unlocked.
 */
export function isModuleUnlocked(moduleId: string, completedLabIds: ReadonlySet<string>): boolean {
  const index = CURRICULUM.findIndex((module) => module.id === moduleId);
  if (index <= 0) return index === 0;
  return CURRICULUM[index - 1]!.labs.every((lab) => completedLabIds.has(lab.id));
}

/** Ids of the modules open to a learner who completed `completedLabIds`, in curriculum order. */
export function unlockedModules(completedLabIds: ReadonlySet<string>): string[] {
  return CURRICULUM.filter((module) => isModuleUnlocked(module.id, completedLabIds)).map((module) => module.id);
}
