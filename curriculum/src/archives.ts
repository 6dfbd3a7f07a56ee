import type { LabFile } from '@lta/labs';
import { holdsContentOf, unchanged } from './checks.js';
import { defineModule } from './define.js';

const WEBSITE: Record<string, LabFile> = {
  '~/website/index.html': '<!doctype html>\n<title>Northwind Traders</title>\n<h1>Fine foods since 1994</h1>\n',
  '~/website/css/site.css': 'body { font-family: Georgia, serif; }\n',
  '~/website/img/logo.svg':
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#7a2e0e"/></svg>\n',
  '~/website/robots.txt': 'User-agent: *\nDisallow: /checkout\n',
};
const LIVE_LOG = { '~/logs/access.log': '203.0.113.7 - - [15/Mar/2024:09:12:01 +0000] "GET / HTTP/1.1" 200 5120\n' };

const ACCESS_ROTATED =
  [
    '203.0.113.7 - - [13/Mar/2024:10:01:12 +0000] "GET / HTTP/1.1" 200 5120',
    '198.51.100.23 - - [13/Mar/2024:10:02:40 +0000] "GET /products/chai HTTP/1.1" 200 3310',
    '192.0.2.150 - - [13/Mar/2024:10:03:05 +0000] "GET /checkout HTTP/1.1" 500 231',
    '203.0.113.7 - - [13/Mar/2024:10:04:51 +0000] "POST /cart HTTP/1.1" 302 0',
  ].join('\n') + '\n';

/** Module 10: bundle and compress. */
export const archives = defineModule(
  'archives',
  'Archives and compression',
  'Bundle a directory into one file (tar -c), look inside (tar -t), unpack it elsewhere (tar -x -C), and compress single files (gzip, gunzip, zcat).',
  [
    {
      id: 'archive-deliver-site',
      title: 'Ship the website to the agency',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'The design agency wants the current website as one compressed file. Pack `~/website` into ' +
        '`~/website.tar.gz`, check what is inside without unpacking, and test a restore into `~/restore-test` before ' +
        'you send it: an untested backup is not a backup.',
      files: WEBSITE,
      steps: [
        {
          title: 'Pack it',
          instructions:
            'From your home directory, create the gzip-compressed archive `website.tar.gz` of the `website` directory (`tar -czf`).',
          checks: [
            { kind: 'exists', path: '~/website.tar.gz', type: 'file', message: '~/website.tar.gz exists' },
            {
              kind: 'ran',
              command: 'tar',
              options: ['-c'],
              operands: ['~/website'],
              message: 'tar -c (or --create) packed ~/website',
            },
            ...Object.keys(WEBSITE).map((path) => unchanged(WEBSITE, path)),
          ],
          hints: [
            'c = create, z = gzip, f = the archive file name comes next.',
            '`cd ~ && tar -czf website.tar.gz website`',
          ],
        },
        {
          title: 'Test a restore',
          instructions: 'Create `~/restore-test` and extract the archive into it (`tar -xzf ... -C ~/restore-test`).',
          checks: [
            { kind: 'ran', command: 'tar', options: ['-x'], message: 'tar -x (or --extract) unpacked an archive' },
            ...Object.keys(WEBSITE).map((path) =>
              holdsContentOf(
                WEBSITE,
                path,
                path.replace('~/website/', '~/restore-test/website/'),
                `${path.slice('~/website/'.length)} came back, byte for byte`,
              ),
            ),
          ],
          hints: [
            'x = extract; `-C DIR` extracts into DIR.',
            '`mkdir ~/restore-test && tar -xzf ~/website.tar.gz -C ~/restore-test`',
          ],
        },
        {
          title: 'Look inside',
          instructions: 'List the contents of the archive without extracting it (`tar -tzf`).',
          checks: [
            {
              kind: 'ran',
              command: 'tar',
              options: ['-t'],
              lastLine: true,
              message: 'Your last command was tar -t (or --list)',
            },
            {
              kind: 'output-matches',
              pattern: String.raw`^website/img/logo\.svg$`,
              flags: 'm',
              message: 'The listing shows website/img/logo.svg',
            },
            {
              kind: 'output-matches',
              pattern: String.raw`^website/robots\.txt$`,
              flags: 'm',
              message: 'The listing shows website/robots.txt',
            },
          ],
          hints: ['t = list ("table of contents").', '`tar -tzf ~/website.tar.gz`'],
        },
      ],
      recap:
        '`tar -czf NAME.tar.gz DIR` packs and compresses, `tar -tzf` lists without unpacking, and `tar -xzf FILE -C DIR` extracts into another directory.',
      solution: [
        'cd ~',
        'tar -czf website.tar.gz website',
        'mkdir ~/restore-test',
        'tar -xzf ~/website.tar.gz -C ~/restore-test',
        'tar -tzf ~/website.tar.gz',
      ],
    },
    {
      id: 'archive-rotate-logs',
      title: 'Rotate the logs by hand',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'The disk of the web server is nearly full and logrotate is broken. Compress the two rotated logs in ' +
        '`~/logs`, leave the live `access.log` alone, and prove you can still read and restore a compressed log.',
      files: {
        ...LIVE_LOG,
        '~/logs/access.log.1': ACCESS_ROTATED,
        '~/logs/access.log.2': '198.51.100.88 - - [12/Mar/2024:18:00:00 +0000] "GET /about HTTP/1.1" 200 2210\n',
      },
      steps: [
        {
          title: 'Compress the old ones',
          instructions:
            'Compress `access.log.1` and `access.log.2` with `gzip` (each becomes a `.gz` file and the original goes away).',
          checks: [
            { kind: 'exists', path: '~/logs/access.log.2.gz', type: 'file', message: 'access.log.2.gz exists' },
            { kind: 'absent', path: '~/logs/access.log.2', message: 'access.log.2 was replaced by its .gz' },
            {
              kind: 'ran',
              command: 'gzip',
              operands: ['~/logs/access.log.2'],
              message: 'gzip compressed access.log.2',
            },
            unchanged(LIVE_LOG, '~/logs/access.log', 'The live access.log is untouched'),
          ],
          hints: ['`gzip FILE...` compresses each file in place.', '`gzip ~/logs/access.log.1 ~/logs/access.log.2`'],
        },
        {
          title: 'Restore one',
          instructions: "A colleague needs yesterday's log uncompressed: restore `access.log.1` with `gunzip`.",
          checks: [
            {
              kind: 'file-equals',
              path: '~/logs/access.log.1',
              content: ACCESS_ROTATED,
              message: 'access.log.1 is back, byte for byte',
            },
            { kind: 'absent', path: '~/logs/access.log.1.gz', message: 'access.log.1.gz was unpacked' },
          ],
          hints: ['`gunzip FILE.gz` restores FILE.'],
        },
        {
          title: 'Read without unpacking',
          instructions: 'Show the content of `access.log.2.gz` without unpacking it, with `zcat`.',
          checks: [
            {
              kind: 'ran',
              command: 'zcat|gzip|gunzip',
              operands: ['~/logs/access.log.2.gz'],
              lastLine: true,
              message: 'Your last command read access.log.2.gz (zcat, gzip -dc or gunzip -c)',
            },
            {
              kind: 'output-matches',
              pattern: String.raw`"GET /about HTTP/1\.1" 200 2210`,
              message: 'It showed the compressed log',
            },
          ],
          hints: ['`zcat` is `cat` for .gz files.', '`zcat ~/logs/access.log.2.gz`'],
        },
      ],
      recap:
        '`gzip` compresses a file in place (`FILE.gz`), `gunzip` restores it, and `zcat` reads a compressed file without unpacking it.',
      solution: [
        'gzip ~/logs/access.log.1 ~/logs/access.log.2',
        'gunzip ~/logs/access.log.1.gz',
        'zcat ~/logs/access.log.2.gz',
      ],
    },
  ],
);
