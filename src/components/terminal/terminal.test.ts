import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../terminal.js';
import type { LtaTerminal } from './terminal.js';
import {
  ctrl,
  notesLab,
  screenText,
  startTerminal,
  typeLine,
  waitForScreen,
} from '../../../test/browser/terminal/helpers.js';

describe('lta-terminal: typing into the shell', () => {
  beforeEach(() => localStorage.clear());

  it('shows the prompt and runs what the learner types', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('echo hello; whoami');
    await waitForScreen(el, /hello\nlearner\nlearner@academy:~\$/);
  });

  it('shows errors where bash shows them: between commands, and between the files of one command', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('echo one > a; echo two > b; ls nope; cat a nope b');
    await waitForScreen(
      el,
      /\nls: cannot access 'nope': No such file or directory\none\ncat: nope: No such file or directory\ntwo\nlearner@academy:~\$$/,
    );
  });

  it('takes the lines typed after cat > notes.txt as the file, until Ctrl-D, and runs none of them', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('cat > notes.txt');
    await typeLine('echo not a command');
    await ctrl('d');
    await typeLine('cat notes.txt');
    await waitForScreen(
      el,
      /\$ cat > notes.txt\necho not a command\nlearner@academy:~\$ cat notes.txt\necho not a command\nlearner@academy:~\$$/,
    );
  });

  it('edits the line with the arrows, Home and End before running it', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await sendKeys({ type: 'cho wrld' });
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ type: 'o' });
    await sendKeys({ press: 'Home' });
    await sendKeys({ type: 'e' });
    await sendKeys({ press: 'End' });
    await typeLine('!');
    await waitForScreen(el, /\nworld!\n/);
  });

  it('deletes words and the whole line with Ctrl-W and Ctrl-U', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await sendKeys({ type: 'rm -r important' });
    await ctrl('KeyU');
    await sendKeys({ type: 'echo one two' });
    await ctrl('KeyW');
    await typeLine('three');
    await waitForScreen(el, /\none three\n/);
  });

  it('recalls commands with the Up arrow and Ctrl-R search', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('echo first-$((40+2))');
    await typeLine('echo second');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await typeLine('');
    await waitUntil(() => screenText(el).split('first-42').length === 3, screenText(el));
    await ctrl('KeyR');
    await sendKeys({ type: 'seco' });
    await waitForScreen(el, "(reverse-i-search)`seco': echo second");
    await typeLine('');
    await waitUntil(() => screenText(el).split('\nsecond').length === 3, screenText(el));
  });

  it('completes commands and paths with Tab, and lists choices on a second Tab', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none" .labDefinition=${notesLab}></lta-terminal>`);
    await typeLine('mkdir -p reports/2024 && touch report-a.txt report-b.txt');
    await sendKeys({ type: 'ca' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'no' });
    await sendKeys({ press: 'Tab' });
    await waitForScreen(el, /\$ cat notes\.txt$/m);
    await typeLine('');
    await waitForScreen(el, 'buy milk');
    await sendKeys({ type: 'ls rep' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await waitForScreen(el, /report-a\.txt\s+report-b\.txt\s+reports\//);
    await waitForScreen(el, /\$ ls report$/m);
  });

  it('is no keyboard trap: Escape then Tab leaves, Escape then Shift+Tab goes back, Tab alone still completes', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <button id="before">before</button><lta-terminal persist="none"></lta-terminal><button id="after">after</button>
    </div>`);
    const el = wrapper.querySelector('lta-terminal')!;
    await el.ready;
    await waitForScreen(el, 'learner@academy:~$');
    const insideTerminal = () => el.shadowRoot!.activeElement?.classList.contains('xterm-helper-textarea') === true;
    const hint = () => el.shadowRoot!.querySelector('[part="keyboard-hint"]')!;
    el.focus();
    expect(insideTerminal()).to.equal(true);
    expect(hint().textContent).to.contain('Press Escape, then Tab');

    await sendKeys({ type: 'ech' });
    await sendKeys({ press: 'Tab' });
    await waitForScreen(el, /\$ echo$/m);
    expect(insideTerminal()).to.equal(true);

    await sendKeys({ press: 'Escape' });
    expect(hint().textContent).to.contain('Press Tab to leave the terminal');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.id).to.equal('after');

    el.focus();
    await sendKeys({ press: 'Escape' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(insideTerminal()).to.equal(false);
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Screen reader mode');

    // Escape followed by another key arms nothing: Tab completes again.
    el.focus();
    await sendKeys({ press: 'Escape' });
    await sendKeys({ type: 'x' });
    await sendKeys({ press: 'Tab' });
    expect(insideTerminal()).to.equal(true);
  });

  it('cancels a runaway loop with Ctrl-C and stays usable', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('while true; do :; done');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ctrl('KeyC');
    await waitForScreen(el, '^C');
    await typeLine('echo "status $?"');
    await waitForScreen(el, 'status 130');
  });

  it("shows a long loop's output as it runs, not all at the end", async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('for i in $(seq 1 5); do echo "step $i"; sleep 20; done');
    // The first step is on screen while the loop still sleeps: no later step and no prompt after it yet.
    await waitForScreen(el, /\nstep 1$/);
    expect(screenText(el)).not.to.match(/step 2|step 1\nlearner@academy/);
    await ctrl('KeyC');
    // Ctrl-C shows `^C` and the prompt, as in bash: no message of the interpreter's in between.
    await waitForScreen(el, /\nstep 1\n\^C\nlearner@academy:~\$$/);
  });

  it('survives a flood of output and comes back to the prompt', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('yes "all work and no play"');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ctrl('KeyC');
    await typeLine('echo back-to-work');
    await waitForScreen(el, /\nback-to-work\nlearner@academy:~\$$/);
  });

  it('abandons the typed line on Ctrl-C and clears the screen on Ctrl-L', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await sendKeys({ type: 'rm -r everything' });
    await ctrl('KeyC');
    await waitForScreen(el, 'rm -r everything^C\nlearner@academy:~$');
    await typeLine('echo after');
    await waitForScreen(el, 'after');
    await ctrl('KeyL');
    await waitUntil(() => screenText(el) === 'learner@academy:~$', screenText(el));
  });

  it('runs a multi-line paste line by line', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    const textarea = el.shadowRoot!.querySelector('textarea')!;
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', 'mkdir pasted\ncd pasted\npwd\n');
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    await waitForScreen(el, /\/home\/learner\/pasted\nlearner@academy:~\/pasted\$/);
  });

  it('asks for the rest of an unfinished command with the > prompt', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('echo "first line');
    await waitForScreen(el, /\n>$/);
    await typeLine('second line"');
    await waitForScreen(el, /\nfirst line\nsecond line\nlearner@academy:~\$/);
  });

  it('continues a loop typed over several lines, as bash does', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('for n in 1 2 3');
    await waitForScreen(el, /\n>$/);
    await typeLine('do echo "n=$n"');
    await typeLine('done');
    await waitForScreen(el, /\nn=1\nn=2\nn=3\nlearner@academy:~\$$/);
  });

  it('clears the screen on clear', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    await typeLine('echo before');
    await waitForScreen(el, '\nbefore\n');
    await typeLine('clear');
    await waitUntil(() => screenText(el) === 'learner@academy:~$', screenText(el));
  });

  it('keeps errors of the learner inside the terminal', async () => {
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.error);
    window.addEventListener('error', onError);
    try {
      const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
      await typeLine('cat /nope; ( ; echo $((1/0)); rm -rf /');
      await typeLine('echo still-alive');
      await waitForScreen(el, 'still-alive');
      expect(errors).to.deep.equal([]);
    } finally {
      window.removeEventListener('error', onError);
    }
  });

  it('emits lta-command with the exit status', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    const event = oneEvent(el, 'lta-command');
    await typeLine('ls /nope');
    const { detail } = await event;
    expect(detail).to.deep.equal({ command: 'ls /nope', exitCode: 2 });
  });
});

describe('lta-terminal: size, theme and accessibility', () => {
  beforeEach(() => localStorage.clear());

  it('fits itself when shown after starting hidden', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div hidden style="width: 800px"><lta-terminal persist="none"></lta-terminal></div>`,
    );
    const el = wrapper.querySelector('lta-terminal')!;
    await el.ready;
    wrapper.hidden = false;
    await waitUntil(() => (el.size?.cols ?? 0) > 60, `cols stayed ${el.size?.cols}`);
    await waitUntil(() => (el.size?.rows ?? 0) > 10, `rows stayed ${el.size?.rows}`);
    await waitForScreen(el, 'learner@academy:~$');
  });

  it('switches xterm to screen reader mode', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    const toggle = [...el.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent?.includes('Screen reader'),
    )!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(el.hasAttribute('screen-reader')).to.equal(true);
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    await waitUntil(() => el.shadowRoot!.querySelector('.xterm-accessibility-tree'), 'no accessibility tree');
  });

  it('takes its colours from the theme', async () => {
    const dark = await startTerminal(html`<lta-terminal persist="none" theme="dark"></lta-terminal>`);
    const light = await startTerminal(
      html`<lta-terminal persist="none" theme="light" style="--lta-terminal-background: rgb(250, 240, 230)"></lta-terminal>`,
    );
    const background = (el: LtaTerminal) =>
      getComputedStyle(el.shadowRoot!.querySelector('.xterm-scrollable-element')!).backgroundColor;
    await waitUntil(() => background(light) === 'rgb(250, 240, 230)', background(light));
    await waitUntil(() => background(dark) === 'rgb(22, 24, 29)', background(dark));
  });

  it('is accessible with a lab loaded', async () => {
    const el = await startTerminal(html`<lta-terminal persist="none" .labDefinition=${notesLab}></lta-terminal>`);
    await expect(el).to.be.accessible();
  });
});
