import { accountsOf } from '../../filesystem/accounts.js';
import { errorText, type Ownership } from '../../filesystem/learner-fs.js';
import { fail, type LearnerCommand, type ShellServices } from '../../commands/command.js';

/** What `chown OWNER[:GROUP]` or `chgrp GROUP` asks for, or the message for a name no account has. */
type Wanted = { ok: true; owner: Partial<Ownership> } | { ok: false; message: string };

function wantedOwner(services: ShellServices, command: 'chown' | 'chgrp', spec: string): Wanted {
  const accounts = accountsOf(services.fs);
  if (command === 'chgrp') {
    const gid = accounts.gidOf(spec);
    return gid === undefined ? { ok: false, message: `chgrp: invalid group: '${spec}'` } : { ok: true, owner: { gid } };
  }
  const colon = spec.indexOf(':');
  const user = colon < 0 ? spec : spec.slice(0, colon);
  const group = colon < 0 ? '' : spec.slice(colon + 1);
  const owner: Partial<Ownership> = {};
  if (user) {
    const uid = accounts.uidOf(user);
    if (uid === undefined) return { ok: false, message: `chown: invalid user: '${spec}'` };
    owner.uid = uid;
    // `alice:` means alice's login group.
    if (colon >= 0 && !group) owner.gid = accounts.account(uid)?.gid;
  }
  if (group) {
    const gid = accounts.gidOf(group);
    if (gid === undefined) return { ok: false, message: `chown: invalid group: '${spec}'` };
    owner.gid = gid;
  }
  return { ok: true, owner };
}

/**
 * `chown [-R] [-v] [-h] OWNER[:GROUP] FILE...` and `chgrp [-R] [-v] [-h] GROUP FILE...`: only root may give a file
 * away; a file's owner may give it to one of their own groups (the filesystem's `chown` rule).
 */
export function ownershipCommand(command: 'chown' | 'chgrp', services: ShellServices): LearnerCommand {
  return {
    name: command,
    async execute(args, ctx) {
      const fs = services.fs;
      const options = new Set<string>();
      const operands: string[] = [];
      for (const arg of args) {
        if (arg === '--recursive') options.add('R');
        else if (arg === '--verbose') options.add('v');
        else if (arg === '--no-dereference') options.add('h');
        else if (arg.startsWith('-') && arg.length > 1 && operands.length === 0) {
          for (const ch of arg.slice(1)) {
            if (!'Rvhcf'.includes(ch))
              return fail(`${command}: invalid option -- '${ch}'\nTry '${command} --help' for more information.\n`);
            options.add(ch);
          }
        } else operands.push(arg);
      }
      if (operands.length === 0)
        return fail(`${command}: missing operand\nTry '${command} --help' for more information.\n`);
      if (operands.length === 1)
        return fail(
          `${command}: missing operand after '${operands[0]}'\nTry '${command} --help' for more information.\n`,
        );
      const wanted = wantedOwner(services, command, operands[0]!);
      if (!wanted.ok) return fail(`${wanted.message}\n`);
      const accounts = accountsOf(fs);
      let stdout = '';
      let stderr = '';
      const change = async (path: string, shown: string, top: boolean): Promise<void> => {
        try {
          const before = await fs.ownership(path, top && !options.has('h'));
          fs.chown(path, wanted.owner, top && !options.has('h'));
          if (options.has('v') || options.has('c')) {
            const after = await fs.ownership(path, top && !options.has('h'));
            const describe = (o: Ownership) =>
              command === 'chgrp'
                ? accounts.groupName(o.gid)
                : `${accounts.userName(o.uid)}${wanted.owner.gid !== undefined ? `:${accounts.groupName(o.gid)}` : ''}`;
            const changed = before.uid !== after.uid || before.gid !== after.gid;
            const what = command === 'chgrp' ? 'group' : 'ownership';
            if (changed) stdout += `changed ${what} of '${shown}' from ${describe(before)} to ${describe(after)}\n`;
            else if (options.has('v')) stdout += `${what} of '${shown}' retained as ${describe(after)}\n`;
          }
        } catch (error) {
          const reason = errorText(error);
          stderr +=
            reason === 'No such file or directory'
              ? `${command}: cannot access '${shown}': ${reason}\n`
              : `${command}: changing ${command === 'chgrp' ? 'group' : 'ownership'} of '${shown}': ${reason}\n`;
          return;
        }
        if (!options.has('R')) return;
        const stat = await fs.lstat(path);
        if (!stat.isDirectory) return;
        let names: string[];
        try {
          names = await fs.readdir(path);
        } catch (error) {
          stderr += `${command}: cannot read directory '${shown}': ${errorText(error)}\n`;
          return;
        }
        for (const name of names)
          await change(`${path === '/' ? '' : path}/${name}`, `${shown.replace(/\/$/, '')}/${name}`, false);
      };
      for (const operand of operands.slice(1)) await change(fs.resolvePath(ctx.cwd, operand), operand, true);
      return { stdout, stderr, exitCode: stderr ? 1 : 0 };
    },
  };
}
