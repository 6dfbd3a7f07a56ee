#!/usr/bin/env node
// Runs bench/terminal/terminal.bench.ts in the test runner's Chromium and prints its figures.
// Usage: node bench/terminal/run.mjs
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const child = spawn('node_modules/.bin/web-test-runner', ['--config', 'web-test-runner.config.mjs'], {
  cwd: root,
  env: { ...process.env, LTA_BROWSER_FILES: 'bench/terminal/terminal.bench.ts' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.on('close', (code) => {
  const lines = output.split('\n');
  // The figures, and any failure with the line after it (its error).
  const figures = lines.flatMap((line, i) =>
    line.includes('[bench]')
      ? [line.replace(/^.*\[bench\] /, '')]
      : line.includes('❌')
        ? [line.trim(), (lines[i + 1] ?? '').trim()]
        : [],
  );
  console.log(figures.length ? figures.join('\n') : output);
  process.exit(code ?? 1);
});
