import { defineModule } from './define.js';

/** What every lab of this module tells the learner: their own password, the one sudo asks for. */
const PASSWORD_NOTE =
  'Your password on this machine is `learner`; `sudo` asks for it (nothing shows while you type it).';

/** Module: who you are on a Linux machine, doing things as root with sudo, accounts, groups and owners. */
export const users = defineModule(
  'users',
  'Users, groups and sudo',
  'See who you are (id, groups, /etc/passwd), run commands as root with sudo, create accounts and groups, and hand files to other users and groups with chown and chgrp.',
  [
    {
      id: 'users-who-am-i',
      title: 'Who am I on this machine?',
      xp: 30,
      difficulty: 'beginner',
      story:
        'First day as the Northwind Traders admin. Before you touch anything, the handbook says: write down which ' +
        'groups your account is in, and find the account the web server runs as in `/etc/passwd`, the list of every ' +
        'account (name:x:uid:gid:comment:home:shell).',
      files: {},
      machine: { users: {} },
      steps: [
        {
          title: 'Your groups',
          instructions: 'Save the groups you are in into `~/groups.txt` with `groups` (or look with `id` first).',
          checks: [
            { kind: 'ran', command: 'groups', into: '~/groups.txt', message: 'groups wrote ~/groups.txt' },
            {
              kind: 'file-matches',
              path: '~/groups.txt',
              pattern: String.raw`(^|\s)sudo\s*$`,
              message: 'groups.txt lists your groups, sudo among them',
            },
          ],
          hints: [
            '`id` shows your user id, your main group and every other group; `groups` prints just the group names.',
            '`groups > ~/groups.txt`',
          ],
        },
        {
          title: "The web server's account",
          instructions:
            'Save the line of `/etc/passwd` for the account `www-data` into `~/web-account.txt`, with `grep`.',
          checks: [
            {
              kind: 'ran',
              command: 'grep',
              operands: ['/etc/passwd'],
              into: '~/web-account.txt',
              message: 'grep searched /etc/passwd into ~/web-account.txt',
            },
            {
              kind: 'file-matches',
              path: '~/web-account.txt',
              pattern: '^www-data:x:33:33:[^\\n]*\\n?$',
              message: "web-account.txt holds www-data's line only",
            },
          ],
          hints: [
            'Each line of /etc/passwd starts with the account name.',
            '`grep www-data /etc/passwd > ~/web-account.txt`',
          ],
        },
      ],
      recap:
        'You can tell who you are (`whoami`, `id`, `groups`) and read an account in /etc/passwd: name, uid, gid, home and shell.',
      solution: ['groups > ~/groups.txt', 'grep www-data /etc/passwd > ~/web-account.txt'],
    },
    {
      id: 'users-sudo',
      title: 'A notice only root can post',
      xp: 35,
      difficulty: 'beginner',
      story:
        'Maintenance is planned for Friday night. The notice belongs in `/etc/motd`, the message users see when ' +
        'they log in, and only root may write in `/etc`. You are in group `sudo`, so you may run a command as root: ' +
        `\`sudo COMMAND\`. ${PASSWORD_NOTE}`,
      files: {},
      machine: { users: {} },
      steps: [
        {
          title: 'Write the notice as root',
          instructions:
            'Put the line `Maintenance Friday 22:00` into `/etc/motd`. `sudo echo ... > /etc/motd` fails: your own shell opens the file before sudo runs. Pipe the text into `sudo tee /etc/motd` instead.',
          checks: [
            {
              kind: 'file-matches',
              path: '/etc/motd',
              pattern: '^Maintenance Friday 22:00\\n?$',
              message: '/etc/motd holds the notice',
            },
            { kind: 'file-owner', path: '/etc/motd', owner: 'root', message: 'root owns /etc/motd' },
          ],
          hints: [
            '`tee FILE` writes what it reads into FILE; run it with sudo so that root opens the file.',
            "`echo 'Maintenance Friday 22:00' | sudo tee /etc/motd`, then type your password, `learner`.",
          ],
        },
        {
          title: 'What may you do?',
          instructions: 'Ask sudo what you are allowed to run as root: `sudo -l`.',
          checks: [{ kind: 'ran', command: 'sudo', options: ['-l'], message: 'You listed your sudo rights' }],
          hints: [
            'sudo has an option that lists the rules for you.',
            '`sudo -l` (your password is `learner` if it asks)',
          ],
        },
      ],
      recap:
        'You can run one command as root with `sudo`, write a root-owned file with `| sudo tee`, and see your rights with `sudo -l`.',
      solution: ["echo 'Maintenance Friday 22:00' | sudo tee /etc/motd", 'learner', 'sudo -l'],
    },
    {
      id: 'users-new-colleague',
      title: 'A new colleague',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'Maya joins the developers on Monday. She needs an account `maya` with a home directory and bash as her ' +
        `shell, and she must be in the group \`developers\`. ${PASSWORD_NOTE}`,
      files: {},
      machine: { users: { groups: ['developers'] } },
      steps: [
        {
          title: 'Create the account',
          instructions:
            'Create the account `maya` with a home directory (`-m`) and the shell `/bin/bash` (`-s`), using `sudo useradd`.',
          checks: [
            { kind: 'user-exists', user: 'maya', message: 'The account maya exists' },
            { kind: 'exists', path: '/home/maya', type: 'dir', message: 'maya has a home directory' },
            { kind: 'file-owner', path: '/home/maya', owner: 'maya', group: 'maya', message: 'maya owns her home' },
          ],
          hints: [
            '`useradd` creates accounts; only root may, and `-m` makes the home directory.',
            '`sudo useradd -m -s /bin/bash maya`',
          ],
        },
        {
          title: 'Join the developers',
          instructions: 'Add `maya` to the group `developers`, keeping her other groups (`usermod -aG`).',
          checks: [{ kind: 'user-in-group', user: 'maya', group: 'developers', message: 'maya is in developers' }],
          hints: [
            '`usermod -G` sets the extra groups; with `-a` it appends instead of replacing.',
            '`sudo usermod -aG developers maya`, then check with `id maya`',
          ],
        },
      ],
      recap:
        'You can create an account with its home (`useradd -m`), add it to a group (`usermod -aG`), and check with `id USER`.',
      solution: ['sudo useradd -m -s /bin/bash maya', 'learner', 'sudo usermod -aG developers maya', 'id maya'],
    },
    {
      id: 'users-hand-over',
      title: 'Hand the reports over',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'The quarterly reports in `/srv/reports` were copied there by root, so root owns them. From now on Ana of ' +
        `finance owns the Q3 report, and the whole folder belongs to the group \`finance\`. ${PASSWORD_NOTE}`,
      files: {
        '/srv/reports/q3.csv': 'month,revenue\njul,41200\naug,39800\nsep,44100\n',
        '/srv/reports/q2.csv': 'month,revenue\napr,38100\nmay,40500\njun,42900\n',
      },
      machine: { users: { groups: ['finance'], accounts: [{ name: 'ana', groups: ['finance'] }] } },
      steps: [
        {
          title: 'Give the Q3 report to Ana',
          instructions:
            'Make `ana` the owner and `finance` the group of `/srv/reports/q3.csv` in one `chown` (`OWNER:GROUP`). Only root may give a file away.',
          checks: [
            {
              kind: 'file-owner',
              path: '/srv/reports/q3.csv',
              owner: 'ana',
              group: 'finance',
              message: 'q3.csv belongs to ana, group finance',
            },
          ],
          hints: [
            '`chown USER:GROUP FILE` sets both; try it without sudo to see Linux refuse.',
            '`sudo chown ana:finance /srv/reports/q3.csv`',
          ],
        },
        {
          title: 'The folder to finance',
          instructions:
            'Give `/srv/reports` and everything in it to the group `finance` with `chgrp -R`, keeping the owners.',
          checks: [
            {
              kind: 'file-owner',
              path: '/srv/reports',
              owner: 'root',
              group: 'finance',
              message: '/srv/reports: root, group finance',
            },
            {
              kind: 'file-owner',
              path: '/srv/reports/q2.csv',
              owner: 'root',
              group: 'finance',
              message: 'q2.csv: root, group finance',
            },
            {
              kind: 'file-owner',
              path: '/srv/reports/q3.csv',
              owner: 'ana',
              group: 'finance',
              message: "q3.csv is still ana's",
            },
          ],
          hints: [
            '`chgrp` changes only the group; `-R` goes into the directory.',
            '`sudo chgrp -R finance /srv/reports`, then `ls -l /srv/reports`',
          ],
        },
      ],
      recap:
        'You can give files to another owner and group with `chown USER:GROUP` and `chgrp -R`, as root, and read the result in `ls -l`.',
      solution: [
        'sudo chown ana:finance /srv/reports/q3.csv',
        'learner',
        'sudo chgrp -R finance /srv/reports',
        'ls -l /srv/reports',
      ],
    },
    {
      id: 'users-team-folder',
      title: 'Capstone: a folder the design team shares',
      xp: 60,
      difficulty: 'advanced',
      story:
        'The designers want one folder where all of them can work on the same files. Set it up the Linux way: a ' +
        'group `design` with Tom (a new account) and you in it, and a directory `/srv/design` of that group with ' +
        'the setgid bit, so that every file created in it belongs to `design` whoever creates it. Then show it ' +
        `works: create \`/srv/design/brief.txt\` as Tom (\`sudo -u tom ...\`). ${PASSWORD_NOTE}`,
      files: {},
      machine: { users: {} },
      steps: [
        {
          title: 'The team',
          instructions:
            'Create the group `design`, create the account `tom` with a home, and put both `tom` and `learner` in `design`.',
          checks: [
            { kind: 'group-exists', group: 'design', message: 'The group design exists' },
            { kind: 'user-in-group', user: 'tom', group: 'design', message: 'tom is in design' },
            { kind: 'user-in-group', user: 'learner', group: 'design', message: 'you are in design' },
            { kind: 'exists', path: '/home/tom', type: 'dir', message: 'tom has a home' },
          ],
          hints: [
            '`groupadd`, `useradd -m` and `usermod -aG`, each with sudo.',
            '`sudo groupadd design`, `sudo useradd -m tom`, `sudo usermod -aG design tom`, `sudo usermod -aG design learner`',
          ],
        },
        {
          title: 'The shared folder',
          instructions:
            'Create `/srv/design`, give it to the group `design`, and set its mode to `2775` (rwxrwsr-x: the group may write, and setgid passes the group on).',
          checks: [
            {
              kind: 'file-owner',
              path: '/srv/design',
              group: 'design',
              message: '/srv/design belongs to group design',
            },
            { kind: 'file-mode', path: '/srv/design', mode: '2775', message: '/srv/design is 2775 (drwxrwsr-x)' },
          ],
          hints: [
            'The 2 in front of 775 is the setgid bit; `ls -ld` shows it as `s` in the group part.',
            '`sudo mkdir /srv/design`, `sudo chgrp design /srv/design`, `sudo chmod 2775 /srv/design`',
          ],
        },
        {
          title: 'Tom creates the brief',
          instructions:
            'As Tom, create `/srv/design/brief.txt` (`sudo -u tom touch ...`); check with `ls -l` that its group is `design`.',
          checks: [
            {
              kind: 'file-owner',
              path: '/srv/design/brief.txt',
              owner: 'tom',
              group: 'design',
              message: "brief.txt is tom's, group design",
            },
          ],
          hints: [
            '`sudo -u USER COMMAND` runs a command as that user instead of root.',
            '`sudo -u tom touch /srv/design/brief.txt`, then `ls -l /srv/design`',
          ],
        },
      ],
      recap:
        "You can set up a team: a group (`groupadd`), accounts in it (`useradd -m`, `usermod -aG`), and a shared directory whose setgid bit (`chmod 2775`) gives every new file the team's group.",
      solution: [
        'sudo groupadd design',
        'learner',
        'sudo useradd -m tom',
        'sudo usermod -aG design tom',
        'sudo usermod -aG design learner',
        'sudo mkdir /srv/design',
        'sudo chgrp design /srv/design',
        'sudo chmod 2775 /srv/design',
        'sudo -u tom touch /srv/design/brief.txt',
        'ls -l /srv/design',
      ],
    },
  ],
);
