import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_LABS } from '@lta/curriculum';
import { isRight, runCorpus } from './corpora/corpus.js';
import { CORPORA } from './corpora/index.js';

// Each lab's corpus through the real terminal engine: what a real admin would type for a step passes it, cheats and
// plausible mistakes do not.
describe('curriculum corpora', () => {
  for (const lab of ALL_LABS) {
    const corpus = CORPORA[lab.id];
    if (!corpus) continue;
    it(`${lab.id}: accepts the equivalents, refuses the cheats and mistakes`, async () => {
      const wrong = (await runCorpus(lab, corpus)).filter((outcome) => !isRight(outcome));
      const shown = wrong.map(
        (o) =>
          `step ${o.step + 1} should ${o.wanted}: ${o.lines.join(' ; ')}` +
          (o.passed
            ? ''
            : ` (${o.result.checks
                .filter((c) => !c.passed)
                .map((c) => c.reason)
                .join('; ')})`),
      );
      assert.deepEqual(shown, []);
    });
  }
});
