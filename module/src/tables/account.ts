import { table, t } from 'spacetimedb/server';

/**
 * A registered learner's public profile and standing: what every widget may show about anyone.
 * Personal details (time zone, counters used by rules) live in `learner_private`.
 */
export const learner = table(
  { name: 'learner', public: true },
  {
    identity: t.identity().primaryKey(),
    /** Lowercase, unique; see `rules/username.ts`. */
    username: t.string().unique(),
    display_name: t.string(),
    /** `https://` URL or empty. */
    avatar_url: t.string(),
    /** `learner`, `author`, `moderator`, `admin` or `owner`. */
    role: t.string(),
    joined_at: t.timestamp(),
    /** All-time XP; indexed so the top of the leaderboard is a range read. */
    xp: t.u64().index('btree'),
    level: t.u32(),
    labs_completed: t.u32(),
    current_streak: t.u32(),
    longest_streak: t.u32(),
  },
);

/**
 * Who a learner is, as the presence list and the chat name them: a copy of `learner`'s name fields that changes
 * only when those do, so an XP gain is not sent again to everyone who sees the learner's name.
 */
export const learner_name = table(
  { name: 'learner_name', public: true },
  {
    identity: t.identity().primaryKey(),
    /** Indexed so the presence list reads the first learners by username without scanning everyone. */
    username: t.string().index('btree'),
    display_name: t.string(),
    /** As in `learner`: staff roles show as a badge beside the name. */
    role: t.string(),
  },
);

/** What only the learner (through views) and the module see about a learner. */
export const learner_private = table(
  { name: 'learner_private' },
  {
    identity: t.identity().primaryKey(),
    /** Look-alike-folded username, unique: stops `a1ice` next to `alice`. */
    username_skeleton: t.string().unique(),
    /** IANA zone in which streak days are counted, e.g. `Europe/Paris`. */
    time_zone: t.string(),
    time_zone_set_at: t.option(t.timestamp()),
    /** Local day number (days since 1970-01-01 in `time_zone`) of the last verified activity, or -1. */
    last_active_day: t.i32(),
    labs_without_hints: t.u32(),
    modules_completed: t.u32(),
    messages_sent: t.u32(),
    labs_published: t.u32(),
  },
);

/** Single row (id 0): who owns the academy and which built-in catalog is mirrored in `lab`. */
export const academy_config = table(
  { name: 'academy_config' },
  {
    id: t.u32().primaryKey(),
    owner: t.identity(),
    /** Fingerprint of the bundled curriculum last copied into the `lab` table. */
    catalog_fingerprint: t.string(),
  },
);

/**
 * The look-alike skeleton (`rules/look-alike.ts`) of each learner's display name: no two learners show names
 * that read the same, nor a display name that reads as another's username.
 */
export const display_name_claim = table(
  { name: 'display_name_claim' },
  {
    skeleton: t.string().primaryKey(),
    identity: t.identity().unique(),
  },
);
