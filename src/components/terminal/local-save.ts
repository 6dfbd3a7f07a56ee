import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ShellSnapshot } from '@lta/labs';
import { clearProgress, loadProgress, saveProgress, type SavedProgress } from './saved-progress.js';

/** Idle time after a command before the learner's filesystem is saved in this browser. */
const LOCAL_SAVE_DELAY_MS = 400;

/** What a save writes, asked at the moment it is written. */
export interface LocalWork {
  /** `local` keeps the work in this browser; `none` saves nothing. */
  persist(): 'local' | 'none';
  /** The lab's id ('' without a lab), the shell's state and the hints opened; undefined before a shell runs. */
  progress(): { labId: string; snapshot: ShellSnapshot; hintsShown: number[] } | undefined;
  /** The work is too large to keep in this browser. */
  tooLarge(): void;
}

/**
 * The lab's progress kept in this browser: saved once the learner pauses after a command or a hint (saving a big
 * filesystem on every command would lag), and at once when the page goes away or the element leaves it.
 */
export class LocalSave implements ReactiveController {
  /** A save waiting for the learner to pause. */
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly saveNow = () => this.flush();

  constructor(
    host: ReactiveControllerHost,
    private readonly work: LocalWork,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('pagehide', this.saveNow);
  }

  hostDisconnected(): void {
    removeEventListener('pagehide', this.saveNow);
    this.flush();
  }

  /** What this browser keeps of a lab, when it keeps anything. */
  saved(labId: string): SavedProgress | undefined {
    return this.work.persist() === 'local' ? loadProgress(labId) : undefined;
  }

  /** When this browser last saved a lab (ms since 1970), 0 when never. */
  savedAt(labId: string): number {
    return loadProgress(labId)?.savedAt ?? 0;
  }

  /** Saves once the learner pauses. */
  schedule(): void {
    if (this.work.persist() !== 'local') return;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.saveNow, LOCAL_SAVE_DELAY_MS);
  }

  /** Writes a waiting save now (the lab is left, the page goes away). */
  flush(): void {
    if (this.timer === undefined) return;
    this.save();
  }

  /** Drops a waiting save: the work it would write is no longer the learner's (another learner took over). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Drops a waiting save and what this browser keeps of the lab (the lab starts over). */
  forget(labId: string): void {
    this.cancel();
    clearProgress(labId);
  }

  /** Saves now. */
  save(): void {
    this.cancel();
    const progress = this.work.progress();
    if (this.work.persist() !== 'local' || !progress) return;
    const { labId, ...kept } = progress;
    const outcome = saveProgress(labId, { version: 1, ...kept, savedAt: Date.now() });
    if (outcome === 'too-large') this.work.tooLarge();
  }
}
