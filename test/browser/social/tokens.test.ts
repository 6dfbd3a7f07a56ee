import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/profile.js';
import { AcademyConnection } from '../../../src/connection/index.js';
import { reconnectDelay } from '../../../src/connection/backoff.js';
import { startTestHost } from '../helpers/host.js';
import { live, registeredLearner, textOf } from './live-helpers.js';

const host = await startTestHost();

describe('identity and tokens', () => {
  it('a token from the host page’s own sign-in (property or setToken) makes the widgets show that learner', async () => {
    const ada = await registeredLearner(host, 'ada');
    const token = ada.connection.token!;
    const identity = ada.connection.status.identity!.toHexString();
    ada.connection.close();

    // Given at construction, as `token` on <lta-academy> or configureAcademy({ token }) do.
    const signedIn = new AcademyConnection({ server: host.url, database: host.database, token, rememberToken: false });
    await live(signedIn);
    expect(signedIn.status.identity!.toHexString()).to.equal(identity);
    const profile = await fixture<HTMLElement>(html`<lta-profile .source=${signedIn}></lta-profile>`);
    await waitUntil(() => textOf(profile).includes(ada.username), 'the profile shows Ada');
    signedIn.close();

    // Later, as setAcademyToken(token) does when the LMS signs the learner in after the page loaded.
    const anonymous = new AcademyConnection({ server: host.url, database: host.database, rememberToken: false });
    await live(anonymous);
    expect(anonymous.status.identity!.toHexString()).not.to.equal(identity);
    anonymous.setToken(token);
    await waitUntil(
      () => anonymous.status.state === 'live' && anonymous.status.identity?.toHexString() === identity,
      'switched to Ada',
    );
    anonymous.close();
  });

  it('remembers the server’s token per academy unless told not to', async () => {
    const key = `lta:token:${host.url}::${host.database}`;
    localStorage.removeItem(key);
    const forgetful = new AcademyConnection({ server: host.url, database: host.database, rememberToken: false });
    await live(forgetful);
    expect(localStorage.getItem(key)).to.equal(null);
    forgetful.close();
    const remembering = new AcademyConnection({ server: host.url, database: host.database });
    await live(remembering);
    expect(localStorage.getItem(key)).to.equal(remembering.token);
    const identity = remembering.status.identity!.toHexString();
    remembering.close();
    const nextVisit = new AcademyConnection({ server: host.url, database: host.database });
    await live(nextVisit);
    expect(nextVisit.status.identity!.toHexString()).to.equal(identity);
    nextVisit.close();
    localStorage.removeItem(key);
  });

  it('waits 1 s before the first reconnect, doubling up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(reconnectDelay)).to.deep.equal([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});
