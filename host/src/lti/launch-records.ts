/**
 * What launches tell the tool for later: where a learner's score for a lab goes (the AGS line item and the LMS
 * user id) and where a course's roster is read (the NRPS membership URL). Kept in `<dataDir>/lti/launches.jsonl`
 * so grades still reach the LMS after a restart.
 */
import type { HostLog } from '../server/host-log.js';
import type { LtiFiles } from './lti-files.js';

/** What the host may call after a launch: the learner's line item for the lab, and the course's roster. */
export interface LaunchServices {
  grade?: GradeRecord;
  roster?: { cohort: string; source: RosterSource };
}

/** Where one learner's score for one lab goes. */
interface GradeRecord {
  identityHex: string;
  labId: string;
  target: GradeTarget;
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

/** The old format: the whole state in one file, rewritten at every launch. Read once, then replaced by `FILE`. */
interface Saved {
  grades: Record<string, GradeTarget>;
  rosters: Record<string, RosterSource>;
}

const OLD_FILE = 'launches.json';
/** One line per launch that named a service (a `LaunchServices`): appending costs the same however many there are. */
const FILE = 'launches.jsonl';
/** Entries kept per kind; the oldest go first (their next launch records them again). */
const MAX_ENTRIES = 200_000;
/** Lines the file may hold beyond twice the entries before it is rewritten with one line per entry. */
const SLACK_LINES = 1_000;

export class LaunchRecords {
  readonly #files: LtiFiles;
  /** By `identityHex/labId`. */
  readonly #grades = new Map<string, GradeRecord>();
  readonly #rosters = new Map<string, RosterSource>();
  /** Lines in the file now. */
  #lines = 0;
  /** Whether a write failed, so the file may not hold what the records do. */
  #damaged = false;
  #saving: Promise<void> = Promise.resolve();

  private constructor(files: LtiFiles) {
    this.#files = files;
  }

  static async open(files: LtiFiles, log: HostLog): Promise<LaunchRecords> {
    const records = new LaunchRecords(files);
    const old = await files.readJson<Saved>(OLD_FILE);
    if (old !== undefined) {
      for (const [key, target] of Object.entries(old.grades)) {
        const at = key.indexOf('/');
        setNewest(records.#grades, key, { identityHex: key.slice(0, at), labId: key.slice(at + 1), target });
      }
      for (const [cohort, source] of Object.entries(old.rosters)) setNewest(records.#rosters, cohort, source);
    }
    const { values, unreadable } = await files.openLines<LaunchServices>(FILE, log);
    for (const entry of values) records.#apply(entry);
    records.#lines = values.length + unreadable;
    if (old !== undefined) {
      await records.#rewrite();
      await files.remove(OLD_FILE);
    }
    return records;
  }

  /** Where `identityHex`'s score for `labId` goes, if a launch said so. */
  gradeTarget(identityHex: string, labId: string): GradeTarget | undefined {
    return this.#grades.get(`${identityHex}/${labId}`)?.target;
  }

  rosterSource(cohort: string): RosterSource | undefined {
    return this.#rosters.get(cohort);
  }

  /** Records a launch's targets (newest wins) and saves them: one line, or now and then the whole file anew. */
  async remember(entry: LaunchServices): Promise<void> {
    if (!entry.grade && !entry.roster) return;
    this.#apply(entry);
    const save = () =>
      this.#damaged || this.#lines + 1 > 2 * (this.#grades.size + this.#rosters.size) + SLACK_LINES
        ? this.#rewrite()
        : this.#files.append(FILE, JSON.stringify(entry)).then(() => void this.#lines++);
    // One write at a time, in order. A failed one (a full disk) fails its own launch only, and may have left part of
    // a line: the next save writes the whole file anew, this launch's targets included.
    this.#saving = this.#saving
      .catch(() => undefined)
      .then(save)
      .catch((err: unknown) => {
        this.#damaged = true;
        throw err;
      });
    await this.#saving;
  }

  #apply(entry: LaunchServices): void {
    if (entry.grade) setNewest(this.#grades, `${entry.grade.identityHex}/${entry.grade.labId}`, entry.grade);
    if (entry.roster) setNewest(this.#rosters, entry.roster.cohort, entry.roster.source);
  }

  /** The file anew, one line per entry: what launches replaced or pushed out is dropped. */
  async #rewrite(): Promise<void> {
    const lines: string[] = [];
    for (const grade of this.#grades.values()) lines.push(JSON.stringify({ grade } satisfies LaunchServices));
    for (const [cohort, source] of this.#rosters)
      lines.push(JSON.stringify({ roster: { cohort, source } } satisfies LaunchServices));
    await this.#files.write(FILE, lines.map((line) => `${line}\n`).join(''));
    this.#lines = lines.length;
    this.#damaged = false;
  }
}

function setNewest<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}
