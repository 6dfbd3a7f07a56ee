/**
 * Public API of `labs/`: the lab format, its validator, the check engine, and the curriculum catalog.
 * Pure TypeScript with no DOM and no Node APIs, so the terminal (browser) and the module (reducers) share it.
 */
export type { ShellSnapshot, VfsEntry } from './snapshot.js';
export {
  LAB_FORMAT_VERSION,
  DIFFICULTIES,
  type Lab,
  type LabStep,
  type LabFile,
  type Check,
  type CheckKind,
  type Hint,
  type Difficulty,
  type CurriculumModule,
} from './format.js';
export { validateLab, parseLab, LAB_LIMITS, type ValidationResult } from './validate.js';
export {
  evaluateCheck,
  checkStep,
  checkLab,
  isLabComplete,
  MAX_MATCHED_TEXT,
  type CheckResult,
  type StepResult,
  type LabResult,
} from './check.js';
export { compileSafeRegex, MAX_PATTERN_LENGTH, MAX_PATTERN_STATES, MAX_MATCH_STEPS, type SafeRegex, type MatchOutcome } from './regex.js';
export { startingFiles, startingSnapshot, parseMode, formatMode } from './files.js';
export { LEARNER_HOME, resolveLabPath, displayPath } from './paths.js';
export {
  CURRICULUM,
  ALL_LABS,
  findLab,
  findModule,
  xpForLevel,
  levelForXp,
  isModuleUnlocked,
  unlockedModules,
} from './curriculum/catalog.js';
