/**
 * What trying a learner's scripts for `script-runs` checks costs the terminal after a command: every run of the
 * `script-conditions` lab (a changed script), and the same with the runs of an unchanged script reused, as ratios to
 * the learner running the script once at their prompt, in the same run.
 * Run: node --import tsx --import ./test/node/quiet-sdk.ts bench/labs/script-runs.ts
 */
import { startingSnapshot } from '@lta/labs';
import { findLab } from '@lta/curriculum';
import { createShell, tryScripts } from '@lta/shell';
import { medianTime } from '../statistics.js';

const ROUNDS = 15;
const lab = findLab('script-conditions')!;
const shell = await createShell({ snapshot: startingSnapshot(lab) });
for (const line of lab.solution.slice(0, 2)) await shell.run(line);
const known = (await tryScripts(lab, shell.snapshot())).scriptRuns ?? [];

const baseline = await medianTime(ROUNDS, () => shell.run('~/check-backup.sh backups/shop-2024-03-14.sql'));
const changed = await medianTime(ROUNDS, () => tryScripts(lab, shell.snapshot(), []));
const unchanged = await medianTime(ROUNDS, () => tryScripts(lab, shell.snapshot(), known));
console.log(`baseline: the learner runs check-backup.sh once: ${baseline.toFixed(1)} ms`);
console.log(`trying its ${known.length} runs after it changed: ${(changed / baseline).toFixed(1)}x the baseline`);
console.log(`after a command that left it unchanged (runs reused): ${(unchanged / baseline).toFixed(3)}x the baseline`);
