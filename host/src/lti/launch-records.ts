/**
 * What launches tell the tool for later: where a learner's score for a lab goes (the AGS line item and the LMS
 * user id) and where a course's roster is read (the NRPS membership URL). Kept in `<dataDir>/lti/launches.json`
 * so grades still reach the LMS after a restart.
 */
import type { LtiFiles } from './lti-files.js';

/** Where one learner's score for one lab goes. */
/** What the host may call after a launch: the learner's line item for the lab, and the course's roster. */
export interface LaunchServices {
  grade?: { identityHex: string; labId: string; target: GradeTarget };
  roster?: { cohort: string; source: RosterSource };
}

export interface GradeTarget {
  platformIssuer: string;
  clientId: string;
  /** The line item URL (AGS claim `lineitem`); scores are posted to `<lineitem>/scores`. */
  lineItem: string;
  /** The learner's id on the platform (the id_token's `sub`), as scores name users. */
  userId: string;
}

/** Where a course's roster is read. */
export interface RosterSource {
  platformIssuer: string;
  clientId: string;
  membershipsUrl: string;
}

interface Saved {
  grades: Record<string, GradeTarget>;
  rosters: Record<string, RosterSource>;
}

const FILE = 'launches.json';
/** Entries kept per kind; the oldest go first (their next launch records them again). */
const MAX_ENTRIES = 200_000;

export class LaunchRecords {
  readonly #files: LtiFiles;
  readonly #grades = new Map<string, GradeTarget>();
  readonly #rosters = new Map<string, RosterSource>();
  #saving: Promise<void> = Promise.resolve();

  private constructor(files: LtiFiles) {
    this.#files = files;
  }

  static async open(files: LtiFiles): Promise<LaunchRecords> {
    const records = new LaunchRecords(files);
    const parsed = await files.readJson<Saved>(FILE);
    if (parsed !== undefined) {
      for (const [key, value] of Object.entries(parsed.grades)) records.#grades.set(key, value);
      for (const [key, value] of Object.entries(parsed.rosters)) records.#rosters.set(key, value);
    }
    return records;
  }

  /** Where `identityHex`'s score for `labId` goes, if a launch said so. */
  gradeTarget(identityHex: string, labId: string): GradeTarget | undefined {
    return this.#grades.get(`${identityHex}/${labId}`);
  }

  rosterSource(cohort: string): RosterSource | undefined {
    return this.#rosters.get(cohort);
  }

  /** Records a launch's targets (newest wins) and saves them. */
  async remember(entry: LaunchServices): Promise<void> {
    if (entry.grade) setNewest(this.#grades, `${entry.grade.identityHex}/${entry.grade.labId}`, entry.grade.target);
    if (entry.roster) setNewest(this.#rosters, entry.roster.cohort, entry.roster.source);
    const text = JSON.stringify({
      grades: Object.fromEntries(this.#grades),
      rosters: Object.fromEntries(this.#rosters),
    } satisfies Saved);
    // One write at a time, each with the latest state.
    this.#saving = this.#saving.then(() => this.#files.write(FILE, text));
    await this.#saving;
  }
}

function setNewest<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}
