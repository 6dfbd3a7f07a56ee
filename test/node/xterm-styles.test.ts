// The terminal adopts a copy of xterm's stylesheet into its shadow root (`xterm.styles.ts`); a copy that drifts from
// the installed @xterm/xterm would mis-draw the terminal after an upgrade, so the drift breaks this test first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { xtermStyles } from '../../src/components/terminal/xterm.styles.js';

/** The rules alone: comments dropped and whitespace runs made one space, so only a change in meaning differs. */
const normalise = (css: string): string =>
  css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .trim();

test('xterm.styles.ts matches the installed @xterm/xterm/css/xterm.css (copy it again after an upgrade)', () => {
  const installed = readFileSync(createRequire(import.meta.url).resolve('@xterm/xterm/css/xterm.css'), 'utf8');
  assert.equal(normalise(xtermStyles.cssText), normalise(installed));
});
