import { expect, waitUntil } from '@open-wc/testing';
import { StaticAcademy } from './static-academy.js';
import { reportPresence } from './presence-reporter.js';

const heartbeats = (academy: StaticAcademy) =>
  academy.calls.filter((call) => call.reducer === 'heartbeat').map((call) => call.args);

describe('presence reporting', () => {
  it('says which lab is open, that the learner went idle, and that they came back', async () => {
    const academy = new StaticAcademy();
    const reporting = reportPresence(academy, () => 'files-101', 200);
    try {
      expect(heartbeats(academy)).to.deep.equal([{ currentLab: 'files-101', idle: false }]);
      await waitUntil(() => heartbeats(academy).some((args) => args.idle === true), 'reported idle', { timeout: 3000 });
      window.dispatchEvent(new KeyboardEvent('keydown'));
      expect(heartbeats(academy).at(-1)).to.deep.equal({ currentLab: 'files-101', idle: false });
    } finally {
      reporting.stop();
    }
  });

  it('reports once per page however many widgets ask, and only while live', async () => {
    const academy = new StaticAcademy({ status: { state: 'offline' } });
    const first = reportPresence(academy, () => '');
    const second = reportPresence(academy, () => '');
    expect(heartbeats(academy)).to.deep.equal([]);
    academy.setStatus({ state: 'live' });
    expect(heartbeats(academy)).to.deep.equal([{ currentLab: '', idle: false }]);
    first.stop();
    second.stop();
  });
});
