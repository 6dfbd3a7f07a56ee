import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/chat.js';
import '../../../src/leaderboard.js';
import '../../../src/presence.js';
import { startingFiles } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { AcademyConnection } from '../../../src/connection/index.js';
import { createShell } from '@lta/shell';
import { launchToken, startTestHost } from '../helpers/host.js';
import { live, textOf, uniqueName } from '../social/live-helpers.js';
import { reducers } from '../../../src/connection/academy-schema.js';
import { elementsById } from '../helpers/elements.js';

const host = await startTestHost();
const connections: AcademyConnection[] = [];

function open(token: string): AcademyConnection {
  const connection = new AcademyConnection({ server: host.url, database: host.database, token, rememberToken: false });
  connections.push(connection);
  return connection;
}

/** A learner opened from a course page: joined to its class, registered. */
async function launched(
  cohort: string,
  role: 'learner' | 'instructor',
): Promise<{ connection: AcademyConnection; username: string }> {
  const username = uniqueName(role === 'instructor' ? 'prof' : 'kid');
  const connection = open(
    await launchToken(username, {
      lta_cohort: cohort,
      lta_cohort_title: `Class ${cohort.slice(-4)}`,
      lta_cohort_role: role,
    }),
  );
  await live(connection);
  await connection.call(reducers.registerUser, { username, displayName: username, timeZone: 'UTC' });
  return { connection, username };
}

function send(chat: Element, text: string): void {
  const box = chat.shadowRoot!.querySelector('textarea')!;
  box.value = text;
  box.dispatchEvent(new Event('input'));
  chat.shadowRoot!.querySelector<HTMLFormElement>('form.composer')!.requestSubmit();
}

describe('class-scoped chat, leaderboard and presence against the real host and module', () => {
  after(() => connections.forEach((connection) => connection.close()));

  it('show a class its own members and messages only; its instructor removes a message in it', async () => {
    const owner = open(host.publisherToken);
    await live(owner);
    await owner
      .call(reducers.registerUser, { username: 'founder', displayName: '', timeZone: 'UTC' })
      .catch(() => undefined);
    await owner.call(reducers.setAcademySetting, { name: 'cohort_issuer', value: host.launchIssuer });
    const mine = `lti:${uniqueName('mine')}`;
    const other = `lti:${uniqueName('other')}`;
    const prof = await launched(mine, 'instructor');
    const kid = await launched(mine, 'learner');
    const stranger = await launched(other, 'learner');

    const page = await fixture<HTMLElement>(html`<div>
      <lta-chat id="kid-chat" cohort="launch" .source=${kid.connection}></lta-chat>
      <lta-chat id="prof-chat" cohort=${mine} .source=${prof.connection}></lta-chat>
      <lta-chat id="stranger-chat" cohort="launch" .source=${stranger.connection}></lta-chat>
      <lta-chat id="snoop" cohort=${mine} .source=${stranger.connection}></lta-chat>
      <lta-leaderboard id="board" cohort="launch" .source=${kid.connection}></lta-leaderboard>
      <lta-presence id="presence" silent cohort="launch" .source=${kid.connection}></lta-presence>
    </div>`);
    const [kidChat, profChat, strangerChat, snoop, board, presence] = elementsById(page, [
      'kid-chat',
      'prof-chat',
      'stranger-chat',
      'snoop',
      'board',
      'presence',
    ]);

    await waitUntil(() => textOf(kidChat).includes('Class chat: Class'), 'the class chat', { timeout: 15000 });
    send(kidChat, `hello from ${kid.username}`);
    send(strangerChat, `elsewhere ${stranger.username}`);
    await waitUntil(() => textOf(profChat).includes(`hello from ${kid.username}`), 'the instructor sees the message', {
      timeout: 15000,
    });
    await waitUntil(() => textOf(strangerChat).includes(`elsewhere ${stranger.username}`), 'the other class its own', {
      timeout: 15000,
    });
    expect(textOf(profChat)).not.to.contain('elsewhere');
    await waitUntil(() => textOf(snoop).includes('You are not in this class'), 'a learner naming another class', {
      timeout: 15000,
    });
    expect(textOf(snoop)).not.to.contain('hello from');
    expect(snoop.shadowRoot!.querySelector('textarea')).to.equal(null);

    // The class board: both members (the instructor too, at 0 XP), nobody from the other class.
    const lab = CURRICULUM[0]!.labs[0]!;
    const shell = await createShell({ files: startingFiles(lab), env: lab.env });
    for (const command of lab.solution) await shell.run(command);
    await kid.connection.call(reducers.startLab, { labId: lab.id });
    await kid.connection.call(reducers.completeLab, { labId: lab.id, snapshot: JSON.stringify(shell.snapshot()) });
    await waitUntil(
      () => board.shadowRoot!.querySelector('li[data-key]')?.textContent?.includes(kid.username) === true,
      'the learner first on the class board',
      { timeout: 15000 },
    );
    expect(board.shadowRoot!.querySelector('li[data-key] .rank')!.textContent).to.equal('#1');
    await waitUntil(() => textOf(board).includes(prof.username), 'the instructor on the board', { timeout: 15000 });
    expect(textOf(board)).not.to.contain(stranger.username);
    expect(board.shadowRoot!.querySelector('[part="periods"]')).to.equal(null);

    await waitUntil(() => textOf(presence).includes(prof.username), 'the classmate online', { timeout: 15000 });
    expect(textOf(presence)).not.to.contain(stranger.username);

    // The instructor deletes the learner's message: a Delete button they have in this class only.
    const message = [...profChat.shadowRoot!.querySelectorAll('.message')].find((li) =>
      li.textContent!.includes(`hello from ${kid.username}`),
    )!;
    const labels = [...message.querySelectorAll('.actions button')].map((button) => button.textContent!.trim());
    expect(labels).to.deep.equal(['Delete', 'Mute']);
    message.querySelector<HTMLButtonElement>('.actions button')!.click();
    await waitUntil(
      () => !textOf(kidChat).includes(`hello from ${kid.username}`) && textOf(kidChat).includes('Message deleted'),
      'the message removed for the class',
      {
        timeout: 15000,
      },
    );
  });
});
