import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';
import type { Lab, LabResult, ScriptRunRecord, ShellSnapshot } from '@lta/labs';
import type { Shell } from '@lta/shell';
import { defineElement } from '../../internal/define.js';
import { AcademyElement } from '../../connection/index.js';
import type { LabOrigin, NextLab } from './lab-source.js';
import { LabSync } from './lab-sync.js';
import type { LtaLabPanel, RunSnippetDetail } from './lab-panel/lab-panel.js';
import type * as StackModule from './terminal-stack.js';
import { clearProgress, loadProgress, saveProgress } from './saved-progress.js';
import { KeyboardExit } from './keyboard-exit.js';
import { terminalStyles } from './terminal.styles.js';
import type { CommandRun, TerminalSession } from './terminal-session.js';
import { terminalTheme } from './terminal-theme.js';

type Stack = typeof StackModule;

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

/** Idle time after a command before the learner's filesystem is saved in this browser. */
const LOCAL_SAVE_DELAY_MS = 400;

const BANNER =
  'Linux Terminal Academy. Type \x1b[1mhelp\x1b[0m for the commands, \x1b[1mman ls\x1b[0m to read a manual.\r\n';

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

  /** Id of a lab in the built-in catalog, or of one an author published on the academy. */
  @property() lab = '';
  /** URL of a lab's JSON (practice mode). */
  @property({ attribute: 'lab-src' }) labSrc = '';
  /** A lab object (practice mode); takes precedence over the attributes. */
  @property({ attribute: false }) labDefinition: Lab | undefined;
  /** `side`: the lab panel beside the terminal (stacks on narrow widths); `stacked`: the panel above. */
  @property({ reflect: true }) layout: 'side' | 'stacked' = 'side';
  /** Screen reader mode: xterm keeps an accessible copy of the screen and announces output. */
  @property({ type: Boolean, reflect: true, attribute: 'screen-reader' }) screenReader = false;
  /** `local` keeps the learner's filesystem and progress in this browser across reloads; `none` forgets them. */
  @property() persist: 'local' | 'none' = 'local';

  @state() private loadedLab: Lab | undefined;
  @state() private origin: LabOrigin | undefined;
  /** The catalog lab after this one, offered once it is complete. */
  @state() private nextLab: NextLab | undefined;
  /** The labs that unlock this catalog lab, offered when the academy refuses it as locked. */
  @state() private unlockedBy: NextLab[] = [];
  @state() private problems: string[] = [];
  @state() private result: LabResult | undefined;
  @state() private hintsShown: number[] = [];
  @state() private showReasons = false;
  @state() private announcement = '';
  @state() private phase: 'loading' | 'ready' | 'failed' = 'loading';
  @state() private failure = '';
  /** The lab is saved to and verified by the academy. */
  @state() private serverActive = false;
  /** What the academy said last (why practice mode, a refused save or completion). */
  @state() private serverNote = '';
  @state() private standing: { xp: number; level: number } | undefined;
  /** Escape was pressed: the next Tab leaves the terminal. */
  @state() private leaving = false;

  @query('.xterm-host') private xtermHost!: HTMLElement;

  private stack: Stack | undefined;
  private terminal: Terminal | undefined;
  private fit: FitAddon | undefined;
  private shell: Shell | undefined;
  private session: TerminalSession | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private sync: LabSync | undefined;
  /** A local save waiting for the learner to pause (saving a big filesystem on every command would lag). */
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** What the learner's scripts did when last tried for the lab's `script-runs` checks; reused while a script is unchanged. */
  private scriptRuns: ScriptRunRecord[] = [];
  /** Counts checks after commands, so that a slower check of an older command never replaces a newer result. */
  private checkTurn = 0;
  private readonly saveNow = () => this.flushSave();
  private readonly keyboardExit = new KeyboardExit((leaving) => (this.leaving = leaving));
  private readonly colourScheme = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  private readonly applyTheme = () => {
    if (this.terminal) this.terminal.options.theme = terminalTheme(this);
  };
  /** A lab is being loaded and its shell started. */
  private startingLab = false;
  /** Whose work the shell holds (hex identity), once the academy said. */
  private learner: string | undefined;
  /** Increases on every (re)load, so a slow load that was overtaken does not win. */
  private generation = 0;

  /** Current size of the terminal in character cells, once it has loaded. */
  get size(): { cols: number; rows: number } | undefined {
    return this.terminal ? { cols: this.terminal.cols, rows: this.terminal.rows } : undefined;
  }

  /** The lab's latest check: which steps and conditions pass. */
  get labResult(): LabResult | undefined {
    return this.result;
  }

  /** Resolves once the terminal, the shell and the lab are ready (or failed to load). */
  get ready(): Promise<void> {
    // The first update starts the terminal (firstUpdated); a lab change restarts it (updated).
    return this.updateComplete.then(() => this.readyPromise);
  }
  private readyPromise: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    super.connectedCallback();
    this.colourScheme?.addEventListener('change', this.applyTheme);
    addEventListener('pagehide', this.saveNow);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.colourScheme?.removeEventListener('change', this.applyTheme);
    removeEventListener('pagehide', this.saveNow);
    this.flushSave();
    this.stopSync();
  }

  override focus(options?: FocusOptions): void {
    if (this.terminal) this.terminal.focus();
    else super.focus(options);
  }

  /** Types a command into the terminal and runs it, as if the learner had. */
  runCommand(command: string): void {
    this.session?.runCommand(command);
    this.terminal?.focus();
  }

  /** Starts the lab over: its starting files, a fresh shell, no hints; forgets saved progress. */
  async resetLab(): Promise<void> {
    if (!this.stack || !this.session) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    clearProgress(this.storageKey);
    void this.sync?.reset();
    this.hintsShown = [];
    this.showReasons = false;
    this.scriptRuns = [];
    const shell = await this.newShell(undefined);
    this.session.replaceShell(shell, BANNER);
    this.result = this.loadedLab
      ? this.stack.checkLab(this.loadedLab, await this.tried(this.loadedLab, shell))
      : undefined;
    this.announcement = 'The lab was reset.';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.followAcademy();
  }

  protected override firstUpdated(): void {
    this.readyPromise = this.boot();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.terminal) return;
    if (changed.has('screenReader')) this.terminal.options.screenReaderMode = this.screenReader;
    if (changed.has('theme')) this.applyTheme();
    const labChanged = (['lab', 'labSrc', 'labDefinition'] as const).some((name) => changed.has(name));
    if (labChanged) this.readyPromise = this.startLab();
  }

  /** Keeps a `LabSync` for a catalog lab while the page has a live academy with a known learner. */
  private followAcademy(): void {
    this.followLearner();
    const academy = this.academy;
    const lab = this.loadedLab;
    // Only once the lab's shell and session run: a resume must not be overtaken by the lab still starting.
    // A removed element still renders once more: it must not open a new session then.
    const wanted =
      academy && this.isConnected && this.earnsXp && this.session && !this.startingLab ? lab?.id : undefined;
    if (this.sync && this.sync.labId !== wanted) this.stopSync();
    const live = this.status?.state === 'live' && this.status.identity !== undefined;
    if (!this.sync && wanted && academy && live && lab && this.stack) {
      this.sync = new LabSync(
        academy,
        wanted,
        () => loadProgress(wanted)?.savedAt ?? 0,
        this.stack.labStateCodec(lab),
        {
          resume: (snapshot) => void this.resume(snapshot),
          active: (active, reason) => {
            this.serverActive = active;
            this.serverNote = active ? '' : `Practice mode: ${reason ?? 'the academy did not open this lab'}`;
          },
          problem: (problem) => (this.serverNote = problem),
          standing: (xp, level) => {
            if (this.standing && level > this.standing.level)
              this.announcement = `Level up! You reached level ${level}.`;
            this.standing = { xp, level };
          },
        },
      );
      // Commands run before the academy answered are newer than anything it holds: they go there, not away (a
      // command still running is saved when it ends).
      if (this.session?.hasWork && !this.session.busy && this.shell)
        this.sync.save(this.withScriptRuns(this.shell.snapshot()));
    }
  }

  /**
   * Another learner took over the page (sign out, another token): the shell, its history and any save not yet
   * written belonged to the previous one, so the lab starts over from what this device keeps for the new one
   * (the academy wiped the previous learner's saved labs).
   */
  private followLearner(): void {
    const learner = this.status?.identity?.toHexString();
    if (learner === this.learner) return;
    const previous = this.learner;
    this.learner = learner;
    if (previous === undefined) return; // the first identity the academy gave: the work so far is theirs
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.stopSync();
    if (this.session) this.readyPromise = this.startLab();
  }

  private stopSync(): void {
    this.sync?.dispose();
    this.sync = undefined;
    this.serverActive = false;
  }

  /** Continues from the academy's copy of the lab (saved on another device). */
  private async resume(snapshot: ShellSnapshot): Promise<void> {
    // The learner already works here (a command may be running): their next save wins over the other device's copy.
    if (!this.stack || !this.session || this.session.hasWork) return;
    const shell = await this.newShell(snapshot);
    // A line may have been entered while that shell started.
    if (this.session.hasWork) return;
    this.session.replaceShell(shell, BANNER, { keepTypedLine: true });
    this.scriptRuns = snapshot.scriptRuns ?? [];
    if (this.loadedLab) this.result = this.stack.checkLab(this.loadedLab, await this.tried(this.loadedLab, shell));
    this.save(shell.snapshot());
    this.announcement = 'Resumed the work you saved on another device.';
  }

  private get storageKey(): string {
    return this.loadedLab?.id ?? '';
  }

  private async boot(): Promise<void> {
    try {
      this.stack = await import('./terminal-stack.js');
    } catch (error) {
      this.phase = 'failed';
      this.failure = `The terminal could not be loaded (${error instanceof Error ? error.message : String(error)}). Check your connection and reload the page.`;
      return;
    }
    const stack = this.stack;
    defineElement('lta-lab-panel', stack.LtaLabPanel);
    const root = this.renderRoot as ShadowRoot;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, stack.xtermStyles.styleSheet!];
    const terminal = new stack.Terminal({
      convertEol: true,
      cursorBlink: true,
      scrollback: 5000,
      fontFamily: getComputedStyle(this).getPropertyValue('--_mono').trim() || 'monospace',
      fontSize: 14,
      screenReaderMode: this.screenReader,
      theme: terminalTheme(this),
    });
    this.fit = new stack.FitAddon();
    terminal.loadAddon(this.fit);
    terminal.attachCustomKeyEventHandler(this.keyboardExit.handleKey);
    terminal.open(this.xtermHost);
    terminal.textarea?.setAttribute('aria-describedby', 'keyboard-exit');
    terminal.textarea?.addEventListener('blur', () => this.keyboardExit.reset());
    this.terminal = terminal;
    // Fit only to a visible size: hidden (a closed tab or accordion), the fit addon measures nonsense.
    this.resizeObserver = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0 && entry.contentRect.height > 0) this.fit?.fit();
    });
    this.resizeObserver.observe(this.xtermHost);
    terminal.onData((data) => this.session?.input(data));
    await this.startLab();
  }

  /** Loads the lab (if any), then starts a shell from saved progress or the lab's starting files. */
  private async startLab(): Promise<void> {
    const stack = this.stack;
    const terminal = this.terminal;
    if (!stack || !terminal) return;
    const generation = ++this.generation;
    this.flushSave(); // the lab being left keeps its last commands
    this.startingLab = true;
    try {
      await this.loadAndStart(stack, terminal, generation);
    } finally {
      if (generation === this.generation) this.startingLab = false;
      this.requestUpdate(); // follow the academy for the lab now running
    }
  }

  private async loadAndStart(stack: Stack, terminal: Terminal, generation: number): Promise<void> {
    const inline = this.querySelector('script[type="application/json"]');
    const loaded = await stack.loadLab({
      definition: this.labDefinition,
      inlineJson: inline ? (inline.textContent ?? '') : undefined,
      src: this.labSrc,
      id: this.lab,
      published: this.academy ? (id) => stack.publishedLab(this.academy!, id) : undefined,
    });
    if (generation !== this.generation) return;
    this.loadedLab = loaded?.ok ? loaded.lab : undefined;
    this.origin = loaded?.ok ? loaded.origin : undefined;
    this.nextLab = loaded?.ok ? loaded.next : undefined;
    this.unlockedBy = (loaded?.ok && loaded.unlockedBy) || [];
    this.problems = loaded && !loaded.ok ? loaded.problems : [];
    if (loaded && !loaded.ok) this.emit<LabErrorDetail>('lta-lab-error', { problems: loaded.problems });
    const saved = this.persist === 'local' ? loadProgress(this.storageKey) : undefined;
    this.hintsShown = saved?.hintsShown ?? [];
    this.showReasons = false;
    this.scriptRuns = saved?.snapshot.scriptRuns ?? [];
    const shell = await this.newShell(saved?.snapshot);
    if (generation !== this.generation) return;
    const snapshot = this.loadedLab ? await this.tried(this.loadedLab, shell) : undefined;
    if (generation !== this.generation) return;
    this.result = this.loadedLab && snapshot ? stack.checkLab(this.loadedLab, snapshot) : undefined;
    if (this.session) {
      this.session.replaceShell(shell, BANNER);
    } else {
      this.session = new stack.TerminalSession(terminal, shell, (run) => this.afterCommand(run));
      this.session.start(BANNER);
    }
    this.phase = 'ready';
  }

  private async newShell(snapshot: ShellSnapshot | undefined): Promise<Shell> {
    const stack = this.stack!;
    const lab = this.loadedLab;
    const fresh = () =>
      stack.createShell({
        files: lab ? stack.startingFiles(lab) : undefined,
        env: lab?.env,
        machine: stack.startingMachine(lab?.machine),
      });
    let shell: Shell;
    try {
      shell = snapshot ? await stack.createShell({ snapshot }) : await fresh();
    } catch {
      // A saved session that no longer loads (an older format, a damaged entry): start the lab afresh.
      shell = await fresh();
    }
    if (!snapshot && lab?.cwd) await shell.run(`cd ${lab.cwd.replace(/^~/, '"$HOME"')}`);
    this.shell = shell;
    return shell;
  }

  private afterCommand({ line, result: run }: CommandRun): void {
    this.emit<CommandEventDetail>('lta-command', { command: line, exitCode: run.exitCode });
    const stack = this.stack;
    const shell = this.shell;
    if (!stack || !shell) return;
    this.scheduleSave();
    const lab = this.loadedLab;
    if (lab) void this.checkAfterCommand(lab, shell);
  }

  /**
   * The shell's snapshot with the lab's scripts tried as its `script-runs` checks ask (each run in a throwaway copy
   * of the machine; a script unchanged since its last try is not run again), which is what the checks judge.
   */
  private async tried(lab: Lab, shell: Shell): Promise<ShellSnapshot> {
    const snapshot = shell.snapshot();
    try {
      const tried = await this.stack!.tryScripts(lab, snapshot, this.scriptRuns);
      this.scriptRuns = tried.scriptRuns ?? [];
      return tried;
    } catch {
      // The checks then say the scripts were not tried; the learner's own session is unaffected.
      return snapshot;
    }
  }

  /** The snapshot to save: with the scripts' last tries, so that a resumed lab need not run them again. */
  private withScriptRuns(snapshot: ShellSnapshot): ShellSnapshot {
    return this.scriptRuns.length > 0 ? { ...snapshot, scriptRuns: this.scriptRuns } : snapshot;
  }

  private async checkAfterCommand(lab: Lab, shell: Shell): Promise<void> {
    const turn = ++this.checkTurn;
    const snapshot = await this.tried(lab, shell);
    if (turn !== this.checkTurn || lab !== this.loadedLab || !this.stack) return;
    const stack = this.stack;
    const before = this.result;
    const after = stack.checkLab(lab, snapshot);
    this.result = after;
    const finished = after.passed && !before?.passed;
    if (!finished) this.sync?.save(snapshot);
    const newlyDone = after.steps.flatMap((step, index) =>
      step.passed && !before?.steps[index]?.passed ? [index] : [],
    );
    for (const step of newlyDone)
      this.emit<StepCompleteDetail>('lta-step-complete', { labId: lab.id, step, title: lab.steps[step]!.title });
    if (finished) {
      void this.finish(lab, snapshot);
    } else if (newlyDone.length > 0) {
      this.announcement = newlyDone.map((step) => `Step ${step + 1} done: ${lab.steps[step]!.title}.`).join(' ');
    }
  }

  /** Announces the finished lab; connected, first asks the academy to verify it and award the XP. */
  private async finish(lab: Lab, snapshot: ShellSnapshot): Promise<void> {
    const practice = this.practice;
    const verified = !practice && (await this.sync!.complete(snapshot));
    // The recap is read out too: a screen reader user hears what they can now do without hunting for it.
    const recap = lab.recap ? ` What you can now do: ${lab.recap.replaceAll('`', '')}` : '';
    this.announcement = `Lab complete: ${lab.title}.${verified ? ` You earned ${lab.xp} XP.` : ''}${recap}`;
    this.emit<LabCompleteDetail>('lta-lab-complete', {
      labId: lab.id,
      practice,
      verified,
      hintsUsed: this.hintsShown.reduce((sum, count) => sum + count, 0),
    });
  }

  /** Labs from the catalog or published on the academy earn XP; an author's page-given lab is practice. */
  private get earnsXp(): boolean {
    return this.origin === 'catalog' || this.origin === 'published';
  }

  private get practice(): boolean {
    return !this.earnsXp || !this.serverActive;
  }

  /** Saves locally once the learner pauses, or when the page goes away. */
  private scheduleSave(): void {
    if (this.persist !== 'local') return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(this.saveNow, LOCAL_SAVE_DELAY_MS);
  }

  private flushSave(): void {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.shell) this.save(this.shell.snapshot());
  }

  private save(snapshot: ShellSnapshot): void {
    if (this.persist !== 'local') return;
    const outcome = saveProgress(this.storageKey, {
      version: 1,
      snapshot: this.withScriptRuns(snapshot),
      hintsShown: this.hintsShown,
      savedAt: Date.now(),
    });
    if (outcome === 'too-large')
      this.announcement = 'Your files are too large to keep in this browser: progress is not saved.';
  }

  private async onCheck(): Promise<void> {
    const lab = this.loadedLab;
    if (!lab || !this.stack || !this.shell) return;
    const snapshot = await this.tried(lab, this.shell);
    if (lab !== this.loadedLab) return;
    this.result = this.stack.checkLab(lab, snapshot);
    this.showReasons = true;
    const step = this.result.steps[this.result.currentStep];
    if (this.result.passed) this.announcement = 'Every step is done.';
    else if (step) {
      const open = step.checks.filter((check) => !check.passed).length;
      this.announcement = `Step ${this.result.currentStep + 1}: ${open} condition${open === 1 ? '' : 's'} not met yet.`;
    }
  }

  private onHint(event: CustomEvent<{ step: number; count: number }>): void {
    const hints = [...this.hintsShown];
    hints[event.detail.step] = event.detail.count;
    this.hintsShown = Array.from(hints, (count) => count ?? 0);
    this.scheduleSave();
    void this.sync?.hintShown();
  }

  override render() {
    const hasPanel = this.loadedLab !== undefined || this.problems.length > 0;
    return html`<div class="layout ${hasPanel ? 'with-panel' : ''}">
      ${
        hasPanel && this.phase !== 'loading'
          ? html`<lta-lab-panel
            part="panel"
            theme=${this.theme}
            .lab=${this.loadedLab}
            .problems=${this.problems}
            .result=${this.result}
            .hintsShown=${this.hintsShown}
            .practice=${this.practice}
            .note=${this.serverNote}
            .standing=${this.standing}
            .announcement=${this.announcement}
            .nextLab=${this.nextLab}
            .unlockedBy=${/\bunlock\b/.test(this.serverNote) ? this.unlockedBy : []}
            ?show-reasons=${this.showReasons}
            @check-lab=${this.onCheck}
            @reset-lab=${() => void this.resetLab()}
            @run-snippet=${(event: CustomEvent<RunSnippetDetail>) => this.runCommand(event.detail.command)}
            @hint-shown=${this.onHint}
            @next-lab=${(event: CustomEvent<NextLab>) => (this.lab = event.detail.id)}
          ></lta-lab-panel>`
          : nothing
      }
      <div class="console">
        <div class="toolbar" part="toolbar">
          <span class="status" role="status">${this.phase === 'loading' ? 'Starting the terminal…' : this.failure}</span>
          <button type="button" aria-pressed=${this.screenReader ? 'true' : 'false'} @click=${() => (this.screenReader = !this.screenReader)}>
            Screen reader mode
          </button>
        </div>
        <div class="xterm-host" part="terminal" role="region" aria-label="Terminal"></div>
        <p id="keyboard-exit" class="keyboard-exit ${this.leaving ? '' : 'visually-hidden'}" part="keyboard-hint" aria-live="polite">
          ${this.leaving ? 'Press Tab to leave the terminal, Shift+Tab to go back.' : 'Press Escape, then Tab, to leave the terminal.'}
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
