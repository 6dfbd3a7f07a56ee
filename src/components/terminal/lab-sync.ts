import type { ShellSnapshot } from '@lta/labs';
import { reducers, tables } from '../../connection/academy-schema.js';
import type { AcademySource } from '../../connection/index.js';
import { adoptIdentities } from '../../connection/query-plan.js';
import type { LabStateCodec } from './lab-state-codec.js';

/** Largest saved state the module stores, in UTF-8 bytes (`save_lab_state` refuses more). */
export const MAX_SERVER_STATE = 256 * 1024;
/** Commands typed within this delay are saved together: one reducer call per pause, not per command. */
export const SAVE_DELAY_MS = 800;
/** After the module refused to open the lab (not signed up, locked), how long before asking again. */
const RETRY_START_MS = 10_000;

/** A save or completion that did not reach the academy, for the terminal to put in words. */
export type SyncProblem =
  /** The academy refused a save: its own message. */
  | { kind: 'not-saved'; reason: string }
  /** The packed state is over what the academy stores; `largest` names the biggest files (`~/big.log (1.2 MB)`). */
  | { kind: 'too-large'; packedKiB: number; mostKiB: number; largest: string[] }
  /** The academy refused to verify the lab: its own message. */
  | { kind: 'refused'; reason: string };

/** What the sync tells the terminal. */
export interface LabSyncEvents {
  /** The academy holds newer work on this lab than this browser (another device): continue from it. */
  resume(snapshot: ShellSnapshot): void;
  /** The lab is now saved to the academy (true) or runs in practice mode, with the module's reason (false). */
  active(active: boolean, reason?: string): void;
  /** A save or completion did not reach the academy. */
  problem(problem: SyncProblem): void;
  /** The learner's XP and level, live. */
  standing(xp: number, level: number): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One catalog lab kept in step with the academy: opens the learner's session (`start_lab`), resumes work saved on
 * another device, saves after commands (debounced), records hints and resets, submits the lab for the server's
 * verification (`complete_lab`), and follows the learner's XP and level.
 */
export class LabSync {
  private started = false;
  private starting = false;
  /** The learner signed up while a start was on its way (and may have been refused for not being signed up). */
  private startAgain = false;
  private lastStartAttempt = -Infinity;
  private pending: ShellSnapshot | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stops: (() => void)[] = [];
  private resumeChecked = false;
  /**
   * The learner already worked in this terminal: a copy from another device arriving now must not replace the
   * shell under their fingers (their next save wins instead).
   */
  private workedHere = false;
  private disposed = false;
  /** The learner completed this lab before: finishing it again earns nothing and asks the server nothing. */
  private completedBefore = false;
  /** Saves go out one after another, so an older state can never land after a newer one. */
  private sending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly academy: AcademySource,
    readonly labId: string,
    /** When this browser last saved the lab (ms since 1970), 0 when never; asked when the academy answers. */
    private readonly localSavedAt: () => number,
    /** Packs states against this lab's starting files (from the terminal's lazy stack, so nothing of @lta/labs loads with the page). */
    private readonly codec: LabStateCodec,
    private readonly events: LabSyncEvents,
  ) {
    void this.start();
    const me = academy.status.identity;
    if (me) {
      this.stops.push(
        academy.watch(adoptIdentities({ query: tables.learner.where((row) => row.identity.eq(me)) }), ({ rows }) => {
          if (!rows[0]) return;
          events.standing(Number(rows[0].xp), rows[0].level);
          // The learner just signed up (in <lta-academy>): open the lab now rather than at the next retry.
          if (this.starting) this.startAgain = true;
          else if (!this.started) void this.start();
        }),
      );
    }
  }

  get isActive(): boolean {
    return this.started;
  }

  /** Opens the learner's session of the lab; false (practice mode) when the module refuses. */
  private async start(): Promise<boolean> {
    if (this.started) return true;
    this.lastStartAttempt = Date.now();
    this.starting = true;
    try {
      await this.academy.call(reducers.startLab, { labId: this.labId });
    } catch (error) {
      this.starting = false;
      if (this.startAgain) {
        this.startAgain = false;
        return this.start();
      }
      this.events.active(false, message(error));
      return false;
    }
    this.starting = false;
    if (this.disposed) return false;
    this.started = true;
    this.events.active(true);
    this.watchSavedWork();
    this.stops.push(
      this.academy.watch(
        { query: tables.myCompletions.where((row) => row.labId.eq(this.labId)) },
        ({ rows }) => (this.completedBefore ||= rows.length > 0),
      ),
    );
    return true;
  }

  private watchSavedWork(): void {
    this.stops.push(
      // A session's `snapshot` is a saved lab state (see @lta/labs' saved-state.ts), empty until saved or after a reset.
      this.academy.watch(
        { query: tables.myLabSessions.where((row) => row.labId.eq(this.labId)) },
        ({ rows, ready, fromCache }) => {
          if (this.resumeChecked || !ready || fromCache || this.disposed) return;
          this.resumeChecked = true;
          const row = rows[0];
          if (
            this.workedHere ||
            !row?.snapshot ||
            Number(row.updatedAt.microsSinceUnixEpoch / 1000n) <= this.localSavedAt()
          )
            return;
          // A state this version cannot read (another version of the lab) leaves the local one in place.
          const reading = this.codec.decode(row.snapshot);
          if (reading.ok) this.events.resume(reading.snapshot);
        },
      ),
    );
  }

  /** Saves the learner's state soon (later commands replace it). */
  save(snapshot: ShellSnapshot): void {
    this.workedHere = true;
    this.pending = snapshot;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Sends a pending save now (after any save still on its way). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    const snapshot = this.pending;
    this.pending = undefined;
    const sent = this.sending.then(() => (snapshot ? this.send(snapshot) : undefined));
    this.sending = sent.catch(() => undefined);
    return sent;
  }

  private async send(snapshot: ShellSnapshot): Promise<void> {
    if (!(await this.ready())) return;
    const state = await this.encode(snapshot);
    if (state === undefined) return;
    try {
      await this.academy.call(reducers.saveLabState, { labId: this.labId, snapshot: state });
    } catch (error) {
      // Offline: this browser keeps the work and the next save after reconnecting carries it.
      if ((error as Error).name !== 'OfflineError') this.events.problem({ kind: 'not-saved', reason: message(error) });
    }
  }

  /** The state to send, or undefined (with a problem naming the largest files) when the academy would refuse it. */
  private async encode(snapshot: ShellSnapshot): Promise<string | undefined> {
    const state = await this.codec.encode(snapshot);
    const bytes = new TextEncoder().encode(state).length;
    if (bytes <= MAX_SERVER_STATE) return state;
    this.events.problem({
      kind: 'too-large',
      packedKiB: Math.ceil(bytes / 1024),
      mostKiB: MAX_SERVER_STATE / 1024,
      largest: this.codec.largestFiles(snapshot),
    });
    return undefined;
  }

  async hintShown(): Promise<void> {
    if (await this.ready()) await this.academy.call(reducers.useHint, { labId: this.labId }).catch(() => undefined);
  }

  async reset(): Promise<void> {
    this.pending = undefined;
    clearTimeout(this.timer);
    if (await this.ready()) await this.academy.call(reducers.resetLab, { labId: this.labId }).catch(() => undefined);
  }

  /** Asks the server to verify the lab on this state and award its XP; true when it did. */
  async complete(snapshot: ShellSnapshot): Promise<boolean> {
    if (this.completedBefore) {
      this.save(snapshot);
      return false;
    }
    this.pending = undefined;
    clearTimeout(this.timer);
    if (!(await this.ready())) return false;
    const state = await this.encode(snapshot);
    if (state === undefined) return false;
    this.workedHere = true;
    try {
      await this.academy.call(reducers.completeLab, { labId: this.labId, snapshot: state }, { whenOffline: 'queue' });
      return true;
    } catch (error) {
      this.events.problem({ kind: 'refused', reason: message(error) });
      return false;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.pending) void this.flush();
    for (const stop of this.stops.splice(0)) stop();
  }

  /** The session is open, or (after a refusal, at most every 10 s) a new attempt opened it. */
  private async ready(): Promise<boolean> {
    if (this.started) return true;
    if (Date.now() - this.lastStartAttempt < RETRY_START_MS) return false;
    return this.start();
  }
}
