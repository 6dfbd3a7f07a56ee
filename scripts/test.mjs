#!/usr/bin/env node
// `npm test`: every check the project has, then one summary line `N passed, N failed`.
// Each type-check and lint counts as one test; Node and browser suites count their own tests.
// Checks run side by side, as many at once as the machine has cores, each once what it needs is done (the Node and
// browser tests need the build, the Node tests also the browser tests, Storybook the manifest); each one's output is
// printed whole when it ends, with how long it took. Exits non-zero on any failure, or when no test ran at all.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';
import { run, runJobs } from './jobs.mjs';
import { TYPE_PROJECTS, typecheck } from './typecheck.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2); // e.g. `npm test -- node browser`
const cores = availableParallelism();
const totals = { passed: 0, failed: 0 };
const failures = [];
const timings = [];

/** Prints a finished check's output and counts its tests. */
function report(name, command, { text, seconds }, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  if (failed) failures.push(name);
  timings.push({ name, seconds });
  console.log(`\n=== ${name} (${seconds.toFixed(0)} s): ${command}\n${text}`);
  console.log(`[${name}] ${passed} passed, ${failed} failed\n`);
}

/** A job whose commands, run one after the other, are one test: it passes when each exits 0. */
function check(name, ...commands) {
  return {
    name,
    run: async () => {
      console.log(`... ${name}`);
      let result = { code: 0, text: '', seconds: 0 };
      for (const [command, args] of commands) {
        const next = await run(command, args);
        result = { code: next.code, text: result.text + next.text, seconds: result.seconds + next.seconds };
        if (next.code !== 0) break;
      }
      const shown = commands.map(([command, args]) => `${command} ${args.join(' ')}`).join(' && ');
      report(name, shown, result, result.code === 0 ? 1 : 0, result.code === 0 ? 0 : 1);
    },
  };
}

function findTests(dir, pattern, found = []) {
  let entries;
  try {
    entries = readdirSync(join(root, dir));
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(join(root, path)).isDirectory()) findTests(path, pattern, found);
    else if (pattern.test(entry)) found.push(path);
  }
  return found;
}

const steps = {
  manifest: () => [
    check('custom-elements manifest', [
      'node_modules/.bin/custom-elements-manifest',
      ['analyze', '--config', 'custom-elements-manifest.config.mjs'],
    ]),
  ],
  types: () =>
    TYPE_PROJECTS.map((project) => ({
      name: `types ${project}`,
      run: async () => {
        console.log(`... types ${project}`);
        const result = await typecheck(project);
        report(`types ${project}`, `tsc -p ${project}`, result, result.code === 0 ? 1 : 0, result.code === 0 ? 0 : 1);
      },
    })),
  lint: () => [
    check('format (prettier)', ['node_modules/.bin/prettier', ['--check', '**/*.{ts,mjs,js}']]),
    check('eslint', ['node_modules/.bin/eslint', ['--max-warnings=0', '.']]),
    // Elements only: lit-analyzer bundles TypeScript 5.2, which misreads the generated bindings' types that tests bind
    // (`.source=${academy}`); tsc type-checks the tests.
    check('lit-analyzer', [
      'node_modules/.bin/lit-analyzer',
      ['src/components/**/!(*.test).ts', '--strict', '--quiet'],
    ]),
  ],
  // `npm run build` without its manifest, which the manifest step writes (once, not once per step that needs it).
  build: () => [
    {
      ...check(
        'build (ESM, types, CDN)',
        ['npm', ['run', '--silent', 'build:js']],
        ['npm', ['run', '--silent', 'build:types']],
      ),
      name: 'build',
    },
  ],
  node: () => [
    {
      name: 'node tests',
      // package-build.test.ts reads dist/; the build empties dist/ first, so it must be over. Never beside the
      // browser suite: both drive Chromium against live hosts, and two such suites on two cores starved each
      // other's waits (a CI run lost an LTI launch and a lazy chunk's refusal to it).
      needs: ['build', 'browser tests'],
      run: async () => {
        // scripts/node-tests.mjs starts them longest first, so the order here does not matter.
        const files = ['labs/test', 'curriculum/test', 'module/test', 'host/test', 'test/node'].flatMap((dir) =>
          findTests(dir, /\.test\.ts$/),
        );
        if (files.length === 0) return report('node tests', 'no files', { text: '', seconds: 0 }, 0, 0);
        console.log(`... node tests: ${files.length} files`);
        const args = [
          '--import',
          'tsx',
          '--import',
          './test/node/quiet-sdk.ts',
          'scripts/node-tests.mjs',
          `--parallel=${NODE_TEST_FILES_AT_ONCE}`,
          ...files,
        ];
        const result = await run(process.execPath, args);
        const count = (label) => Number(result.text.match(new RegExp(`^\\S*\\s*${label} (\\d+)$`, 'm'))?.[1] ?? 0);
        const passed = count('pass');
        const failed = count('fail') + count('cancelled');
        // A crash that reports no failing test must still fail the run.
        report(
          'node tests',
          `node --test (${files.length} files)`,
          result,
          passed,
          failed || (result.code === 0 ? 0 : 1),
        );
      },
    },
  ],
  browser: () => [
    {
      name: 'browser tests',
      // A test loads the CDN build (dist/cdn/lta.js).
      needs: ['build'],
      run: async () => {
        const files = [
          ...findTests('src', /\.test\.ts$/),
          ...findTests('shell/src', /\.test\.ts$/),
          ...findTests('test/browser', /\.test\.ts$/),
        ];
        if (files.length === 0) return report('browser tests', 'no files', { text: '', seconds: 0 }, 0, 0);
        ensureChromium();
        console.log(`... browser tests: ${files.length} files`);
        const result = await run(process.execPath, [
          '--import',
          'tsx',
          'node_modules/@web/test-runner/dist/bin.js',
          '--config',
          'web-test-runner.config.mjs',
        ]);
        const summary = [...result.text.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
        const passed = Number(summary?.[1] ?? 0);
        const failed = Number(summary?.[2] ?? 0);
        report(
          'browser tests',
          `web-test-runner (${files.length} files)`,
          result,
          passed,
          failed || (result.code === 0 ? 0 : 1),
        );
      },
    },
  ],
  storybook: () => [
    {
      // Storybook reads custom-elements.json: written by the manifest step, or here when that step is not run.
      ...(only.length && !only.includes('manifest')
        ? check('storybook build', ['npm', ['run', '--silent', 'build-storybook']])
        : check('storybook build', ['node_modules/.bin/storybook', ['build', '--quiet', '-o', 'storybook-static']])),
      needs: ['custom-elements manifest'],
    },
  ],
};

/** Node test files run at once: one per core (one more starved the Chromium-driving tests on a loaded machine). */
const NODE_TEST_FILES_AT_ONCE = cores;

const chosen = only.length ? only : Object.keys(steps);
for (const name of chosen) {
  if (!steps[name]) {
    console.error(`Unknown step "${name}". Steps: ${Object.keys(steps).join(', ')}`);
    process.exit(2);
  }
}
// The longest chains first (build, then the Node and browser tests), so the short checks fill the gaps.
const order = ['build', 'node', 'browser', 'manifest', 'storybook', 'types', 'lint'];
const jobs = [...chosen].sort((a, b) => order.indexOf(a) - order.indexOf(b)).flatMap((name) => steps[name]());
await runJobs(jobs, cores);

console.log('Time per check (s): ' + timings.map(({ name, seconds }) => `${name} ${seconds.toFixed(0)}`).join(', '));
if (failures.length) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
