import { unchanged } from './checks.js';
import { defineModule } from './define.js';

const BUILD_LOG = `[08:00:01] INFO  Checking out 7f3c2e1 (main)
[08:00:04] INFO  Restoring cache: node_modules (412 MB)
[08:00:39] WARNING cache restore slow: 35s
[08:00:40] INFO  Running npm ci
[08:01:52] INFO  Running lint
[08:01:58] WARNING src/cart.js:14 unused variable 'total'
[08:02:03] INFO  Running unit tests (312)
[08:02:41] ERROR test "checkout applies voucher" failed: expected 18.90, got 21.00
[08:02:41] ERROR test "checkout rounds VAT" failed: expected 3.59, got 3.6
[08:02:44] INFO  Running integration tests
[08:03:30] ERROR Timeout after 30000 ms waiting for http://localhost:8080/health
[08:03:30] INFO  Retrying once
[08:04:00] ERROR TIMEOUT: payment sandbox did not answer
[08:04:01] INFO  Uploading artifacts
[08:04:05] INFO  Build finished: FAILED (4 errors, 2 warnings)
`;

const SSHD_CONFIG = `# This is the sshd server system-wide configuration file.  See
# sshd_config(5) for more information.

#Port 22
Port 2222
#AddressFamily any
ListenAddress 0.0.0.0

# Authentication:
#LoginGraceTime 2m
PermitRootLogin no
#StrictModes yes
MaxAuthTries 3

PubkeyAuthentication yes
# To disable tunneled clear text passwords, change to no here!
PasswordAuthentication no
#PermitEmptyPasswords no

X11Forwarding no
PrintMotd no
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
`;

const SETTINGS = (apiKey: string) =>
  `export const settings = {\n  payfastUrl: 'https://sandbox.payfast.example/charge',\n  currency: 'EUR',\n  vatRate: 0.21,\n${apiKey}\n};\n`;
const REPO = {
  '~/repo/README.md':
    '# Northwind shop\nPayments go through the PayFast API. Set PAYFAST_API_KEY in the environment.\n',
  '~/repo/src/cart.js':
    'export function total(lines) {\n  return lines.reduce((sum, l) => sum + l.price * l.qty, 0);\n}\n',
  '~/repo/src/payments/client.js':
    "import { settings } from '../../config/settings.js';\n\nexport async function charge(amount) {\n  return fetch(settings.payfastUrl, { headers: { 'x-api-key': settings.apiKey } });\n}\n",
  '~/repo/config/settings.js': SETTINGS("  apiKey: 'pf_live_51HxQz8Lr2vKm0aTq',"),
  '~/repo/config/defaults.js': "export const defaults = { currency: 'EUR', retries: 3 };\n",
};

/** Module 5: search inside files. */
export const grep = defineModule(
  'grep',
  'Searching with grep',
  'Find the lines that matter: grep for a word, ignore case (-i), show line numbers (-n), invert the match (-v), count (-c) and search whole trees (-r).',
  [
    {
      id: 'grep-broken-build',
      title: 'Who broke the build?',
      xp: 30,
      difficulty: 'beginner',
      story:
        'The 08:00 build of the shop is red and the team is waiting for you. The CI log is in `~/ci/build.log`. Pull ' +
        'out the errors, then look for every timeout, however the tools chose to spell it.',
      files: { '~/ci/build.log': BUILD_LOG },
      steps: [
        {
          title: 'Only the errors',
          instructions: 'Show only the lines of `~/ci/build.log` that contain `ERROR`.',
          checks: [
            {
              kind: 'ran',
              command: 'grep',
              operands: ['ERROR', '~/ci/build.log'],
              message: 'grep searched ~/ci/build.log for ERROR',
            },
          ],
          hints: ['grep PATTERN FILE prints the lines that contain PATTERN.', '`grep ERROR ~/ci/build.log`'],
        },
        {
          title: 'Every timeout',
          instructions:
            'Some tools write `Timeout`, others `TIMEOUT`. Find both with one case-insensitive search for `timeout`.',
          checks: [
            { kind: 'ran', command: 'grep', lastLine: true, message: 'Your last command was a grep' },
            {
              kind: 'output-matches',
              pattern: 'Timeout after 30000 ms',
              message: 'You found the health-check timeout',
            },
            { kind: 'output-matches', pattern: 'TIMEOUT: payment sandbox', message: 'You found the payment timeout' },
            {
              kind: 'output-matches',
              pattern: 'Running|checkout',
              negate: true,
              message: 'Only timeout lines are shown',
            },
          ],
          hints: ['`-i` makes grep ignore case.', '`grep -i timeout ~/ci/build.log`'],
        },
      ],
      recap: '`grep WORD FILE` prints the lines that contain WORD; `-i` ignores case.',
      solution: ['grep ERROR ~/ci/build.log', 'grep -i timeout ~/ci/build.log'],
    },
    {
      id: 'grep-ssh-config',
      title: 'Audit the SSH server',
      xp: 35,
      difficulty: 'intermediate',
      story:
        'Security wants proof that root cannot log in over SSH on the new web server. The config, `~/server/sshd_config`, ' +
        'is mostly comments. Find the setting with its line number, then save only the settings that are really in ' +
        'force, without comments or blank lines, for the audit.',
      files: { '~/server/sshd_config': SSHD_CONFIG },
      steps: [
        {
          title: 'Where is PermitRootLogin?',
          instructions: 'Show the line(s) with `PermitRootLogin` and their line numbers (`-n`).',
          checks: [
            {
              kind: 'ran',
              command: 'grep',
              options: ['-n'],
              operands: ['PermitRootLogin', '~/server/sshd_config'],
              message: 'grep -n (or --line-number) searched sshd_config for PermitRootLogin',
            },
          ],
          hints: ['`-n` prefixes each line with its number.', '`grep -n PermitRootLogin ~/server/sshd_config`'],
        },
        {
          title: 'Only the settings in force',
          instructions:
            'Write the lines that are neither comments (starting with `#`) nor blank into `~/server/active.conf`. `grep -v` keeps the lines that do NOT match; two greps in a pipe, or one with two `-e` patterns, do it.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/server/active.conf',
              content:
                'Port 2222\nListenAddress 0.0.0.0\nPermitRootLogin no\nMaxAuthTries 3\nPubkeyAuthentication yes\nPasswordAuthentication no\nX11Forwarding no\nPrintMotd no\nAcceptEnv LANG LC_*\nSubsystem sftp /usr/lib/openssh/sftp-server\n',
              message: 'active.conf holds exactly the 10 settings in force',
            },
            {
              kind: 'ran',
              command: 'grep|sed|awk',
              operands: ['~/server/sshd_config'],
              message: 'grep (or sed, awk) read sshd_config',
            },
            unchanged(
              { '~/server/sshd_config': SSHD_CONFIG },
              '~/server/sshd_config',
              'sshd_config itself is unchanged',
            ),
          ],
          hints: [
            "`grep -v '^#'` drops comment lines; `^$` matches an empty line.",
            'Redirect the result with `>` into the file.',
            "`grep -v '^#' ~/server/sshd_config | grep -v '^$' > ~/server/active.conf`",
          ],
        },
        {
          title: 'Count them',
          instructions: 'Count the lines of `active.conf` that do not start with `#`, with `grep -c`.',
          checks: [
            {
              kind: 'ran',
              command: 'grep',
              options: ['-c'],
              operands: ['~/server/active.conf'],
              lastLine: true,
              message: 'Your last command was grep -c (or --count) on active.conf',
            },
            { kind: 'output-matches', pattern: String.raw`^10$`, flags: 'm', message: 'grep -c counted 10 settings' },
          ],
          hints: [
            '`-c` prints the number of matching lines instead of the lines.',
            "`grep -vc '^#' ~/server/active.conf`",
          ],
        },
      ],
      recap:
        '`grep -n` numbers the matching lines, `-v` keeps the lines that do not match, `-c` counts them, and `^` anchors a pattern at the start of a line.',
      solution: [
        'grep -n PermitRootLogin ~/server/sshd_config',
        "grep -v '^#' ~/server/sshd_config | grep -v '^$' > ~/server/active.conf",
        "grep -vc '^#' ~/server/active.conf",
      ],
    },
    {
      id: 'grep-leaked-key',
      title: 'The leaked API key',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'A security scanner says a payment API key was committed somewhere in `~/repo`. You have 15 minutes before ' +
        'the weekly release. Search the whole tree at once, with file names and line numbers, then remove the key from ' +
        'the file and replace it with a reference to the environment.',
      files: REPO,
      steps: [
        {
          title: 'Search the whole tree',
          instructions:
            'Find every line containing `pf_live_` anywhere under `~/repo`, with line numbers (`grep -rn`).',
          checks: [
            {
              kind: 'ran',
              command: 'grep',
              options: ['-r|-R', '-n'],
              operands: ['pf_live_', '~/repo'],
              message: 'grep -rn (or -R, --line-number) searched ~/repo for pf_live_',
            },
          ],
          hints: ['`-r` makes grep descend into directories; `-n` adds line numbers.', '`grep -rn pf_live_ ~/repo`'],
        },
        {
          title: 'Replace the key',
          instructions:
            'In the file you found, replace the line with the key by `  apiKey: process.env.PAYFAST_API_KEY,` (hint: `sed -i` with a line number), so the key is nowhere in the repo.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/repo/config/settings.js',
              content: SETTINGS('  apiKey: process.env.PAYFAST_API_KEY,'),
              message: 'settings.js reads the key from the environment; every other line is as it was',
            },
            ...(
              [
                '~/repo/README.md',
                '~/repo/src/cart.js',
                '~/repo/src/payments/client.js',
                '~/repo/config/defaults.js',
              ] as const
            ).map((path) => unchanged(REPO, path)),
          ],
          hints: [
            'grep -n told you the line number: 5.',
            "`sed -i '5s/.*/  apiKey: process.env.PAYFAST_API_KEY,/' FILE` replaces line 5 whole.",
            "`sed -i '5s/.*/  apiKey: process.env.PAYFAST_API_KEY,/' ~/repo/config/settings.js`",
          ],
        },
        {
          title: 'Prove it',
          instructions: 'Search the tree again: `grep -r pf_live_ ~/repo` must find nothing, and exit with status 1.',
          checks: [
            {
              kind: 'ran',
              command: 'grep',
              options: ['-r|-R'],
              operands: ['pf_live_', '~/repo'],
              status: 1,
              lastLine: true,
              message: 'Your last command, grep -r pf_live_ ~/repo, found nothing',
            },
            { kind: 'exit-code', code: 1, message: 'The last grep found nothing (exit status 1)' },
          ],
          hints: [
            'grep exits with 0 when it finds something and 1 when it finds nothing.',
            '`grep -r pf_live_ ~/repo`',
          ],
        },
      ],
      recap:
        '`grep -rn` searches a whole directory tree and says file and line; `sed -i` edits a file in place; a search that finds nothing proves the fix.',
      solution: [
        'grep -rn pf_live_ ~/repo',
        "sed -i '5s/.*/  apiKey: process.env.PAYFAST_API_KEY,/' ~/repo/config/settings.js",
        'grep -r pf_live_ ~/repo',
      ],
    },
  ],
);
