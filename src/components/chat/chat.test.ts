import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../chat.js';
import type { Chat } from './chat.js';
import { describeStories } from '../../../test/browser/helpers/stories.js';
import { settle } from '../../../test/browser/social/settle.js';
import { identityOf, learners, messages, storyAcademy } from '../../../stories/academy-data.js';
import { CLASS_ID, classAcademy } from '../../../stories/class-data.js';

const texts = (element: Chat) =>
  [...element.shadowRoot!.querySelectorAll('.message .text')].map((p) => p.textContent!.trim());

async function type(element: Chat, text: string): Promise<void> {
  const box = element.shadowRoot!.querySelector('textarea')!;
  box.value = text;
  box.dispatchEvent(new Event('input'));
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  await settle(element);
}

describe('lta-chat', () => {
  it('shows the channel’s messages in order, markup as plain text, and only http(s) URLs as safe links', async () => {
    const evil = {
      ...messages[3],
      id: 9n,
      text: 'see javascript:alert(1) and <img src=x onerror=alert(1)> https://example.org/a?b=1.',
    };
    const academy = storyAcademy({ tables: { channelMessage: [...messages, evil] } });
    const chat = await fixture<Chat>(html`<lta-chat .source=${academy}></lta-chat>`);
    await settle(chat);
    expect(texts(chat)[0]).to.equal('Has anyone finished files-101? Step 3 is tricky.');
    expect(chat.shadowRoot!.querySelector('.messages img')).to.equal(null);
    const links = [...chat.shadowRoot!.querySelectorAll<HTMLAnchorElement>('.messages a')];
    expect(links.map((a) => a.href)).to.deep.equal([
      'https://man7.org/linux/man-pages/man1/mkdir.1.html',
      'https://example.org/a?b=1',
    ]);
    expect(links.every((a) => a.rel.includes('noopener') && a.target === '_blank')).to.equal(true);
    expect(texts(chat).at(-1)).to.contain('<img src=x onerror=alert(1)>');
    await expect(chat).to.be.accessible();
  });

  it('sends with Enter, and shows the module’s refusal while keeping the text', async () => {
    const academy = storyAcademy({ refuse: { sendMessage: 'Wait 4 s before sending another message' } });
    const chat = await fixture<Chat>(html`<lta-chat .source=${academy}></lta-chat>`);
    await settle(chat);
    await type(chat, 'hello again');
    expect(academy.calls).to.deep.equal([{ reducer: 'sendMessage', args: { channel: 'global', text: 'hello again' } }]);
    expect(chat.shadowRoot!.querySelector('#send-error')!.textContent).to.equal(
      'Wait 4 s before sending another message',
    );
    expect(chat.shadowRoot!.querySelector('textarea')!.value).to.equal('hello again');
  });

  it('edits and deletes the learner’s own messages only; moderators may delete and mute others', async () => {
    const academy = storyAcademy({
      tables: {
        channelMessage: [...messages, { ...messages[0]!, id: 5n, sender: learners[0]!.identity, text: 'mine' }],
      },
    });
    const chat = await fixture<Chat>(html`<lta-chat .source=${academy}></lta-chat>`);
    await settle(chat);
    const items = [...chat.shadowRoot!.querySelectorAll('.message')];
    const buttons = (item: Element) => [...item.querySelectorAll('.actions button')].map((b) => b.textContent!.trim());
    expect(buttons(items.at(-1)!)).to.deep.equal(['Edit', 'Delete']);
    expect(buttons(items[0]!)).to.deep.equal(['Report']);
    (items.at(-1)!.querySelector('.actions button') as HTMLButtonElement).click();
    // The actions load on the first press.
    await waitUntil(() => chat.shadowRoot!.querySelector('.inline-form') !== null, 'the edit form opens');
    const field = chat.shadowRoot!.querySelector<HTMLInputElement>('.inline-form input')!;
    field.value = 'mine, edited';
    field.dispatchEvent(new Event('input'));
    chat.shadowRoot!.querySelector<HTMLFormElement>('.inline-form')!.requestSubmit();
    await settle(chat);
    expect(academy.calls.at(-1)).to.deep.equal({
      reducer: 'editMessage',
      args: { messageId: 5n, text: 'mine, edited' },
    });

    const moderated = storyAcademy({
      tables: { learner: learners.map((row, n) => (n === 0 ? { ...row, role: 'moderator' } : row)) },
    });
    const modChat = await fixture<Chat>(html`<lta-chat .source=${moderated}></lta-chat>`);
    await settle(modChat);
    expect(buttons(modChat.shadowRoot!.querySelector('.message')!)).to.deep.equal(['Delete', 'Report', 'Mute']);
  });

  it('forgets the draft and the open conversation when another learner takes over the page', async () => {
    const academy = storyAcademy();
    const chat = await fixture<Chat>(html`<lta-chat .source=${academy}></lta-chat>`);
    await settle(chat);
    const box = chat.shadowRoot!.querySelector('textarea')!;
    box.value = 'half-written secret';
    box.dispatchEvent(new Event('input'));
    await settle(chat);
    academy.setStatus({ identity: identityOf(3) });
    await settle(chat);
    expect(chat.shadowRoot!.querySelector('textarea')!.value).to.equal('');
  });

  it('announces new messages from others politely, not the initial history', async () => {
    const academy = storyAcademy();
    const chat = await fixture<Chat>(html`<lta-chat .source=${academy}></lta-chat>`);
    await settle(chat);
    const live = chat.shadowRoot!.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).to.equal('');
    academy.setRows('channelMessage', [
      ...messages,
      { ...messages[0], id: 10n, sender: identityOf(2), text: 'Anyone around?' },
    ]);
    await settle(chat);
    expect(live.textContent).to.equal('New message from \u2068Grace\u2069 (@grace): Anyone around?');
  });

  it('shows the latest fifty messages and older ones on demand', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ ...messages[0], id: BigInt(i + 1), text: `m${i + 1}` }));
    const chat = await fixture<Chat>(
      html`<lta-chat .source=${storyAcademy({ tables: { channelMessage: many } })}></lta-chat>`,
    );
    await settle(chat);
    expect(texts(chat).length).to.equal(50);
    expect(texts(chat)[0]).to.equal('m71');
    chat.shadowRoot!.querySelector<HTMLButtonElement>('.older button')!.click();
    await settle(chat);
    expect(texts(chat).length).to.equal(100);
  });

  it('asks for the last two pages of a paged channel, then a page further back per "Show older messages"', async () => {
    const many = Array.from({ length: 180 }, (_, i) => ({ ...messages[0], id: BigInt(i + 1), text: `m${i + 1}` }));
    const chatPage = [0, 1, 2, 3].map((page) => ({
      key: `global/${page}`,
      channel: 'global',
      page,
      firstMessageId: BigInt(page * 50 + 1),
    }));
    const chat = await fixture<Chat>(
      html`<lta-chat .source=${storyAcademy({ tables: { channelMessage: many, chatPage } })}></lta-chat>`,
    );
    await settle(chat);
    expect(texts(chat).length).to.equal(50);
    const older = () => chat.shadowRoot!.querySelector<HTMLButtonElement>('.older button');
    for (const [shown, first] of [
      [100, 'm81'],
      [150, 'm31'],
      [180, 'm1'],
    ] as const) {
      older()!.click();
      await settle(chat);
      expect([texts(chat).length, texts(chat)[0]]).to.deep.equal([shown, first]);
    }
    expect(older()).to.equal(null);
    expect(chat.shadowRoot!.querySelector('.beginning')!.textContent).to.equal('Beginning of the channel');
  });
});

describe('lta-chat cohort', () => {
  it("shows a class's chat; posts, deletes and mutes go to the class's reducers, and there is no Report", async () => {
    const academy = classAcademy();
    const chat = await fixture<Chat>(html`<lta-chat cohort=${CLASS_ID} .source=${academy}></lta-chat>`);
    await settle(chat);
    expect(chat.shadowRoot!.querySelector('h2')!.textContent).to.equal('Class chat: Linux 101 (fall)');
    expect(texts(chat)).to.deep.equal([
      'Is the files lab due on Friday?',
      'Yes, before class. Ask here if you get stuck.',
      'Step 3 of files-101 keeps failing for me.',
    ]);
    const [question, answer] = [...chat.shadowRoot!.querySelectorAll('.message')];
    const labels = (message: Element) =>
      [...message.querySelectorAll('.actions button')].map((button) => button.textContent!.trim());
    expect(labels(question!)).to.deep.equal(['Delete', 'Mute'], "the instructor's moderation, in this class");
    expect(labels(answer!)).to.deep.equal(['Edit', 'Delete']);
    await type(chat, 'Office hours at 3');
    question!.querySelector<HTMLButtonElement>('.actions button')!.click();
    await waitUntil(() => academy.calls.length === 2, 'the delete is sent');
    expect(academy.calls).to.deep.equal([
      { reducer: 'sendCohortMessage', args: { cohort: CLASS_ID, text: 'Office hours at 3' } },
      { reducer: 'deleteCohortMessage', args: { messageId: 1n } },
    ]);
  });

  it('a learner of the class cannot moderate it, and a learner outside it gets no composer', async () => {
    const learnerChat = await fixture<Chat>(
      html`<lta-chat cohort=${CLASS_ID} .source=${classAcademy({}, 'learner')}></lta-chat>`,
    );
    await settle(learnerChat);
    const question = learnerChat.shadowRoot!.querySelector('.message')!;
    expect([...question.querySelectorAll('.actions button')].map((button) => button.textContent!.trim())).to.deep.equal(
      [],
    );
    const outside = await fixture<Chat>(html`<lta-chat cohort="lti:elsewhere" .source=${classAcademy()}></lta-chat>`);
    await settle(outside);
    expect(outside.shadowRoot!.textContent).to.contain('You are not in this class');
    expect(outside.shadowRoot!.querySelector('textarea')).to.equal(null);
  });
});

describeStories(await import('../../../stories/chat.stories.js'));
