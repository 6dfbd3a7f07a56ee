// Two learners share one browser (a school computer, a library): nothing of the first may reach the second,
// through the widgets or through storage, online or offline.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { cut, restore } from './network.js';
import '../../../src/academy.js';
import '../../../src/chat.js';
import '../../../src/terminal.js';
import type { Academy } from '../../../src/components/academy/academy.js';
import type { Chat } from '../../../src/components/chat/chat.js';
import { loadProgress, saveProgress } from '../../../src/components/terminal/saved-progress.js';
import { AcademyConnection, OfflineError } from '../../../src/connection/index.js';
import { startTestHost } from '../helpers/host.js';
import { screenText, startTerminal, typeLine, waitForScreen } from '../terminal/helpers.js';
import { learnerConnection, live, registeredLearner, textOf, uniqueName } from './live-helpers.js';
import { settle } from './settle.js';
import { reducers } from '../../../src/connection/academy-schema.js';

const host = await startTestHost();

/** Every key and value in this browser's localStorage, as one string. */
const everythingStored = () =>
  Object.keys(localStorage)
    .map((key) => `${key}=${localStorage.getItem(key)}`)
    .join('\n');

/** A learner's page, which remembers their token as a real page does by default. */
function page(token?: string): AcademyConnection {
  return new AcademyConnection({ server: host.url, database: host.database, token });
}

const directChat = (source: AcademyConnection) =>
  fixture<Chat>(html`<lta-chat view="direct" .source=${source}></lta-chat>`);

/** Ada writes to Bob and Bob answers; returns the texts. */
async function converse(ada: AcademyConnection, adaName: string, bobConnection: AcademyConnection, bobName: string) {
  const secret = `meet me after class, ${adaName}`;
  const answer = `ok see you, ${bobName}`;
  await ada.call(reducers.sendDirectMessage, { toUsername: bobName, text: secret });
  await bobConnection.call(reducers.sendDirectMessage, { toUsername: adaName, text: answer });
  return { secret, answer };
}

/** Opens the conversation with `peer` and waits for `text` in it. */
async function read(chat: Chat, peer: string, text: string): Promise<void> {
  await waitUntil(() => textOf(chat).includes(peer), `the conversation with ${peer} is listed`, { timeout: 10000 });
  const button = [...chat.shadowRoot!.querySelectorAll<HTMLButtonElement>('.conversations button')].find((b) =>
    b.textContent!.includes(peer),
  )!;
  button.click();
  await waitUntil(() => textOf(chat).includes(text), 'the conversation is shown');
}

/** What the next learner must not see anywhere. */
function expectNothingOf(chat: Chat, ...texts: string[]): void {
  for (const text of texts) {
    expect(textOf(chat), 'shown to the next learner').not.to.contain(text);
    expect(everythingStored(), 'kept in storage').not.to.contain(text);
  }
}

describe('a shared computer', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => restore());

  it('after “Sign out”, the next learner sees nothing of the previous one’s, online and offline', async () => {
    const bob = await registeredLearner(host, 'bob');
    const ada = page();
    await live(ada);
    const adaName = uniqueName('ada');
    await ada.call(reducers.registerUser, { username: adaName, displayName: adaName, timeZone: 'UTC' });
    const adaIdentity = ada.status.identity!;
    const adaToken = ada.token!;
    const { secret, answer } = await converse(ada, adaName, bob.connection, bob.username);
    // Ada's saved lab in the terminal: her work too.
    saveProgress('nav-first-steps', {
      version: 1,
      hintsShown: [],
      snapshot: {
        version: 1,
        cwd: '/home/learner',
        home: '/home/learner',
        env: {},
        files: {},
        history: [`echo ${adaName}`],
        lastOutput: '',
        lastExitCode: 0,
      },
    });

    const academy = await fixture<Academy>(html`<lta-academy .source=${ada}></lta-academy>`);
    const chat = await directChat(ada);
    await read(chat, bob.username, answer);
    expect(textOf(chat)).to.contain(secret);
    // Even while Ada is here, her messages are not written down.
    expect(everythingStored()).not.to.contain(secret);
    expect(everythingStored()).not.to.contain(answer);

    let signedOut = false;
    academy.addEventListener('lta-signed-out', () => (signedOut = true));
    await waitUntil(() => academy.shadowRoot!.querySelector('[part="sign-out"]') !== null, 'Ada is signed in');
    academy.shadowRoot!.querySelector<HTMLButtonElement>('[part="sign-out"]')!.click();
    expect(signedOut).to.equal(true);
    await waitUntil(() => !textOf(chat).includes(secret), 'Ada’s conversation disappears at once');
    await waitUntil(() => ada.status.state === 'live' && ada.status.identity !== undefined, 'a new anonymous learner');
    expect(ada.status.identity!.isEqual(adaIdentity)).to.equal(false);
    await settle(chat);
    await settle(academy);
    expectNothingOf(chat, secret, answer, bob.username, adaToken);
    expect(textOf(academy)).not.to.contain(adaName);
    expect(loadProgress('nav-first-steps')).to.equal(undefined);
    ada.close();

    // The next learner opens the page without network: still nothing of Ada's.
    cut();
    const next = page();
    const nextChat = await directChat(next);
    await waitUntil(() => next.status.state !== 'connecting', 'the first attempt fails', { timeout: 10000 });
    await settle(nextChat);
    expect(next.status.identity?.isEqual(adaIdentity) ?? false).to.equal(false);
    expectNothingOf(nextChat, secret, answer, bob.username, adaToken);
    restore();
    await live(next, 'the next learner to connect');
    await settle(nextChat);
    expectNothingOf(nextChat, secret, answer, bob.username);
    next.close();
    bob.connection.close();
  });

  it('when the site signs another learner in (a new token), they see nothing of the previous one’s, online and offline', async () => {
    const ada = await registeredLearner(host, 'ada');
    const bob = await registeredLearner(host, 'bob');
    const carol = await registeredLearner(host, 'carol');
    const { secret, answer } = await converse(ada.connection, ada.username, bob.connection, bob.username);
    const adaToken = ada.connection.token!;
    const carolToken = carol.connection.token!;
    ada.connection.close();
    carol.connection.close();

    // The site's own sign-in gives the page Ada's token, later Carol's (setAcademyToken / the token attribute).
    const lms = page(adaToken);
    const chat = await directChat(lms);
    await read(chat, bob.username, answer);
    lms.setToken(carolToken);
    await waitUntil(() => !textOf(chat).includes(secret), 'Ada’s conversation disappears at once');
    await waitUntil(
      () =>
        lms.status.state === 'live' &&
        lms.status.identity?.toHexString() === carol.connection.status.identity!.toHexString(),
      'Carol is signed in',
    );
    await settle(chat);
    expectNothingOf(chat, secret, answer, bob.username, adaToken);
    lms.close();

    // Carol reloads the page without network.
    cut();
    const reloaded = page(carolToken);
    const again = await directChat(reloaded);
    await waitUntil(() => reloaded.status.state !== 'connecting', 'the first attempt fails', { timeout: 10000 });
    await settle(again);
    expectNothingOf(again, secret, answer, bob.username, adaToken);
    restore();
    reloaded.close();
    bob.connection.close();
  });

  it('the terminal starts over for the next learner: none of the previous one’s files, history or saves', async function () {
    this.timeout(60_000);
    const ada = page();
    await live(ada);
    const adaName = uniqueName('ada');
    await ada.call(reducers.registerUser, { username: adaName, displayName: adaName, timeZone: 'UTC' });
    const terminal = await startTerminal(html`<lta-terminal .source=${ada}></lta-terminal>`);
    await typeLine(`echo ${adaName}-diary > diary.txt`);
    await typeLine('cat diary.txt');
    await waitForScreen(terminal, `\n${adaName}-diary\n`);

    ada.signOut();
    await waitUntil(() => !screenText(terminal).includes(adaName), 'a fresh shell for the next learner', {
      timeout: 10000,
    });
    await terminal.ready;
    await typeLine('cat diary.txt; history');
    await waitForScreen(terminal, 'No such file');
    expect(screenText(terminal)).not.to.contain(adaName);
    // The previous learner's last commands were not written down after the wipe either.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(everythingStored()).not.to.contain(adaName);
    ada.close();
  });

  it('a message queued offline is never sent under the next learner’s name after a sign-out', async () => {
    const ada = page();
    await live(ada);
    const adaName = uniqueName('ada');
    await ada.call(reducers.registerUser, { username: adaName, displayName: adaName, timeZone: 'UTC' });
    cut();
    await waitUntil(() => ada.status.state === 'offline', 'Ada is offline', { timeout: 10000 });
    const text = `queued by ${adaName}`;
    const queued = ada
      .call(reducers.sendMessage, { channel: 'global', text }, { whenOffline: 'queue' })
      .catch((error: unknown) => error);
    // And one typed into the chat, waiting there.
    const chat = await fixture<Chat>(html`<lta-chat channel="global" .source=${ada}></lta-chat>`);
    const box = chat.shadowRoot!.querySelector('textarea')!;
    box.value = `${text} in the chat`;
    box.dispatchEvent(new Event('input'));
    await chat.updateComplete; // as between a learner's keystrokes
    chat.shadowRoot!.querySelector<HTMLFormElement>('form.composer')!.requestSubmit();
    await waitUntil(() => textOf(chat).includes('Will be sent when the connection is back'), 'the message waits');
    ada.signOut();
    const refusal = await queued;
    expect(refusal).to.be.instanceOf(OfflineError);
    expect((refusal as Error).message).to.contain('Signed out');
    expect(ada.status.queuedWrites).to.equal(0);
    await settle(chat);
    expect(textOf(chat)).not.to.contain(text);
    expect(chat.shadowRoot!.querySelector('textarea')!.value).to.equal('');

    restore();
    await live(ada, 'the next learner to connect');
    const watcher = learnerConnection(host);
    const watching = await fixture<Chat>(html`<lta-chat channel="global" .source=${watcher}></lta-chat>`);
    // A queued write goes out as soon as the connection is live, before this second learner even connects.
    await waitUntil(() => watching.shadowRoot!.querySelector('.messages') !== null, 'the channel is shown');
    expect(textOf(watching)).not.to.contain(text);
    watcher.close();
    ada.close();
  });
});
