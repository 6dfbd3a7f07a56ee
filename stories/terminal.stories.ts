import { html } from 'lit';
import '../src/terminal.js';
import type { Lab } from '@lta/labs';

interface Args {
  lab: string;
  layout: 'side' | 'stacked';
  theme: 'auto' | 'light' | 'dark';
  screenReader: boolean;
  labDefinition?: unknown;
}

/** An author's own lab, given as an object: it runs in practice mode (no XP). */
const practiceLab: Lab = {
  formatVersion: 1,
  id: 'story-tidy-logs',
  title: 'Tidy the logs',
  module: 'authors-own',
  xp: 20,
  difficulty: 'beginner',
  story:
    'The disk is filling up. **Old logs** must go into an archive folder before tonight.\n\nTry `ls -l logs` first.',
  files: {
    '~/logs/app-2024-01.log': 'INFO started\nWARN slow\n',
    '~/logs/app-2024-02.log': 'INFO started\nERROR disk full\n',
    '~/logs/app-current.log': 'INFO running\n',
  },
  steps: [
    {
      title: 'Make the archive',
      instructions: 'Create a directory `~/archive`.\n\n```\n$ mkdir ~/archive\n```',
      checks: [{ kind: 'exists', path: '~/archive', type: 'dir', message: '~/archive is a directory' }],
      hints: ['mkdir makes directories.', 'Type `mkdir archive` in your home directory.'],
    },
    {
      title: 'Move the old logs',
      instructions: 'Move every `app-2024-*.log` into the archive, and leave `app-current.log` where it is.',
      checks: [
        { kind: 'exists', path: '~/archive/app-2024-01.log', message: 'January is archived' },
        { kind: 'exists', path: '~/archive/app-2024-02.log', message: 'February is archived' },
        { kind: 'exists', path: '~/logs/app-current.log', message: 'The current log stays' },
      ],
      hints: ['A wildcard matches both old logs: `logs/app-2024-*.log`.', '`mv logs/app-2024-*.log archive/`'],
    },
  ],
  solution: ['mkdir archive', 'mv logs/app-2024-*.log archive/'],
};

export default {
  title: 'Terminal/Terminal',
  component: 'lta-terminal',
  args: { lab: '', layout: 'side', theme: 'auto', screenReader: false },
  render: (args: Record<string, unknown>) => {
    const { lab, layout, theme, screenReader, labDefinition } = args as unknown as Args;
    // persist="none": a story never restores what someone typed in another story.
    return html`<lta-terminal
      persist="none"
      lab=${lab}
      layout=${layout}
      theme=${theme}
      ?screen-reader=${screenReader}
      .labDefinition=${labDefinition as Lab | undefined}
    ></lta-terminal>`;
  },
};

/** A free shell, no lab. */
export const FreeShell = {};

/** The first lab of the built-in curriculum, beside the terminal. */
export const CatalogLab = { args: { lab: 'nav-first-steps' } };

/** An author's lab given as an object: practice mode, a code block with Copy and Run. */
export const PracticeLab = { args: { labDefinition: practiceLab } };

/**
 * A lab already done when it opens (its files are as the steps want them): the panel shows the recap, what the
 * learner can now do, with its commands as copy buttons.
 */
export const CompletedLab = {
  args: {
    labDefinition: {
      ...practiceLab,
      id: 'story-tidy-logs-done',
      files: {
        '~/archive/app-2024-01.log': 'INFO started\n',
        '~/archive/app-2024-02.log': 'ERROR disk full\n',
        '~/logs/app-current.log': 'INFO running\n',
      },
      recap:
        '`mkdir` makes a directory, and `mv logs/app-2024-*.log archive/` moves every file a wildcard matches in one go.',
    },
  },
};

/** The lab panel above the terminal. */
export const Stacked = { args: { labDefinition: practiceLab, layout: 'stacked' } };

export const Dark = { args: { lab: 'nav-first-steps', theme: 'dark' } };

export const ScreenReaderMode = { args: { screenReader: true } };

/** An invalid lab: every problem is listed and the terminal still works. */
export const InvalidLab = {
  args: { labDefinition: { formatVersion: 1, id: 'Not An Id', title: '', xp: 0, steps: [] } },
};

/** The terminal and its lab panel in other words (`strings`; `setPageStrings('lta-terminal', …)` for a whole page). */
export const Translated = {
  render: () =>
    html`<lta-terminal
      persist="none"
      .labDefinition=${practiceLab}
      .strings=${{
        banner: 'Linux Terminal Academy. Tippe \x1b[1mhelp\x1b[0m für die Befehle.',
        screenReaderMode: 'Bildschirmleser',
        keyboardExit: 'Escape, dann Tab: das Terminal verlassen.',
        practiceMode: 'Übungsmodus',
        stepsDone: (done: number, total: number) => `${done} von ${total} Schritten erledigt`,
        conditions: 'Bedingungen',
        showHint: (next: number, total: number) => `Tipp zeigen (${next} von ${total})`,
        check: 'Prüfen',
        resetLab: 'Lab zurücksetzen',
        copy: 'Kopieren',
        run: 'Ausführen',
      }}
    ></lta-terminal>`,
};
