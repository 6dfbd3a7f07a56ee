#!/usr/bin/env node
// `npm run typecheck`: every TypeScript project of the repository, checked side by side, one tsc each. The list is
// kept here only: `npm test` (scripts/test.mjs) checks the same projects, each counted as one test.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { run, runJobs } from './jobs.mjs';

/** The tsconfig of every project: each package on its own, the widgets with their tests, and what spans packages. */
export const TYPE_PROJECTS = [
  'tsconfig.json',
  'labs/tsconfig.json',
  'curriculum/tsconfig.json',
  'shell/tsconfig.json',
  'module/tsconfig.json',
  'host/tsconfig.json',
  'tsconfig.node.json',
];

/** Type-checks one project; resolves with the command's result (`run`). */
export function typecheck(project) {
  return run('node_modules/.bin/tsc', ['-p', project]);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const failed = [];
  await runJobs(
    TYPE_PROJECTS.map((project) => ({
      name: project,
      run: async () => {
        const { code, text } = await typecheck(project);
        process.stdout.write(text);
        if (code !== 0) failed.push(project);
      },
    })),
    availableParallelism(),
  );
  if (failed.length) console.error(`Type errors in ${failed.join(', ')}`);
  process.exitCode = failed.length ? 1 : 0;
}
