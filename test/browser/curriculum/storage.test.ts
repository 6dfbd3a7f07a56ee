import { expect, oneEvent, html } from '@open-wc/testing';
import '../../../src/terminal.js';
import { findLab } from '@lta/curriculum';
import { screenText, startTerminal, typeLine, waitForScreen } from '../terminal/helpers.js';

describe('lta-terminal: a lab of the storage module', () => {
  beforeEach(() => localStorage.clear());

  it('storage-usb-stick: lsblk -f finds the stick, sudo mounts it, its photos are copied home, and the lab completes once it is unmounted', async () => {
    const lab = findLab('storage-usb-stick')!;
    const el = await startTerminal(html`<lta-terminal persist="none" lab="storage-usb-stick"></lta-terminal>`);
    const done = oneEvent(el, 'lta-lab-complete');
    const [list, mkdir, password, ...rest] = lab.solution;
    await typeLine(list!);
    await waitForScreen(el, /sdb1 vfat +FAT32 HOLIDAY 6A2F-19C4/);
    await typeLine(mkdir!);
    await waitForScreen(el, '[sudo] password for learner:');
    await typeLine(password!);
    for (const command of rest) await typeLine(command);
    expect((await done).detail).to.deep.equal({ labId: lab.id, practice: true, verified: false, hintsUsed: 0 });
    await typeLine('ls ~/photos /mnt/usb');
    await waitForScreen(el, /beach\.jpg\s+harbour\.jpg\s+market\.jpg/);
    expect(screenText(el)).to.match(/\/mnt\/usb:\s*\n/);
  });
});
