import { expect, html, waitUntil } from '@open-wc/testing';
import '../../terminal.js';
import { setPageStrings } from '../../index.js';
import type { LtaTerminal } from './terminal.js';
import {
  notesLab,
  screenText,
  startTerminal,
  typeLine,
  waitForScreen,
} from '../../../test/browser/terminal/helpers.js';

const words = (root: ShadowRoot | Element) => (root.textContent ?? '').replace(/\s+/g, ' ').trim();
const toolbarButton = (el: LtaTerminal) => el.shadowRoot!.querySelector('[part="toolbar"] button')!;
const panelOf = (el: LtaTerminal) => el.shadowRoot!.querySelector('lta-lab-panel')!.shadowRoot!;
const panelButton = (el: LtaTerminal, label: string) =>
  [...panelOf(el).querySelectorAll('button')].find((b) => words(b).startsWith(label));
const liveRegion = (el: LtaTerminal) => words(panelOf(el).querySelector('[role="status"]')!);

describe('lta-terminal: rewording with setPageStrings and strings', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => setPageStrings('lta-terminal', {}));

  it('shows the page’s words on the screen, the toolbar and the lab panel, and says them', async () => {
    setPageStrings('lta-terminal', {
      banner: 'Willkommen im \x1b[1mTerminal\x1b[0m.',
      screenReaderMode: 'Bildschirmleser',
      keyboardExit: 'Escape, dann Tab: das Terminal verlassen.',
      check: 'Prüfen',
      stepsDone: (done, total) => `${done} von ${total} Schritten erledigt`,
      conditionsOpen: (step, open) => `Schritt ${step}: ${open} Bedingung offen.`,
      labComplete: (title) => `Lab geschafft: ${title}.`,
    });
    const el = await startTerminal(html`<lta-terminal persist="none" .labDefinition=${notesLab}></lta-terminal>`);
    await waitForScreen(el, 'Willkommen im Terminal.');
    expect(words(toolbarButton(el))).to.equal('Bildschirmleser');
    expect(words(el.shadowRoot!.querySelector('[part="keyboard-hint"]')!)).to.equal(
      'Escape, dann Tab: das Terminal verlassen.',
    );
    expect(words(panelOf(el))).to.contain('0 von 1 Schritten erledigt');

    panelButton(el, 'Prüfen')!.click();
    await waitUntil(() => liveRegion(el) === 'Schritt 1: 1 Bedingung offen.', liveRegion(el));

    el.focus();
    await typeLine('cat notes.txt');
    await waitUntil(() => liveRegion(el) === 'Lab geschafft: Notes.', liveRegion(el));
    expect(words(panelOf(el))).to.contain('1 von 1 Schritten erledigt');
    // Keys not given keep their default.
    expect(panelButton(el, 'Reset lab')).to.not.equal(undefined);
  });

  it('lets a terminal’s own strings win over the page’s, and follows either as they change', async () => {
    setPageStrings('lta-terminal', { screenReaderMode: 'Page words', check: 'Check it' });
    const el = await startTerminal(
      html`<lta-terminal persist="none" .labDefinition=${notesLab} .strings=${{ screenReaderMode: 'Own words' }}></lta-terminal>`,
    );
    expect(words(toolbarButton(el))).to.equal('Own words');
    expect(panelButton(el, 'Check it')).to.not.equal(undefined);

    el.strings = {};
    await el.updateComplete;
    expect(words(toolbarButton(el))).to.equal('Page words');

    setPageStrings('lta-terminal', { check: 'Vérifier' });
    await waitUntil(() => panelButton(el, 'Vérifier') !== undefined, words(panelOf(el)));
    expect(words(toolbarButton(el))).to.equal('Screen reader mode');
  });

  it('writes its own words about a very long output in the page’s words', async () => {
    setPageStrings('lta-terminal', { outputNotShown: (characters) => `[${characters} Zeichen nicht gezeigt]` });
    const el = await startTerminal(html`<lta-terminal persist="none"></lta-terminal>`);
    // One long line of 250,000 characters ending in 7, of which the terminal shows the first 200,000.
    await typeLine("printf '%0250000d' 7");
    await waitForScreen(el, /0000\n\[50000 Zeichen nicht gezeigt\]\nlearner@academy:~\$$/);
    expect(screenText(el)).not.to.contain('7');
  });
});
