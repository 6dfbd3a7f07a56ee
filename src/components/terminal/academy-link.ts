import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lab, ShellSnapshot } from '@lta/labs';
import type { LabStateCodec } from './lab-state-codec.js';
import { LabSync, type SyncProblem } from './lab-sync.js';
import type { TerminalScope } from './terminal-scope.js';
import type { TerminalStrings } from './terminal-strings.js';

/** What the academy said last of the lab: why it runs in practice mode (its own reason, if any), or a problem. */
export type AcademyNote = { practice: string | undefined } | SyncProblem;

/** What the link reads of the lab running in the terminal. */
export interface LinkedLab {
  /** The lab to keep in step with the academy: one that earns XP, once its shell runs (not while it starts). */
  readonly linkable: Lab | undefined;
  /** How the academy stores this lab's states. */
  codec(lab: Lab): LabStateCodec;
  /** When this browser last saved the lab (ms since 1970), 0 when never. */
  savedAt(labId: string): number;
  /** The learner's work in this shell when there is some and no command runs (it is saved when that ends). */
  workSoFar(): ShellSnapshot | undefined;
  /** Continues from the academy's copy of the lab (work saved on another device). */
  resume(snapshot: ShellSnapshot): Promise<void>;
  /** Another learner took over the page: what the shell holds is the previous one's. */
  learnerChanged(): void;
}

/**
 * The lab's link to the academy. While the page has a live academy with a known learner and the lab earns XP, a
 * `LabSync` saves the work there and asks it to verify the finished lab; otherwise the lab runs in practice mode.
 * It follows the learner's XP and level, and starts the lab over when another learner takes over the page.
 */
export class AcademyLink implements ReactiveController {
  private sync: LabSync | undefined;
  /** The lab is saved to and verified by the academy. */
  active = false;
  /** What the academy said last, until it says something else. */
  note: AcademyNote | undefined;
  /** The learner's XP and level on the academy, live. */
  standing: { xp: number; level: number } | undefined;
  /** Whose work the shell holds (hex identity), once the academy said. */
  private learner: string | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly scope: TerminalScope,
    private readonly lab: LinkedLab,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.followLearner();
    this.follow();
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** The academy refused the lab as locked: the labs that unlock it are worth offering. */
  get locked(): boolean {
    return this.note !== undefined && 'practice' in this.note && /\bunlock\b/.test(this.note.practice ?? '');
  }

  /** The note in the learner's words; '' when there is none. */
  noteText(text: TerminalStrings): string {
    const note = this.note;
    if (!note) return '';
    if ('practice' in note) return text.practiceBecause(note.practice ?? text.notOpened);
    if (note.kind === 'too-large') return text.tooLargeForAcademy(note.packedKiB, note.mostKiB, note.largest);
    return note.kind === 'not-saved' ? text.notSaved(note.reason) : note.reason;
  }

  /** Saves the learner's state to the academy soon, when linked. */
  save(snapshot: ShellSnapshot): void {
    this.sync?.save(snapshot);
  }

  /** Asks the academy to verify the lab on this state and award its XP; true when it did. */
  async complete(snapshot: ShellSnapshot): Promise<boolean> {
    return (await this.sync?.complete(snapshot)) ?? false;
  }

  /** Tells the academy the lab starts over. */
  async reset(): Promise<void> {
    await this.sync?.reset();
  }

  /** Tells the academy the learner opened a hint. */
  async hintShown(): Promise<void> {
    await this.sync?.hintShown();
  }

  /** Keeps a `LabSync` for the lab while the page has a live academy with a known learner. */
  private follow(): void {
    const academy = this.scope.academy();
    const lab = this.lab.linkable;
    // A removed element still renders once more: it must not open a new session then.
    const wanted = academy && this.host.isConnected ? lab?.id : undefined;
    if (this.sync && this.sync.labId !== wanted) this.stop();
    const status = this.scope.status();
    const live = status?.state === 'live' && status.identity !== undefined;
    if (this.sync || !wanted || !academy || !live || !lab) return;
    this.sync = new LabSync(academy, wanted, () => this.lab.savedAt(wanted), this.lab.codec(lab), {
      resume: (snapshot) => void this.lab.resume(snapshot),
      active: (active, reason) => {
        this.active = active;
        this.note = active ? undefined : { practice: reason };
        this.host.requestUpdate();
      },
      problem: (problem) => {
        this.note = problem;
        this.host.requestUpdate();
      },
      standing: (xp, level) => {
        if (this.standing && level > this.standing.level) this.scope.announce(this.scope.text().levelUp(level));
        this.standing = { xp, level };
        this.host.requestUpdate();
      },
    });
    // Commands run before the academy answered are newer than anything it holds: they go there, not away (a
    // command still running is saved when it ends).
    const work = this.lab.workSoFar();
    if (work) this.sync.save(work);
  }

  /**
   * Another learner took over the page (sign out, another token): the shell, its history and any save not yet
   * written belonged to the previous one, so the lab starts over from what this device keeps for the new one
   * (the academy wiped the previous learner's saved labs).
   */
  private followLearner(): void {
    const learner = this.scope.status()?.identity?.toHexString();
    if (learner === this.learner) return;
    const previous = this.learner;
    this.learner = learner;
    if (previous === undefined) return; // the first identity the academy gave: the work so far is theirs
    this.stop();
    this.lab.learnerChanged();
  }

  private stop(): void {
    this.sync?.dispose();
    this.sync = undefined;
    this.active = false;
  }
}
