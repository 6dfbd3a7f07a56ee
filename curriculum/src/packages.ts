import { defineModule } from './define.js';

/** Module: find out what is installed, where a program came from, and what the repository offers. */
export const packages = defineModule(
  'packages',
  'Installing software',
  'Ask the package database (dpkg -l, -S, -L) what is installed and which package owns a file, and search the Debian repository with apt search and apt show.',
  [
    {
      id: 'pkg-what-is-installed',
      title: 'Where did jq come from?',
      xp: 35,
      difficulty: 'beginner',
      story:
        'The deploy scripts on this server call `jq`. Before you rely on it, the team lead wants proof of where it ' +
        'comes from: which package put `/usr/bin/jq` on the machine, and what else that package\'s library installed. ' +
        'The package database (`dpkg`) knows every file every package brought.',
      files: {},
      machine: { packages: { installed: ['jq', 'tree'] } },
      steps: [
        {
          title: 'What is installed?',
          instructions: 'List the installed packages with `dpkg -l`. Each line starting with `ii` is a package that is installed.',
          checks: [{ kind: 'ran', command: 'dpkg|dpkg-query', options: ['-l'], message: 'You listed the installed packages with dpkg -l' }],
          hints: ['dpkg is Debian\'s package database tool; `-l` lists.', '`dpkg -l`'],
        },
        {
          title: 'Who owns /usr/bin/jq?',
          instructions: 'Ask dpkg which package owns `/usr/bin/jq` (`-S` searches the files of installed packages) and save its answer into `~/owner.txt`.',
          checks: [
            { kind: 'ran', command: 'dpkg|dpkg-query', options: ['-S'], into: '~/owner.txt', message: 'dpkg -S wrote its answer into ~/owner.txt' },
            { kind: 'file-matches', path: '~/owner.txt', pattern: String.raw`^jq: /usr/bin/jq\s*$`, message: 'owner.txt says the jq package owns /usr/bin/jq' },
          ],
          hints: ['`dpkg -S PATH` answers `package: PATH`.', 'Send its output into the file with `>`.', '`dpkg -S /usr/bin/jq > ~/owner.txt`'],
        },
        {
          title: 'What did the library bring?',
          instructions: 'jq depends on the library package `libjq1`. List the files `libjq1` installed (`dpkg -L`) into `~/libjq1-files.txt`.',
          checks: [
            { kind: 'ran', command: 'dpkg|dpkg-query', options: ['-L'], operands: ['libjq1'], into: '~/libjq1-files.txt', message: 'dpkg -L libjq1 wrote its list into ~/libjq1-files.txt' },
            { kind: 'file-contains', path: '~/libjq1-files.txt', text: '/usr/lib/x86_64-linux-gnu/libjq.so.1', message: 'The list names the shared library libjq.so.1' },
          ],
          hints: ['`-L` lists the files of an installed package.', '`dpkg -L libjq1 > ~/libjq1-files.txt`'],
        },
      ],
      recap: 'You can ask dpkg what is installed (`dpkg -l`), which package owns a file (`dpkg -S`) and which files a package installed (`dpkg -L`).',
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
          instructions: 'Search the package descriptions for `"disk usage"` with `apt search` and save the results into `~/search.txt`.',
          checks: [
            { kind: 'ran', command: 'apt|apt-cache', operands: ['search'], into: '~/search.txt', message: 'apt search wrote its results into ~/search.txt' },
            { kind: 'file-contains', path: '~/search.txt', text: 'ncdu/stable', message: 'The results list ncdu' },
          ],
          hints: ['`apt search WORDS` looks in names and descriptions; quote words that go together.', '`apt search "disk usage" > ~/search.txt`'],
        },
        {
          title: 'Read before you install',
          instructions: 'Show the details of `ncdu` (version, size, dependencies) with `apt show` and save them into `~/ncdu.txt`.',
          checks: [
            { kind: 'ran', command: 'apt|apt-cache', operands: ['show', 'ncdu'], into: '~/ncdu.txt', message: 'apt show ncdu wrote its details into ~/ncdu.txt' },
            { kind: 'file-contains', path: '~/ncdu.txt', text: 'Depends: libncursesw6', message: 'The details name what ncdu depends on' },
          ],
          hints: ['`apt show PACKAGE` prints its fields: Version, Installed-Size, Depends, Description.', '`apt show ncdu > ~/ncdu.txt`'],
        },
      ],
      recap: 'You can search Debian\'s repository by words (`apt search`) and read a package\'s version, size and dependencies (`apt show`) before installing it.',
      solution: ['apt search "disk usage" > ~/search.txt', 'apt show ncdu > ~/ncdu.txt'],
    },
  ],
);
