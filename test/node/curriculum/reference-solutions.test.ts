import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLab, isLabComplete, startingSnapshot, validateLab, type Lab, type LabResult } from '@lta/labs';
import { ALL_LABS } from '@lta/curriculum';
import { readmeExampleLab } from '../../../labs/test/readme-example.js';
import { createShell, tryScripts } from '@lta/shell';
import { enterScript, type Entry } from '../shell/terminal-driver.js';
import { opensFullScreen, runAnswering } from './corpora/corpus.js';

/** The checks that failed, as "step: message (reason)" lines, so a failure says what the learner would see. */
function failures(result: LabResult): string[] {
  return result.steps.flatMap((step) =>
    step.checks.filter((c) => !c.passed).map((c) => `${step.title}: ${c.message} (${c.reason ?? 'no reason'})`),
  );
}

/**
 * Boots the terminal engine on the lab's start, enters the reference solution, and checks the result: each command
 * in one `run` call, or at the terminal's prompt, typed line by line or pasted as one block, as a learner enters it.
 */
async function playLab(lab: Lab, entry: Entry | 'one call'): Promise<void> {
  const shell = await createShell({ snapshot: startingSnapshot(lab) });
  assert.equal(isLabComplete(lab, shell.snapshot()), false, `${lab.id} is already complete before any command`);
  const transcript: string[] = [];
  if (entry === 'one call') {
    for (const { line, output, exitCode } of await runAnswering(shell, lab.solution))
      transcript.push(`$ ${line}\n${output}[exit ${exitCode}]`);
  } else {
    const { runs } = await enterScript(shell, lab.solution.join('\n'), entry);
    for (const { line, result } of runs) transcript.push(`$ ${line}\n${result.output}[exit ${result.exitCode}]`);
  }
  const snapshot = await tryScripts(lab, shell.snapshot());
  const result = checkLab(lab, snapshot);
  assert.deepEqual(failures(result), [], `transcript:\n${transcript.join('\n')}`);
  assert.equal(isLabComplete(lab, snapshot), true);
}

// Every built-in lab, through the real terminal engine: the starting state must not pass, and typing the
// reference solution must pass every check, exactly as a learner typing those commands would.
describe('curriculum reference solutions', () => {
  for (const entry of ['one call', 'typed', 'pasted'] as const) {
    for (const lab of ALL_LABS) {
      // A full-screen program's keys in a pasted block would be text typed into it, as on a real terminal (see `opensFullScreen`).
      const skip =
        entry === 'pasted' && opensFullScreen(lab)
          ? 'its solution types keys into a full-screen program, which a paste cannot'
          : false;
      it(`${lab.id} (${entry}): fails at the start, passes after the reference solution`, { skip }, () =>
        playLab(lab, entry),
      );
    }

    it(`the example lab of labs/README.md plays the same way (${entry})`, () => {
      const validated = validateLab(readmeExampleLab());
      assert.ok(validated.ok);
      return playLab(validated.lab, entry);
    });
  }
});
