import type { LabFile } from '@lta/labs';
import { holdsContentOf, unchanged } from './checks.js';
import { defineModule } from './define.js';

const SHOOT: Record<string, LabFile> = {
  '~/shoot/DSC_1001.JPG': 'JFIF chai tin, front\n',
  '~/shoot/DSC_1002.JPG': 'JFIF chai tin, back\n',
  '~/shoot/DSC_1003.JPG': 'JFIF chang bottle\n',
  '~/shoot/DSC_1004.JPG': 'JFIF aniseed syrup\n',
  '~/shoot/DSC_1005.JPG': 'JFIF gravlax platter\n',
  '~/shoot/contact-sheet.pdf': '%PDF-1.4 contact sheet\n',
};
const PHOTOS = Object.keys(SHOOT).filter((path) => path.endsWith('.JPG'));

const ETC: Record<string, LabFile> = {
  '~/etc-copy/nginx.conf':
    'server {\n    listen 80;\n    server_name shop.northwind.example;\n    root /srv/shop;\n}\n',
  '~/etc-copy/app.conf': '[database]\nhost = db-new.internal\n',
};

/** Module 12: put commands in files and give them logic. */
export const scripting = defineModule(
  'scripting',
  'Shell scripting',
  'Write scripts: a shebang and execute permission, variables and arguments, conditions and exit codes, loops over files, and functions.',
  [
    {
      id: 'script-first',
      title: 'Your first script',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'Every morning you type the same three commands to check the shop server. Time to put them in a script: ' +
        '`~/morning.sh`, which greets you by name, says how many orders are waiting in `~/orders`, and can be run ' +
        'like a program.',
      files: {
        '~/orders/1043.txt': '3 x Chai\n',
        '~/orders/1044.txt': '1 x Gravlax\n',
        '~/orders/1045.txt': '12 x Chang\n',
      },
      steps: [
        {
          title: 'Write the script',
          instructions:
            'Create `~/morning.sh`: first line `#!/bin/bash`, then a variable `count` holding the number of files in `~/orders` (`$(ls ~/orders | wc -l)`), then `echo "Hello $USER, $count orders waiting"`. A here-document (`cat > ~/morning.sh <<\'EOF\'` ... `EOF`) writes several lines at once.',
          checks: [
            {
              kind: 'file-matches',
              path: '~/morning.sh',
              pattern: String.raw`^#!/bin/(ba)?sh\n`,
              message: 'morning.sh starts with a shebang',
            },
            {
              kind: 'file-matches',
              path: '~/morning.sh',
              pattern: String.raw`^\s*count=`,
              flags: 'm',
              message: 'morning.sh sets a variable count',
            },
            { kind: 'file-contains', path: '~/morning.sh', text: '$count', message: 'morning.sh uses $count' },
          ],
          hints: [
            'No spaces around `=` in `count=$(...)`.',
            "Type `cat > ~/morning.sh <<'EOF'`, then the lines, then `EOF` on its own line.",
            'cat > ~/morning.sh <<\'EOF\'\n#!/bin/bash\ncount=$(ls ~/orders | wc -l)\necho "Hello $USER, $count orders waiting"\nEOF',
          ],
        },
        {
          title: 'Run it like a program',
          instructions:
            'Make it executable and run it as `~/morning.sh`. The check also runs it with more orders waiting, so let the script count them.',
          checks: [
            {
              kind: 'file-mode',
              path: '~/morning.sh',
              mode: '100',
              match: 'includes',
              message: 'morning.sh is executable',
            },
            {
              kind: 'ran',
              command: 'bash',
              operands: ['~/morning.sh'],
              lastLine: true,
              message: 'Your last command ran ~/morning.sh',
            },
            {
              kind: 'script-runs',
              path: '~/morning.sh',
              runs: [
                { on: 'the three orders waiting', stdout: 'Hello learner, 3 orders waiting', status: 0 },
                {
                  on: 'five orders waiting',
                  files: { '~/orders/1046.txt': '2 x Tofu\n', '~/orders/1047.txt': '1 x Ikura\n' },
                  stdout: 'Hello learner, 5 orders waiting',
                  status: 0,
                },
              ],
              message: 'The script counts the orders itself: with five orders waiting it says 5',
            },
            {
              kind: 'output-matches',
              pattern: String.raw`^Hello learner, 3 orders waiting$`,
              flags: 'm',
              message: 'It greeted you with 3 orders',
            },
          ],
          hints: ['`chmod +x ~/morning.sh`', 'Then `~/morning.sh`.'],
        },
      ],
      recap:
        "A script starts with `#!/bin/bash`, `chmod +x` makes it runnable, and `$(command)` puts a command's output into a variable.",
      solution: [
        'cat > ~/morning.sh <<\'EOF\'\n#!/bin/bash\ncount=$(ls ~/orders | wc -l)\necho "Hello $USER, $count orders waiting"\nEOF',
        'chmod +x ~/morning.sh',
        '~/morning.sh',
      ],
    },
    {
      id: 'script-conditions',
      title: 'Is the backup there?',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'The monitoring system runs a check script and reads only its exit code: 0 means fine, anything else raises ' +
        'an alarm. Write `~/check-backup.sh`: given a file name, it prints `OK: NAME` and exits 0 if the file exists ' +
        'and is not empty, otherwise prints `MISSING: NAME` and exits 1.',
      files: {
        '~/backups/shop-2024-03-14.sql':
          '-- PostgreSQL dump\nCREATE TABLE orders (id int primary key, total numeric);\n',
        '~/backups/shop-2024-03-15.sql': '',
      },
      steps: [
        {
          title: 'Write the check',
          instructions:
            'Use `if [ -s "$1" ]; then ... else ... fi` (`-s`: exists and is not empty) and `exit 1` in the failing branch. Make the script executable. The check runs it as the monitoring system would, on good, empty and absent dumps.',
          checks: [
            {
              kind: 'file-mode',
              path: '~/check-backup.sh',
              mode: '100',
              match: 'includes',
              message: 'The script is executable',
            },
            {
              kind: 'script-runs',
              path: '~/check-backup.sh',
              runs: [
                {
                  on: 'a dump with data',
                  args: ['backups/shop-2024-03-14.sql'],
                  stdout: 'OK: backups/shop-2024-03-14.sql',
                  status: 0,
                },
                {
                  on: 'another dump with data, with a space in its name',
                  files: { '~/backups/night 2.sql': 'CREATE TABLE t (id int);\n' },
                  args: ['backups/night 2.sql'],
                  stdout: 'OK: backups/night 2.sql',
                  status: 0,
                },
              ],
              message: 'It says OK and exits 0 for a dump with data',
            },
            {
              kind: 'script-runs',
              path: '~/check-backup.sh',
              runs: [
                {
                  on: 'an empty dump',
                  args: ['backups/shop-2024-03-15.sql'],
                  stdout: 'MISSING: backups/shop-2024-03-15.sql',
                  status: 1,
                },
                {
                  on: 'a dump that does not exist',
                  args: ['backups/shop-2024-03-16.sql'],
                  stdout: 'MISSING: backups/shop-2024-03-16.sql',
                  status: 1,
                },
              ],
              message: 'It says MISSING and exits 1 for an empty or absent dump',
            },
          ],
          hints: [
            '`$1` is the first argument.',
            'Quote "$1" so names with spaces work.',
            'cat > ~/check-backup.sh <<\'EOF\'\n#!/bin/bash\nif [ -s "$1" ]; then\n  echo "OK: $1"\nelse\n  echo "MISSING: $1"\n  exit 1\nfi\nEOF\nchmod +x ~/check-backup.sh',
          ],
        },
        {
          title: 'Catch the empty dump',
          instructions:
            "Run it on the good dump `~/backups/shop-2024-03-14.sql` (it must say OK), then on `~/backups/shop-2024-03-15.sql`: last night's dump is empty, so it must fail. `echo $?` would show the code; the check reads it directly.",
          checks: [
            {
              kind: 'ran',
              command: 'bash',
              operands: ['~/check-backup.sh', '~/backups/shop-2024-03-14.sql'],
              message: 'It passed the good dump (exit status 0)',
            },
            {
              kind: 'ran',
              command: 'bash',
              operands: ['~/check-backup.sh', '~/backups/shop-2024-03-15.sql'],
              status: 1,
              lastLine: true,
              message: 'Your last command ran it on the empty dump, and it failed (exit status 1)',
            },
            {
              kind: 'output-matches',
              pattern: String.raw`^MISSING: \S*shop-2024-03-15\.sql$`,
              flags: 'm',
              message: 'It reported the empty dump as missing',
            },
            { kind: 'exit-code', code: 1, message: 'It exited with status 1' },
          ],
          hints: ['`~/check-backup.sh ~/backups/shop-2024-03-15.sql`'],
        },
      ],
      recap:
        '`if [ -s "$1" ]; then ... else ... fi` tests a file (here: exists and is not empty), `$1` is the first argument, and `exit 1` reports a failure.',
      solution: [
        'cat > ~/check-backup.sh <<\'EOF\'\n#!/bin/bash\nif [ -s "$1" ]; then\n  echo "OK: $1"\nelse\n  echo "MISSING: $1"\n  exit 1\nfi\nEOF',
        'chmod +x ~/check-backup.sh',
        '~/check-backup.sh ~/backups/shop-2024-03-14.sql',
        '~/check-backup.sh ~/backups/shop-2024-03-15.sql',
      ],
    },
    {
      id: 'script-loops',
      title: 'Rename the photo shoot',
      xp: 50,
      difficulty: 'advanced',
      story:
        'The photographer delivered the product shots as `DSC_1001.JPG` ... with upper-case extensions, and the web ' +
        'shop only accepts `.jpg`. There are too many to rename by hand: loop over them.',
      files: SHOOT,
      steps: [
        {
          title: 'Loop and rename',
          instructions:
            'In `~/shoot`, run a `for` loop over `*.JPG` that moves each file to the same name ending in `.jpg`. `${f%.JPG}` is `$f` without its `.JPG` ending.',
          checks: [
            ...PHOTOS.flatMap((path) => [
              holdsContentOf(
                SHOOT,
                path,
                path.replace(/\.JPG$/, '.jpg'),
                `${path.slice('~/shoot/'.length, -4)}.jpg holds that photo`,
              ),
              { kind: 'absent', path, message: `${path.slice('~/shoot/'.length)} is gone` } as const,
            ]),
            unchanged(SHOOT, '~/shoot/contact-sheet.pdf', 'The contact sheet is untouched'),
          ],
          hints: [
            'for f in *.JPG; do ...; done runs the body once per file, with the name in $f.',
            'Try it with echo first: `for f in *.JPG; do echo mv "$f" "${f%.JPG}.jpg"; done`.',
            'cd ~/shoot && for f in *.JPG; do mv "$f" "${f%.JPG}.jpg"; done',
          ],
        },
        {
          title: 'Number them',
          instructions:
            'Write the renamed files, numbered from 1 with `cat -n` or a counter, into `~/shoot/index.txt` (one line each, sorted).',
          checks: [
            {
              kind: 'file-matches',
              path: '~/shoot/index.txt',
              pattern: String.raw`^\s*1\s+DSC_1001\.jpg$`,
              flags: 'm',
              message: 'index.txt starts with 1 DSC_1001.jpg',
            },
            {
              kind: 'file-matches',
              path: '~/shoot/index.txt',
              pattern: String.raw`^\s*5\s+DSC_1005\.jpg$`,
              flags: 'm',
              message: 'index.txt ends with 5 DSC_1005.jpg',
            },
            {
              kind: 'file-contains',
              path: '~/shoot/index.txt',
              text: 'contact-sheet',
              negate: true,
              message: 'index.txt lists only the photos',
            },
          ],
          hints: ['`ls *.jpg | cat -n` numbers the lines.', 'cd ~/shoot && ls *.jpg | cat -n > index.txt'],
        },
      ],
      recap:
        '`for f in *.JPG; do ...; done` runs commands for each file, `${f%.JPG}` cuts a suffix off a name, and `cat -n` numbers lines.',
      solution: ['cd ~/shoot', 'for f in *.JPG; do mv "$f" "${f%.JPG}.jpg"; done', 'ls *.jpg | cat -n > index.txt'],
    },
    {
      id: 'script-functions',
      title: 'A toolbox of functions',
      xp: 60,
      difficulty: 'advanced',
      story:
        'Before every config change you copy the file to `NAME.bak`, and you forget half the time. Write ' +
        '`~/toolbox.sh` with a function `backup` that copies its argument to `ARG.bak` and returns 1 (with a message ' +
        'on stderr) when the file does not exist. Then back up the two configs in `~/etc-copy` with it.',
      files: ETC,
      steps: [
        {
          title: 'Write the function',
          instructions:
            'In `~/toolbox.sh`, define `backup() { ... }`: if `[ ! -f "$1" ]`, print `backup: no such file: $1` to stderr (`>&2`) and `return 1`; else `cp "$1" "$1.bak"`.',
          checks: [
            {
              kind: 'file-matches',
              path: '~/toolbox.sh',
              pattern: String.raw`(^|\n)\s*(function\s+backup\b|backup\s*\(\s*\))`,
              message: 'toolbox.sh defines a backup function (backup() or function backup)',
            },
            {
              kind: 'file-matches',
              path: '~/toolbox.sh',
              pattern: String.raw`\breturn\s+1\b`,
              message: 'backup returns 1 on failure',
            },
            {
              kind: 'script-runs',
              path: '~/toolbox.sh',
              runs: [
                {
                  on: 'a config that exists',
                  call: 'backup',
                  files: { '~/etc-copy/db.conf': 'port = 5432\n' },
                  args: ['etc-copy/db.conf'],
                  status: 0,
                  leaves: { '~/etc-copy/db.conf.bak': 'port = 5432\n', '~/etc-copy/db.conf': 'port = 5432\n' },
                },
              ],
              message: 'backup copies an existing file to FILE.bak and leaves the file itself',
            },
            {
              kind: 'script-runs',
              path: '~/toolbox.sh',
              runs: [
                {
                  on: 'a missing file',
                  call: 'backup',
                  args: ['etc-copy/nothing.conf'],
                  status: 1,
                  stdout: '',
                  leaves: { '~/etc-copy/nothing.conf.bak': null },
                },
              ],
              message: 'backup returns 1 for a missing file, with its message on stderr and no .bak made',
            },
          ],
          hints: [
            "A function is `name() { commands; }`; inside it, `$1` is the function's own first argument.",
            'cat > ~/toolbox.sh <<\'EOF\'\nbackup() {\n  if [ ! -f "$1" ]; then\n    echo "backup: no such file: $1" >&2\n    return 1\n  fi\n  cp "$1" "$1.bak"\n}\nEOF',
          ],
        },
        {
          title: 'Use it',
          instructions:
            'Load the toolbox into your shell with `source ~/toolbox.sh`, back up `nginx.conf` and `app.conf` in `~/etc-copy`, then call `backup` on `~/etc-copy/missing.conf` to see it fail.',
          checks: [
            holdsContentOf(
              ETC,
              '~/etc-copy/nginx.conf',
              '~/etc-copy/nginx.conf.bak',
              'nginx.conf.bak is a copy of nginx.conf',
            ),
            holdsContentOf(ETC, '~/etc-copy/app.conf', '~/etc-copy/app.conf.bak', 'app.conf.bak is a copy of app.conf'),
            unchanged(ETC, '~/etc-copy/nginx.conf', 'nginx.conf itself is unchanged'),
            unchanged(ETC, '~/etc-copy/app.conf', 'app.conf itself is unchanged'),
            { kind: 'absent', path: '~/etc-copy/missing.conf.bak', message: 'No backup was made of a missing file' },
            {
              kind: 'output-matches',
              pattern: String.raw`backup: no such file: \S*missing\.conf`,
              message: 'backup complained about the missing file',
            },
            { kind: 'exit-code', code: 1, message: 'backup returned 1' },
          ],
          hints: [
            '`source` runs the file in your current shell, so its functions stay defined.',
            '`source ~/toolbox.sh && backup ~/etc-copy/nginx.conf && backup ~/etc-copy/app.conf`, then `backup ~/etc-copy/missing.conf`.',
          ],
        },
      ],
      recap:
        '`name() { ...; }` defines a function, `source FILE` loads functions into your shell, `>&2` writes an error message and `return 1` reports failure.',
      solution: [
        'cat > ~/toolbox.sh <<\'EOF\'\nbackup() {\n  if [ ! -f "$1" ]; then\n    echo "backup: no such file: $1" >&2\n    return 1\n  fi\n  cp "$1" "$1.bak"\n}\nEOF',
        'source ~/toolbox.sh',
        'backup ~/etc-copy/nginx.conf',
        'backup ~/etc-copy/app.conf',
        'backup ~/etc-copy/missing.conf',
      ],
    },
  ],
);
