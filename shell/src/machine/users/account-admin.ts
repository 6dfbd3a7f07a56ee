import { passwordHash, type UserAccount, type UserGroup, type UsersState } from '@lta/labs';
import { SKELETON } from '../../filesystem/layout.js';
import { errorText, type LearnerFs } from '../../filesystem/learner-fs.js';
import { fail, ok, type LearnerCommand, type ShellServices } from '../../commands/command.js';
import { readAccounts, writeAccounts } from './account-files.js';
import { askFor } from '../terminal-question.js';

/** Most accounts and groups the machine keeps, so a loop of `useradd` cannot grow the snapshot without bound. */
const MAX_ACCOUNTS = 48;

/** What the account tools say to anyone but root: they cannot lock the file they edit. */
function notRoot(command: string, file: string) {
  return fail(
    `${command}: Permission denied.\n${command}: cannot lock ${file}; try again later.\n`,
    command === 'groupadd' ? 10 : 1,
  );
}

/** The long options of the account tools, by their short letter. */
const LONG_OPTIONS: Record<string, string> = {
  '--create-home': 'm',
  '--no-create-home': 'M',
  '--shell': 's',
  '--groups': 'G',
  '--gid': 'g',
  '--home-dir': 'd',
  '--uid': 'u',
  '--comment': 'c',
  '--append': 'a',
  '--lock': 'L',
  '--unlock': 'U',
  '--remove': 'r',
  '--login': 'l',
};

/** Options of an account tool: flags, `-G a,b` style values (given after the flag or joined), and operands. */
function parse(
  args: string[],
  withValue: string,
): { flags: Set<string>; values: Map<string, string>; operands: string[]; bad?: string } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    let arg = args[i]!;
    if (arg.startsWith('--')) {
      const [name, value] = arg.split(/=(.*)/s) as [string, string | undefined];
      const short = LONG_OPTIONS[name];
      if (!short) return { flags, values, operands, bad: name };
      arg = `-${short}${value ?? ''}`;
    }
    if (!arg.startsWith('-') || arg.length === 1) {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      if (withValue.includes(flag)) {
        const value = arg.slice(j + 1) || args[++i];
        if (value === undefined) return { flags, values, operands, bad: flag };
        values.set(flag, value);
        break;
      }
      flags.add(flag);
    }
  }
  return { flags, values, operands };
}

function nextId(state: UsersState): number {
  const taken = new Set(
    [...state.accounts.map((a) => a.uid), ...state.groups.map((g) => g.gid)].filter((id) => id >= 1000 && id < 60000),
  );
  let id = 1001;
  while (taken.has(id)) id++;
  return id;
}

/** Creates `home` for `account` from /etc/skel, owned by it, with `mode`. */
function makeHome(fs: LearnerFs, account: UserAccount, mode: number): void {
  const owner = { uid: account.uid, gid: account.gid };
  fs.mkdirSync(account.home, { recursive: true }, mode, owner);
  for (const [name, text] of Object.entries(SKELETON))
    fs.writeFileSync(`${account.home}/${name}`, text, undefined, { owner });
}

/** The supplementary groups named in `-G a,b`, or the message for the first that does not exist. */
function groupsNamed(state: UsersState, command: string, list: string): UserGroup[] | string {
  const groups: UserGroup[] = [];
  for (const name of list.split(',').filter(Boolean)) {
    const group = state.groups.find((g) => g.name === name || String(g.gid) === name);
    if (!group) return `${command}: group '${name}' does not exist\n`;
    groups.push(group);
  }
  return groups;
}

/** Adds an account with its own group (useradd and adduser); returns the message on failure. */
function addAccount(
  services: ShellServices,
  command: string,
  name: string,
  options: { home?: string; shell?: string; groups?: string; makeHome: false | number },
): string | UserAccount {
  const fs = services.fs;
  const state = readAccounts(fs);
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(name)) return `${command}: invalid user name '${name}'\n`;
  if (state.accounts.some((a) => a.name === name)) return `${command}: user '${name}' already exists\n`;
  if (state.accounts.length >= MAX_ACCOUNTS) return `${command}: this machine keeps at most ${MAX_ACCOUNTS} accounts\n`;
  const supplementary = groupsNamed(state, command, options.groups ?? '');
  if (typeof supplementary === 'string') return supplementary;
  const id = nextId(state);
  const account: UserAccount = {
    name,
    uid: id,
    gid: id,
    home: options.home ?? `/home/${name}`,
    shell: options.shell ?? '/bin/sh',
  };
  state.accounts.push(account);
  state.groups.push({ name, gid: id, members: [] });
  for (const group of supplementary) group.members.push(name);
  state.passwords[name] = '!';
  writeAccounts(fs, state);
  if (options.makeHome !== false) makeHome(fs, account, options.makeHome);
  return account;
}

function useraddCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'useradd',
    async execute(args) {
      const { flags, values, operands, bad } = parse(args, 'dsGgucp');
      if (bad || operands.length !== 1) return fail('Usage: useradd [options] LOGIN\n', 2);
      if (services.fs.user.uid !== 0) return notRoot('useradd', '/etc/passwd');
      const made = addAccount(services, 'useradd', operands[0]!, {
        home: values.get('d'),
        shell: values.get('s'),
        groups: values.get('G'),
        makeHome: flags.has('m') ? 0o755 : false,
      });
      return typeof made === 'string' ? fail(made, made.includes('does not exist') ? 6 : 9) : ok();
    },
  };
}

/** Asks for a new password twice, as `passwd` and `adduser` do; the new field for /etc/shadow, or what went wrong. */
async function newPassword(services: ShellServices): Promise<{ hash: string } | { problem: string }> {
  const first = await askFor(services, { prompt: 'New password: ', hidden: true });
  if (first === null)
    return { problem: 'passwd: Authentication token manipulation error\npasswd: password unchanged\n' };
  const second = await askFor(services, { prompt: 'Retype new password: ', hidden: true });
  if (second !== first)
    return {
      problem:
        'Sorry, passwords do not match.\npasswd: Authentication token manipulation error\npasswd: password unchanged\n',
    };
  if (first === '')
    return {
      problem:
        'No password has been supplied.\npasswd: Authentication token manipulation error\npasswd: password unchanged\n',
    };
  return { hash: passwordHash(first) };
}

/** `adduser USER` (home 0700 from /etc/skel, asks the password) and `adduser USER GROUP` (adds to a group). */
function adduserCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'adduser',
    async execute(args) {
      const operands = args.filter((arg) => !arg.startsWith('-'));
      if (operands.length < 1 || operands.length > 2) return fail('adduser: Only one or two names allowed.\n');
      if (services.fs.user.uid !== 0) return fail('fatal: Only root may add a user or group to the system.\n');
      const [name, groupName] = operands as [string, string | undefined];
      if (groupName !== undefined) return addToGroup(services, 'adduser', name, groupName);
      const made = addAccount(services, 'adduser', name, { shell: '/bin/bash', makeHome: 0o700 });
      if (typeof made === 'string')
        return fail(made.replace(/^adduser: user '(.*)' already exists/, "fatal: The user `$1' already exists."));
      const says = `Adding user \`${name}' ...\nAdding new group \`${name}' (${made.gid}) ...\nAdding new user \`${name}' (${made.uid}) with group \`${name} (${made.gid})' ...\nCreating home directory \`${made.home}' ...\nCopying files from \`/etc/skel' ...\n`;
      const password = await newPassword(services);
      if ('problem' in password) return { stdout: says, stderr: password.problem, exitCode: 1 };
      setPassword(services.fs, name, password.hash);
      return ok(`${says}passwd: password updated successfully\n`);
    },
  };
}

function addToGroup(services: ShellServices, command: string, name: string, groupName: string) {
  const state = readAccounts(services.fs);
  if (!state.accounts.some((a) => a.name === name))
    return fail(
      `${command === 'adduser' ? 'fatal: The user `' + name + "' does not exist." : `${command}: user '${name}' does not exist`}\n`,
      3,
    );
  const group = state.groups.find((g) => g.name === groupName);
  if (!group)
    return fail(
      command === 'adduser'
        ? `fatal: The group \`${groupName}' does not exist.\n`
        : `${command}: group '${groupName}' does not exist\n`,
      3,
    );
  if (!group.members.includes(name)) group.members.push(name);
  writeAccounts(services.fs, state);
  return ok(
    command === 'adduser'
      ? `Adding user \`${name}' to group \`${groupName}' ...\nDone.\n`
      : `Adding user ${name} to group ${groupName}\n`,
  );
}

function setPassword(fs: LearnerFs, name: string, hash: string): void {
  const state = readAccounts(fs);
  state.passwords[name] = hash;
  writeAccounts(fs, state);
}

/** `usermod -aG GROUPS USER` (append), `-G` (replace the supplementary groups), `-g`, `-s`, `-d`, `-L`/`-U`. */
function usermodCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'usermod',
    async execute(args) {
      const { flags, values, operands, bad } = parse(args, 'Ggsdl');
      if (bad || operands.length !== 1) return fail('Usage: usermod [options] LOGIN\n', 2);
      const state = readAccounts(services.fs);
      const listed = values.has('G') ? groupsNamed(state, 'usermod', values.get('G')!) : [];
      if (typeof listed === 'string') return fail(listed, 6);
      const name = operands[0]!;
      const account = state.accounts.find((a) => a.name === name);
      if (!account) return fail(`usermod: user '${name}' does not exist\n`, 6);
      if (services.fs.user.uid !== 0) return notRoot('usermod', '/etc/passwd');
      if (values.has('G')) {
        if (!flags.has('a'))
          for (const group of state.groups) group.members = group.members.filter((member) => member !== name);
        for (const group of listed) if (!group.members.includes(name)) group.members.push(name);
      }
      if (values.has('g')) {
        const group = state.groups.find((g) => g.name === values.get('g') || String(g.gid) === values.get('g'));
        if (!group) return fail(`usermod: group '${values.get('g')}' does not exist\n`, 6);
        account.gid = group.gid;
      }
      if (values.has('s')) account.shell = values.get('s')!;
      if (values.has('d')) account.home = values.get('d')!;
      const hash = state.passwords[name] ?? '!';
      if (flags.has('L') && !hash.startsWith('!')) state.passwords[name] = `!${hash}`;
      if (flags.has('U') && hash.startsWith('!') && hash.length > 1) state.passwords[name] = hash.slice(1);
      writeAccounts(services.fs, state);
      return ok();
    },
  };
}

function groupaddCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'groupadd',
    async execute(args) {
      const operands = args.filter((arg) => !arg.startsWith('-'));
      if (operands.length !== 1) return fail('Usage: groupadd [options] GROUP\n', 2);
      if (services.fs.user.uid !== 0) return notRoot('groupadd', '/etc/group');
      const name = operands[0]!;
      const state = readAccounts(services.fs);
      if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(name)) return fail(`groupadd: '${name}' is not a valid group name\n`, 3);
      if (state.groups.some((g) => g.name === name)) return fail(`groupadd: group '${name}' already exists\n`, 9);
      if (state.groups.length >= MAX_ACCOUNTS)
        return fail(`groupadd: this machine keeps at most ${MAX_ACCOUNTS} groups\n`, 4);
      state.groups.push({ name, gid: nextId(state), members: [] });
      writeAccounts(services.fs, state);
      return ok();
    },
  };
}

/** `gpasswd -a USER GROUP` and `-d USER GROUP`: adds to or removes from a group. */
function gpasswdCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'gpasswd',
    async execute(args) {
      const [flag, name, groupName] = args;
      if ((flag !== '-a' && flag !== '-d') || !name || !groupName) return fail('Usage: gpasswd [option] GROUP\n', 2);
      if (services.fs.user.uid !== 0) return fail('gpasswd: Permission denied.\n');
      if (flag === '-a') return addToGroup(services, 'gpasswd', name, groupName);
      const state = readAccounts(services.fs);
      const group = state.groups.find((g) => g.name === groupName);
      if (!group) return fail(`gpasswd: group '${groupName}' does not exist in /etc/group\n`, 3);
      if (!group.members.includes(name)) return fail(`gpasswd: user '${name}' is not a member of '${groupName}'\n`, 3);
      group.members = group.members.filter((member) => member !== name);
      writeAccounts(services.fs, state);
      return ok(`Removing user ${name} from group ${groupName}\n`);
    },
  };
}

/** `userdel [-r] USER`: removes the account, its own group, its memberships, and with `-r` its home. */
function userdelCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'userdel',
    async execute(args) {
      const { flags, operands } = parse(args, '');
      if (operands.length !== 1) return fail('Usage: userdel [options] LOGIN\n', 2);
      const name = operands[0]!;
      const state = readAccounts(services.fs);
      const account = state.accounts.find((a) => a.name === name);
      if (!account) return fail(`userdel: user '${name}' does not exist\n`, 6);
      if (services.fs.user.uid !== 0) return notRoot('userdel', '/etc/passwd');
      state.accounts = state.accounts.filter((a) => a !== account);
      state.groups = state.groups
        .filter((g) => !(g.name === name && g.gid === account.gid))
        .map((g) => ({ ...g, members: g.members.filter((m) => m !== name) }));
      delete state.passwords[name];
      writeAccounts(services.fs, state);
      if (!flags.has('r')) return ok();
      let stderr = `userdel: ${name} mail spool (/var/mail/${name}) not found\n`;
      try {
        await services.fs.rm(account.home, { recursive: true });
      } catch (error) {
        stderr += `userdel: ${account.home} not removed: ${errorText(error)}\n`;
      }
      return { stdout: '', stderr, exitCode: 0 };
    },
  };
}

/** `passwd [USER]`: a user changes their own password (giving the current one first); root changes anyone's. */
function passwdCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'passwd',
    async execute(args) {
      const fs = services.fs;
      const state = readAccounts(fs);
      const me = state.accounts.find((a) => a.uid === fs.user.uid);
      const name = args.find((arg) => !arg.startsWith('-')) ?? me?.name ?? '';
      if (fs.user.uid !== 0 && name !== me?.name)
        return fail(`passwd: You may not view or modify password information for ${name}.\n`);
      if (!state.accounts.some((a) => a.name === name)) return fail(`passwd: user '${name}' does not exist\n`);
      if (fs.user.uid !== 0) {
        const current = await askFor(services, {
          prompt: `Changing password for ${name}.\nCurrent password: `,
          hidden: true,
        });
        if (current === null || passwordHash(current) !== state.passwords[name]) {
          return fail('passwd: Authentication token manipulation error\npasswd: password unchanged\n', 10);
        }
      }
      const password = await newPassword(services);
      if ('problem' in password) return fail(password.problem, 10);
      setPassword(fs, name, password.hash);
      return ok('passwd: password updated successfully\n');
    },
  };
}

/** The account tools: `useradd`, `adduser`, `usermod`, `groupadd`, `gpasswd`, `userdel`, `passwd`. */
export function accountAdminCommands(services: ShellServices): LearnerCommand[] {
  return [
    useraddCommand(services),
    adduserCommand(services),
    usermodCommand(services),
    groupaddCommand(services),
    gpasswdCommand(services),
    userdelCommand(services),
    passwdCommand(services),
  ];
}
