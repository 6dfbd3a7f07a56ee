import type { Credentials, LearnerFs } from './learner-fs.js';
import { decodeUtf8 } from '../text.js';

/** One line of /etc/passwd. */
export interface Account {
  name: string;
  uid: number;
  gid: number;
  gecos: string;
  home: string;
  shell: string;
}

/** One line of /etc/group: `members` are the users who have it as a supplementary group. */
export interface Group {
  name: string;
  gid: number;
  members: string[];
}

export const PASSWD = '/etc/passwd';
export const GROUP = '/etc/group';
export const SHADOW = '/etc/shadow';

/**
 * The accounts of the machine, read from /etc/passwd and /etc/group as they are now (root may edit them by hand,
 * as on Linux), each parsed again only when the file changed. `ls -l`, `id`, `find -user`, `sudo` and the users part
 * all read them here, so they always agree.
 */
export class Accounts {
  private users: { data: Uint8Array | undefined; list: Account[] } = { data: undefined, list: [] };
  private groupList: { data: Uint8Array | undefined; list: Group[] } = { data: undefined, list: [] };

  constructor(private readonly fs: LearnerFs) {}

  /** The file's bytes as they are now; a writer replaces the array, so the same array means the same contents. */
  private dataOf(path: string): Uint8Array | undefined {
    const node = this.fs.nodeAt(path);
    return node?.type === 'file' ? node.inode.data : undefined;
  }

  /** Every account, in file order. */
  accounts(): readonly Account[] {
    const data = this.dataOf(PASSWD);
    if (data !== this.users.data) this.users = { data, list: data ? parsePasswd(decodeUtf8(data)) : [] };
    return this.users.list;
  }

  /** Every group, in file order. */
  groups(): readonly Group[] {
    const data = this.dataOf(GROUP);
    if (data !== this.groupList.data) this.groupList = { data, list: data ? parseGroups(decodeUtf8(data)) : [] };
    return this.groupList.list;
  }

  /** The account named `name`, or whose uid is `name` when it is a number. */
  account(name: string | number): Account | undefined {
    return this.accounts().find((account) => (typeof name === 'number' ? account.uid === name : account.name === name));
  }

  group(name: string | number): Group | undefined {
    return this.groups().find((group) => (typeof name === 'number' ? group.gid === name : group.name === name));
  }

  /** A uid as `ls -l` shows it: the account's name, or the number when no account has it. */
  userName(uid: number): string {
    return this.account(uid)?.name ?? String(uid);
  }

  groupName(gid: number): string {
    return this.group(gid)?.name ?? String(gid);
  }

  /** The groups of an account: its primary group first, then those that list it as a member. */
  groupsOf(account: Account): number[] {
    const gids = [account.gid];
    for (const group of this.groups())
      if (group.members.includes(account.name) && !gids.includes(group.gid)) gids.push(group.gid);
    return gids;
  }

  /** What a process of this account runs with: its uid, primary group and every group it is in (at login). */
  credentialsOf(account: Account): Credentials {
    return { uid: account.uid, gid: account.gid, groups: this.groupsOf(account) };
  }

  /** A user name or numeric uid as `chown` and `find -user` take it, or undefined when neither names an account. */
  uidOf(spec: string): number | undefined {
    return this.account(spec)?.uid ?? (/^\d+$/.test(spec) ? Number(spec) : undefined);
  }

  gidOf(spec: string): number | undefined {
    return this.group(spec)?.gid ?? (/^\d+$/.test(spec) ? Number(spec) : undefined);
  }
}

const byFs = new WeakMap<LearnerFs, Accounts>();

/** The accounts of the machine whose filesystem is `fs`. */
export function accountsOf(fs: LearnerFs): Accounts {
  let accounts = byFs.get(fs);
  if (!accounts) byFs.set(fs, (accounts = new Accounts(fs)));
  return accounts;
}

function parsePasswd(text: string): Account[] {
  return text.split('\n').flatMap((line) => {
    const f = line.split(':');
    if (f.length < 7 || !/^\d+$/.test(f[2]!) || !/^\d+$/.test(f[3]!)) return [];
    return [{ name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), gecos: f[4]!, home: f[5]!, shell: f[6]! }];
  });
}

function parseGroups(text: string): Group[] {
  return text.split('\n').flatMap((line) => {
    const f = line.split(':');
    if (f.length < 4 || !/^\d+$/.test(f[2]!)) return [];
    return [{ name: f[0]!, gid: Number(f[2]), members: f[3]!.split(',').filter(Boolean) }];
  });
}

/** An account as its /etc/passwd line. */
export function passwdLine(account: Account): string {
  return `${account.name}:x:${account.uid}:${account.gid}:${account.gecos}:${account.home}:${account.shell}`;
}

/** A group as its /etc/group line. */
export function groupLine(group: Group): string {
  return `${group.name}:x:${group.gid}:${group.members.join(',')}`;
}
