/*
 * Story data for the social widgets: a small academy in memory (`StaticAcademy`), so every story renders
 * without a running host. Identities are fixed so stories look the same on every run.
 */
import { Identity, Timestamp } from 'spacetimedb';
import type {
  AchievementAwardRow,
  AchievementRow,
  ChannelMessageRow,
  LearnerNameRow,
  LearnerRow,
  OnlineLearnerRow,
  PresenceRow,
  XpCountRow,
} from '../src/connection/academy-schema.js';
import { StaticAcademy, type StaticAcademyInit } from '../src/connection/index.js';

/** A stable identity for learner number `n`. */
export function identityOf(n: number): Identity {
  return Identity.fromString(`c200${n.toString(16).padStart(60, '0')}`);
}

const names = [
  'ada',
  'linus',
  'grace',
  'ken',
  'dennis',
  'margaret',
  'guido',
  'bjarne',
  'barbara',
  'donald',
  'radia',
  'john',
];
const at = (minutesAgo: number) => Timestamp.fromDate(new Date(Date.UTC(2026, 10, 26, 12, 0) - minutesAgo * 60_000));

/** A learner row for learner `n`. */
export function learner(n: number, xp: number, extra: Partial<LearnerRow> = {}): LearnerRow {
  const username = names[n % names.length] + (n >= names.length ? String(n) : '');
  return {
    identity: identityOf(n),
    username,
    displayName: username.charAt(0).toUpperCase() + username.slice(1),
    avatarUrl: '',
    role: 'learner',
    joinedAt: at(60 * 24 * 30),
    xp: BigInt(xp),
    level: 1 + Math.floor(Math.pow(xp / 100, 2 / 3)),
    labsCompleted: Math.floor(xp / 50),
    currentStreak: n % 5,
    longestStreak: 7,
    ...extra,
  };
}

/** The per-XP counts of a board, as the module keeps them. */
export function countsOf(learners: readonly { xp: bigint }[], board = 0): XpCountRow[] {
  const counts = new Map<bigint, bigint>();
  for (const { xp } of learners) counts.set(xp, (counts.get(xp) ?? 0n) + 1n);
  return [...counts].map(([xp, learners]) => ({ key: `${board}/${xp}`, board, xp, learners }));
}

/** Twelve learners; the viewer is learner 0 (`ada`), ranked tenth. */
export const learners: LearnerRow[] = [350, 1200, 990, 2400, 1800, 760, 640, 4100, 120, 3000, 2900, 40].map((xp, n) =>
  learner(n, xp, n === 0 ? { currentStreak: 4, longestStreak: 9 } : {}),
);

export const me = identityOf(0);

/**
 * The same learners, where two share the display name "Ada Journey" (only the @username tells them apart),
 * one is a moderator (badge) and one writes their name right to left.
 */
export const namesakes: LearnerRow[] = learners.map((row, n) =>
  n === 0 || n === 1
    ? { ...row, displayName: 'Ada Journey' }
    : n === 2
      ? { ...row, role: 'moderator' }
      : n === 4
        ? { ...row, displayName: 'مريم' }
        : row,
);

export const presence: PresenceRow[] = [0, 1, 2, 4, 7].map((n) => ({
  learner: identityOf(n),
  connections: n === 1 ? 2 : 1,
  online: true,
  idle: n === 4,
  currentLab: n % 2 === 0 ? 'files-101' : '',
  lastSeen: at(n),
}));

export const achievements: AchievementRow[] = [
  { id: 'first-lab', title: 'First steps', description: 'Complete your first lab', position: 0 },
  { id: 'streak-3', title: 'On a roll', description: 'Practise 3 days in a row', position: 1 },
  { id: 'first-message', title: 'Hello, world', description: 'Send your first chat message', position: 2 },
  { id: 'level-5', title: 'Level 5', description: 'Reach level 5', position: 3 },
];

export const awards: AchievementAwardRow[] = ['first-lab', 'streak-3'].map((id) => ({
  key: `${me.toHexString()}/${id}`,
  learner: me,
  achievementId: id,
  awardedAt: at(600),
}));

const lines = [
  [1, 'Has anyone finished files-101? Step 3 is tricky.'],
  [0, 'Yes! Use mkdir -p so the parent directories are created too.'],
  [2, 'The man page helps: https://man7.org/linux/man-pages/man1/mkdir.1.html'],
  [1, 'Thanks, that worked <b>perfectly</b>.'],
] as const;

/** Messages of the `global` channel. */
export const messages: ChannelMessageRow[] = lines.map(([sender, text], i) => ({
  id: BigInt(i + 1),
  channel: 'global',
  sender: identityOf(sender),
  text,
  sentAt: at(30 - i * 5),
  editedAt: i === 1 ? at(10) : undefined,
  deleted: false,
}));

/** What the module's `online_count` and `online_learners` views give for these presence rows and names. */
export function presenceViews(presence: readonly PresenceRow[], names: readonly LearnerNameRow[]) {
  const byId = new Map(names.map((row) => [row.identity.toHexString(), row]));
  const listed: OnlineLearnerRow[] = presence.flatMap((row) => {
    const name = row.online ? byId.get(row.learner.toHexString()) : undefined;
    return name ? [{ ...name, idle: row.idle, currentLab: row.currentLab }] : [];
  });
  listed.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  // The view lists the first 50 by username.
  return { onlineCount: [{ learners: listed.length }], onlineLearners: listed.slice(0, 50) };
}

/** A live academy with the data above, seen by learner 0. */
export function storyAcademy(init: StaticAcademyInit = {}): StaticAcademy {
  const tables = {
    learner: learners,
    xpCount: countsOf(learners),
    presence,
    achievement: achievements,
    achievementAward: awards,
    channelMessage: messages,
    ...init.tables,
  };
  // The presence list and the chat name learners from learner_name, the module's copy of learner's name fields.
  const names = tables.learner as LearnerRow[];
  return new StaticAcademy({
    ...init,
    status: { identity: me, ...init.status },
    tables: { learnerName: names, ...presenceViews(tables.presence as PresenceRow[], names), ...tables },
  });
}
