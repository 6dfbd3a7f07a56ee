import { checkStep, startingSnapshot, type Lab, type LabStep, type ShellSnapshot, type StepResult } from '@lta/labs';
import { createShell, keysFromNotation, tryScripts, type Shell } from '@lta/shell';

/** Command lines typed in order into a fresh terminal on the lab's starting state. */
export type Lines = readonly string[];

/** What a real admin might type for one step, and what must not count. */
export interface StepCorpus {
  /** Lines typed first in every case (e.g. `cd` into the step's directory), if the step needs them. */
  setup?: Lines;
  /** Equivalent ways to do the step: each must pass it. */
  accept: Lines[];
  /** Cheats and plausible mistakes: none may pass it. */
  refuse: Lines[];
  /** Cases the shell cannot yet run as bash does: shown as pending, with why. */
  pending?: { lines: Lines; accept: boolean; why: string }[];
}

/** A lab's corpus: one entry per step, in order. */
export type LabCorpus = StepCorpus[];

/** One case's outcome. */
export interface CaseOutcome {
  lab: string;
  step: number;
  lines: Lines;
  wanted: 'accept' | 'refuse';
  passed: boolean;
  result: StepResult;
}

/** The function that judges a step: the current engine, or an older one for a before/after report. */
export type StepJudge = (step: LabStep, snapshot: ShellSnapshot) => StepResult;

/** Types `lines` into a fresh terminal on the lab's start and returns its snapshot, with the lab's scripts tried as the terminal does. */
export async function play(lab: Lab, lines: Lines): Promise<ShellSnapshot> {
  const shell = await createShell({ snapshot: startingSnapshot(lab) });
  await runAnswering(shell, lines);
  return tryScripts(lab, shell.snapshot());
}

/**
 * Runs `lines` one `run` each; when a command asks (sudo's password), the next line is the answer, as the learner
 * types it at the prompt; while an editor is open (`nano`, `vi`), each next line is its keys, in the notation of
 * `keysFromNotation` (`iHello<Esc>:wq<Enter>`), until it quits. Returns each command with what it printed.
 */
export async function runAnswering(
  shell: Shell,
  lines: Lines,
): Promise<{ line: string; output: string; exitCode: number }[]> {
  const pending = [...lines];
  const runs: { line: string; output: string; exitCode: number }[] = [];
  while (pending.length > 0) {
    const line = pending.shift()!;
    const { output, exitCode } = await shell.run(line, {
      ask: async () => pending.shift() ?? null,
      fullScreen: async (program) => {
        while (!program.done && pending.length > 0) await program.input(keysFromNotation(pending.shift()!));
      },
    });
    runs.push({ line, output, exitCode });
  }
  return runs;
}

/** Every case of a lab's corpus, judged against `lab` (its steps by index). */
export async function runCorpus(lab: Lab, corpus: LabCorpus, judge: StepJudge = checkStep): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const [index, step] of corpus.entries()) {
    const labStep = lab.steps[index];
    if (!labStep) throw new Error(`${lab.id}: the corpus has step ${index + 1}, the lab has ${lab.steps.length}`);
    for (const [wanted, cases] of [
      ['accept', step.accept],
      ['refuse', step.refuse],
    ] as const) {
      for (const lines of cases) {
        const result = judge(labStep, await play(lab, [...(step.setup ?? []), ...lines]));
        outcomes.push({ lab: lab.id, step: index, lines, wanted, passed: result.passed, result });
      }
    }
  }
  return outcomes;
}

/** Whether an outcome is what the corpus wants. */
export const isRight = (outcome: CaseOutcome) => outcome.passed === (outcome.wanted === 'accept');

/**
 * A line that opens a full-screen program (`nano`, `vi`, `vim`, `less`, `more`, `man`, `top` without `-b`, maybe
 * under `sudo`): the lines after it are its keys until it quits.
 */
const FULL_SCREEN_LINE = /^\s*(sudo\s+)?(nano|vim?|less|more|man|top(?!.*\s-b))(\s|$)/;

/**
 * Whether a lab's reference solution opens a full-screen program. Such a solution can only be typed at a terminal,
 * one line at a time: pasted as one block, the program's keys would be text typed into it (as in a real terminal),
 * and GNU bash without a terminal would run them as commands.
 */
export function opensFullScreen(lab: Lab): boolean {
  return lab.solution.some((line) => FULL_SCREEN_LINE.test(line));
}
