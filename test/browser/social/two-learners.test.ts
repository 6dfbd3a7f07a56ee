import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/chat.js';
import '../../../src/leaderboard.js';
import '../../../src/presence.js';
import '../../../src/profile.js';
import { startingFiles } from '@lta/labs';
import { CURRICULUM } from '@lta/curriculum';
import { createShell } from '@lta/shell';
import { restartTestHost, startTestHost } from '../helpers/host.js';
import { live, registeredLearner, textOf } from './live-helpers.js';
import { reducers } from '../../../src/connection/academy-schema.js';
import { elementsById } from '../helpers/elements.js';

const host = await startTestHost();

/** A state that passes every check of the first lab: its reference solution typed into the real shell. */
async function firstLabSolved(): Promise<{ labId: string; snapshot: string }> {
  const lab = CURRICULUM[0]!.labs[0]!;
  const shell = await createShell({ files: startingFiles(lab), env: lab.env });
  for (const command of lab.solution) await shell.run(command);
  return { labId: lab.id, snapshot: JSON.stringify(shell.snapshot()) };
}

/** The lines of a leaderboard as shown: name, rank (`#2`) and XP. */
function boardLines(board: Element): { text: string; rank: number; xp: number }[] {
  return [...board.shadowRoot!.querySelectorAll('li[data-key]')].map((line) => ({
    text: line.textContent!,
    rank: Number(line.querySelector('.rank')!.textContent!.replace(/\D/g, '')),
    xp: Number(line.querySelector('.xp')!.textContent!.replace(/\D/g, '')),
  }));
}

/**
 * Whether `winner` has XP and stands at the top of `board` as far as XP goes: ranked first among learners of this
 * run, behind only those with more XP, and above `loser` (who has none). Other test files share this host and
 * may have learners with as much XP or more, so "first line of the board" would depend on which files ran before.
 */
function hasRisen(board: Element, winner: string, loser?: string): boolean {
  const lines = boardLines(board);
  const at = lines.findIndex((line) => line.text.includes(winner));
  const line = lines[at];
  if (!line || line.xp === 0) return false;
  const ahead = lines.filter((other) => other.xp > line.xp).length;
  const below = loser === undefined || lines.slice(at + 1).some((other) => other.text.includes(loser));
  return line.rank === ahead + 1 && lines.slice(0, at).every((other) => other.xp >= line.xp) && below;
}

describe('two learners against the real host and module', () => {
  it('see each other’s chat messages, presence and leaderboard changes live', async () => {
    const ada = await registeredLearner(host, 'ada');
    const bob = await registeredLearner(host, 'bob');
    const page = await fixture<HTMLElement>(html`<div>
      <lta-chat id="ada-chat" .source=${ada.connection}></lta-chat>
      <lta-chat id="bob-chat" .source=${bob.connection}></lta-chat>
      <lta-presence id="ada-presence" silent .source=${ada.connection}></lta-presence>
      <lta-leaderboard id="ada-board" limit="100" .source=${ada.connection}></lta-leaderboard>
      <lta-profile id="bob-profile" .source=${bob.connection}></lta-profile>
    </div>`);
    const [adaChat, bobChat, presence, board, profile] = elementsById(page, [
      'ada-chat',
      'bob-chat',
      'ada-presence',
      'ada-board',
      'bob-profile',
    ]);

    await waitUntil(() => textOf(presence).includes(bob.username), 'Ada sees Bob online', { timeout: 10000 });
    await waitUntil(() => textOf(board).includes(bob.username), 'Ada sees Bob on the board', { timeout: 10000 });

    const box = bobChat.shadowRoot!.querySelector('textarea')!;
    box.value = `hello from ${bob.username}`;
    box.dispatchEvent(new Event('input'));
    bobChat.shadowRoot!.querySelector<HTMLFormElement>('form.composer')!.requestSubmit();
    await waitUntil(() => textOf(adaChat).includes(`hello from ${bob.username}`), 'Ada sees Bob’s message', {
      timeout: 10000,
    });
    await waitUntil(
      () =>
        adaChat.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!.includes(`hello from ${bob.username}`),
      'the message is announced to Ada’s screen reader',
    );

    // Bob completes a lab on the server: his XP, level and rank change for both of them.
    const solved = await firstLabSolved();
    await bob.connection.call(reducers.startLab, { labId: solved.labId });
    await bob.connection.call(reducers.completeLab, solved);
    await waitUntil(
      () => !textOf(profile).includes(' 0 XP') && /XP [1-9]/.test(textOf(profile)),
      'Bob’s profile shows his XP',
      {
        timeout: 10000,
      },
    );
    await waitUntil(() => hasRisen(board, bob.username, ada.username), 'Bob rises to the top of Ada’s leaderboard', {
      timeout: 10000,
    });
    // This week's board has Bob too, with the XP he earned this week.
    (board as HTMLElement & { period: string }).period = 'week';
    await waitUntil(() => hasRisen(board, bob.username), 'Bob tops this week’s board', { timeout: 10000 });
    ada.connection.close();
    bob.connection.close();
  });

  it('reconnect by themselves after the host restarts, and get live updates again', async () => {
    const ada = await registeredLearner(host, 'ada');
    const bob = await registeredLearner(host, 'bob');
    const chat = await fixture<HTMLElement>(html`<lta-chat channel="global" .source=${ada.connection}></lta-chat>`);
    await waitUntil(
      () => textOf(chat).includes('Say hello') || chat.shadowRoot!.querySelector('.message') !== null,
      'chat loaded',
    );

    const bobIdentity = bob.connection.status.identity?.toHexString();
    await restartTestHost();
    await waitUntil(() => ada.connection.status.state !== 'live', 'Ada notices the host went away', { timeout: 10000 });
    await live(ada.connection, 'Ada to reconnect');
    await live(bob.connection, 'Bob to reconnect');
    // Same identity as before the restart: the token was kept.
    expect(bob.connection.status.identity?.toHexString()).to.equal(bobIdentity);
    // The host keeps no table data across restarts (only its signing keys): Bob registers again.
    await bob.connection
      .call(reducers.registerUser, { username: bob.username, displayName: bob.username, timeZone: 'UTC' })
      .catch(() => undefined);
    await bob.connection.call(reducers.sendMessage, { channel: 'global', text: `back again ${bob.username}` });
    await waitUntil(() => textOf(chat).includes(`back again ${bob.username}`), 'the restored subscription delivers', {
      timeout: 10000,
    });
    ada.connection.close();
    bob.connection.close();
  });
});
