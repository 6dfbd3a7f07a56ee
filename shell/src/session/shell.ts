import type * as JustBashModule from 'just-bash';
import type { Bash } from 'just-bash';
import { LOGIN_SHELL_PID, type ShellSnapshot } from '@lta/labs';
import { learnerCommands } from '../commands/index.js';
import { CommandLog } from './command-record.js';
import { completeLine } from './complete.js';
import { HOSTNAME, LEARNER, writeSystemLayout } from '../filesystem/layout.js';
import { expandHistory } from './history-expansion.js';
import { LineParser } from './line-parser.js';
import {
  epilogue,
  loginState,
  mayDefineArrays,
  positionalEnv,
  startOf,
  stateFrom,
  withoutEpilogueTraces,
  type Captured,
  type SessionState,
} from './session-state.js';
import { readFiles, writeFiles } from '../filesystem/snapshot-files.js';
import { SystemFiles } from '../filesystem/system-files.js';
import { TerminalFs, TerminalLog, withoutOwnTraces } from '../filesystem/terminal-devices.js';
import { TransformPipeline, transformCommands } from '../transforms/pipeline.js';
import type { Completion, RunOptions, RunResult, Shell, ShellOptions } from '../types.js';
import { byPath, CAPTURE_COMMAND, MACHINE_BOOT_COMMAND } from '../internal-names.js';
import { startMachine, type RemoteSession, type RunningMachine } from '../machine/index.js';
import type { OtherShell, ShellServices } from '../commands/command.js';
import { accountsOf } from '../filesystem/accounts.js';
import { LoginStack } from './logins.js';
import { LineBudget, NO_DEADLINE_MS } from './line-budget.js';
import { MachineClock, REAL_CLOCK } from '../machine/clock.js';

type JustBash = typeof JustBashModule;

const CLEAR_SCREEN = '\x1b[2J';
/** The learner's account should a lab's /etc/passwd leave it out. */
const LEARNER_LOGIN = { ...LEARNER, gecos: 'Learner' };
/** just-bash's own default for `maxOutputSize`. */
const DEFAULT_MAX_OUTPUT = 1 << 20;
const DEFAULT_MAX_RUN_MS = 10_000;
/** What just-bash writes when its signal stops a line. */
const ABORTED = /^bash: execution aborted\n/m;

/** One booted session: filesystem, interpreter, simulated machine and session state. `reset()` replaces it whole. */
interface BootedShell {
  fs: TerminalFs;
  bash: Bash;
  transforms: TransformPipeline;
  state: SessionState;
  history: string[];
  /** System paths left out of snapshots: root's layout, which the learner cannot change. */
  system: SystemFiles;
  /** True once a line has made EUID and UID readonly in this interpreter. */
  idsReadonly: boolean;
  lastOutput: string;
  log: CommandLog;
  /** Processes, users, services, ... beyond the files (`machine/`). */
  machine: RunningMachine;
  /** What commands reach beyond just-bash; `ask` is the running line's. */
  services: ShellServices;
  /** Who the shell runs as: the learner, or a user `su`/`sudo -i` logged in as. */
  logins: LoginStack;
}

class LearnerShell implements Shell {
  private booted!: BootedShell;
  private captured: Captured | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** The running line's signal: aborted by Ctrl-C, by its time budget, and when it ends. */
  private lineSignal: AbortSignal | undefined;

  constructor(
    private readonly justBash: JustBash,
    private readonly parser: LineParser,
    private readonly options: ShellOptions,
  ) {}

  boot(): void {
    const fs = new TerminalFs(LEARNER.home, { uid: LEARNER.uid, gid: LEARNER.gid, groups: [LEARNER.gid] });
    writeSystemLayout(fs, this.options.hostname);
    const history: string[] = [];
    const limits = this.options.limits ?? {};
    const logins = new LoginStack(fs);
    const clock = new MachineClock(this.options.clock ?? REAL_CLOCK);
    const hostname = this.options.hostname ?? HOSTNAME;
    const services: ShellServices = {
      fs,
      history: () => history,
      clearHistory: () => void history.splice(0),
      ask: undefined,
      fullScreen: undefined,
      timeLeft: () => limits.maxRunMs ?? DEFAULT_MAX_RUN_MS,
      logins,
      clock,
      hostname,
      openShell: this.options.hostname === undefined ? (options) => this.otherShell(options) : undefined,
    };
    const saved = this.options.snapshot;
    const machine = startMachine(saved ? saved.machine : this.options.machine, services);
    // The accounts exist now (the users part wrote them): the learner logs in with the groups they have.
    logins.logIn(accountsOf(fs).account(LEARNER.name) ?? LEARNER_LOGIN);
    const bash = new this.justBash.Bash({
      fs,
      cwd: LEARNER.home,
      customCommands: [
        ...learnerCommands(services),
        ...machine.commands,
        ...transformCommands(services),
        this.captureCommand(),
      ],
      processInfo: { pid: LOGIN_SHELL_PID, ppid: LOGIN_SHELL_PID - 1, uid: LEARNER.uid, gid: LEARNER.gid },
      // just-bash stops waiting for a sleep the line's signal cut short, but cannot cancel ours: it ends with the line.
      sleep: (ms) => clock.sleep(ms, this.lineSignal),
      // The defense layer patches page globals (Function, timers, ...) while a line runs: it guards guest
      // JavaScript, which this shell never runs (no js-exec, no python), would disturb the page around the
      // terminal, and triples the cost of every command.
      defenseInDepth: false,
      executionLimits: {
        // The line's time is `LineBudget`'s, which stops while the learner is at a prompt or a full-screen program.
        maxExecutionTimeMs: NO_DEADLINE_MS,
        maxLoopIterations: limits.maxLoopIterations ?? 200_000,
        maxCommandCount: limits.maxCommands ?? 500_000,
        maxOutputSize: limits.maxOutputBytes ?? DEFAULT_MAX_OUTPUT,
      },
    });
    const transforms = new TransformPipeline((script) => this.parser.tree(script));
    transforms.install(bash);
    machine.booted();
    const system = new SystemFiles(fs);
    const files = saved?.files ?? this.options.files ?? {};
    system.record(['/', '/home', '/tmp', LEARNER.home, ...machine.learnerPaths(), ...Object.keys(files)]);
    writeFiles(fs, files);
    const state = loginState(LEARNER.home, LEARNER.name, { ...this.options.env, ...saved?.env }, hostname);
    if (this.options.cwd)
      state.cwd = fs.resolvePath(LEARNER.home, this.options.cwd.replace(/^~(?=\/|$)/, LEARNER.home));
    if (saved) {
      state.cwd = saved.cwd;
      state.lastExitCode = saved.lastExitCode;
      history.push(...saved.history);
    }
    const log = new CommandLog(saved);
    log.watch(bash);
    fs.onWrite = (path, content) => log.wrote(path, content);
    log.visit(state.cwd);
    this.booted = {
      fs,
      bash,
      transforms,
      state,
      history,
      system,
      idsReadonly: false,
      lastOutput: saved?.lastOutput ?? '',
      log,
      machine,
      services,
      logins,
    };
  }

  /** The shell of another machine of the network, booted now (an ssh session's), on this one's clock and limits. */
  private otherShell(options: ShellOptions): OtherShell {
    const shell = new LearnerShell(this.justBash, this.parser, {
      limits: this.options.limits,
      clock: this.options.clock,
      ...options,
    });
    shell.boot();
    const { fs, logins } = shell.booted;
    return { shell, fs, leavesInnerLogin: (line) => logins.leaves(line) };
  }

  /** The epilogue's command: receives `$?` (and `declare -F`), reads cwd, variables and options from its context. */
  private captureCommand() {
    return {
      name: CAPTURE_COMMAND,
      execute: async (
        args: string[],
        ctx: { cwd: string; env: Map<string, string>; exportedEnv?: Record<string, string> },
      ) => {
        const exitCode = Number(args[args[0] === '--status' ? 1 : 0]) || 0;
        if (args[0] !== '--status') {
          // just-bash hands a command its context behind proxies that copy every value read through them; `forEach`
          // runs on the Map itself, so the copy costs one call instead of a wrapped iterator and entry per variable.
          const env = new Map<string, string>();
          ctx.env.forEach((value, name) => env.set(name, value));
          this.captured = {
            exitCode,
            cwd: ctx.cwd,
            env,
            exported: new Set(Object.keys(ctx.exportedEnv ?? {})),
            functionList: args[1] ?? '',
            arrayList: args[2] ?? '',
            assocList: args[3] ?? '',
          };
        }
        return { stdout: '', stderr: '', exitCode };
      },
    };
  }

  get history(): readonly string[] {
    return this.booted.history;
  }

  get cwd(): string {
    return this.booted.state.cwd;
  }

  run(commandLine: string, options: RunOptions = {}): Promise<RunResult> {
    const next = this.queue.then(() => this.runNow(commandLine, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(commandLine: string, options: RunOptions): Promise<RunResult> {
    const booted = this.booted;
    const typed = String(commandLine ?? '').replace(/\r\n?/g, '\n');
    const remote = booted.machine.remoteSession();
    if (remote) return this.runRemote(remote, typed, options);
    const stream = outputStream(options.onOutput);
    if (typed.trim() === '')
      return this.finish({ stdout: '', stderr: '', exitCode: booted.state.lastExitCode }, stream, false);
    const expansion = expandHistory(typed, booted.history);
    if (!expansion.ok) return this.finish({ stdout: '', stderr: `${expansion.message}\n`, exitCode: 1 }, stream, false);
    const line = expansion.line;
    // Bash shows a line that history expansion changed before running it.
    const echo = expansion.expanded ? `${line}\n` : '';
    const parsed = this.parser.parse(line);
    // Bash records a command once it is whole: the terminal re-sends an unfinished line with its continuation.
    if (parsed.ok || !parsed.incomplete) booted.history.push(line);
    if (!parsed.ok && parsed.incomplete) {
      // Bash says nothing yet: it shows `> ` and waits for the rest, which the terminal sends with this line.
      return this.finish({ stdout: '', stderr: '', exitCode: booted.state.lastExitCode }, stream, true);
    }
    if (!parsed.ok) {
      const stderr = `bash: ${parsed.message
        .replace(/^(LexerError|ParseException|Error):\s*/, '')
        .replace(/^Parse error at \d+:\d+: /, '')
        .replace(/^line \d+: /, '')}\n`;
      booted.state = { ...booted.state, lastExitCode: 2 };
      return this.finish({ stdout: '', stderr, exitCode: 2 }, stream, false, echo);
    }
    if (booted.logins.leaves(line)) {
      booted.state = { ...booted.state, lastExitCode: 0 };
      return this.finish({ stdout: booted.logins.leave(booted.state), stderr: '', exitCode: 0 }, stream, false, echo);
    }
    const previous = booted.state;
    this.captured = undefined;
    booted.log.line = booted.history.length - 1;
    const start = startOf(previous);
    const functionsMayExist =
      Object.keys(previous.functions).length > 0 ||
      Object.keys(parsed.functions).length > 0 ||
      parsed.sourcedFiles.length > 0;
    let result: { stdout: string; stderr: string; exitCode: number };
    booted.transforms.beforeLine(line, previous);
    stream.send(echo);
    const terminal = new TerminalLog(this.options.limits?.maxOutputBytes ?? DEFAULT_MAX_OUTPUT, stream.send);
    booted.fs.terminal = terminal;
    const budget = new LineBudget(this.options.limits?.maxRunMs ?? DEFAULT_MAX_RUN_MS, options.signal);
    const { ask, fullScreen } = options;
    booted.services.ask = ask && ((question) => budget.waitForPerson(() => ask(question)));
    booted.fs.ask = booted.services.ask;
    booted.services.fullScreen = fullScreen && ((program) => budget.waitForPerson(() => fullScreen(program)));
    booted.services.timeLeft = () => budget.remaining();
    this.lineSignal = budget.signal;
    try {
      const arraysMayExist =
        previous.arrays.length > 0 ||
        previous.assoc.length > 0 ||
        mayDefineArrays(line) ||
        parsed.sourcedFiles.length > 0;
      // The machine's boot ends before the learner's first line can change what it reads. bash's EUID and UID are
      // readonly (`EUID=0 apt install` fails to assign, and root is never read from them); the interpreter keeps
      // that from the first line on.
      const boot = booted.idsReadonly ? '' : 'readonly EUID UID\n';
      booted.idsReadonly = true;
      const machineBoot = booted.machine.bootPending() ? `${byPath(MACHINE_BOOT_COMMAND)}\n` : '';
      result = await booted.bash.exec(
        `${boot}${machineBoot}${start.prelude}\n${line}\n${epilogue(functionsMayExist, arraysMayExist)}`,
        {
          cwd: previous.cwd,
          signal: budget.signal,
          rawScript: true,
          replaceEnv: true,
          env: start.env,
        },
      );
    } catch (error) {
      result = { stdout: '', stderr: `bash: ${error instanceof Error ? error.message : String(error)}\n`, exitCode: 1 };
    } finally {
      booted.fs.terminal = undefined;
      booted.services.ask = undefined;
      booted.fs.ask = undefined;
      booted.services.fullScreen = undefined;
      this.lineSignal = undefined;
      budget.end();
    }
    if (budget.ranOut && !options.signal?.aborted) {
      // As just-bash's own deadline said it, with timeout(1)'s status.
      result = { stdout: '', stderr: 'bash: the command line exceeded its execution deadline\n', exitCode: 124 };
    }
    // Ctrl-C: the terminal shows `^C`, as bash does, and nothing more (just-bash adds a message of its own).
    if (options.signal?.aborted) result.stderr = result.stderr.replace(ABORTED, '');
    // What reached the terminal through its devices, then what just-bash returned itself (a limit's message).
    const written = terminal.result();
    result.stderr = withoutEpilogueTraces(withoutOwnTraces(result.stderr));
    const stdout = written.stdout + result.stdout;
    const stderr = written.stderr + result.stderr;
    const shown = written.output + result.stdout + result.stderr;
    const defined = { ...(await this.sourcedFunctions(parsed.sourcedFiles, previous.cwd)), ...parsed.functions };
    const captured = this.captured ?? this.fallbackCapture(previous, result, Object.keys(defined));
    booted.state = stateFrom(captured, previous, defined);
    const exitCode = options.signal?.aborted ? 130 : this.captured ? captured.exitCode : result.exitCode;
    booted.state.lastExitCode = exitCode;
    booted.logins.startPending(booted.state);
    booted.log.visit(booted.state.cwd);
    return this.finish({ stdout, stderr, exitCode }, stream, false, echo, shown);
  }

  /** Runs the line on the machine an ssh session is logged in to; `$?` here becomes its status once it ends. */
  private async runRemote(remote: RemoteSession, line: string, options: RunOptions): Promise<RunResult> {
    let result: RunResult;
    try {
      result = await remote.run(line, options);
    } catch (error) {
      const output = `bash: ${error instanceof Error ? error.message : String(error)}\n`;
      options.onOutput?.(output);
      result = { output, stdout: '', stderr: output, exitCode: 1, clear: false, incomplete: false };
    }
    if (!result.incomplete) this.booted.state = { ...this.booted.state, lastExitCode: result.exitCode };
    this.booted.lastOutput = result.output;
    return result;
  }

  /** Functions defined by files the line sourced (`source ~/toolbox.sh`), read as they are after the line. */
  private async sourcedFunctions(files: string[], cwd: string): Promise<Record<string, string>> {
    const functions: Record<string, string> = {};
    for (const file of files) {
      try {
        const path = this.booted.fs.resolvePath(cwd, file.replace(/^~(?=\/|$)/, LEARNER.home));
        const parsed = this.parser.parse(await this.booted.fs.readFile(path));
        if (parsed.ok) Object.assign(functions, parsed.functions);
      } catch {
        // An unreadable file defined nothing; bash has already said why.
      }
    }
    return functions;
  }

  /**
   * When the line ended the script early (`exit`, errexit, a limit, Ctrl-C) the epilogue never ran and just-bash
   * reports no final state: the session keeps the state from before the line.
   */
  private fallbackCapture(previous: SessionState, result: { exitCode: number }, defined: string[]): Captured {
    const env = new Map(Object.entries(startOf(previous).env));
    env.set('SHELLOPTS', previous.options.join(':'));
    env.set('BASHOPTS', previous.shopts.join(':'));
    for (const [name, value] of positionalEnv(previous.positional)) env.set(name, value);
    return {
      exitCode: result.exitCode,
      cwd: previous.cwd,
      env,
      exported: new Set(previous.exported),
      functionList: [...Object.keys(previous.functions), ...defined].join('\n'),
      arrayList: previous.arrays.join('\n'),
      assocList: '',
      assoc: previous.assoc,
    };
  }

  private finish(
    result: { stdout: string; stderr: string; exitCode: number },
    stream: OutputStream,
    incomplete: boolean,
    echo = '',
    shown = result.stdout + result.stderr,
  ): RunResult {
    // Bash's notices (`[1]+  Done  sleep 3`) come before every prompt, not before a continuation's `> `.
    const notices = incomplete ? '' : this.booted.machine.lineEnded();
    if (notices) {
      result = { ...result, stderr: result.stderr + notices };
      shown += notices;
    }
    const output = echo + shown;
    this.booted.lastOutput = output;
    stream.rest(output);
    return { ...result, output, clear: result.stdout.includes(CLEAR_SCREEN), incomplete };
  }

  snapshot(): ShellSnapshot {
    const { fs, state, history, system, lastOutput, log, machine } = this.booted;
    const machineState = machine.state();
    const env: Record<string, string> = {};
    for (const name of state.exported) env[name] = state.variables[name] ?? '';
    return {
      version: 1,
      cwd: state.cwd,
      home: LEARNER.home,
      env,
      files: readFiles(fs, system),
      history: [...history],
      lastOutput,
      lastExitCode: state.lastExitCode,
      commands: [...log.commands],
      visited: [...log.visited],
      ...(machineState ? { machine: machineState } : {}),
    };
  }

  prompt(): string {
    const { state, logins, machine, services } = this.booted;
    const remote = machine.remoteSession();
    if (remote) return remote.prompt();
    const cwd = state.cwd;
    const home = state.variables.HOME ?? LEARNER.home;
    const shown = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
    const user = logins.current();
    return `${user.name}@${services.hostname}:${shown}${user.uid === 0 ? '#' : '$'} `;
  }

  complete(line: string, cursor: number): Completion {
    const { fs, state, machine } = this.booted;
    const remote = machine.remoteSession();
    if (remote) return remote.complete(line, cursor);
    return completeLine(fs, state, String(line ?? ''), Math.max(0, Math.min(cursor, String(line ?? '').length)));
  }

  async reset(): Promise<void> {
    await this.queue;
    this.boot();
  }
}

interface OutputStream {
  /** Hands `text` on now. */
  send(text: string): void;
  /** Hands on what of the line's whole `output` has not been sent yet. */
  rest(output: string): void;
}

/**
 * The line's output for `onOutput`, piece by piece as the terminal's devices receive it (a long loop shows progress),
 * then what just-bash returned itself at the end (a limit's message).
 */
function outputStream(onOutput: RunOptions['onOutput']): OutputStream {
  let sent = 0;
  const send = (text: string) => {
    if (text === '' || !onOutput) return;
    sent += text.length;
    try {
      onOutput(text);
    } catch {
      // A failing output callback belongs to the page; the shell's own state stays consistent.
    }
  };
  return { send, rest: (output) => send(output.slice(sent)) };
}

let parser: LineParser | undefined;

/**
 * Starts a learner's shell. Loads just-bash on first use (about 1.3 MB), so pages that never show a terminal never
 * download it.
 */
export async function createShell(options: ShellOptions = {}): Promise<Shell> {
  const justBash = await import('just-bash');
  parser ??= new LineParser(justBash.Bash);
  const shell = new LearnerShell(justBash, parser, options);
  shell.boot();
  return shell;
}
