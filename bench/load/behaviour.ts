/**
 * How a simulated learner behaves, whatever carries its calls (the real SDK or the lean protocol client): what
 * it subscribes to (what the academy's widgets subscribe to) and, once registered, a timetable of human-paced
 * actions. Rates per learner: a shell command every 3-6 s whose lab save is debounced (about one save every
 * 15 s), a presence heartbeat a minute, a chat message every 1-2 minutes, a direct message every ~5 minutes, a
 * completion every ~3 minutes, a profile view every ~2 minutes, a leaderboard or chat-history read every ~3
 * minutes: about 0.12 calls/s per learner (200 learners ~ 25 calls/s, as the issue measured).
 */

/** One column of a reducer's arguments, in order: its name in the SDK and its BSATN type. */
type Field = readonly [sdkName: string, type: 'string' | 'bool'];

/** The reducers the learners call, with their argument order. */
export const REDUCERS = {
  register_user: [
    ['username', 'string'],
    ['displayName', 'string'],
    ['timeZone', 'string'],
  ],
  heartbeat: [
    ['currentLab', 'string'],
    ['idle', 'bool'],
  ],
  start_lab: [['labId', 'string']],
  save_lab_state: [
    ['labId', 'string'],
    ['snapshot', 'string'],
  ],
  complete_lab: [
    ['labId', 'string'],
    ['snapshot', 'string'],
  ],
  send_message: [
    ['channel', 'string'],
    ['text', 'string'],
  ],
  send_direct_message: [
    ['toUsername', 'string'],
    ['text', 'string'],
  ],
  update_profile: [
    ['displayName', 'string'],
    ['avatarUrl', 'string'],
  ],
} as const satisfies Record<string, readonly Field[]>;

export type ReducerName = keyof typeof REDUCERS;
export type Args = Record<string, string | boolean>;

/** A reducer call, or a one-off read. */
export type Action = { kind: 'call'; reducer: ReducerName; args: Args } | { kind: 'query'; name: string; sql: string };

/** BSATN of reducer arguments (strings: u32 length + UTF-8; bools: one byte). */
export function encodeArgs(reducer: ReducerName, args: Args): Uint8Array {
  const parts = REDUCERS[reducer].map(([name, type]) => {
    const value = args[name];
    if (type === 'bool') return Buffer.from([value ? 1 : 0]);
    const text = Buffer.from(String(value), 'utf8');
    const out = Buffer.alloc(4 + text.length);
    out.writeUInt32LE(text.length, 0);
    text.copy(out, 4);
    return out;
  });
  return Buffer.concat(parts);
}

/** What a learner's page subscribes to: presence, chat, their own rows, the leaderboard. */
export function subscriptionsOf(identityHex: string): string[] {
  return [
    `SELECT * FROM learner WHERE identity = 0x${identityHex}`,
    'SELECT * FROM my_lab_sessions',
    'SELECT * FROM my_completions',
    'SELECT * FROM my_direct_messages',
    'SELECT * FROM my_sanction',
    'SELECT * FROM online_count',
    'SELECT * FROM online_learners',
    `SELECT * FROM presence WHERE learner = 0x${identityHex}`,
    "SELECT * FROM channel_message WHERE channel = 'global'",
    "SELECT learner_name.* FROM learner_name JOIN chat_author ON learner_name.identity = chat_author.learner WHERE chat_author.channel = 'global'",
    'SELECT * FROM xp_count WHERE board = 0',
  ];
}

/** Labs in curriculum order, with a saved state part-way and one that passes their checks. */
export interface PassingLab {
  id: string;
  progress: string;
  snapshot: string;
}

/** One learner's state and next actions. */
export class Learner {
  readonly username: string;
  #lab = 0;
  #commands = 0;
  #next: { at: number; period: number; what: () => Action[] }[] = [];

  constructor(
    readonly index: number,
    readonly learners: number,
    private readonly labs: readonly PassingLab[],
    private readonly random: () => number,
  ) {
    this.username = `learner${index}`;
  }

  /** The calls right after connecting. */
  start(now: number): Action[] {
    const every = (seconds: number, what: () => Action[]) =>
      this.#next.push({ at: now + this.random() * seconds * 1000, period: seconds * 1000, what });
    every(4.5, () => this.#command());
    every(60, () => [this.#call('heartbeat', { currentLab: this.#labId(), idle: false })]);
    every(120, () => [
      this.#call('send_message', { channel: 'global', text: `hello from ${this.username} ${Date.now() % 1000}` }),
    ]);
    every(300, () => [
      this.#call('send_direct_message', {
        toUsername: `learner${(this.index + 1) % this.learners}`,
        text: 'how far are you?',
      }),
    ]);
    every(180, () => this.#complete());
    every(120, () => [
      {
        kind: 'query',
        name: 'profile view',
        sql: `SELECT * FROM learner WHERE username = 'learner${Math.floor(this.random() * this.learners)}'`,
      },
    ]);
    every(180, () => [
      this.random() < 0.5
        ? { kind: 'query', name: 'leaderboard read', sql: 'SELECT * FROM learner WHERE xp >= 100' }
        : { kind: 'query', name: 'chat history read', sql: "SELECT * FROM channel_message WHERE channel = 'global'" },
    ]);
    return [
      this.#call('register_user', { username: this.username, displayName: '', timeZone: 'UTC' }),
      this.#call('start_lab', { labId: this.#labId() }),
    ];
  }

  /** The actions due by `now` (each reschedules itself). */
  due(now: number): Action[] {
    const actions: Action[] = [];
    for (const item of this.#next) {
      if (item.at > now) continue;
      actions.push(...item.what());
      item.at = now + item.period * (0.5 + this.random());
    }
    return actions;
  }

  #labId(): string {
    return this.labs[this.#lab % this.labs.length]!.id;
  }

  #call(reducer: ReducerName, args: Args): Action {
    return { kind: 'call', reducer, args };
  }

  /** A shell command: every third one the debounced save goes out (commands typed in a burst save once). */
  #command(): Action[] {
    this.#commands++;
    if (this.#commands % 3 !== 0) return [];
    const lab = this.labs[this.#lab % this.labs.length]!;
    return [this.#call('save_lab_state', { labId: lab.id, snapshot: lab.progress })];
  }

  #complete(): Action[] {
    if (this.#lab >= this.labs.length) return [];
    const lab = this.labs[this.#lab]!;
    this.#lab++;
    const actions: Action[] = [this.#call('complete_lab', { labId: lab.id, snapshot: lab.snapshot })];
    if (this.#lab < this.labs.length) actions.push(this.#call('start_lab', { labId: this.#labId() }));
    return actions;
  }
}
