import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import type { Lab, LabResult } from '@lta/labs';
import { AcademyElement } from '../../connection/index.js';
import { LocalizeController, toggleButton } from '../kit/index.js';
import type { LtaLabPanel, RunSnippetDetail } from './lab-panel/lab-panel.js';
import type { LabSession } from './lab-session.js';
import type { NextLab } from './lab-source.js';
import type { TerminalScope } from './terminal-scope.js';
import { terminalStrings, type TerminalStrings } from './terminal-strings.js';
import { terminalStyles } from './terminal.styles.js';
import { XtermBoot } from './xterm-boot.js';

export type { CommandEventDetail, LabCompleteDetail, LabErrorDetail, StepCompleteDetail } from './terminal-events.js';

/**
 * A real-feeling bash in the page, with an optional guided lab beside it. The shell runs in the browser (just-bash
 * with a `learner` account and its own filesystem), loaded only when the element is on the page. Steps are checked
 * after every command; progress survives a reload.
 *
 * With an academy on the page (`<lta-academy server=… database=…>`, or the same attributes here) and a signed-up
 * learner, a catalog lab is saved to the academy as the learner works (resumed on any device), and completing it
 * asks the server to verify the checks and award the XP, shown live. Without one, everything stays in the browser.
 *
 * Give it a lab by catalog id (`lab="nav-first-steps"`), by URL (`lab-src`), inline as a
 * `<script type="application/json">` child, or as an object (`labDefinition`). Labs that are not from the catalog
 * run in practice mode. An invalid lab shows every problem found, and the terminal still works.
 *
 * Keyboard: Tab completes as in bash; Escape then Tab (or Shift+Tab) moves focus out of the terminal.
 *
 * Every word it shows or announces, its lab panel's included, can be translated or reworded: its `strings`
 * property for one terminal, `setPageStrings('lta-terminal', { check: 'Prüfen', … })` for the whole page. The
 * keys and their defaults are in `terminal-strings.ts` (and listed in the folder's README). What the shell prints is not among
 * them: it is the shell's, as on a real machine.
 *
 * @tagname lta-terminal
 *
 * @fires lta-command - A command line finished: `{ command, exitCode }`.
 * @fires lta-step-complete - A lab step is done for the first time in this session: `{ labId, step, title }`.
 * @fires lta-lab-complete - Every step is done: `{ labId, practice, hintsUsed }`.
 * @fires lta-lab-error - The lab could not be loaded: `{ problems }`.
 *
 * @slot - A `<script type="application/json">` holding the lab (nothing else is shown).
 *
 * @csspart panel - The lab panel.
 * @csspart terminal - The area xterm draws in.
 * @csspart toolbar - The bar above the terminal (screen reader switch).
 * @csspart keyboard-hint - How to leave the terminal with the keyboard; shown after Escape.
 *
 * @cssprop [--lta-terminal-height=24rem] - Height of the terminal area.
 * @cssprop [--lta-terminal-background] - Terminal background (defaults to the theme's background).
 * @cssprop [--lta-terminal-foreground] - Terminal text (defaults to the theme's text).
 * @cssprop [--lta-terminal-cursor] - Cursor colour (defaults to the accent).
 * @cssprop [--lta-terminal-selection] - Selected text background.
 */
export class LtaTerminal extends AcademyElement {
  static override styles = [...AcademyElement.styles, terminalStyles];

  static override properties: PropertyDeclarations = {
    lab: {},
    labSrc: { attribute: 'lab-src' },
    labDefinition: { attribute: false },
    layout: { reflect: true },
    screenReader: { type: Boolean, reflect: true, attribute: 'screen-reader' },
    persist: {},
    strings: { attribute: false },
    announcement: { state: true },
  };

  /** Id of a lab in the built-in catalog, or of one an author published on the academy. */
  lab = '';
  /** URL of a lab's JSON (practice mode). */
  labSrc = '';
  /** A lab object (practice mode); takes precedence over the attributes. */
  labDefinition: Lab | undefined;
  /** `side`: the lab panel beside the terminal (stacks on narrow widths); `stacked`: the panel above. */
  layout: 'side' | 'stacked' = 'side';
  /** Screen reader mode: xterm keeps an accessible copy of the screen and announces output. */
  screenReader = false;
  /** `local` keeps the learner's filesystem and progress in this browser across reloads; `none` forgets them. */
  persist: 'local' | 'none' = 'local';
  /** Text to translate or reword, the lab panel's included: only the keys given change (page-wide: `setPageStrings`). */
  strings: Partial<TerminalStrings> = {};

  /** What the lab panel's live region says last. */
  private announcement = '';

  /** Where xterm draws, once rendered. */
  get #xtermHost(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.xterm-host')!;
  }

  private readonly words = new LocalizeController(this, terminalStrings);
  private readonly xterm = new XtermBoot(this);
  /** The lab and the learner's shell, once xterm is open. */
  private labSession: LabSession | undefined;
  /** Settles once xterm is open and the first lab started (or the terminal failed to load). */
  private booted: Promise<void> = Promise.resolve();
  private readonly scope: TerminalScope = {
    text: () => this.words.text,
    announce: (text) => (this.announcement = text),
    emit: (type, detail) => void this.emit(type, detail),
    academy: () => this.academy,
    status: () => this.status,
    persist: () => this.persist,
    labRequest: () => {
      const inline = this.querySelector('script[type="application/json"]');
      return {
        definition: this.labDefinition,
        inlineJson: inline ? (inline.textContent ?? '') : undefined,
        src: this.labSrc,
        id: this.lab,
      };
    },
  };

  /** Current size of the terminal in character cells, once it has loaded. */
  get size(): { cols: number; rows: number } | undefined {
    return this.xterm.size;
  }

  /** The lab's latest check: which steps and conditions pass. */
  get labResult(): LabResult | undefined {
    return this.labSession?.result;
  }

  /** Resolves once the terminal, the shell and the lab are ready (or failed to load). */
  get ready(): Promise<void> {
    // The first update starts the terminal (firstUpdated); a lab change restarts it (updated).
    return this.updateComplete.then(() => this.booted).then(() => this.labSession?.started);
  }

  override focus(options?: FocusOptions): void {
    if (!this.xterm.focus()) super.focus(options);
  }

  /** Types a command into the terminal and runs it, as if the learner had. */
  runCommand(command: string): void {
    this.labSession?.runCommand(command);
    this.xterm.focus();
  }

  /** Starts the lab over: its starting files, a fresh shell, no hints; forgets saved progress. */
  async resetLab(): Promise<void> {
    await this.labSession?.reset();
  }

  protected override firstUpdated(): void {
    this.booted = this.boot();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('screenReader')) this.xterm.setScreenReader(this.screenReader);
    if (changed.has('theme')) this.xterm.applyTheme();
    const labChanged = (['lab', 'labSrc', 'labDefinition'] as const).some((name) => changed.has(name));
    if (labChanged) void this.labSession?.start();
  }

  private async boot(): Promise<void> {
    const booted = await this.xterm.boot(this.#xtermHost, this.screenReader, (data) => this.labSession?.input(data));
    if (!booted) return;
    this.labSession = new booted.stack.LabSession(this, booted, this.scope);
    await this.labSession.start();
  }

  override render() {
    const text = this.words.text;
    const session = this.labSession;
    const phase = this.xterm.failure !== undefined ? 'failed' : session?.running ? 'ready' : 'loading';
    const hasPanel = session !== undefined && (session.lab !== undefined || session.problems.length > 0);
    return html`<div class="layout ${hasPanel ? 'with-panel' : ''}">
      ${
        session && hasPanel && phase === 'ready'
          ? html`<lta-lab-panel
            part="panel"
            theme=${this.theme}
            .text=${text}
            .lab=${session.lab}
            .problems=${session.problems}
            .result=${session.result}
            .hintsShown=${session.hintsShown}
            .practice=${session.practice}
            .note=${session.link.noteText(text)}
            .standing=${session.link.standing}
            .announcement=${this.announcement}
            .nextLab=${session.next}
            .unlockedBy=${session.link.locked ? session.unlockedBy : []}
            ?show-reasons=${session.showReasons}
            @check-lab=${() => void session.check()}
            @reset-lab=${() => void session.reset()}
            @run-snippet=${(event: CustomEvent<RunSnippetDetail>) => this.runCommand(event.detail.command)}
            @hint-shown=${(event: CustomEvent<{ step: number; count: number }>) => session.hintShown(event.detail.step, event.detail.count)}
            @next-lab=${(event: CustomEvent<NextLab>) => (this.lab = event.detail.id)}
          ></lta-lab-panel>`
          : nothing
      }
      <div class="console">
        <div class="toolbar" part="toolbar">
          <span class="status" role="status">${phase === 'loading' ? text.starting : phase === 'failed' ? text.loadFailed(this.xterm.failure!) : ''}</span>
          ${toggleButton(this.screenReader, text.screenReaderMode, () => (this.screenReader = !this.screenReader))}
        </div>
        <div class="xterm-host" part="terminal" role="region" aria-label=${text.terminalLabel}></div>
        <p id="keyboard-exit" class="keyboard-exit ${this.xterm.leaving ? '' : 'visually-hidden'}" part="keyboard-hint" aria-live="polite">
          ${this.xterm.leaving ? text.keyboardLeaving : text.keyboardExit}
        </p>
      </div>
      <slot hidden></slot>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lta-lab-panel': LtaLabPanel;
  }
}
