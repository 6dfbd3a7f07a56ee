import type { Lab, LabResult, ScriptRunRecord, ShellSnapshot } from '@lta/labs';
import type { Shell } from '@lta/shell';
import type { Stack } from './xterm-boot.js';

/** A lab checked on the learner's shell, and the state it was judged on. */
export interface Checked {
  result: LabResult;
  snapshot: ShellSnapshot;
}

/**
 * The lab's checks on the learner's shell. The checks judge the shell's snapshot with the lab's scripts tried as
 * its `script-runs` checks ask (each run in a throwaway copy of the machine; a script unchanged since its last try
 * is not run again), and a check after an older command never replaces the check after a newer one.
 */
export class LabChecks {
  /** What the learner's scripts did when last tried; reused while a script is unchanged. */
  private scriptRuns: ScriptRunRecord[] = [];
  /** Counts checks after commands, so that a slower check of an older command never replaces a newer result. */
  private turn = 0;

  constructor(private readonly stack: Stack) {}

  /** Starts over from these tries of the scripts (a saved lab's), or none. */
  forget(scriptRuns: ScriptRunRecord[] = []): void {
    this.scriptRuns = scriptRuns;
  }

  /** Checks the lab on the shell now. */
  async check(lab: Lab, shell: Shell): Promise<Checked> {
    const snapshot = await this.tried(lab, shell);
    return { result: this.stack.checkLab(lab, snapshot), snapshot };
  }

  /** Checks the lab after a command; undefined when a later command's check started meanwhile. */
  async afterCommand(lab: Lab, shell: Shell): Promise<Checked | undefined> {
    const turn = ++this.turn;
    const checked = await this.check(lab, shell);
    return turn === this.turn ? checked : undefined;
  }

  /** The snapshot to save: with the scripts' last tries, so that a resumed lab need not run them again. */
  withScriptRuns(snapshot: ShellSnapshot): ShellSnapshot {
    return this.scriptRuns.length > 0 ? { ...snapshot, scriptRuns: this.scriptRuns } : snapshot;
  }

  private async tried(lab: Lab, shell: Shell): Promise<ShellSnapshot> {
    const snapshot = shell.snapshot();
    try {
      const tried = await this.stack.tryScripts(lab, snapshot, this.scriptRuns);
      this.scriptRuns = tried.scriptRuns ?? [];
      return tried;
    } catch {
      // The checks then say the scripts were not tried; the learner's own session is unaffected.
      return snapshot;
    }
  }
}

/** The steps done in `after` that were not in `before`, by index. */
export function stepsNewlyDone(before: LabResult | undefined, after: LabResult): number[] {
  return after.steps.flatMap((step, index) => (step.passed && !before?.steps[index]?.passed ? [index] : []));
}
