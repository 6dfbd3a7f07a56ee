import { fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import type { Lab } from '@lta/labs';
import type { LtaTerminal } from '../../../src/components/terminal/terminal.js';

/** The terminal's screen as the learner sees it: xterm's rendered rows, trailing blanks trimmed. */
export function screenText(el: LtaTerminal): string {
  const rows = el.shadowRoot?.querySelector('.xterm-rows');
  if (!rows) return '';
  return [...rows.children]
    .map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd())
    .join('\n')
    .trimEnd();
}

/** Waits until the screen shows `text` (or matches it). */
export async function waitForScreen(el: LtaTerminal, text: string | RegExp, message?: string): Promise<void> {
  await waitUntil(
    () => (typeof text === 'string' ? screenText(el).includes(text) : text.test(screenText(el))),
    message,
    {
      timeout: 10_000,
      interval: 20,
    },
  ).catch((error: unknown) => {
    // Said at the end, not at the start: what the screen shows when the wait gave up.
    if (message) throw error;
    throw new Error(`screen never showed ${String(text)}; it shows:\n${screenText(el)}`);
  });
}

/** Renders a terminal, waits for its first prompt and gives it focus. */
export async function startTerminal(template: TemplateResult): Promise<LtaTerminal> {
  const el = await fixture<LtaTerminal>(template);
  await el.ready;
  await waitForScreen(el, 'learner@academy:~$');
  el.focus();
  return el;
}

/** Types text then presses Enter, with real key events. */
export async function typeLine(text: string): Promise<void> {
  if (text) await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

/** Presses Ctrl plus a key. */
export async function ctrl(key: string): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Control' });
}

/** A one-step lab for tests of the terminal itself: read the note. */
export const notesLab: Lab = {
  formatVersion: 1,
  id: 'test-notes',
  title: 'Notes',
  module: 'practice',
  xp: 10,
  difficulty: 'beginner',
  story: 'Sam left you **a note**.',
  files: { '~/notes.txt': 'buy milk\n' },
  steps: [
    {
      title: 'Read',
      instructions: 'Run `cat notes.txt`.',
      checks: [{ kind: 'output-matches', pattern: 'milk', message: 'You read the note' }],
      hints: ['Use cat.'],
    },
  ],
  solution: ['cat notes.txt'],
};
