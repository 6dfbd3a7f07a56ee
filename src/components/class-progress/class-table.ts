import type { CohortMemberRow, LabProgressRow, LabRow, LearnerRow } from '../../connection/academy-schema.js';
import { byIdentity } from '../../internal/learner-name.js';

/** Where a learner stands in one lab. */
export type LabStatus = 'not_started' | 'in_progress' | 'done';

/** One learner in one lab. */
export interface LabCell {
  status: LabStatus;
  stepsPassed: number;
  hints: number;
  /** From starting the lab to its last save or its completion, in whole minutes. */
  minutes: number;
}

/** One learner's line of the class table. */
export interface ClassLine {
  /** Identity hex. */
  key: string;
  /** What to call the learner: display name, else the name the LMS sent, else a short id. */
  name: string;
  /** Empty until the learner registers. */
  username: string;
  learner: LearnerRow | undefined;
  cells: Map<string, LabCell>;
  done: number;
  hints: number;
  minutes: number;
}

/** A column to sort by: the learner's name, a total, or one lab (`lab:<id>`). */
export type SortKey = 'name' | 'done' | 'hints' | 'minutes' | `lab:${string}`;

export const NOT_STARTED: LabCell = { status: 'not_started', stepsPassed: 0, hints: 0, minutes: 0 };

const MICROS_PER_MINUTE = 60_000_000n;

/**
 * The class as a table: one line per learner of the class (instructors are not listed), with a cell per lab of
 * `labIds` they touched (missing cells are not started) and their totals over those labs.
 */
export function classLines(
  members: readonly CohortMemberRow[],
  progress: readonly LabProgressRow[],
  learners: readonly LearnerRow[],
  labIds: ReadonlySet<string>,
): ClassLine[] {
  const profiles = byIdentity(learners);
  const lines = new Map<string, ClassLine>();
  for (const member of members) {
    if (member.role !== 'learner') continue;
    const key = member.learner.toHexString();
    const learner = profiles.get(key);
    lines.set(key, {
      key,
      name: learner?.displayName || member.lmsName || learner?.username || `Learner ${key.slice(-6)}`,
      username: learner?.username ?? '',
      learner,
      cells: new Map(),
      done: 0,
      hints: 0,
      minutes: 0,
    });
  }
  for (const row of progress) {
    const line = lines.get(row.learner.toHexString());
    if (!line || !labIds.has(row.labId)) continue;
    const elapsed = row.lastActiveAt.microsSinceUnixEpoch - row.startedAt.microsSinceUnixEpoch;
    const cell: LabCell = {
      status: row.status === 'done' ? 'done' : 'in_progress',
      stepsPassed: row.stepsPassed,
      hints: row.hintsUsed,
      minutes: elapsed > 0n ? Number(elapsed / MICROS_PER_MINUTE) : 0,
    };
    line.cells.set(row.labId, cell);
    line.done += cell.status === 'done' ? 1 : 0;
    line.hints += cell.hints;
    line.minutes += cell.minutes;
  }
  return [...lines.values()];
}

const STATUS_ORDER: Record<LabStatus, number> = { not_started: 0, in_progress: 1, done: 2 };

/** How far a learner got in a lab, as one number: status first, then steps passed. */
function progressScore(cell: LabCell): number {
  return STATUS_ORDER[cell.status] * 1e6 + cell.stepsPassed;
}

/** The lines sorted by `key` (ties by name, always A to Z). */
export function sortLines(lines: readonly ClassLine[], key: SortKey, ascending: boolean): ClassLine[] {
  const byName = (a: ClassLine, b: ClassLine) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key);
  const value = (line: ClassLine): number => {
    if (key === 'done' || key === 'hints' || key === 'minutes') return line[key];
    return progressScore(line.cells.get(key.slice(4)) ?? NOT_STARTED);
  };
  const direction = ascending ? 1 : -1;
  return [...lines].sort((a, b) =>
    key === 'name' ? direction * byName(a, b) : direction * (value(a) - value(b)) || byName(a, b),
  );
}

/** The labs to show as columns, in curriculum order (module, then position), or only `only` when given. */
export function labColumns(
  labs: readonly LabRow[],
  modulePositions: ReadonlyMap<string, number>,
  only: readonly string[],
): LabRow[] {
  const wanted = only.length > 0 ? labs.filter((lab) => only.includes(lab.id)) : [...labs];
  const moduleOf = (lab: LabRow) => modulePositions.get(lab.moduleId) ?? Number.MAX_SAFE_INTEGER;
  return wanted.sort((a, b) => moduleOf(a) - moduleOf(b) || a.position - b.position || a.id.localeCompare(b.id));
}

/** Minutes as the table shows them: `<1 min`, `12 min`, `2 h 05 min`. */
export function formatMinutes(minutes: number): string {
  if (minutes < 1) return '<1 min';
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
