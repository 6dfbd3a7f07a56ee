import { labPanelStrings } from './lab-panel/lab-panel-strings.js';

/**
 * Every word `<lta-terminal>` shows or announces, its lab panel's included; its `strings` property (or
 * `setPageStrings('lta-terminal', …)`) overrides any of them. What the shell prints (command errors, `--help`) is
 * the shell's, as on a real machine, and is not here.
 */
export const terminalStrings = {
  /** The first line on the screen; written to the terminal, so it may hold ANSI escapes (bold: `\x1b[1m`…`\x1b[0m`). */
  banner: 'Linux Terminal Academy. Type \x1b[1mhelp\x1b[0m for the commands, \x1b[1mman ls\x1b[0m to read a manual.',
  starting: 'Starting the terminal…',
  loadFailed: (reason: string) =>
    `The terminal could not be loaded (${reason}). Check your connection and reload the page.`,
  screenReaderMode: 'Screen reader mode',
  terminalLabel: 'Terminal',
  keyboardExit: 'Press Escape, then Tab, to leave the terminal.',
  keyboardLeaving: 'Press Tab to leave the terminal, Shift+Tab to go back.',
  /** Written to the terminal, dimmed, after a command's very long output. */
  outputNotShown: (characters: number) => `[${characters} more characters of output not shown]`,
  labReset: 'The lab was reset.',
  resumed: 'Resumed the work you saved on another device.',
  stepDone: (step: number, title: string) => `Step ${step} done: ${title}.`,
  labComplete: (title: string) => `Lab complete: ${title}.`,
  youEarned: (xp: number) => `You earned ${xp} XP.`,
  /** The lab's recap, read out when it is complete (its backticks removed). */
  recapSaid: (recap: string) => `What you can now do: ${recap}`,
  levelUp: (level: number) => `Level up! You reached level ${level}.`,
  everyStepDone: 'Every step is done.',
  conditionsOpen: (step: number, open: number) =>
    `Step ${step}: ${open} condition${open === 1 ? '' : 's'} not met yet.`,
  tooLargeForBrowser: 'Your files are too large to keep in this browser: progress is not saved.',
  /** Why the lab runs in practice mode; `reason` is the academy's own message. */
  practiceBecause: (reason: string) => `Practice mode: ${reason}`,
  notOpened: 'the academy did not open this lab',
  notSaved: (reason: string) => `Not saved to the academy: ${reason}`,
  tooLargeForAcademy: (packedKiB: number, mostKiB: number, largest: string[]) =>
    `Your files are too large to save to the academy (${packedKiB} KiB packed, ${mostKiB} KiB at most); ` +
    `they are kept in this browser. Largest: ${largest.join(', ')}.`,
  ...labPanelStrings,
};

export type TerminalStrings = typeof terminalStrings;
