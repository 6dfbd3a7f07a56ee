import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_LABS, checkLab, isLabComplete, startingSnapshot, validateLab, type Lab, type LabResult } from '../../../labs/src/index.js';
import { readmeExampleLab } from '../../../labs/test/readme-example.js';
import { createShell } from '../../../src/shell/index.js';

/** The checks that failed, as "step: message (reason)" lines, so a failure says what the learner would see. */
function failures(result: LabResult): string[] {
  return result.steps.flatMap((step) =>
    step.checks.filter((c) => !c.passed).map((c) => `${step.title}: ${c.message} (${c.reason ?? 'no reason'})`),
  );
}

/** Boots the terminal engine on the lab's start, types the reference solution, and checks the result. */
async function playLab(lab: Lab): Promise<void> {
  const shell = await createShell({ snapshot: startingSnapshot(lab) });
  assert.equal(isLabComplete(lab, shell.snapshot()), false, `${lab.id} is already complete before any command`);
  const transcript: string[] = [];
  for (const command of lab.solution) {
    const { output, exitCode } = await shell.run(command);
    transcript.push(`$ ${command}\n${output}[exit ${exitCode}]`);
  }
  const result = checkLab(lab, shell.snapshot());
  assert.deepEqual(failures(result), [], `transcript:\n${transcript.join('\n')}`);
  assert.equal(isLabComplete(lab, shell.snapshot()), true);
}

// Every built-in lab, through the real terminal engine: the starting state must not pass, and typing the
// reference solution must pass every check, exactly as a learner typing those commands would.
describe('curriculum reference solutions', () => {
  for (const lab of ALL_LABS) {
    it(`${lab.id}: fails at the start, passes after the reference solution`, () => playLab(lab));
  }

  it('the example lab of labs/README.md plays the same way', () => {
    const validated = validateLab(readmeExampleLab());
    assert.ok(validated.ok);
    return playLab(validated.lab);
  });
});
