import { defineModule } from './define.js';

const GUESTS = [
  'Ana Souza',
  'Bruno Costa',
  'Chen Wei',
  'Dana Kowalski',
  'Emeka Obi',
  'Farah Haddad',
  'Gustav Lind',
  'Hana Sato',
  'Ines Moreau',
  'Jonas Berg',
  'Kofi Mensah',
  'Lena Novak',
  'Mateo Rossi',
  'Nadia Petrov',
  'Oskar Nilsson',
  'Priya Nair',
  'Quinn Murphy',
  'Rosa Alvarez',
  'Sven Dahl',
  'Tara Singh',
  'Umar Khan',
  'Vera Ivanova',
  'Wim de Vries',
];

const NGINX_ERRORS = [
  '2024/03/14 21:02:11 [notice] 812#812: signal process started',
  '2024/03/14 21:40:37 [warn] 814#814: *1204 an upstream response is buffered to a temporary file',
  '2024/03/14 22:15:03 [error] 814#814: *1377 open() "/var/www/shop/favicon.ico" failed (2: No such file or directory)',
  '2024/03/14 23:01:59 [warn] 815#815: *1502 client body is buffered to a temporary file',
  '2024/03/15 00:12:44 [error] 815#815: *1623 connect() failed (111: Connection refused) while connecting to upstream',
  '2024/03/15 00:12:45 [error] 815#815: *1624 no live upstreams while connecting to upstream',
  '2024/03/15 01:30:00 [notice] 812#812: signal process started',
  '2024/03/15 02:47:21 [error] 816#816: *1811 upstream timed out (110: Connection timed out) while reading response header',
  '2024/03/15 02:47:22 [alert] 812#812: worker process 4711 exited on signal 9',
  '2024/03/15 02:47:22 [notice] 812#812: start worker process 4790',
];

const HANDBOOK_CHAPTERS = ['Changes', 'Backups', 'Logs', 'Access', 'Incidents', 'Handover'];
const HANDBOOK_RULES = [
  'Write it down, then do it.',
  'Never do the same thing twice by hand: script it.',
  'Read the log before you restart anything.',
  'Back up a config file before you change it.',
  'Test the restore, not only the backup.',
  'Secrets get mode 600 and never go into git.',
  'Make one change at a time and watch the result.',
  'Say in the ticket what you changed and why.',
];
/** The operations handbook: a title, then six chapters of eight numbered rules. */
const HANDBOOK = [
  'NORTHWIND OPERATIONS HANDBOOK',
  ...HANDBOOK_CHAPTERS.flatMap((chapter, c) => [
    `Chapter ${c + 1}: ${chapter}`,
    ...HANDBOOK_RULES.map((rule, r) => `  ${c + 1}.${r + 1} ${rule}`),
  ]),
];

/** Module 3: look inside files without changing them. */
export const reading = defineModule(
  'reading',
  'Reading files',
  'Read files whole (cat), page through long ones (less), look at the start or end (head, tail) and count lines, words and bytes (wc).',
  [
    {
      id: 'read-guest-list',
      title: 'How many chairs for the party?',
      xp: 25,
      difficulty: 'beginner',
      story:
        'Northwind turns thirty and you are helping Maria from the office with the anniversary party. She needs two ' +
        'things before she calls the caterer: what is on the menu, and exactly how many guests are on the list.',
      files: {
        '~/party/menu.txt':
          'Starters: marinated olives, gravlax on rye\nMain: mushroom risotto or grilled trout\nDessert: pastel de nata\nDrinks: Chai, Chang, sparkling water\n',
        '~/party/guests.txt': GUESTS.join('\n') + '\n',
        '~/party/budget.txt': 'catering  1800 EUR\nvenue      950 EUR\nmusic      400 EUR\n',
      },
      steps: [
        {
          title: 'Read the menu',
          instructions: 'Print `~/party/menu.txt` in the terminal with `cat`.',
          checks: [
            {
              kind: 'ran',
              command: 'cat|less|more',
              operands: ['~/party/menu.txt'],
              message: 'You printed ~/party/menu.txt (cat, less or more)',
            },
          ],
          hints: ['cat prints a whole file.', '`cat ~/party/menu.txt`'],
        },
        {
          title: 'Count the guests',
          instructions:
            'Each guest is on a line of its own. Count the lines of `guests.txt` with `wc -l`, run from inside `~/party`.',
          checks: [
            { kind: 'ran', command: 'wc', operands: ['~/party/guests.txt'], message: 'You ran wc on guests.txt' },
            { kind: 'output-matches', pattern: String.raw`^\s*23\s`, flags: 'm', message: 'wc showed 23 lines' },
          ],
          hints: [
            'wc counts lines, words and bytes; `-l` keeps only lines.',
            'Go to ~/party first so the name prints as guests.txt.',
            '`cd ~/party && wc -l guests.txt`',
          ],
        },
      ],
      recap: '`cat FILE` prints a file; `wc -l` counts its lines (`-w` words, `-c` bytes).',
      solution: ['cat ~/party/menu.txt', 'cd ~/party', 'wc -l guests.txt'],
    },
    {
      id: 'read-night-shift',
      title: 'What happened last night?',
      xp: 30,
      difficulty: 'beginner',
      story:
        'The shop was down for ten minutes at 02:47 and your manager wants to know why before the 9:00 meeting. The web ' +
        "server's error log is in `/var/log/nginx/error.log`. You only care about its start (when did this log begin?) " +
        'and its very end (what happened last?).',
      files: {
        '/var/log/nginx/error.log': NGINX_ERRORS.join('\n') + '\n',
        '/var/log/nginx/access.log':
          '203.0.113.7 - - [15/Mar/2024:02:46:59 +0000] "GET / HTTP/1.1" 200 5120\n203.0.113.7 - - [15/Mar/2024:02:47:25 +0000] "GET / HTTP/1.1" 502 157\n',
      },
      steps: [
        {
          title: 'The start of the log',
          instructions: 'Show the first 3 lines of the error log with `head`.',
          checks: [
            {
              kind: 'ran',
              command: 'head',
              options: ['-n=3'],
              operands: ['/var/log/nginx/error.log'],
              message: 'You showed the first 3 lines of error.log (head -n 3, -3 or --lines=3)',
            },
          ],
          hints: ['head prints the first 10 lines unless told otherwise.', '`head -n 3 /var/log/nginx/error.log`'],
        },
        {
          title: 'The last moments',
          instructions: 'Now show only the last 3 lines with `tail`: they tell what happened at 02:47.',
          checks: [
            {
              kind: 'ran',
              command: 'tail',
              options: ['-n=3'],
              operands: ['/var/log/nginx/error.log'],
              message: 'You showed the last 3 lines of error.log (tail -n 3, -3 or --lines=3)',
            },
            {
              kind: 'output-matches',
              pattern: 'worker process 4711 exited on signal 9',
              message: 'You see the worker being killed',
            },
            { kind: 'output-matches', pattern: 'upstream timed out', message: 'You see the timeout before it' },
            {
              kind: 'output-matches',
              pattern: 'signal process started',
              negate: true,
              message: 'Only the last 3 lines are shown',
            },
          ],
          hints: ['tail is head for the end of a file.', '`tail -n 3 /var/log/nginx/error.log`'],
        },
      ],
      recap: '`head -n N` shows the first N lines of a file and `tail -n N` the last N: the quick way into a big log.',
      solution: ['head -n 3 /var/log/nginx/error.log', 'tail -n 3 /var/log/nginx/error.log'],
    },
    {
      id: 'read-handbook',
      title: 'Read the handbook',
      xp: 30,
      difficulty: 'beginner',
      story:
        'HR asks every new admin to read the operations handbook, 55 lines of hard-won rules in ' +
        '`/usr/share/doc/northwind/handbook.txt`. It is too long for one screen: page through it with `less`. Then ' +
        'look up what `wc` can count in its manual page, and tell HR how many words the handbook has.',
      files: {
        '/usr/share/doc/northwind/handbook.txt': HANDBOOK.join('\n') + '\n',
      },
      steps: [
        {
          title: 'Page through it',
          instructions: 'Open the handbook with `less` (Space pages down, `q` quits).',
          checks: [
            {
              kind: 'ran',
              command: 'less',
              operands: ['/usr/share/doc/northwind/handbook.txt'],
              message: 'You opened the handbook with less',
            },
          ],
          hints: ['`less /usr/share/doc/northwind/handbook.txt`'],
        },
        {
          title: 'Read the manual',
          instructions: "Open wc's manual page with `man wc` and find the option that counts words.",
          checks: [
            { kind: 'ran', command: 'man', operands: ['wc'], message: 'You read the manual page of wc (man wc)' },
          ],
          hints: ['`man wc`'],
        },
        {
          title: 'Count the words',
          instructions: 'Count the words of the handbook with `wc`, giving the file by its full path.',
          checks: [
            {
              kind: 'ran',
              command: 'wc',
              options: ['-w'],
              operands: ['/usr/share/doc/northwind/handbook.txt'],
              message: 'You counted the words of the handbook (wc -w or --words)',
            },
            { kind: 'output-matches', pattern: String.raw`^\s*471\s`, flags: 'm', message: 'wc showed 471 words' },
          ],
          hints: ['The manual says `-w` counts words.', '`wc -w /usr/share/doc/northwind/handbook.txt`'],
        },
      ],
      recap:
        "`less` pages through a long file (Space, `b`, `/word` to search, `q` to quit); `man COMMAND` opens a command's manual; `wc -w` counts words.",
      // In less and man, the line after is their keys: Space pages on, `/` searches, q quits.
      solution: [
        'less /usr/share/doc/northwind/handbook.txt',
        ' q',
        'man wc',
        '/words<Enter>q',
        'wc -w /usr/share/doc/northwind/handbook.txt',
      ],
    },
  ],
);
