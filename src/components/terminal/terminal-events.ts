/** Detail of `lta-command`. */
export interface CommandEventDetail {
  command: string;
  exitCode: number;
}
/** Detail of `lta-step-complete`. */
export interface StepCompleteDetail {
  labId: string;
  /** Index of the step, from 0. */
  step: number;
  title: string;
}
/** Detail of `lta-lab-complete`. */
export interface LabCompleteDetail {
  labId: string;
  /** True in practice mode (an author's own lab, or not signed in to an academy): no XP, nothing verified. */
  practice: boolean;
  /** The academy verified the lab and awarded its XP (false in practice mode, or when it refused). */
  verified: boolean;
  /** Hints opened while doing the lab. */
  hintsUsed: number;
}
/** Detail of `lta-lab-error`. */
export interface LabErrorDetail {
  problems: string[];
}

/** The events `<lta-terminal>` fires, by type. */
export interface TerminalEvents {
  'lta-command': CommandEventDetail;
  'lta-step-complete': StepCompleteDetail;
  'lta-lab-complete': LabCompleteDetail;
  'lta-lab-error': LabErrorDetail;
}
