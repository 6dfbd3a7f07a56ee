import type { Bash, TransformPlugin } from 'just-bash';
import type { ScriptNode } from '../ast/syntax-tree.js';
import type { LearnerCommand, ShellServices } from '../commands/command.js';
import type { SessionState } from '../session/session-state.js';
import { accessGuardsPlugin, enterGuardCommand, refusedCommand, writeGuardCommand } from './access-guards.js';
import { BackgroundJobsPlugin } from './background-jobs.js';
import { CommandNamesPlugin, reachesBuiltins } from './command-names.js';
import { directoryGlobCommand, DirectoryGlobsPlugin, MAY_GLOB_DIRECTORIES } from './directory-globs.js';
import { errexitListsPlugin, statusCommand } from './errexit-lists.js';
import { HelpListPlugin } from './help-list.js';
import { loopYieldCommand, loopYieldPlugin } from './loop-yield.js';
import { scriptRunsPlugin } from './script-runs.js';
import { stderrOrderPlugin } from './stderr-order.js';
import { TerminalInputPlugin } from './terminal-input.js';
import { TerminalOutputPlugin } from './terminal-output.js';
import { TrapsPlugin } from './traps.js';

/** `set -x` (or `-o xtrace`) somewhere in a line: its trace must reach the terminal. */
const TURNS_ON_XTRACE = /\bset\b[^;&|\n]*(\s[-+][a-zA-Z]*x|xtrace)/;

/**
 * The syntax-tree rewrites that make just-bash keep bash's rules, in the order they run over every script just-bash
 * parses (the typed line with its prelude and epilogue, and every script, function body and `eval` it runs). Each
 * later transform sees the nodes the earlier ones added; the order matters where a comment says why.
 */
export class TransformPipeline {
  private readonly directoryGlobs = new DirectoryGlobsPlugin();
  private readonly terminalInput = new TerminalInputPlugin();
  private readonly terminalOutput = new TerminalOutputPlugin();
  private readonly commandNames = new CommandNamesPlugin();
  private readonly helpList = new HelpListPlugin();
  private readonly plugins: readonly TransformPlugin[];

  /** `parse`: bash source to a syntax tree, for the statements the traps transform writes as bash. */
  constructor(parse: (script: string) => ScriptNode) {
    this.plugins = [
      // 1. `*/` matches directories only, each named with its `/` (just-bash matched files too). First: the words
      //    it replaces are then seen by the others as the command substitutions they become.
      this.directoryGlobs,
      // 2. `./script.sh` runs the file as its `#!/bin/bash` line asks, so the transforms below reach its body too.
      scriptRunsPlugin,
      // 3. A command of the typed line that reads its stdin with no file named reads what the learner types next
      //    (`cat > notes.txt`, `read name`). Before the jobs, which then start `cmd &` as it was (a job does not own
      //    the keyboard); before the guards and the output devices, which see `read -p`'s prompt as a command.
      this.terminalInput,
      // 4. `cmd &` starts a job in the process table, in simulated time, with its `$!` (just-bash ran it in the
      //    foreground and left `$!` 0).
      new BackgroundJobsPlugin(),
      // 5. `set -e` is ignored in every command of an `&&`/`||` list but the last, down into compound commands and
      //    functions. Before the access guards, which turn guarded commands into groups.
      errexitListsPlugin,
      // 6. A loop never freezes the page: every iteration gives the thread back, so Ctrl-C and output are seen.
      loopYieldPlugin,
      // 7. A write the filesystem refuses fails just that command with `Permission denied`, and `cd` needs search
      //    (x) permission (just-bash ended the line, or entered the directory).
      accessGuardsPlugin,
      // 8. With `2>&1`, output and errors keep the order they were written in (just-bash put every error last).
      stderrOrderPlugin,
      // 9. `trap ... EXIT` and `trap ... ERR` fire. After the guards, so that a refused or failed command inside
      //    them reaches the traps.
      new TrapsPlugin(parse),
      // 10. What each command of the typed line writes reaches the terminal in the order written, as it is written.
      //    After the others: their added commands' refused writes must reach the terminal too.
      this.terminalOutput,
      // 11. `help` alone lists the builtins as GNU bash does (just-bash's list is titled with its own name).
      this.helpList,
      // 12. Builtins and our own commands work whatever the learner's PATH (just-bash keeps `echo` in /usr/bin).
      //     Last: it calls by path the commands every transform above added (`lta-yield` in every loop).
      this.commandNames,
    ];
  }

  /** Registers the transforms, in order, on a fresh interpreter. */
  install(bash: Bash): void {
    for (const plugin of this.plugins) bash.registerTransformPlugin(plugin);
  }

  /**
   * Tells the transforms what they need to know of the session before `line` runs, so that they need not search
   * each line for it, and a line that needs none of their work costs no walk of its tree.
   */
  beforeLine(line: string, previous: SessionState): void {
    // The session's functions and aliases, which bash runs before a builtin of the same name.
    const shadowed = new Set([...Object.keys(previous.functions), ...Object.keys(previous.aliases)]);
    this.commandNames.session = {
      pathMayLackBuiltins: !reachesBuiltins(previous.variables.PATH) || line.includes('PATH'),
      shadowed,
    };
    this.directoryGlobs.session = { active: MAY_GLOB_DIRECTORIES.test(line) };
    this.terminalInput.session = { active: TerminalInputPlugin.mayRead(line) };
    this.helpList.session = { active: /\bhelp\b/.test(line) && !shadowed.has('help') };
    this.terminalOutput.session = { traced: previous.options.includes('xtrace') || TURNS_ON_XTRACE.test(line) };
  }
}

/** The internal commands the transforms write into lines (see `internal-names.ts`), bound to one shell's services. */
export function transformCommands(services: ShellServices): LearnerCommand[] {
  return [
    loopYieldCommand,
    statusCommand,
    writeGuardCommand(services),
    enterGuardCommand(services),
    refusedCommand,
    directoryGlobCommand(services),
  ];
}
