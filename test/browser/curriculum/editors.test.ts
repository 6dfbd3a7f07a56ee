import { expect, oneEvent, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/terminal.js';
import { findLab } from '@lta/curriculum';
import type { LtaTerminal } from '../../../src/components/terminal/terminal.js';
import { ctrl, screenText, startTerminal, typeLine, waitForScreen } from '../terminal/helpers.js';

/** Keys of vim's notation as the keyboard presses them. */
const PRESSED: Record<string, string> = {
  Esc: 'Escape',
  Enter: 'Enter',
  BS: 'Backspace',
  Del: 'Delete',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
};

/** Presses the keys of a line in `keysFromNotation`'s notation (`iHello<Esc>:wq<Enter>`) with real key events. */
async function pressKeys(keys: string): Promise<void> {
  for (const [, text, name] of keys.matchAll(/([^<]+)|<([^>]+)>/g)) {
    if (text) await sendKeys({ type: text });
    else if (name!.startsWith('C-')) await ctrl(name!.slice(2));
    else await sendKeys({ press: PRESSED[name!]! });
  }
}

/** What an editor shows once it has the screen. */
const EDITOR_SCREEN: Record<string, RegExp> = { nano: /GNU nano 7\.2/, vi: /^~$/m, vim: /^~$/m };

/** Types a lab's reference solution as a learner would: its command lines, and in each editor, its keys. */
async function typeSolution(el: LtaTerminal, solution: readonly string[]): Promise<void> {
  let editing = false;
  for (const line of solution) {
    if (editing) {
      await pressKeys(line);
      // The editor has quit once the prompt is back.
      await waitForScreen(el, /learner@academy:\S*\$ ?$/);
      editing = false;
      continue;
    }
    const editor = /^(nano|vim?)\s/.exec(line)?.[1];
    await typeLine(line);
    if (editor) {
      await waitForScreen(el, EDITOR_SCREEN[editor]!);
      editing = true;
    }
  }
}

describe('the editors module, typed in lta-terminal', () => {
  it('nano: fixing the typo with arrows, Delete, ^O and ^X completes the lab', async () => {
    const labId = 'edit-nano-fix-typo';
    const el = await startTerminal(html`<lta-terminal persist="none" lab=${labId}></lta-terminal>`);
    const done = oneEvent(el, 'lta-lab-complete');
    await typeSolution(el, findLab(labId)!.solution);
    expect((await done).detail).to.deep.equal({ labId, practice: true, verified: false, hintsUsed: 0 });
  });

  it('vi: insert, Esc, :wq writes the file; the shell screen is back after it', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('echo before');
    await typeLine('vi note.txt');
    await waitForScreen(el, '"note.txt" [New]');
    await pressKeys('iHello from the browser');
    await waitForScreen(el, '-- INSERT --');
    await pressKeys('<Esc>:wq<Enter>');
    await waitForScreen(el, /learner@academy:~\$ ?$/);
    // The alternate screen is gone: what was typed before the editor shows again.
    expect(screenText(el)).to.include('before');
    await typeLine('cat note.txt');
    await waitForScreen(el, /^Hello from the browser$/m);
  });

  it('is no keyboard trap: Escape then Tab leaves the terminal while nano is open, and ^X always quits', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal><button>after</button>`);
    await typeLine('nano');
    await waitForScreen(el, /GNU nano 7\.2/);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.textContent).to.equal('after');
    el.focus();
    await ctrl('x');
    await waitForScreen(el, /learner@academy:~\$ ?$/);
    // With the editor closed, Tab completes in the shell again, and Escape then Tab still leaves.
    await sendKeys({ type: 'ech' });
    await sendKeys({ press: 'Tab' });
    await waitForScreen(el, /\$ echo$/);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.textContent).to.equal('after');
  });
});
