import type { LearnerFs } from './learner-fs.js';

/** The learner's account, as `id`, `ls -l` and the prompt show it. */
export const LEARNER = { name: 'learner', uid: 1000, gid: 1000, home: '/home/learner' } as const;
export const HOSTNAME = 'academy';
/** The address of the DNS server of the simulated network, as `/etc/resolv.conf` names it. */
export const NAMESERVER = '10.0.0.2';

/** Writes the root-owned system tree a Debian-like machine has: /etc with accounts, /tmp, the learner's home. */
export function writeSystemLayout(fs: LearnerFs, hostname: string = HOSTNAME): void {
  for (const dir of ['/bin', '/usr/bin', '/usr/local/bin', '/usr/share', '/var/log', '/root', '/etc', '/home', '/opt', '/srv']) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.chmodSync('/root', 0o700);
  fs.mkdirSync('/tmp', { recursive: true }, 0o1777);
  fs.mkdirSync(LEARNER.home, { recursive: true });
  fs.writeFileSync(
    '/etc/passwd',
    [
      'root:x:0:0:root:/root:/bin/bash',
      'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
      'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin',
      `${LEARNER.name}:x:${LEARNER.uid}:${LEARNER.gid}:Learner:${LEARNER.home}:/bin/bash`,
      '',
    ].join('\n'),
  );
  fs.writeFileSync('/etc/group', `root:x:0:\nsudo:x:27:\n${LEARNER.name}:x:${LEARNER.gid}:\n`);
  fs.writeFileSync('/etc/shadow', 'root:*:19000:0:99999:7:::\n', undefined, { mode: 0o640 });
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
