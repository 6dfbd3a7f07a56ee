import { classStrings } from '../../internal/class-scope.js';
import { statusStrings } from '../kit/index.js';

/** Every word `<lta-chat>` shows; its `strings` property overrides any of them. */
export const chatStrings = {
  ...statusStrings,
  title: (channel: string) => (channel === 'global' ? 'Chat' : `Chat: ${channel.replace(/^lab:/, 'lab ')}`),
  channelTab: 'Channel',
  directTab: 'Direct messages',
  loading: 'Loading messages…',
  empty: 'No messages yet. Say hello!',
  emptyDirect: 'No direct messages yet.',
  older: 'Show older messages',
  loadingOlder: 'Loading older messages…',
  olderShown: (count: number) => `${count} older messages shown.`,
  beginning: 'Beginning of the channel',
  messageLabel: 'Message',
  send: 'Send',
  sending: 'Sending…',
  queuedMessage: 'Will be sent when the connection is back',
  edited: 'edited',
  deleted: 'Message deleted',
  edit: 'Edit',
  delete: 'Delete',
  report: 'Report',
  mute: 'Mute',
  save: 'Save',
  cancel: 'Cancel',
  reason: 'Reason',
  minutes: 'Minutes',
  to: 'To (username)',
  newConversation: 'New conversation',
  you: 'you',
  signInToChat: 'Choose a username to chat.',
  muted: (until: string) => `You are muted until ${until}.`,
  banned: 'You are banned from the chat.',
  announce: (name: string, text: string) => `New message from ${name}: ${text}`,
  reported: 'Thanks, a moderator will look at it.',
  classTitle: (cohort: string) => `Class chat: ${cohort}`,
  ...classStrings,
};

export type ChatStrings = typeof chatStrings;
