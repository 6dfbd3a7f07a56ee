import type { ReactiveControllerHost } from 'lit';
import type { Terminal } from '@xterm/xterm';
import type { Lab, LabResult, ShellSnapshot } from '@lta/labs';
import type { Shell } from '@lta/shell';
import { AcademyLink, type LinkedLab } from './academy-link.js';
import { LabChecks, stepsNewlyDone } from './lab-checks.js';
import { labShell } from './lab-shell.js';
import type { LabStateCodec } from './lab-state-codec.js';
import type { LabOrigin, NextLab } from './lab-source.js';
import { LocalSave } from './local-save.js';
import type { TerminalScope } from './terminal-scope.js';
import type { CommandRun, TerminalSession } from './terminal-session.js';
import type { Booted, Stack } from './xterm-boot.js';

/**
 * The lab in the terminal and the learner's shell for it: loads the lab the element names, starts a shell from
 * the work saved on this device (or the lab's starting files), checks the lab after every command and on demand,
 * counts hints, and starts over on Reset. Its progress goes to this browser (`LocalSave`) and, for a lab that earns
 * XP, to the academy (`AcademyLink`). Made once xterm is open; the element draws what it holds.
 */
export class LabSession implements LinkedLab {
  /** The lab, once loaded and valid. */
  lab: Lab | undefined;
  private origin: LabOrigin | undefined;
  /** The catalog lab after this one, offered once it is complete. */
  next: NextLab | undefined;
  /** The labs that unlock this catalog lab, offered when the academy refuses it as locked. */
  unlockedBy: NextLab[] = [];
  /** Every problem of a lab that could not be loaded. */
  problems: string[] = [];
  /** The lab's latest check. */
  result: LabResult | undefined;
  /** How many hints of each step are open. */
  hintsShown: number[] = [];
  /** The learner asked for a check: the panel says why conditions are not met. */
  showReasons = false;
  /** Settles when the latest (re)start of the lab is done. */
  started: Promise<void> = Promise.resolve();
  private readonly saving: LocalSave;
  readonly link: AcademyLink;
  private readonly checks: LabChecks;
  private readonly stack: Stack;
  private readonly terminal: Terminal;
  private shell: Shell | undefined;
  private session: TerminalSession | undefined;
  /** A lab is being loaded and its shell started. */
  private starting = false;
  /** Increases on every (re)start, so a slow one that was overtaken does not win. */
  private generation = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    { stack, terminal }: Booted,
    private readonly scope: TerminalScope,
  ) {
    this.stack = stack;
    this.terminal = terminal;
    this.checks = new LabChecks(stack);
    this.saving = new LocalSave(host, {
      persist: () => scope.persist(),
      progress: () =>
        this.shell && {
          labId: this.labId,
          snapshot: this.checks.withScriptRuns(this.shell.snapshot()),
          hintsShown: this.hintsShown,
        },
      tooLarge: () => scope.announce(scope.text().tooLargeForBrowser),
    });
    this.link = new AcademyLink(host, scope, this);
  }

  /** The shell runs and takes the learner's keys. */
  get running(): boolean {
    return this.session !== undefined;
  }

  /** Practice mode: the lab earns nothing (an author's own lab, or the academy does not keep it). */
  get practice(): boolean {
    return !this.earnsXp || !this.link.active;
  }

  get linkable(): Lab | undefined {
    return this.earnsXp && this.session && !this.starting ? this.lab : undefined;
  }

  codec(lab: Lab): LabStateCodec {
    return this.stack.labStateCodec(lab);
  }

  savedAt(labId: string): number {
    return this.saving.savedAt(labId);
  }

  workSoFar(): ShellSnapshot | undefined {
    if (!this.session?.hasWork || this.session.busy || !this.shell) return undefined;
    return this.checks.withScriptRuns(this.shell.snapshot());
  }

  /** What the learner typed, as xterm delivers it. */
  input(data: string): void {
    this.session?.input(data);
  }

  /** Types a command and runs it, as if the learner had. */
  runCommand(command: string): void {
    this.session?.runCommand(command);
  }

  /** Loads the lab the element names (if any), then starts a shell from saved progress or the lab's starting files. */
  start(): Promise<void> {
    this.started = this.load();
    return this.started;
  }

  learnerChanged(): void {
    this.saving.cancel();
    if (this.session) void this.start();
  }

  /** Starts the lab over: its starting files, a fresh shell, no hints; forgets saved progress. */
  async reset(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.saving.forget(this.labId);
    void this.link.reset();
    this.hintsShown = [];
    this.showReasons = false;
    this.checks.forget();
    const shell = await labShell(this.stack, this.lab, undefined);
    this.use(session, shell);
    this.result = this.lab ? (await this.checks.check(this.lab, shell)).result : undefined;
    this.host.requestUpdate();
    this.scope.announce(this.scope.text().labReset);
  }

  /** Continues from the academy's copy of the lab (saved on another device). */
  async resume(snapshot: ShellSnapshot): Promise<void> {
    // The learner already works here (a command may be running): their next save wins over the other device's copy.
    const session = this.session;
    if (!session || session.hasWork) return;
    const shell = await labShell(this.stack, this.lab, snapshot);
    // A line may have been entered while that shell started.
    if (session.hasWork) return;
    this.use(session, shell, { keepTypedLine: true });
    this.checks.forget(snapshot.scriptRuns);
    if (this.lab) this.result = (await this.checks.check(this.lab, shell)).result;
    this.host.requestUpdate();
    this.saving.save();
    this.scope.announce(this.scope.text().resumed);
  }

  /** The learner asked for a check: the result with why conditions are not met, and where they stand, said. */
  async check(): Promise<void> {
    const { lab, shell } = this;
    if (!lab || !shell) return;
    const { result } = await this.checks.check(lab, shell);
    if (lab !== this.lab) return;
    this.result = result;
    this.showReasons = true;
    const text = this.scope.text();
    const step = result.steps[result.currentStep];
    if (result.passed) this.scope.announce(text.everyStepDone);
    else if (step)
      this.scope.announce(text.conditionsOpen(result.currentStep + 1, step.checks.filter((c) => !c.passed).length));
    this.host.requestUpdate();
  }

  /** The learner opened hint `count` of a step. */
  hintShown(step: number, count: number): void {
    const hints = [...this.hintsShown];
    hints[step] = count;
    this.hintsShown = Array.from(hints, (shown) => shown ?? 0);
    this.saving.schedule();
    void this.link.hintShown();
    this.host.requestUpdate();
  }

  /** Where this browser keeps the lab's progress. */
  private get labId(): string {
    return this.lab?.id ?? '';
  }

  /** Labs from the catalog or published on the academy earn XP; an author's page-given lab is practice. */
  private get earnsXp(): boolean {
    return this.origin === 'catalog' || this.origin === 'published';
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    this.saving.flush(); // the lab being left keeps its last commands
    this.starting = true;
    try {
      await this.loadAndStart(generation);
    } finally {
      if (generation === this.generation) this.starting = false;
      this.host.requestUpdate(); // follow the academy for the lab now running
    }
  }

  private async loadAndStart(generation: number): Promise<void> {
    const { stack, scope } = this;
    const academy = scope.academy();
    const loaded = await stack.loadLab({
      ...scope.labRequest(),
      published: academy ? (id) => stack.publishedLab(academy, id) : undefined,
    });
    if (generation !== this.generation) return;
    this.lab = loaded?.ok ? loaded.lab : undefined;
    this.origin = loaded?.ok ? loaded.origin : undefined;
    this.next = loaded?.ok ? loaded.next : undefined;
    this.unlockedBy = (loaded?.ok && loaded.unlockedBy) || [];
    this.problems = loaded && !loaded.ok ? loaded.problems : [];
    if (loaded && !loaded.ok) scope.emit('lta-lab-error', { problems: loaded.problems });
    const saved = this.saving.saved(this.labId);
    this.hintsShown = saved?.hintsShown ?? [];
    this.showReasons = false;
    this.checks.forget(saved?.snapshot.scriptRuns);
    this.host.requestUpdate();
    const shell = await labShell(this.stack, this.lab, saved?.snapshot);
    if (generation !== this.generation) return;
    const checked = this.lab ? await this.checks.check(this.lab, shell) : undefined;
    if (generation !== this.generation) return;
    this.result = checked?.result;
    if (this.session) {
      this.use(this.session, shell);
    } else {
      this.shell = shell;
      this.session = new stack.TerminalSession(
        this.terminal,
        shell,
        (run) => this.afterCommand(run),
        () => scope.text(),
      );
      this.session.start(this.banner());
    }
  }

  /** The session goes on in `shell`, from a clear screen. */
  private use(session: TerminalSession, shell: Shell, options?: { keepTypedLine: boolean }): void {
    this.shell = shell;
    session.replaceShell(shell, this.banner(), options);
    this.host.requestUpdate();
  }

  private banner(): string {
    return `${this.scope.text().banner}\r\n`;
  }

  private afterCommand({ line, result }: CommandRun): void {
    this.scope.emit('lta-command', { command: line, exitCode: result.exitCode });
    this.saving.schedule();
    if (this.lab && this.shell) void this.checkAfterCommand(this.lab, this.shell);
  }

  private async checkAfterCommand(lab: Lab, shell: Shell): Promise<void> {
    const checked = await this.checks.afterCommand(lab, shell);
    if (!checked || lab !== this.lab) return;
    const before = this.result;
    const after = checked.result;
    this.result = after;
    this.host.requestUpdate();
    const finished = after.passed && !before?.passed;
    if (!finished) this.link.save(checked.snapshot);
    const newlyDone = stepsNewlyDone(before, after);
    for (const step of newlyDone)
      this.scope.emit('lta-step-complete', { labId: lab.id, step, title: lab.steps[step]!.title });
    const text = this.scope.text();
    if (finished) void this.finish(lab, checked.snapshot);
    else if (newlyDone.length > 0)
      this.scope.announce(newlyDone.map((step) => text.stepDone(step + 1, lab.steps[step]!.title)).join(' '));
  }

  /** Announces the finished lab; linked to the academy, first asks it to verify the lab and award the XP. */
  private async finish(lab: Lab, snapshot: ShellSnapshot): Promise<void> {
    const practice = this.practice;
    const verified = !practice && (await this.link.complete(snapshot));
    const text = this.scope.text();
    // The recap is read out too: a screen reader user hears what they can now do without hunting for it.
    const said = [
      text.labComplete(lab.title),
      verified ? text.youEarned(lab.xp) : '',
      lab.recap ? text.recapSaid(lab.recap.replaceAll('`', '')) : '',
    ];
    this.scope.announce(said.filter(Boolean).join(' '));
    this.scope.emit('lta-lab-complete', {
      labId: lab.id,
      practice,
      verified,
      hintsUsed: this.hintsShown.reduce((sum, count) => sum + count, 0),
    });
  }
}
