import type { FullScreenProgram, Screen, ScreenSize } from '../types.js';
import { decodeKeys, type EditorKey } from './keys.js';

/** A full-screen program that handles its input one decoded key at a time, until it quits. */
export abstract class KeyProgram implements FullScreenProgram {
  done = false;

  async input(data: string): Promise<void> {
    for (const key of decodeKeys(data)) {
      // Keys after the one that quit belong to the shell, not to this program.
      if (this.done) return;
      await this.key(key);
    }
  }

  hangUp(): void {
    this.done = true;
  }

  protected abstract key(key: EditorKey): Promise<void> | void;

  abstract screen(size: ScreenSize): Screen;
}
