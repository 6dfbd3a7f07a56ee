#!/usr/bin/env node
// `npm test`: every check the project has, in order, then one summary line `N passed, N failed`.
// Each type-check and lint counts as one test; Node and browser suites count their own tests.
// Exits non-zero on any failure, or when no test ran at all.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2); // e.g. `npm test -- node browser`
const totals = { passed: 0, failed: 0 };
const failures = [];

/** Runs a command, echoing its output; resolves with the exit code and the captured text. */
function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    const echo = (stream) => (chunk) => {
      text += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), text }));
    child.on('error', (error) => resolve({ code: 1, text: String(error) }));
  });
}

function record(name, passed, failed) {
  totals.passed += passed;
  totals.failed += failed;
  if (failed) failures.push(name);
  console.log(`\n[${name}] ${passed} passed, ${failed} failed\n`);
}

/** A step that is one test: it passes when the command exits 0. */
async function check(name, command, args) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const { code } = await run(command, args);
  record(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
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
  async manifest() {
    await check('custom-elements manifest', 'node_modules/.bin/custom-elements-manifest', [
      'analyze',
      '--config',
      'custom-elements-manifest.config.mjs',
    ]);
  },
  async types() {
    const tsc = 'node_modules/.bin/tsc';
    for (const project of [
      'tsconfig.json',
      'labs/tsconfig.json',
      'curriculum/tsconfig.json',
      'shell/tsconfig.json',
      'module/tsconfig.json',
      'host/tsconfig.json',
      'tsconfig.node.json',
    ]) {
      await check(`types ${project}`, tsc, ['-p', project]);
    }
  },
  async lint() {
    await check('format (prettier)', 'node_modules/.bin/prettier', ['--check', '**/*.{ts,mjs,js}']);
    await check('eslint', 'node_modules/.bin/eslint', ['--max-warnings=0', '.']);
    // Elements only: lit-analyzer bundles TypeScript 5.2, which misreads the generated bindings' types that tests bind
    // (`.source=${academy}`); tsc type-checks the tests.
    await check('lit-analyzer', 'node_modules/.bin/lit-analyzer', [
      'src/components/**/!(*.test).ts',
      '--strict',
      '--quiet',
    ]);
  },
  async build() {
    await check('build (ESM, types, CDN)', 'npm', ['run', '--silent', 'build']);
  },
  async node() {
    const files = ['labs/test', 'curriculum/test', 'module/test', 'host/test', 'test/node'].flatMap((dir) =>
      findTests(dir, /\.test\.ts$/),
    );
    if (files.length === 0) return record('node tests', 0, 0);
    console.log(`\n=== node tests: ${files.length} files`);
    const { code, text } = await run(process.execPath, [
      '--import',
      'tsx',
      '--import',
      './test/node/quiet-sdk.ts',
      '--test',
      '--test-reporter=spec',
      ...files,
    ]);
    const count = (label) => Number(text.match(new RegExp(`^\\S*\\s*${label} (\\d+)$`, 'm'))?.[1] ?? 0);
    const passed = count('pass');
    const failed = count('fail') + count('cancelled');
    // A crash that reports no failing test must still fail the run.
    record('node tests', passed, failed || (code === 0 ? 0 : 1));
  },
  async browser() {
    const files = [
      ...findTests('src', /\.test\.ts$/),
      ...findTests('shell/src', /\.test\.ts$/),
      ...findTests('test/browser', /\.test\.ts$/),
    ];
    if (files.length === 0) return record('browser tests', 0, 0);
    ensureChromium();
    console.log(`\n=== browser tests: ${files.length} files`);
    const { code, text } = await run(process.execPath, [
      '--import',
      'tsx',
      'node_modules/@web/test-runner/dist/bin.js',
      '--config',
      'web-test-runner.config.mjs',
    ]);
    const summary = [...text.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
    const passed = Number(summary?.[1] ?? 0);
    const failed = Number(summary?.[2] ?? 0);
    record('browser tests', passed, failed || (code === 0 ? 0 : 1));
  },
  async storybook() {
    await check('storybook build', 'npm', ['run', '--silent', 'build-storybook']);
  },
};

const chosen = only.length ? only : Object.keys(steps);
for (const name of chosen) {
  if (!steps[name]) {
    console.error(`Unknown step "${name}". Steps: ${Object.keys(steps).join(', ')}`);
    process.exit(2);
  }
  await steps[name]();
}

if (failures.length) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
