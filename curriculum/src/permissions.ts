import type { LabFile } from '@lta/labs';
import { unchanged } from './checks.js';
import { defineModule } from './define.js';

const TOOLS: Record<string, LabFile> = {
  '~/tools/report.sh': '#!/bin/bash\necho "Report for $(date +%Y-%m-%d): 42 orders, 0 refunds"\n',
  '~/tools/api-token': { content: 'nw_tok_8f2b1c9e7d\n', mode: '644' },
};

const SITE: Record<string, LabFile> = {
  '~/site/index.html': { content: '<h1>Northwind Traders</h1>\n', mode: '600' },
  '~/site/cgi-bin/order-status.sh': {
    content: '#!/bin/bash\necho "Content-Type: text/plain"\necho\necho "ok"\n',
    mode: '644',
  },
  '~/site/private': { type: 'dir', mode: '755' },
  '~/site/private/customers.csv': 'id,email\n1,ana@example.com\n',
  '~/site/config.ini': { content: '[db]\nuser = shop\npassword = s3cr3t\n', mode: '666' },
  '~/pentest.txt':
    'index.html          should be 644 (everyone reads, you write)\ncgi-bin/order-status.sh should be 755\nprivate/             should be 700\nconfig.ini          should be 640 (no access for others)\n',
};

/** Module 7: read and change who may read, write and execute. */
export const permissions = defineModule(
  'permissions',
  'Permissions',
  'Read the rwx columns of ls -l, and change them with chmod, in symbolic (u+x, go-r) and octal (755, 600) form.',
  [
    {
      id: 'perm-read-listing',
      title: 'Who can read the budget?',
      xp: 30,
      difficulty: 'beginner',
      story:
        'Finance shares `~/shared` with you. Before the audit, they ask two questions that `ls -l` answers at a ' +
        'glance: which file can be executed, and which file can nobody but its owner read?',
      files: {
        '~/shared/budget-2024.ods': { content: 'PK spreadsheet: budget 2024\n', mode: '600' },
        '~/shared/price-list.csv': { content: 'sku,price\nNW-001,18.00\nNW-002,19.00\n', mode: '644' },
        '~/shared/export-prices.sh': { content: '#!/bin/bash\ncut -d, -f2 price-list.csv\n', mode: '755' },
        '~/shared/meeting-notes.md': { content: '# Budget meeting\n- travel cut by 10%\n', mode: '664' },
      },
      steps: [
        {
          title: 'The long listing',
          instructions:
            'List `~/shared` with `ls -l` and read the first column: `r` read, `w` write, `x` execute, for owner, group, others.',
          checks: [
            {
              kind: 'ran',
              command: 'ls',
              options: ['-l'],
              target: '~/shared',
              message: 'You listed ~/shared with ls -l (any other options)',
            },
          ],
          hints: ['`ls -l ~/shared`'],
        },
        {
          title: 'Answer the auditors',
          instructions:
            'Write the name of the executable file into `~/executable.txt` and the name of the file only its owner can read into `~/private.txt` (e.g. `echo NAME > ~/private.txt`).',
          checks: [
            {
              kind: 'file-matches',
              path: '~/executable.txt',
              pattern: String.raw`^\s*export-prices\.sh\s*$`,
              message: 'executable.txt names the script',
            },
            {
              kind: 'file-matches',
              path: '~/private.txt',
              pattern: String.raw`^\s*budget-2024\.ods\s*$`,
              message: 'private.txt names the budget',
            },
          ],
          hints: [
            'An executable file has an `x` in the owner part: `-rwxr-xr-x`.',
            'A private file has no `r` for group or others: `-rw-------`.',
            '`echo export-prices.sh > ~/executable.txt; echo budget-2024.ods > ~/private.txt`',
          ],
        },
      ],
      recap:
        'The first column of `ls -l` reads `rwx` for the owner, the group and others: read, write and execute (enter, for a directory).',
      solution: ['ls -l ~/shared', 'echo export-prices.sh > ~/executable.txt', 'echo budget-2024.ods > ~/private.txt'],
    },
    {
      id: 'perm-symbolic',
      title: 'Make it run, lock it up',
      xp: 35,
      difficulty: 'intermediate',
      story:
        'You wrote a small report script, `~/tools/report.sh`, but `./report.sh` answers "Permission denied". And ' +
        'the API token next to it is readable by everyone on the machine. Fix both with `chmod` in symbolic form.',
      files: TOOLS,
      steps: [
        {
          title: 'Lock up the token',
          instructions: 'Take away read permission from group and others on `~/tools/api-token` (`go-r`).',
          checks: [
            {
              kind: 'file-mode',
              path: '~/tools/api-token',
              mode: '600',
              message: 'api-token is rw for you only (600)',
            },
            unchanged(TOOLS, '~/tools/api-token', 'The token itself is unchanged'),
          ],
          hints: [
            'Symbolic form: who (u, g, o, a), then + or -, then what (r, w, x).',
            '`chmod go-r ~/tools/api-token`',
          ],
        },
        {
          title: 'Run the script',
          instructions:
            'Give yourself (the owner, `u`) execute permission on `report.sh`, then run it as `./report.sh` from `~/tools`.',
          checks: [
            {
              kind: 'file-mode',
              path: '~/tools/report.sh',
              mode: '100',
              match: 'includes',
              message: 'report.sh is executable by its owner',
            },
            {
              kind: 'file-mode',
              path: '~/tools/report.sh',
              mode: '002',
              match: 'excludes',
              message: 'Others still cannot modify it',
            },
            unchanged(TOOLS, '~/tools/report.sh', 'report.sh itself is unchanged'),
            {
              kind: 'ran',
              command: 'bash',
              operands: ['~/tools/report.sh'],
              lastLine: true,
              message: 'Your last command ran report.sh',
            },
            {
              kind: 'output-matches',
              pattern: String.raw`^Report for \d{4}-\d\d-\d\d: 42 orders`,
              flags: 'm',
              message: 'The script printed its report',
            },
          ],
          hints: ['`u+x` adds execute for the owner.', '`cd ~/tools && chmod u+x report.sh && ./report.sh`'],
        },
      ],
      recap:
        '`chmod u+x` adds execute for the owner, `chmod go-r` takes read away from group and others; `./script` runs a script in the current directory.',
      solution: ['chmod go-r ~/tools/api-token', 'cd ~/tools', 'chmod u+x report.sh', './report.sh'],
    },
    {
      id: 'perm-octal',
      title: 'Harden the web root',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'A pentest report on `~/site` came back: the homepage is unreadable by the web server, the CGI script cannot ' +
        'run, the private directory is open to all and the config is world-writable. Set each mode in octal: ' +
        'r=4, w=2, x=1, added up for owner, group and others.',
      files: SITE,
      steps: [
        {
          title: 'Files',
          instructions: 'Set `index.html` to 644, `cgi-bin/order-status.sh` to 755 and `config.ini` to 640.',
          checks: [
            { kind: 'file-mode', path: '~/site/index.html', mode: '644', message: 'index.html is 644 (rw-r--r--)' },
            {
              kind: 'file-mode',
              path: '~/site/cgi-bin/order-status.sh',
              mode: '755',
              message: 'order-status.sh is 755 (rwxr-xr-x)',
            },
            { kind: 'file-mode', path: '~/site/config.ini', mode: '640', message: 'config.ini is 640 (rw-r-----)' },
            ...['~/site/index.html', '~/site/cgi-bin/order-status.sh', '~/site/config.ini'].map((path) =>
              unchanged(SITE, path),
            ),
          ],
          hints: ['6 = 4+2 = rw-, 4 = r--, 0 = ---.', '`chmod 644 ~/site/index.html`, then the same for the others.'],
        },
        {
          title: 'The private directory',
          instructions: 'Set `~/site/private` to 700: only you may list it, create files in it or enter it.',
          checks: [
            { kind: 'file-mode', path: '~/site/private', mode: '700', message: 'private/ is 700 (rwx------)' },
            unchanged(SITE, '~/site/private/customers.csv', 'The customer data in private/ is still there, unchanged'),
          ],
          hints: ['For a directory, x means "may enter".', '`chmod 700 ~/site/private`'],
        },
      ],
      recap:
        'In octal each digit is owner, group, others with r=4, w=2, x=1: `chmod 644` for pages, `755` for programs and public directories, `640` and `700` to keep things private.',
      solution: [
        'chmod 644 ~/site/index.html',
        'chmod 755 ~/site/cgi-bin/order-status.sh',
        'chmod 640 ~/site/config.ini',
        'chmod 700 ~/site/private',
        'ls -l ~/site',
      ],
    },
  ],
);
