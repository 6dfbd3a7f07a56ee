import { defaultUsers, type UsersState } from '@lta/labs';
import type { MachinePartStarter } from '../index.js';
import { ownershipCommand } from './ownership.js';
import { accountAdminCommands } from './account-admin.js';
import { readAccounts, writeAccounts } from './account-files.js';
import { identityCommands } from './identity.js';
import { sudoCommand, suCommand } from './privilege.js';

/**
 * Accounts, groups and privilege: the accounts live in /etc/passwd, /etc/group and /etc/shadow, written at the start
 * from the lab's declaration (or a machine's usual accounts) and read back for the snapshot, so `id`, `ls -l`,
 * `sudo` and a hand edit of /etc/group by root always agree.
 */
export const usersStarter: MachinePartStarter = {
  key: 'users',
  start(state, services) {
    const declared = state as UsersState | undefined;
    const usual = JSON.stringify(defaultUsers());
    writeAccounts(services.fs, declared ?? defaultUsers());
    return {
      commands: [
        ...identityCommands(services),
        ownershipCommand('chown', services),
        ownershipCommand('chgrp', services),
        ...accountAdminCommands(services),
        sudoCommand(services),
        suCommand(services),
      ],
      state() {
        const now = readAccounts(services.fs);
        // A lab that declares no accounts and whose learner changed none keeps its snapshot as small as before.
        return declared === undefined && JSON.stringify(now) === usual ? undefined : now;
      },
    };
  },
};
