import { html } from 'lit';
import { Timestamp } from 'spacetimedb';
import '../src/chat.js';
import type { StaticAcademy } from '../src/connection/index.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { identityOf, learner, learners, me, messages, namesakes, storyAcademy } from './academy-data.js';
import { CLASS_ID, classAcademy } from './class-data.js';

interface Args {
  theme: 'auto' | 'light' | 'dark';
  channel: string;
  cohort?: string;
  view: 'channel' | 'direct';
  source?: StaticAcademy;
}

export default {
  title: 'Social/Chat',
  component: 'lta-chat',
  args: { theme: 'auto', channel: 'global', view: 'channel' },
  render: (args: Record<string, unknown>) => {
    const { theme, channel, cohort, view, source } = args as unknown as Args;
    return html`<lta-chat
      theme=${theme}
      channel=${channel}
      cohort=${ifDefined(cohort)}
      view=${view}
      .source=${source ?? storyAcademy()}
    ></lta-chat>`;
  },
};

/** A conversation in the global channel; one message has a link, one has markup shown as typed. */
export const Populated = {};

export const Dark = { args: { theme: 'dark' } };

/** A lab's channel with no messages yet. */
export const Empty = { args: { channel: 'lab:files-101' } };

export const Loading = { args: { source: storyAcademy({ loading: true, status: { state: 'connecting' } }) } };

/** Offline: the last messages known, a message waiting to be sent. */
export const Offline = {
  args: { source: storyAcademy({ fromCache: true, status: { state: 'offline', queuedWrites: 1 } }) },
};

export const ErrorState = {
  args: { source: storyAcademy({ errors: { channelMessage: 'This academy has no "channel_message" table.' } }) },
};

/** Seen by a moderator: delete and mute on others' messages. */
export const Moderator = {
  args: {
    source: storyAcademy({
      tables: { learner: learners.map((row, n) => (n === 0 ? { ...row, role: 'moderator' } : row)) },
    }),
  },
};

/** The learner is muted: the reason is explained above the box. */
export const Muted = {
  args: {
    source: storyAcademy({
      tables: {
        mySanction: [
          {
            learner: me,
            mutedUntil: Timestamp.fromDate(new Date(Date.now() + 3_600_000)),
            banned: false,
            reason: 'Spam',
            by: identityOf(3),
            at: Timestamp.fromDate(new Date()),
          },
        ],
      },
    }),
  },
};

/** Direct messages with one classmate. */
export const Direct = {
  args: {
    view: 'direct',
    source: storyAcademy({
      tables: {
        myDirectMessages: [
          {
            id: 1n,
            sender: identityOf(2),
            recipient: me,
            text: 'Want to pair on the grep lab?',
            sentAt: messages[0]!.sentAt,
            editedAt: undefined,
            deleted: false,
          },
          {
            id: 2n,
            sender: me,
            recipient: identityOf(2),
            text: 'Sure, after lunch!',
            sentAt: messages[1]!.sentAt,
            editedAt: undefined,
            deleted: false,
          },
        ],
      },
    }),
  },
};

/**
 * Direct messages on their way: the part that shows them loads the first time they are opened, then their rows
 * come; meanwhile the list says "Loading messages…".
 */
export const DirectLoading = {
  args: { view: 'direct', source: storyAcademy({ loading: true, status: { state: 'connecting' } }) },
};

/** Two hundred messages, some very long: the latest fifty shown, older ones on demand. */
export const LongContent = {
  args: {
    source: storyAcademy({
      tables: {
        learner: [...learners, learner(20, 0, { displayName: 'Someone with an extraordinarily long display name' })],
        channelMessage: Array.from({ length: 200 }, (_, i) => ({
          id: BigInt(i + 1),
          channel: 'global',
          sender: identityOf(i % 3 === 0 ? 20 : i % 5),
          text: i % 10 === 0 ? 'A long message that keeps going. '.repeat(20) : `Message number ${i + 1}`,
          sentAt: messages[0]!.sentAt,
          editedAt: undefined,
          deleted: i % 17 === 0,
        })),
      },
    }),
  },
};

/** Two learners named "Ada Journey", told apart by their @username; a moderator's badge; a right-to-left name. */
export const Namesakes = { args: { source: storyAcademy({ tables: { learner: namesakes } }) } };

/** A class's chat, seen by its instructor: Delete and Mute on learners' messages, in this class only. */
export const ClassChat = { args: { cohort: CLASS_ID, source: classAcademy() } };

/** A class chat named by a learner who is not in that class. */
export const NotInClass = { args: { cohort: 'lti:another-class', source: classAcademy() } };

/** A long channel: the last pages of 180 messages, "Show older messages" fetches a page at a time. */
export const LongHistory = {
  args: {
    source: storyAcademy({
      tables: {
        channelMessage: Array.from({ length: 180 }, (_, i) => ({
          ...messages[i % messages.length]!,
          id: BigInt(i + 1),
          editedAt: undefined,
        })),
        chatPage: [0, 1, 2, 3].map((page) => ({
          key: `global/${page}`,
          channel: 'global',
          page,
          firstMessageId: BigInt(page * 50 + 1),
        })),
      },
    }),
  },
};
