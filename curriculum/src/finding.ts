import type { Check, LabFile } from '@lta/labs';
import { holdsContentOf, unchanged } from './checks.js';
import { defineModule } from './define.js';

const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

/** Twelve monthly CSV reports for 2024, two stray ones from 2023, and the yearly summary. */
const REPORTS: Record<string, LabFile> = Object.fromEntries([
  ...MONTHS.map((m, i) => [
    `~/reports/report-2024-${m}.csv`,
    `month,orders,revenue\n2024-${m},${310 + i * 17},${(41250 + i * 1830).toString()}\n`,
  ]),
  ['~/reports/report-2023-11.csv', 'month,orders,revenue\n2023-11,288,38990\n'],
  ['~/reports/report-2023-12.csv', 'month,orders,revenue\n2023-12,402,55120\n'],
  ['~/reports/report-2024-summary.csv', 'year,orders,revenue\n2024,4842,629100\n'],
]);

const CAMERA: Record<string, LabFile> = {
  '~/camera/IMG_0412.jpg': 'JFIF team photo, warehouse\n',
  '~/camera/IMG_0413.jpg': 'JFIF team photo, blurry\n',
  '~/camera/IMG_0414.jpg': 'JFIF new delivery van\n',
  '~/camera/IMG_0415.png': 'PNG screenshot of the stock dashboard\n',
  '~/camera/VID_0007.mp4': 'ftypisom unboxing the new scanner\n',
  '~/camera/VID_0008.mp4': 'ftypisom forklift safety demo\n',
  '~/camera/notes.txt': 'Card from the Canon, copied 2024-03-15.\n',
};

/** Each camera file named, moved whole from ~/camera into `dir`. */
const movedTo = (names: string[], dir: string): Check[] =>
  names.flatMap((name) => [
    holdsContentOf(CAMERA, `~/camera/${name}`, `${dir}/${name}`, `${name} is in ${dir}, whole`),
    { kind: 'absent', path: `~/camera/${name}`, message: `${name} is no longer in ~/camera` } as const,
  ]);

const PROJECTS: Record<string, LabFile> = {
  '~/projects/shop/app/models/order.rb': 'class Order < ApplicationRecord\n  has_many :lines\nend\n',
  '~/projects/shop/app/models/order.rb.bak': 'class Order < ApplicationRecord\nend\n',
  '~/projects/shop/config/routes.rb': 'Rails.application.routes.draw do\n  resources :orders\nend\n',
  '~/projects/shop/config/routes.rb.bak': 'Rails.application.routes.draw do\nend\n',
  '~/projects/shop/vendor/legacy/settings/database.yml':
    'staging:\n  adapter: postgresql\n  host: db-staging.internal\n  database: shop_staging\n  pool: 5\n',
  '~/projects/api/lib/auth.js': "module.exports = function auth(req) { return req.headers['x-token']; };\n",
  '~/projects/api/lib/auth.js.bak': 'module.exports = function auth() {};\n',
  '~/projects/api/README.md': '# API\nRun `npm start`.\n',
};
const DATABASE_YML = '~/projects/shop/vendor/legacy/settings/database.yml';

const WORK: Record<string, LabFile> = {
  '~/work/2024/march/spring-menu.draft.md': '# Spring menu\nAsparagus is back on 1 April.\n',
  '~/work/2024/march/spring-menu.md': '# Spring menu (published)\n',
  '~/work/2024/april/new-van.draft.md': '# Our new delivery van\nElectric, quiet, and very yellow.\n',
  '~/work/events/anniversary.draft.md': '# Thirty years of Northwind\nJoin us on 12 May.\n',
  '~/work/events/drafts-archive/old.txt': 'nothing to see here\n',
  '~/work/notes.txt': 'drafts end in .draft.md\n',
};
const DRAFTS = [
  '~/work/2024/march/spring-menu.draft.md',
  '~/work/2024/april/new-van.draft.md',
  '~/work/events/anniversary.draft.md',
];
const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Module 4: name many files at once with wildcards, and search whole trees with find. */
export const finding = defineModule(
  'finding',
  'Wildcards and find',
  'Let the shell expand patterns (*, ?, [...]) into file names, and search directory trees with find by name and type, acting on what it finds.',
  [
    {
      id: 'glob-camera-roll',
      title: 'Empty the camera roll',
      xp: 30,
      difficulty: 'beginner',
      story:
        'You copied the memory card from the office camera into `~/camera`: photos, videos and a note, all mixed up. ' +
        'Sort them into `~/pictures` and `~/videos` without typing every name: that is what `*` is for.',
      files: CAMERA,
      steps: [
        {
          title: 'Pictures',
          instructions:
            'Create `~/pictures` and move every `.jpg` and `.png` file of `~/camera` into it, using wildcards.',
          checks: [...movedTo(['IMG_0412.jpg', 'IMG_0413.jpg', 'IMG_0414.jpg', 'IMG_0415.png'], '~/pictures')],
          hints: [
            '`*.jpg` means "every name ending in .jpg".',
            'mv accepts several patterns before the destination.',
            '`mkdir ~/pictures && mv ~/camera/*.jpg ~/camera/*.png ~/pictures/`',
          ],
        },
        {
          title: 'Videos',
          instructions:
            'Create `~/videos` and move the videos there with the pattern `VID_*`. The note stays in `~/camera`.',
          checks: [
            ...movedTo(['VID_0007.mp4', 'VID_0008.mp4'], '~/videos'),
            unchanged(CAMERA, '~/camera/notes.txt', 'notes.txt is still in ~/camera, unchanged'),
          ],
          hints: ['`VID_*` matches names starting with VID_.', '`mkdir ~/videos && mv ~/camera/VID_* ~/videos/`'],
        },
      ],
      recap:
        '`*` matches any run of characters in a name, so `*.jpg` picks every JPEG; the shell expands the pattern before the command runs, and one command can take several patterns.',
      solution: [
        'mkdir ~/pictures ~/videos',
        'mv ~/camera/*.jpg ~/camera/*.png ~/pictures/',
        'mv ~/camera/VID_* ~/videos/',
      ],
    },
    {
      id: 'glob-quarterly-reports',
      title: 'The first quarter',
      xp: 35,
      difficulty: 'intermediate',
      story:
        'The auditors want January to March 2024 in their own folder, and the two 2023 reports that ended up in ' +
        '`~/reports` by mistake must go. `*` is too greedy for this: use `?` (exactly one character) and `[...]` (one ' +
        'character from a set).',
      files: REPORTS,
      steps: [
        {
          title: 'Copy the first quarter',
          instructions:
            'Create `~/q1` and copy the reports of months 01 to 03 of 2024 into it with one pattern using `[1-3]`.',
          checks: [
            ...['01', '02', '03'].flatMap((m) => [
              holdsContentOf(
                REPORTS,
                `~/reports/report-2024-${m}.csv`,
                `~/q1/report-2024-${m}.csv`,
                `A copy of report-2024-${m}.csv is in ~/q1`,
              ),
              unchanged(
                REPORTS,
                `~/reports/report-2024-${m}.csv`,
                `The original report-2024-${m}.csv stays in ~/reports`,
              ),
            ]),
            ...MONTHS.slice(3).map(
              (m) =>
                ({ kind: 'absent', path: `~/q1/report-2024-${m}.csv`, message: `Month ${m} is not in ~/q1` }) as const,
            ),
            { kind: 'absent', path: '~/q1/report-2024-summary.csv', message: 'The summary is not in ~/q1' },
            { kind: 'absent', path: '~/q1/report-2023-11.csv', message: 'No 2023 report is in ~/q1' },
          ],
          hints: [
            '`[1-3]` matches one character: 1, 2 or 3.',
            'Careful: `report-2024-*[1-3].csv` would also match 11 and 12.',
            '`mkdir ~/q1 && cp ~/reports/report-2024-0[1-3].csv ~/q1/`',
          ],
        },
        {
          title: 'Remove the strays from 2023',
          instructions: 'Delete the 2023 monthly reports with a pattern using `?`. The 2024 summary must stay.',
          checks: [
            { kind: 'absent', path: '~/reports/report-2023-11.csv', message: 'report-2023-11.csv is gone' },
            { kind: 'absent', path: '~/reports/report-2023-12.csv', message: 'report-2023-12.csv is gone' },
            unchanged(REPORTS, '~/reports/report-2024-summary.csv', 'The 2024 summary is still there, unchanged'),
            ...MONTHS.map((m) =>
              unchanged(REPORTS, `~/reports/report-2024-${m}.csv`, `report-2024-${m}.csv is still there, unchanged`),
            ),
          ],
          hints: [
            '`??` matches exactly two characters.',
            'Try the pattern with ls first: `ls ~/reports/report-2023-??.csv`.',
            '`rm ~/reports/report-2023-??.csv`',
          ],
        },
      ],
      recap:
        '`?` matches exactly one character and `[1-3]` one character from a set; try a pattern with `ls` before you `rm` with it.',
      solution: [
        'mkdir ~/q1',
        'cp ~/reports/report-2024-0[1-3].csv ~/q1/',
        'ls ~/reports/report-2023-??.csv',
        'rm ~/reports/report-2023-??.csv',
      ],
    },
    {
      id: 'find-lost-config',
      title: 'The lost database config',
      xp: 35,
      difficulty: 'intermediate',
      story:
        'Somebody moved `database.yml` somewhere deep inside `~/projects` and the staging deploy fails without it. ' +
        'While you are at it, editors left `.bak` copies all over the tree. `find` walks every directory for you.',
      files: PROJECTS,
      steps: [
        {
          title: 'Find it and bring it home',
          instructions:
            'Use `find ~/projects -name database.yml` to locate the file, then copy it to `~/database.yml`.',
          checks: [
            holdsContentOf(PROJECTS, DATABASE_YML, '~/database.yml', '~/database.yml is a copy of the staging config'),
            unchanged(PROJECTS, DATABASE_YML, 'The original stays where it was'),
            {
              kind: 'ran',
              command: 'find',
              operands: ['database.yml'],
              message: 'You searched for database.yml with find',
            },
          ],
          hints: [
            'find takes where to start, then tests: `find START -name NAME`.',
            '`find ~/projects -name database.yml`, then cp the path it prints to ~/database.yml.',
          ],
        },
        {
          title: 'Delete every .bak file',
          instructions:
            'Remove all `*.bak` files under `~/projects` with one find command (`-delete`). Quote the pattern so find sees it, not the shell.',
          checks: [
            { kind: 'absent', path: '~/projects/shop/app/models/order.rb.bak', message: 'order.rb.bak is gone' },
            { kind: 'absent', path: '~/projects/shop/config/routes.rb.bak', message: 'routes.rb.bak is gone' },
            { kind: 'absent', path: '~/projects/api/lib/auth.js.bak', message: 'auth.js.bak is gone' },
            ...[
              '~/projects/shop/app/models/order.rb',
              '~/projects/shop/config/routes.rb',
              '~/projects/api/lib/auth.js',
              '~/projects/api/README.md',
              DATABASE_YML,
            ].map((path) => unchanged(PROJECTS, path, `${fileName(path)} itself is untouched`)),
          ],
          hints: [
            "Run `find ~/projects -name '*.bak'` first to see what would go.",
            "`find ~/projects -name '*.bak' -delete`",
          ],
        },
      ],
      recap:
        '`find DIR -name PATTERN` searches a whole tree (quote the pattern), and `-delete` removes what it found; run it without `-delete` first.',
      solution: [
        'find ~/projects -name database.yml',
        'cp ~/projects/shop/vendor/legacy/settings/database.yml ~/database.yml',
        "find ~/projects -name '*.bak'",
        "find ~/projects -name '*.bak' -delete",
      ],
    },
    {
      id: 'find-gather-drafts',
      title: 'Gather the drafts',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'The marketing team writes newsletter drafts wherever they happen to be working. The editor wants every ' +
        '`*.draft.md` file from `~/work` copied into one `~/drafts` folder, and a list of the directories that hold them.',
      files: WORK,
      steps: [
        {
          title: 'Copy every draft',
          instructions:
            "Create `~/drafts`, then use `find ~/work -type f -name '*.draft.md' -exec cp {} ~/drafts/ \\;` to copy each draft found.",
          checks: [
            ...DRAFTS.flatMap((path) => [
              holdsContentOf(WORK, path, `~/drafts/${fileName(path)}`, `A copy of ${fileName(path)} is in ~/drafts`),
              unchanged(WORK, path, `The original ${fileName(path)} stays where it was`),
            ]),
            { kind: 'absent', path: '~/drafts/spring-menu.md', message: 'The published file was not copied' },
            { kind: 'absent', path: '~/drafts/notes.txt', message: 'notes.txt was not copied' },
          ],
          hints: [
            '`{}` is replaced by each path find prints; `\\;` ends the command.',
            "`mkdir ~/drafts && find ~/work -type f -name '*.draft.md' -exec cp {} ~/drafts/ \\;`",
          ],
        },
        {
          title: 'Only directories',
          instructions: 'List the directories (not files) under `~/work` whose name contains `draft`, with `-type d`.',
          checks: [
            { kind: 'ran', command: 'find', operands: ['-type', 'd'], message: 'You ran find with -type d' },
            {
              kind: 'output-matches',
              pattern: String.raw`events/drafts-archive$`,
              flags: 'm',
              message: 'find showed the drafts-archive directory',
            },
            { kind: 'output-matches', pattern: String.raw`\.draft\.md`, negate: true, message: 'No files are listed' },
          ],
          hints: ['`-type d` keeps directories only.', "`find ~/work -type d -name '*draft*'`"],
        },
      ],
      recap:
        '`find -type f` or `-type d` keeps only files or directories, and `-exec COMMAND {} \\;` runs a command on each one found.',
      solution: [
        'mkdir ~/drafts',
        "find ~/work -type f -name '*.draft.md' -exec cp {} ~/drafts/ \\;",
        "find ~/work -type d -name '*draft*'",
      ],
    },
  ],
);
