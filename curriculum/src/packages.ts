import { debFile } from '@lta/labs';
import { defineModule } from './define.js';

/** What the labs that change the system tell the learner: their password, and apt's question. */
const SUDO_NOTE = 'Your password is `learner`; `sudo` asks for it once (nothing shows while you type it).';

/** The vendor's download in the learner's home: a real .deb of the simulated world (see `debFile`). */
const DEB = '~/downloads/skyline-agent_2.3.1_amd64.deb';

/** Module: find out what is installed, where a program came from, and what the repository offers. */
export const packages = defineModule(
  'packages',
  'Installing software',
  "Ask the package database (dpkg -l, -S, -L) what is installed and which package owns a file, search the Debian repository (apt search, apt show), install with sudo apt after apt update, install a vendor's .deb file and fix its dependencies, and remove, purge and autoremove what is no longer needed.",
  [
    {
      id: 'pkg-what-is-installed',
      title: 'Where did jq come from?',
      xp: 35,
      difficulty: 'beginner',
      story:
        'The deploy scripts on this server call `jq`. Before you rely on it, the team lead wants proof of where it ' +
        "comes from: which package put `/usr/bin/jq` on the machine, and what else that package's library installed. " +
        'The package database (`dpkg`) knows every file every package brought.',
      files: {},
      machine: { packages: { installed: ['jq', 'tree'] } },
      steps: [
        {
          title: 'What is installed?',
          instructions:
            'List the installed packages with `dpkg -l`. Each line starting with `ii` is a package that is installed.',
          checks: [
            {
              kind: 'ran',
              command: 'dpkg|dpkg-query',
              options: ['-l'],
              message: 'You listed the installed packages with dpkg -l',
            },
          ],
          hints: ["dpkg is Debian's package database tool; `-l` lists.", '`dpkg -l`'],
        },
        {
          title: 'Who owns /usr/bin/jq?',
          instructions:
            'Ask dpkg which package owns `/usr/bin/jq` (`-S` searches the files of installed packages) and save its answer into `~/owner.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'dpkg|dpkg-query',
              options: ['-S'],
              into: '~/owner.txt',
              message: 'dpkg -S wrote its answer into ~/owner.txt',
            },
            {
              kind: 'file-matches',
              path: '~/owner.txt',
              pattern: String.raw`^jq: /usr/bin/jq\s*$`,
              message: 'owner.txt says the jq package owns /usr/bin/jq',
            },
          ],
          hints: [
            '`dpkg -S PATH` answers `package: PATH`.',
            'Send its output into the file with `>`.',
            '`dpkg -S /usr/bin/jq > ~/owner.txt`',
          ],
        },
        {
          title: 'What did the library bring?',
          instructions:
            'jq depends on the library package `libjq1`. List the files `libjq1` installed (`dpkg -L`) into `~/libjq1-files.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'dpkg|dpkg-query',
              options: ['-L'],
              operands: ['libjq1'],
              into: '~/libjq1-files.txt',
              message: 'dpkg -L libjq1 wrote its list into ~/libjq1-files.txt',
            },
            {
              kind: 'file-contains',
              path: '~/libjq1-files.txt',
              text: '/usr/lib/x86_64-linux-gnu/libjq.so.1',
              message: 'The list names the shared library libjq.so.1',
            },
          ],
          hints: ['`-L` lists the files of an installed package.', '`dpkg -L libjq1 > ~/libjq1-files.txt`'],
        },
      ],
      recap:
        'You can ask dpkg what is installed (`dpkg -l`), which package owns a file (`dpkg -S`) and which files a package installed (`dpkg -L`).',
      solution: ['dpkg -l', 'dpkg -S /usr/bin/jq > ~/owner.txt', 'dpkg -L libjq1 > ~/libjq1-files.txt'],
    },
    {
      id: 'pkg-search-repository',
      title: 'Shopping in the repository',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'The disk of this server keeps filling up and `du` output is hard to read. Someone mentioned a full-screen ' +
        '"disk usage viewer" in Debian\'s repository. Find it with `apt search`, then read its details with ' +
        '`apt show` before anyone installs it.',
      files: {},
      machine: { packages: {} },
      steps: [
        {
          title: 'Search the repository',
          instructions:
            'Search the package descriptions for `"disk usage"` with `apt search` and save the results into `~/search.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'apt|apt-cache',
              operands: ['search'],
              into: '~/search.txt',
              message: 'apt search wrote its results into ~/search.txt',
            },
            { kind: 'file-contains', path: '~/search.txt', text: 'ncdu/stable', message: 'The results list ncdu' },
          ],
          hints: [
            '`apt search WORDS` looks in names and descriptions; quote words that go together.',
            '`apt search "disk usage" > ~/search.txt`',
          ],
        },
        {
          title: 'Read before you install',
          instructions:
            'Show the details of `ncdu` (version, size, dependencies) with `apt show` and save them into `~/ncdu.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'apt|apt-cache',
              operands: ['show', 'ncdu'],
              into: '~/ncdu.txt',
              message: 'apt show ncdu wrote its details into ~/ncdu.txt',
            },
            {
              kind: 'file-contains',
              path: '~/ncdu.txt',
              text: 'Depends: libncursesw6',
              message: 'The details name what ncdu depends on',
            },
          ],
          hints: [
            '`apt show PACKAGE` prints its fields: Version, Installed-Size, Depends, Description.',
            '`apt show ncdu > ~/ncdu.txt`',
          ],
        },
      ],
      recap:
        "You can search Debian's repository by words (`apt search`) and read a package's version, size and dependencies (`apt show`) before installing it.",
      solution: ['apt search "disk usage" > ~/search.txt', 'apt show ncdu > ~/ncdu.txt'],
    },
    {
      id: 'pkg-install-tool',
      title: 'Install jq',
      xp: 40,
      difficulty: 'beginner',
      story:
        'The deploy scripts need `jq`, the JSON processor, and this fresh server lacks it. apt has not fetched the package ' +
        'lists yet, so it finds nothing. Installing changes the system, so it needs root: `sudo`. ' +
        SUDO_NOTE +
        ' ' +
        'When apt must install more than you asked for (a library), it asks "Do you want to continue? [Y/n]": ' +
        'press Enter or `y`.',
      files: {},
      machine: { packages: { updated: false } },
      steps: [
        {
          title: 'Fetch the package lists',
          instructions: 'Download the lists of what the repository offers with `apt update`, as root.',
          checks: [
            {
              kind: 'ran',
              command: 'apt|apt-get',
              operands: ['update'],
              message: 'apt update fetched the package lists',
            },
          ],
          hints: [
            'apt must be root to write its lists: put `sudo` in front.',
            '`sudo apt update` (then type your password, `learner`)',
          ],
        },
        {
          title: 'Install jq',
          instructions:
            'Install the package `jq` with `apt install` as root. apt lists what it will install, including the two libraries jq needs, and asks before it goes on.',
          checks: [
            { kind: 'package-installed', package: 'jq', message: 'jq is installed' },
            { kind: 'package-installed', package: 'libjq1', message: 'Its library libjq1 came with it' },
          ],
          hints: [
            'The same as the update: `sudo`, then `apt install PACKAGE`.',
            'apt asks "Do you want to continue? [Y/n]": press Enter (yes is the default).',
            '`sudo apt install jq`, then Enter at the question',
          ],
        },
        {
          title: 'Where did it go?',
          instructions: 'Find where the `jq` program is now with `which` and save the answer into `~/where.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'which',
              operands: ['jq'],
              into: '~/where.txt',
              message: 'which jq wrote its answer into ~/where.txt',
            },
            {
              kind: 'file-matches',
              path: '~/where.txt',
              pattern: String.raw`^/usr/bin/jq\s*$`,
              message: 'where.txt says /usr/bin/jq',
            },
          ],
          hints: ['`which PROGRAM` prints the path the shell would run.', '`which jq > ~/where.txt`'],
        },
      ],
      recap:
        "You can refresh the package lists (`sudo apt update`), install a package with what it depends on (`sudo apt install`), answer apt's question, and find the program it added (`which`).",
      solution: ['sudo apt update', 'learner', 'sudo apt install jq', 'y', 'which jq > ~/where.txt'],
    },
    {
      id: 'pkg-clean-up',
      title: 'Spring cleaning',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'Someone installed toys on the production server: `sl` (a steam locomotive for mistyped `ls`) and `cowsay`. ' +
        'They go. And nginx is being replaced by another web server: remove it with its configuration. ' +
        "`apt remove` keeps a package's configuration files, `apt purge` deletes them too, and `apt autoremove` " +
        'removes the libraries nothing needs any more. ' +
        SUDO_NOTE,
      files: {},
      machine: { packages: { installed: ['sl', 'cowsay', 'nginx'] } },
      steps: [
        {
          title: 'Remove the toys',
          instructions:
            'Remove the packages `sl` and `cowsay` with `apt remove`, as root. Read what apt says about the library cowsay brought.',
          checks: [
            { kind: 'package-absent', package: 'sl', message: 'sl is removed' },
            { kind: 'package-absent', package: 'cowsay', message: 'cowsay is removed' },
          ],
          hints: [
            '`apt remove` takes several packages at once; it needs `sudo`.',
            '`sudo apt remove sl cowsay`, then Enter at the question',
          ],
        },
        {
          title: 'What nothing needs',
          instructions:
            'apt said a library was "automatically installed and is no longer required". Remove it with `apt autoremove`.',
          checks: [
            {
              kind: 'package-absent',
              package: 'libtext-charwidth-perl',
              message: 'The leftover library libtext-charwidth-perl is removed',
            },
            { kind: 'ran', command: 'apt|apt-get', operands: ['autoremove'], message: 'apt autoremove removed it' },
          ],
          hints: ['apt itself tells you the command in its message.', '`sudo apt autoremove`, then Enter'],
        },
        {
          title: 'nginx, configuration and all',
          instructions:
            'Remove nginx and its configuration (the package `nginx-common` owns /etc/nginx) with `apt purge`, so nothing of it is left.',
          checks: [
            { kind: 'package-absent', package: 'nginx', message: 'nginx is removed' },
            {
              kind: 'package-absent',
              package: 'nginx-common',
              purged: true,
              message: 'nginx-common is purged: its configuration files are gone too',
            },
            { kind: 'absent', path: '/etc/nginx/nginx.conf', message: '/etc/nginx/nginx.conf is gone' },
          ],
          hints: [
            '`apt purge` removes like `apt remove` and deletes configuration files; name both packages.',
            'If you used `apt remove`, `apt purge` afterwards still deletes what was kept (dpkg -l shows such a package as `rc`).',
            '`sudo apt purge nginx nginx-common`, then Enter',
          ],
        },
      ],
      recap:
        'You can remove packages (`apt remove`), clear out the dependencies nothing needs (`apt autoremove`), and delete a package with its configuration (`apt purge`; `rc` in `dpkg -l` means only configuration is left).',
      solution: [
        'sudo apt remove sl cowsay',
        'learner',
        'y',
        'sudo apt autoremove',
        'y',
        'sudo apt purge nginx nginx-common',
        'y',
      ],
    },
    {
      id: 'pkg-vendor-deb',
      title: "A vendor's .deb",
      xp: 50,
      difficulty: 'intermediate',
      story:
        'The monitoring team bought Skyline. Its agent does not come from the Debian repository: the vendor sent a ' +
        `package file, \`${DEB}\`. Look inside it before you install it, install it with \`dpkg\`, and when dpkg ` +
        'complains about a missing dependency, let apt fetch it from the repository and finish the job. ' +
        SUDO_NOTE,
      files: { [DEB]: debFile('skyline-agent') },
      machine: { packages: { installed: [] } },
      steps: [
        {
          title: 'Look inside first',
          instructions:
            "Show the package's control information (name, version, what it depends on) with `dpkg -I` (capital i, for info) on the file.",
          checks: [
            {
              kind: 'ran',
              command: 'dpkg',
              options: ['-I'],
              operands: [DEB],
              message: 'dpkg -I showed what the package is and needs',
            },
          ],
          hints: [
            'A .deb holds a control file: `dpkg -I FILE` prints it; `Depends:` lists what must be installed first.',
            `\`dpkg -I ${DEB}\``,
          ],
        },
        {
          title: 'Install it with dpkg',
          instructions:
            'Install the file with `dpkg -i`, as root. dpkg unpacks it, then stops: read what it says is missing. `dpkg -l skyline-agent` now shows it as `iU` (unpacked, not configured).',
          checks: [
            {
              kind: 'ran',
              command: 'dpkg',
              options: ['-i'],
              operands: [DEB],
              status: 1,
              message: 'dpkg -i unpacked the package and stopped at the missing dependency',
            },
          ],
          hints: [
            'Installing changes the system: `sudo`. dpkg installs only the file you give it, never its dependencies.',
            `\`sudo dpkg -i ${DEB}\` (your password is \`learner\`)`,
          ],
        },
        {
          title: 'Fix the dependencies',
          instructions:
            'Let apt repair the half-installed package: `apt --fix-broken install` (short: `apt -f install`) fetches what it depends on from the repository and configures it.',
          checks: [
            {
              kind: 'package-installed',
              package: 'skyline-agent',
              message: 'skyline-agent is installed and configured',
            },
            { kind: 'package-installed', package: 'jq', message: 'jq, which it depends on, is installed' },
          ],
          hints: [
            'dpkg said "dependency problems - leaving unconfigured"; apt resolves dependencies, dpkg does not.',
            'apt shows what it will install and asks "Do you want to continue? [Y/n]": press Enter.',
            '`sudo apt -f install`, then Enter',
          ],
        },
        {
          title: 'Is it running?',
          instructions: 'Save the version the agent reports (`skyline-agent --version`) into `~/agent-version.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'skyline-agent',
              options: ['--version'],
              into: '~/agent-version.txt',
              message: 'skyline-agent --version wrote ~/agent-version.txt',
            },
            {
              kind: 'file-equals',
              path: '~/agent-version.txt',
              content: 'skyline-agent 2.3.1\n',
              message: 'agent-version.txt holds the version the agent reported',
            },
          ],
          hints: ['Redirect its output with `>`.', '`skyline-agent --version > ~/agent-version.txt`'],
        },
      ],
      recap:
        '`dpkg -I FILE` shows what a .deb needs; `sudo dpkg -i FILE` installs it but leaves it unconfigured (`iU`) when a dependency is missing; `sudo apt -f install` fetches the dependencies and finishes. `sudo apt install ./FILE.deb` does both at once.',
      solution: [
        `dpkg -I ${DEB}`,
        `sudo dpkg -i ${DEB}`,
        'learner',
        'sudo apt -f install',
        'y',
        'skyline-agent --version > ~/agent-version.txt',
      ],
    },
    {
      id: 'pkg-new-server',
      title: 'Capstone: the new build server',
      xp: 60,
      difficulty: 'advanced',
      story:
        'A new build server arrived, set up by someone in a hurry: the package lists are stale, the joke package `sl` ' +
        'is on it, and the tools the deploy scripts need are missing. Get it ready and leave an inventory for the ' +
        'team: the build needs `jq` and `tree`, and the on-call people want `htop`. ' +
        SUDO_NOTE,
      files: {},
      machine: { packages: { updated: false, installed: ['sl'] } },
      steps: [
        {
          title: 'The tools',
          instructions:
            'Fetch the package lists, then install `jq`, `tree` and `htop` (one `apt install` can take all three).',
          checks: [
            { kind: 'package-installed', package: 'jq', message: 'jq is installed' },
            { kind: 'package-installed', package: 'tree', message: 'tree is installed' },
            { kind: 'package-installed', package: 'htop', message: 'htop is installed' },
          ],
          hints: [
            'apt finds nothing until `apt update` has run; both need `sudo`.',
            "`-y` answers apt's question in advance.",
            '`sudo apt update`, then `sudo apt install -y jq tree htop`',
          ],
        },
        {
          title: 'No joke',
          instructions: 'Remove `sl` completely.',
          checks: [
            { kind: 'package-absent', package: 'sl', purged: true, message: 'sl is gone, configuration included' },
          ],
          hints: ['`apt purge` leaves nothing of a package.', '`sudo apt purge -y sl`'],
        },
        {
          title: 'The inventory',
          instructions:
            'Write the names of the installed packages, one per line, into `~/inventory.txt`: `dpkg -l` lists them (installed ones start with `ii`, the name is the second field); filter its output with `awk`.',
          checks: [
            {
              kind: 'ran',
              command: 'dpkg|dpkg-query',
              options: ['-l'],
              message: 'You listed the packages with dpkg -l',
            },
            {
              kind: 'ran',
              command: 'awk',
              into: '~/inventory.txt',
              message: 'awk wrote the names into ~/inventory.txt',
            },
            {
              kind: 'file-matches',
              path: '~/inventory.txt',
              pattern: '^libjq1$',
              flags: 'm',
              message: 'The libraries apt added (libjq1) are listed too',
            },
            {
              kind: 'file-matches',
              path: '~/inventory.txt',
              pattern: '^jq$',
              flags: 'm',
              message: 'jq is on a line of its own',
            },
            {
              kind: 'file-matches',
              path: '~/inventory.txt',
              pattern: '^htop$',
              flags: 'm',
              message: 'htop is on a line of its own',
            },
            {
              kind: 'file-matches',
              path: '~/inventory.txt',
              pattern: '^sl$',
              flags: 'm',
              negate: true,
              message: 'sl is not listed',
            },
            {
              kind: 'file-matches',
              path: '~/inventory.txt',
              pattern: String.raw`[^a-z0-9.+\n-]|^\n|\n\n`,
              negate: true,
              message: 'Only package names, one per line (no header lines, no blank lines)',
            },
          ],
          hints: [
            "`awk '/^ii/ {print $2}'` prints the second field of lines starting with ii.",
            'Pipe `dpkg -l` into that awk and redirect into the file.',
            "`dpkg -l | awk '/^ii/ {print $2}' > ~/inventory.txt`",
          ],
        },
      ],
      recap:
        'You can take a server from stale lists to the tools it needs (`apt update`, `apt install -y`), remove what does not belong (`apt purge`), and turn `dpkg -l` into an inventory with `awk`.',
      solution: [
        'sudo apt update',
        'learner',
        'sudo apt install -y jq tree htop',
        'sudo apt purge -y sl',
        "dpkg -l | awk '/^ii/ {print $2}' > ~/inventory.txt",
      ],
    },
  ],
);
