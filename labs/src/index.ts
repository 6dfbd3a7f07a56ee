/**
 * Public API of `@lta/labs`: the lab format, its validator, the check engine, and the academy rules both the module
 * and the widgets apply (level curve, roles, calendar). The course itself is `@lta/curriculum`.
 * Pure TypeScript with no DOM and no Node APIs, so the terminal (browser) and the module (reducers) share it.
 */
export {
  parseArgs,
  hasOption,
  printed,
  recordsFromHistory,
  type CommandRecord,
  type ParsedArgs,
} from './command-line.js';
export { unifiedDiff } from './line-diff.js';
export {
  readShellSnapshot,
  MAX_RECORDED_COMMANDS,
  MAX_VISITED_DIRS,
  type ShellSnapshot,
  type SnapshotReading,
} from './snapshot.js';
export { ownerOf, type VfsEntry } from './vfs-entry.js';
export {
  encodeLabState,
  decodeLabState,
  packLabState,
  startingFilesFingerprint,
  SAVED_STATE_VERSION,
  DEFLATE_ABOVE,
  MAX_UNPACKED_BYTES,
  type PackedLabState,
  type CopiedFile,
  type DuplicateFile,
  type DeflateRaw,
} from './saved-state.js';
export { fingerprint } from './fingerprint.js';
export {
  scriptRunsOf,
  scriptRunKey,
  MAX_SCRIPT_RUNS,
  MAX_RUN_TEXT,
  MAX_RUN_FILES,
  type ScriptRunRecord,
} from './script-runs.js';
export {
  LAB_FORMAT_VERSION,
  DIFFICULTIES,
  type Lab,
  type LabStep,
  type LabFile,
  type Check,
  type ScriptRun,
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
export {
  compileSafeRegex,
  MAX_PATTERN_LENGTH,
  MAX_PATTERN_STATES,
  MAX_MATCH_STEPS,
  type SafeRegex,
  type MatchOutcome,
} from './regex.js';
export { startingFiles } from './files.js';
export { startingSnapshot } from './starting-snapshot.js';
export { parseMode, formatMode } from './modes.js';
export { LEARNER_HOME, resolveLabPath, displayPath, normalizePath, parentOf } from './paths.js';
export { xpForLevel, levelForXp } from './levels.js';
export { ROLES, isRole, hasRole, mayAssignRole, type Role } from './roles.js';
export { checkTimeZone, localDay, weekNumber, advanceStreak, type Streak, type TimeZoneCheck } from './calendar.js';
export {
  defaultUsers,
  groupsOfUser,
  passwordHash,
  DEFAULT_PASSWORD,
  FIRST_UID,
  LEARNER_ACCOUNT,
  type UsersDeclaration,
  type UsersState,
  type UserAccount,
  type UserGroup,
  type UsersCheck,
} from './machine/users.js';
export {
  startingMachine,
  type LabMachine,
  type MachineState,
  type MachinePartKey,
  type MachineCheck,
} from './machine/index.js';
export {
  NETWORK_LIMITS,
  type NetworkDeclaration,
  type NetworkState,
  type HostDeclaration,
  type HostState,
  type ListeningService,
  type HttpRoute,
  type NetworkCheck,
} from './machine/network.js';
export {
  withSave,
  EDITOR_NAMES,
  MAX_EDITOR_SAVES,
  type EditorName,
  type EditorSave,
  type EditorsState,
  type EditorCheck,
} from './machine/editors.js';
export { GIT_CHECK_FIELDS, type GitCheck } from './git.js';
export { GIT_REMOTE_CHECK_FIELDS, type GitRemoteCheck } from './git-remotes.js';
export {
  PACKAGE_CATALOG,
  BASE_PACKAGES,
  CATALOG_MAINTAINER,
  catalogPackage,
  type CatalogPackage,
} from './machine/package-catalog.js';
export { debFile, readDebFile, type DebFile } from './machine/deb-file.js';
export {
  DEFAULT_PACKAGES,
  withDependencies,
  type InstalledPackage,
  type PackagesDeclaration,
  type PackagesState,
} from './machine/packages.js';
export {
  availableKib,
  DEFAULT_FSTAB,
  MAX_FSTAB,
  type PartitionFiles,
  filesKib,
  filesystemOf,
  fstabEntries,
  fstabEntryProblem,
  partitionNamed,
  ROOT_DISK,
  sizeKib,
  MAX_STORAGE_TEXT,
  type FilesystemType,
  type FstabEntry,
  type PartitionDeclaration,
  type PartitionState,
  type StorageCheck,
  type StorageDeclaration,
  type StorageState,
} from './machine/storage.js';
export {
  cronEntry,
  MAX_CRONTAB,
  MAX_JOURNAL,
  MAX_UNIT_TEXT,
  type ActiveState,
  type JournalEntry,
  type ServiceDeclaration,
  type ServicesDeclaration,
  type ServicesState,
  type UnitState,
} from './machine/services.js';
export {
  processNameOf,
  isAlive,
  matchesProcess,
  LOGIN_SHELL_PID,
  PROCESS_LIMITS,
  IGNORABLE_SIGNALS,
  type ProcessesState,
  type ProcessEntry,
  type EndedJob,
  type ProcessDeclaration,
  type ProcessCheck,
  type ProcessMatch,
  type IgnorableSignal,
  type ProcessRunState,
} from './machine/processes.js';
