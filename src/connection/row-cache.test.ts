import { expect } from '@open-wc/testing';
import { Identity, Timestamp } from 'spacetimedb';
import { claimDevice, forgetLearner, forgetOldRows } from './learner-storage.js';
import { loadRows, saveRows } from './row-cache.js';

const academy = 'http://academy.test::academy';
const ada = Identity.fromString('c200' + '1'.padStart(60, '0'));
const bob = Identity.fromString('c200' + '2'.padStart(60, '0'));
const message = {
  id: 7n,
  sender: ada,
  recipient: bob,
  text: 'my secret',
  sentAt: new Timestamp(1_700_000_000_000_000n),
};

/** Everything in localStorage, as one string: a private text must appear nowhere in it. */
const everythingStored = () =>
  Object.keys(localStorage)
    .map((key) => key + '=' + localStorage.getItem(key))
    .join('\n');

describe('the offline row cache', () => {
  beforeEach(() => localStorage.clear());

  it('brings back public rows with their identities, timestamps and big numbers', () => {
    saveRows(academy, 'channelMessage', 'chat:global', [message]);
    const row = loadRows<typeof message>(academy, 'channelMessage', 'chat:global')?.[0];
    if (!row) throw new Error('the saved row did not come back');
    expect(row.id).to.equal(7n);
    expect(row.sender.isEqual(ada)).to.equal(true);
    expect(row.sentAt.microsSinceUnixEpoch).to.equal(1_700_000_000_000_000n);
  });

  it('never writes a learner’s private views (direct messages, settings, lab sessions) to storage', () => {
    for (const table of [
      'myDirectMessages',
      'mySettings',
      'myLabSessions',
      'mySanction',
      'myCohortMessages',
    ] as const) {
      saveRows(academy, table, 'chat:direct', [message]);
      expect(loadRows(academy, table, 'chat:direct')).to.equal(undefined);
    }
    expect(everythingStored()).not.to.contain('my secret');
  });

  it('wipes what earlier versions kept, direct messages included', () => {
    localStorage.setItem(`lta:rows:${academy}::chat:direct`, JSON.stringify([{ text: 'my secret' }]));
    forgetOldRows();
    expect(everythingStored()).not.to.contain('my secret');
  });

  it('keeps one learner’s rows and saved labs for them, and wipes them when another learner uses the device', () => {
    expect(claimDevice(academy, ada)).to.equal(false);
    saveRows(academy, 'learner', 'profile:me', [{ identity: ada, username: 'ada' }]);
    localStorage.setItem('lta-terminal:v1:nav-first-steps', '{"work":"ada’s files"}');
    localStorage.setItem('unrelated-site-key', 'kept');
    expect(claimDevice(academy, ada)).to.equal(false);
    expect(loadRows(academy, 'learner', 'profile:me')).to.have.length(1);

    expect(claimDevice(academy, bob)).to.equal(true);
    expect(loadRows(academy, 'learner', 'profile:me')).to.equal(undefined);
    expect(everythingStored()).not.to.contain('ada’s files');
    expect(localStorage.getItem('unrelated-site-key')).to.equal('kept');
  });

  it('forgets a learner (sign out) without touching another academy on the same page', () => {
    const other = 'http://academy.test::academy2';
    saveRows(academy, 'presence', 'presence', [{ online: true }]);
    saveRows(other, 'presence', 'presence', [{ online: true }]);
    claimDevice(other, ada);
    forgetLearner(academy);
    expect(loadRows(academy, 'presence', 'presence')).to.equal(undefined);
    expect(loadRows(other, 'presence', 'presence')).to.have.length(1);
    // The other academy still knows its owner: Bob arriving there still wipes Ada's rows.
    expect(claimDevice(other, bob)).to.equal(true);
  });
});
