import type { AcademySource, AcademyStatus } from '../../connection/index.js';
import type { LabRequest } from './lab-source.js';
import type { TerminalEvents } from './terminal-events.js';
import type { TerminalStrings } from './terminal-strings.js';

/** What the terminal's parts ask of `<lta-terminal>`: its words, its live region, its events and its attributes. */
export interface TerminalScope {
  /** The words to show and say now. */
  text(): TerminalStrings;
  /** Says something in the lab panel's live region (polite). */
  announce(text: string): void;
  /** Fires one of the element's `lta-*` events. */
  emit<Type extends keyof TerminalEvents>(type: Type, detail: TerminalEvents[Type]): void;
  /** The page's academy, and what it says of the connection and the learner. */
  academy(): AcademySource | undefined;
  status(): AcademyStatus | undefined;
  /** `local` keeps the learner's work in this browser; `none` forgets it. */
  persist(): 'local' | 'none';
  /** Where the lab is, as the element's attributes, property and child say now (the academy's published labs aside). */
  labRequest(): Omit<LabRequest, 'published'>;
}
