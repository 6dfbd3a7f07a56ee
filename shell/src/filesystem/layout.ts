import { LEARNER_ACCOUNT } from '@lta/labs';
import type { LearnerFs } from './learner-fs.js';

/** The learner's account, as `id`, `ls -l` and the prompt show it. */
export const LEARNER = LEARNER_ACCOUNT;
export const HOSTNAME = 'academy';
/** The address of the DNS server of the simulated network, as `/etc/resolv.conf` names it. */
export const NAMESERVER = '10.0.0.2';

/** What `useradd -m` copies into a new home, as Debian's /etc/skel has it (shortened). */
export const SKELETON: Record<string, string> = {
  '.bash_logout': '# ~/.bash_logout: executed by bash(1) when login shell exits.\n',
  '.bashrc': "# ~/.bashrc: executed by bash(1) for non-login shells.\nalias ll='ls -l'\n",
  '.profile': '# ~/.profile: executed by the command interpreter for login shells.\n',
};

/**
 * Writes the root-owned system tree a Debian-like machine has: /etc, /tmp (sticky), /etc/skel, the learner's home
 * (the learner's). The accounts (/etc/passwd, /etc/group, /etc/shadow) are the users part's (`machine/users/`).
 */
export function writeSystemLayout(fs: LearnerFs, hostname: string = HOSTNAME): void {
  for (const dir of [
    '/bin',
    '/usr/bin',
    '/usr/sbin',
    '/usr/local/bin',
    '/usr/share',
    '/var/log',
    '/root',
    '/etc',
    '/home',
    '/opt',
    '/srv',
  ]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.chmodSync('/root', 0o700);
  fs.mkdirSync('/tmp', { recursive: true }, 0o1777);
  fs.mkdirSync(LEARNER.home, { recursive: true }, 0o755, LEARNER);
  for (const [name, text] of Object.entries(SKELETON)) fs.writeFileSync(`/etc/skel/${name}`, text);
  fs.writeFileSync('/etc/hostname', `${hostname}\n`);
  fs.writeFileSync('/etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n`);
  fs.writeFileSync('/etc/resolv.conf', `nameserver ${NAMESERVER}\n`);
  fs.writeFileSync('/etc/shells', '/bin/sh\n/bin/bash\n');
  fs.writeFileSync(
    '/etc/os-release',
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
  );
  fs.writeFileSync('/var/log/syslog', '');
}
