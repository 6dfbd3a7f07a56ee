import { ACCOUNT_NAME, type Json, type Problems } from '../problems.js';
import type { CheckBase } from '../format.js';
import type { MachineFinding, MachinePart } from './index.js';

/**
 * `machine.users`: the accounts a lab starts with beyond root and the learner, the learner's password (the one `sudo`
 * asks for; the story should tell it), and whether the learner may use `sudo` (member of group `sudo`).
 */
export interface UsersDeclaration {
  /** The learner's password, as the story tells it (default `learner`). */
  password?: string;
  /** Whether the learner is in group `sudo` and so may run commands as root (default true). */
  sudo?: boolean;
  /** Other accounts, each with its own group, a home under /home and the supplementary groups listed. */
  accounts?: { name: string; groups?: string[]; password?: string }[];
  /** Groups with no account of the same name (`developers`), created empty unless accounts list them. */
  groups?: string[];
}

/** One account as /etc/passwd has it. */
export interface UserAccount {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

/** One group as /etc/group has it: `members` hold it as a supplementary group. */
export interface UserGroup {
  name: string;
  gid: number;
  members: string[];
}

/** The accounts now: /etc/passwd, /etc/group and each account's password as /etc/shadow keeps it. */
export interface UsersState {
  accounts: UserAccount[];
  groups: UserGroup[];
  /** Each account's password field of /etc/shadow: `!` (locked: no password set), `*` (no login), or `passwordHash`'s. */
  passwords: Record<string, string>;
}

/** The checks on accounts: whether one exists, and whether a user is in a group (primary or supplementary). */
export type UsersCheck =
  | (CheckBase & { kind: 'user-exists'; user: string })
  | (CheckBase & { kind: 'user-in-group'; user: string; group: string })
  | (CheckBase & { kind: 'group-exists'; group: string });

/** The learner's account, uid 1000 as the first account on Debian. */
export const LEARNER_ACCOUNT: UserAccount = {
  name: 'learner',
  uid: 1000,
  gid: 1000,
  home: '/home/learner',
  shell: '/bin/bash',
};
/** The learner's password when the lab declares none. */
export const DEFAULT_PASSWORD = 'learner';
/** Where `useradd` starts numbering accounts and their groups. */
export const FIRST_UID = 1000;
/** Bounds on what a client may send: the snapshot must stay well under its 256 KiB. */
const MAX_ACCOUNTS = 64;
const MAX_GROUPS = 64;
const MAX_FIELD = 256;

const SYSTEM_ACCOUNTS: UserAccount[] = [
  { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/bash' },
  { name: 'daemon', uid: 1, gid: 1, home: '/usr/sbin', shell: '/usr/sbin/nologin' },
  { name: 'www-data', uid: 33, gid: 33, home: '/var/www', shell: '/usr/sbin/nologin' },
];
const SYSTEM_GROUPS: UserGroup[] = [
  { name: 'root', gid: 0, members: [] },
  { name: 'daemon', gid: 1, members: [] },
  { name: 'sudo', gid: 27, members: [] },
  { name: 'www-data', gid: 33, members: [] },
  { name: 'users', gid: 100, members: [] },
];

/** The accounts of a lab that declares none: root, a few system accounts, and the learner, who may use sudo. */
export function defaultUsers(): UsersState {
  return startingUsers({});
}

function startingUsers(declaration: UsersDeclaration): UsersState {
  const accounts = [...SYSTEM_ACCOUNTS, LEARNER_ACCOUNT].map((account) => ({ ...account }));
  const groups = SYSTEM_GROUPS.map((group) => ({ ...group, members: [...group.members] }));
  groups.push({ name: LEARNER_ACCOUNT.name, gid: LEARNER_ACCOUNT.gid, members: [] });
  if (declaration.sudo !== false) groups.find((group) => group.name === 'sudo')!.members.push(LEARNER_ACCOUNT.name);
  const passwords: Record<string, string> = {
    root: '!',
    daemon: '*',
    'www-data': '*',
    learner: passwordHash(declaration.password ?? DEFAULT_PASSWORD),
  };
  let next = FIRST_UID + 1;
  for (const name of declaration.groups ?? []) groups.push({ name, gid: next++, members: [] });
  for (const declared of declaration.accounts ?? []) {
    const id = next++;
    accounts.push({ name: declared.name, uid: id, gid: id, home: `/home/${declared.name}`, shell: '/bin/bash' });
    groups.push({ name: declared.name, gid: id, members: [] });
    passwords[declared.name] = declared.password === undefined ? '!' : passwordHash(declared.password);
  }
  for (const declared of declaration.accounts ?? []) {
    for (const name of declared.groups ?? []) groups.find((group) => group.name === name)?.members.push(declared.name);
  }
  return { accounts, groups, passwords };
}

/**
 * A password as this machine's /etc/shadow keeps it: `$lta$` and a 32-bit FNV-1a digest. Not a real crypt (no salt,
 * easy to reverse); it only shows the learner that the file holds no password in clear text.
 */
export function passwordHash(password: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < password.length; i++) hash = Math.imul(hash ^ password.charCodeAt(i), 0x01000193) >>> 0;
  return `$lta$${hash.toString(16).padStart(8, '0')}`;
}

function declarationProblems(declaration: unknown, at: string, problems: Problems): void {
  if (!problems.object(declaration, at)) return;
  problems.known(declaration, at, ['password', 'sudo', 'accounts', 'groups']);
  if (declaration.password !== undefined) problems.text(declaration.password, `${at}.password`, 64);
  if (declaration.sudo !== undefined && typeof declaration.sudo !== 'boolean')
    problems.add(`${at}.sudo`, 'must be true or false');
  const taken = new Set(
    [...SYSTEM_ACCOUNTS, LEARNER_ACCOUNT]
      .map((account) => account.name)
      .concat(SYSTEM_GROUPS.map((group) => group.name)),
  );
  const groups = new Set(taken);
  const name = (value: unknown, here: string) => {
    problems.accountName(value, here);
    if (typeof value === 'string' && taken.has(value)) problems.add(here, `"${value}" already exists on the machine`);
    if (typeof value === 'string') taken.add(value);
  };
  if (declaration.groups !== undefined && problems.array(declaration.groups, `${at}.groups`, 0, 16)) {
    declaration.groups.forEach((group, i) => {
      name(group, `${at}.groups[${i}]`);
      if (typeof group === 'string') groups.add(group);
    });
  }
  if (declaration.accounts === undefined || !problems.array(declaration.accounts, `${at}.accounts`, 0, 16)) return;
  declaration.accounts.forEach((account, i) => {
    const here = `${at}.accounts[${i}]`;
    if (!problems.object(account, here)) return;
    problems.known(account, here, ['name', 'groups', 'password']);
    name(account.name, `${here}.name`);
    if (typeof account.name === 'string') groups.add(account.name);
    if (account.password !== undefined) problems.text(account.password, `${here}.password`, 64);
  });
  declaration.accounts.forEach((account, i) => {
    const listed = (account as Json).groups;
    if (listed === undefined || !problems.array(listed, `${at}.accounts[${i}].groups`, 0, 16)) return;
    listed.forEach((group, j) => {
      if (typeof group !== 'string' || !groups.has(group))
        problems.add(`${at}.accounts[${i}].groups[${j}]`, 'must be a group of the machine or of machine.users.groups');
    });
  });
}

function isAccount(value: unknown): value is UserAccount {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Record<string, unknown>;
  return (
    typeof a.name === 'string' &&
    ACCOUNT_NAME.test(a.name) &&
    Number.isInteger(a.uid) &&
    (a.uid as number) >= 0 &&
    Number.isInteger(a.gid) &&
    (a.gid as number) >= 0 &&
    typeof a.home === 'string' &&
    a.home.startsWith('/') &&
    a.home.length <= MAX_FIELD &&
    typeof a.shell === 'string' &&
    a.shell.length <= MAX_FIELD
  );
}

function isGroup(value: unknown): value is UserGroup {
  if (typeof value !== 'object' || value === null) return false;
  const g = value as Record<string, unknown>;
  return (
    typeof g.name === 'string' &&
    ACCOUNT_NAME.test(g.name) &&
    Number.isInteger(g.gid) &&
    (g.gid as number) >= 0 &&
    Array.isArray(g.members) &&
    g.members.length <= MAX_ACCOUNTS &&
    g.members.every((m) => typeof m === 'string' && ACCOUNT_NAME.test(m))
  );
}

function stateProblem(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) return 'not an object';
  const s = state as Record<string, unknown>;
  if (!Array.isArray(s.accounts) || s.accounts.length > MAX_ACCOUNTS || !s.accounts.every(isAccount)) return 'accounts';
  if (!Array.isArray(s.groups) || s.groups.length > MAX_GROUPS || !s.groups.every(isGroup)) return 'groups';
  const passwords = s.passwords;
  if (typeof passwords !== 'object' || passwords === null || Array.isArray(passwords)) return 'passwords';
  const entries = Object.entries(passwords);
  if (
    entries.length > MAX_ACCOUNTS ||
    !entries.every(([name, value]) => ACCOUNT_NAME.test(name) && typeof value === 'string' && value.length <= MAX_FIELD)
  )
    return 'passwords';
  return null;
}

/** The groups `user` is in, by name: its primary group and those listing it. */
export function groupsOfUser(state: UsersState, user: string): string[] {
  const account = state.accounts.find((a) => a.name === user);
  if (!account) return [];
  const primary = state.groups.find((g) => g.gid === account.gid)?.name ?? String(account.gid);
  return [primary, ...state.groups.filter((g) => g.members.includes(user) && g.name !== primary).map((g) => g.name)];
}

function evaluate(check: Json & { kind: string }, state: unknown): MachineFinding {
  const users = (state as UsersState | undefined) ?? defaultUsers();
  const c = check as unknown as UsersCheck;
  switch (c.kind) {
    case 'user-exists': {
      const holds = users.accounts.some((a) => a.name === c.user);
      return { holds, saw: holds ? `user ${c.user} exists` : `there is no user ${c.user}` };
    }
    case 'group-exists': {
      const holds = users.groups.some((g) => g.name === c.group);
      return { holds, saw: holds ? `group ${c.group} exists` : `there is no group ${c.group}` };
    }
    default: {
      if (!users.accounts.some((a) => a.name === c.user)) return { holds: false, saw: `there is no user ${c.user}` };
      const groups = groupsOfUser(users, c.user);
      return { holds: groups.includes(c.group), saw: `${c.user} is in ${groups.join(', ')}` };
    }
  }
}

/** Accounts and groups: `/etc/passwd`, `/etc/group`, `/etc/shadow`, `sudo`, `useradd`, ... in the shell. */
export const usersPart: MachinePart = {
  key: 'users',
  checkFields: { 'user-exists': ['user'], 'user-in-group': ['user', 'group'], 'group-exists': ['group'] },
  declarationProblems,
  checkProblems(check, at, problems) {
    if (check.user !== undefined || check.kind !== 'group-exists') problems.accountName(check.user, `${at}.user`);
    if (check.group !== undefined || check.kind !== 'user-exists') problems.accountName(check.group, `${at}.group`);
  },
  startingState: (declaration) => startingUsers(declaration as UsersDeclaration),
  stateProblem,
  evaluate,
};
