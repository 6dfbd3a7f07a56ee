import { defineModule } from './define.js';

const ACCESS_LOG = [
  '198.51.100.23 - - [15/Mar/2024:09:12:01 +0000] "GET / HTTP/1.1" 200 5120',
  '198.51.100.23 - - [15/Mar/2024:09:12:02 +0000] "GET /css/site.css HTTP/1.1" 200 1840',
  '203.0.113.7 - - [15/Mar/2024:09:13:44 +0000] "GET /products/chai HTTP/1.1" 200 3310',
  '192.0.2.150 - - [15/Mar/2024:09:14:10 +0000] "GET /wp-login.php HTTP/1.1" 404 153',
  '203.0.113.7 - - [15/Mar/2024:09:14:52 +0000] "POST /cart HTTP/1.1" 302 0',
  '192.0.2.150 - - [15/Mar/2024:09:15:03 +0000] "GET /.env HTTP/1.1" 404 153',
  '198.51.100.88 - - [15/Mar/2024:09:16:21 +0000] "GET /products/chang HTTP/1.1" 200 3290',
  '203.0.113.7 - - [15/Mar/2024:09:17:30 +0000] "POST /checkout HTTP/1.1" 200 812',
  '192.0.2.150 - - [15/Mar/2024:09:18:00 +0000] "GET /admin HTTP/1.1" 404 153',
  '198.51.100.88 - - [15/Mar/2024:09:19:45 +0000] "GET /products/aniseed-syrup HTTP/1.1" 200 3402',
  '198.51.100.23 - - [15/Mar/2024:09:20:13 +0000] "GET /about HTTP/1.1" 200 2210',
  '203.0.113.7 - - [15/Mar/2024:09:21:09 +0000] "GET /orders/1043 HTTP/1.1" 200 1500',
];

/** Module 5: send output to files and from one command to the next. */
export const redirection = defineModule(
  'redirection',
  'Pipes and redirection',
  'Save output in files (>, >>), keep errors apart (2>, 2>&1) and build pipelines where one command feeds the next (|).',
  [
    {
      id: 'redirect-ship-log',
      title: "The captain's log",
      xp: 30,
      difficulty: 'beginner',
      story:
        'The warehouse keeps a plain-text shipping log, one line per day. Start a new log file for this week, add ' +
        'to it without destroying what is there, and save a listing of the outgoing pallets for the driver.',
      files: {
        '~/warehouse/outgoing/pallet-A17.txt': 'Chai x 40, Chang x 24\n',
        '~/warehouse/outgoing/pallet-B03.txt': 'Aniseed Syrup x 60\n',
        '~/warehouse/outgoing/pallet-C11.txt': 'Gravlax x 12 (keep cold)\n',
      },
      steps: [
        {
          title: 'Start the log',
          instructions:
            'Create `~/warehouse/log.txt` containing the line `Monday: 3 pallets ready` using `echo` and `>`.',
          checks: [
            {
              kind: 'file-matches',
              pattern: String.raw`^Monday: 3 pallets ready\n`,
              path: '~/warehouse/log.txt',
              message: 'log.txt starts with the Monday line',
            },
          ],
          hints: [
            "`>` sends a command's output into a file, replacing what was there.",
            "`echo 'Monday: 3 pallets ready' > ~/warehouse/log.txt`",
          ],
        },
        {
          title: 'Add a line',
          instructions: 'Append `Tuesday: driver picked up A17` to the log, keeping the Monday line.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/warehouse/log.txt',
              content: 'Monday: 3 pallets ready\nTuesday: driver picked up A17\n',
              message: 'log.txt has the Monday line, then the Tuesday line',
            },
          ],
          hints: [
            '`>>` appends instead of replacing.',
            "`echo 'Tuesday: driver picked up A17' >> ~/warehouse/log.txt`",
          ],
        },
        {
          title: 'A list for the driver',
          instructions:
            'Save the names of the files in `~/warehouse/outgoing` into `~/warehouse/pallets.txt`, one per line, with `ls`.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/warehouse/pallets.txt',
              content: 'pallet-A17.txt\npallet-B03.txt\npallet-C11.txt\n',
              message: 'pallets.txt lists the three pallets',
            },
            { kind: 'ran', command: 'ls', target: '~/warehouse/outgoing', message: 'ls listed ~/warehouse/outgoing' },
          ],
          hints: [
            'ls writes one name per line when its output goes to a file.',
            '`ls ~/warehouse/outgoing > ~/warehouse/pallets.txt`',
          ],
        },
      ],
      recap:
        "`>` sends a command's output to a file, replacing it; `>>` adds to the end. Any command's output can be saved, not only `echo`.",
      solution: [
        "echo 'Monday: 3 pallets ready' > ~/warehouse/log.txt",
        "echo 'Tuesday: driver picked up A17' >> ~/warehouse/log.txt",
        'ls ~/warehouse/outgoing > ~/warehouse/pallets.txt',
      ],
    },
    {
      id: 'redirect-pipeline',
      title: 'Pipelines on the access log',
      xp: 35,
      difficulty: 'intermediate',
      story:
        "Marketing asks two quick questions about this morning's traffic in `~/logs/access.log`: how many requests " +
        'were there, and what are the last three pages visited, newest first? No spreadsheet needed: connect small ' +
        'commands with `|`.',
      files: { '~/logs/access.log': ACCESS_LOG.join('\n') + '\n' },
      steps: [
        {
          title: 'How many requests?',
          instructions:
            'Count the lines of the log by piping `cat` into `wc -l`, and save the number in `~/logs/requests.txt`.',
          checks: [
            {
              kind: 'file-matches',
              path: '~/logs/requests.txt',
              pattern: String.raw`^\s*12\n$`,
              message: 'requests.txt says 12',
            },
            { kind: 'ran', command: 'wc', options: ['-l'], message: 'You counted lines with wc -l' },
          ],
          hints: [
            '`|` feeds the output of the left command to the right one.',
            'When wc reads from a pipe it prints only the number.',
            '`cat ~/logs/access.log | wc -l > ~/logs/requests.txt`',
          ],
        },
        {
          title: 'The last three, newest first',
          instructions:
            'Take the last 3 lines of the log with `tail`, reverse their order with `tac`, and save them in `~/logs/latest.txt`.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/logs/latest.txt',
              content: [ACCESS_LOG[11], ACCESS_LOG[10], ACCESS_LOG[9]].join('\n') + '\n',
              message: 'latest.txt holds the last three requests, newest first',
            },
            { kind: 'ran', command: 'tac', message: 'tac reversed the lines' },
          ],
          hints: [
            '`tac` is `cat` backwards: it prints lines last to first.',
            '`tail -n 3 ~/logs/access.log | tac > ~/logs/latest.txt`',
          ],
        },
      ],
      recap:
        "`|` feeds one command's output into the next, so small tools combine: `cat log | wc -l`, `tail -n 3 log | tac`.",
      solution: [
        'cat ~/logs/access.log | wc -l > ~/logs/requests.txt',
        'tail -n 3 ~/logs/access.log | tac > ~/logs/latest.txt',
      ],
    },
    {
      id: 'redirect-errors',
      title: 'Separate the noise',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'The nightly backup script `~/bin/backup.sh` writes progress to standard output and warnings to standard ' +
        'error. The cron mail mixes them up. Keep them apart, then capture both in order in one file for the archive.',
      files: {
        '~/bin/backup.sh': {
          content:
            '#!/bin/bash\necho "backup: starting"\necho "warning: /srv/shop is 91% full" >&2\necho "backup: 1204 files copied"\necho "warning: 3 files changed during copy" >&2\necho "backup: done"\n',
          mode: '755',
        },
      },
      steps: [
        {
          title: 'Two streams, two files',
          instructions: 'Run the script with its standard output in `~/out.log` and its errors in `~/err.log`.',
          checks: [
            { kind: 'ran', command: 'bash', operands: ['~/bin/backup.sh'], message: 'You ran ~/bin/backup.sh' },
            {
              kind: 'file-equals',
              path: '~/out.log',
              content: 'backup: starting\nbackup: 1204 files copied\nbackup: done\n',
              message: 'out.log has only the progress lines',
            },
            {
              kind: 'file-equals',
              path: '~/err.log',
              content: 'warning: /srv/shop is 91% full\nwarning: 3 files changed during copy\n',
              message: 'err.log has only the warnings',
            },
          ],
          hints: ['Standard error is stream 2: `2>` redirects it.', '`~/bin/backup.sh > ~/out.log 2> ~/err.log`'],
        },
        {
          title: 'Everything, in order',
          instructions:
            'Run it again with both streams going to `~/all.log`, in the order they were written (`> file 2>&1`).',
          checks: [
            {
              kind: 'file-equals',
              path: '~/all.log',
              content:
                'backup: starting\nwarning: /srv/shop is 91% full\nbackup: 1204 files copied\nwarning: 3 files changed during copy\nbackup: done\n',
              message: 'all.log has every line in the order written',
            },
            { kind: 'ran', command: 'bash', operands: ['~/bin/backup.sh'], message: 'You ran ~/bin/backup.sh' },
          ],
          hints: [
            '`2>&1` means "send stream 2 where stream 1 goes now": put it after `> file`.',
            '`~/bin/backup.sh > ~/all.log 2>&1`',
          ],
        },
      ],
      recap:
        'Errors go to a second stream: `2> FILE` saves them apart, and `> FILE 2>&1` puts both streams, in order, into one file.',
      solution: ['~/bin/backup.sh > ~/out.log 2> ~/err.log', '~/bin/backup.sh > ~/all.log 2>&1'],
    },
  ],
);
