/**
 * False acceptances (a cheat or mistake passed a step) and false rejections (an equivalent command failed it) of
 * every corpus, for the labs of this tree or, given a path to another tree's `labs/src/index.ts`, for those (a
 * before/after comparison: `git worktree add /tmp/before <commit>`, then pass `/tmp/before/labs/src/index.ts`).
 *
 *   node --import tsx test/node/curriculum/corpora/report.ts [other/labs/src/index.ts]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Lab } from '@lta/labs';
import { isRight, runCorpus, type StepJudge } from './corpus.js';
import { CORPORA } from './index.js';

const other = process.argv[2];
// This tree's labs live in @lta/curriculum; an older tree's labs/src/index.ts exported them itself.
const labs = (
  other
    ? await import(pathToFileURL(resolve(other)).href)
    : { ...(await import('@lta/labs')), ALL_LABS: (await import('@lta/curriculum')).ALL_LABS }
) as { ALL_LABS: readonly Lab[]; checkStep: StepJudge };
let acceptances = 0;
let rejections = 0;
let cases = 0;
for (const lab of labs.ALL_LABS) {
  const corpus = CORPORA[lab.id];
  if (!corpus) continue;
  const outcomes = await runCorpus(lab, corpus, labs.checkStep);
  cases += outcomes.length;
  for (const outcome of outcomes.filter((o) => !isRight(o))) {
    if (outcome.passed) acceptances++;
    else rejections++;
    console.log(
      `${outcome.passed ? 'false acceptance' : 'false rejection'}: ${lab.id} step ${outcome.step + 1}: ${outcome.lines.join(' ; ')}`,
    );
  }
}
console.log(
  `${Object.keys(CORPORA).length} labs, ${cases} cases: ${acceptances} false acceptances, ${rejections} false rejections`,
);
