import type { UsersState } from '@lta/labs';
import { accountsOf, GROUP, groupLine, PASSWD, passwdLine, SHADOW } from '../../filesystem/accounts.js';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { decodeUtf8 } from '../../text.js';

/** The fields of a /etc/shadow line after the password: last change (days since 1970), min, max, warn. */
const SHADOW_TAIL = '19700:0:99999:7:::';

/** Writes the accounts into /etc/passwd, /etc/group (644) and /etc/shadow (640: root may read it, no one else). */
export function writeAccounts(fs: LearnerFs, state: UsersState): void {
  fs.writeFileSync(
    PASSWD,
    state.accounts.map((account) => `${passwdLine({ ...account, gecos: gecosOf(account.name) })}\n`).join(''),
  );
  fs.writeFileSync(GROUP, state.groups.map((group) => `${groupLine(group)}\n`).join(''));
  writeShadow(fs, state.passwords);
}

/** The comment field: the learner's full name, each system account's own name. */
function gecosOf(name: string): string {
  return name === 'learner' ? 'Learner' : name === 'root' || name === 'daemon' || name === 'www-data' ? name : '';
}

/** Writes /etc/shadow from each account's password field. */
export function writeShadow(fs: LearnerFs, passwords: Record<string, string>): void {
  const text = Object.entries(passwords)
    .map(([name, hash]) => `${name}:${hash}:${SHADOW_TAIL}\n`)
    .join('');
  fs.writeFileSync(SHADOW, text, undefined, { mode: 0o640 });
}

/** Each account's password field, as /etc/shadow has it now. */
export function readPasswords(fs: LearnerFs): Record<string, string> {
  const node = fs.nodeAt(SHADOW);
  const passwords: Record<string, string> = {};
  if (node?.type !== 'file') return passwords;
  for (const line of decodeUtf8(node.inode.data).split('\n')) {
    const [name, hash] = line.split(':');
    if (name && hash !== undefined) passwords[name] = hash;
  }
  return passwords;
}

/** The accounts as the files have them now (the part's state for the snapshot). */
export function readAccounts(fs: LearnerFs): UsersState {
  const accounts = accountsOf(fs);
  return {
    accounts: accounts.accounts().map(({ name, uid, gid, home, shell }) => ({ name, uid, gid, home, shell })),
    groups: accounts.groups().map(({ name, gid, members }) => ({ name, gid, members: [...members] })),
    passwords: readPasswords(fs),
  };
}
