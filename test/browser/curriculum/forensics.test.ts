import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { html } from 'lit';
import '../../../src/terminal.js';
import type { LtaTerminal } from '../../../src/components/terminal/terminal.js';
import { findLab } from '@lta/curriculum';
import { startTerminal, typeLine, waitForScreen } from '../terminal/helpers.js';

const panelText = (el: LtaTerminal) =>
  (el.shadowRoot!.querySelector('lta-lab-panel')!.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');

describe('forensics module in Chromium', () => {
  beforeEach(() => localStorage.clear());

  // The capstone runs every layer through the browser build: xxd -r writes bytes, file reads magic numbers,
  // gunzip uses the page's DecompressionStream, tar unpacks, base64 -d decodes.
  it('completes the capstone, forensics-layers, by typing its reference solution', async () => {
    const lab = findLab('forensics-layers')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab="forensics-layers"></lta-terminal>`);
    await waitUntil(() => panelText(el).includes(lab.title), 'the lab never loaded', { timeout: 10_000 });
    const done = oneEvent(el, 'lta-lab-complete');
    for (const command of lab.solution) await typeLine(command);
    await waitForScreen(el, 'layer1.gz: gzip compressed data');
    await waitForScreen(el, 'layer1: POSIX tar archive');
    expect((await done).detail.labId).to.equal('forensics-layers');
    expect(el.labResult?.passed).to.equal(true);
    await typeLine('cat ~/password.txt');
    await waitForScreen(el, 'The vault password is Gq7vR2mXk9LpW4tZ');
    await waitUntil(() => panelText(el).includes('What you can now do'), 'no recap', { timeout: 10_000 });
  });
});
