import { defineModule } from './define.js';

const INVOICE_JAN = '%PDF-1.4\nNorthwind Traders invoice 2024-01 total 1,240.00 EUR\n';
const INVOICE_FEB = '%PDF-1.4\nNorthwind Traders invoice 2024-02 total 980.50 EUR\n';
const REPORT = 'Q3 sales report: revenue up 12% on Q2, driven by the new beverages line.\n';
const PHOTOS = {
  'lisbon/tram.jpg': 'JFIF tram 28 at Graca\n',
  'lisbon/tiles.jpg': 'JFIF azulejos, Alfama\n',
  'porto/bridge.jpg': 'JFIF Dom Luis I bridge at dusk\n',
};
const MAIN_C = '#include <stdio.h>\n\nint main(void) {\n    puts("inventory 0.9");\n    return 0;\n}\n';
const STOCK_C = '/* stock levels */\nint reorder_level(int sold) { return sold * 2; }\n';
const MAKEFILE = 'all:\n\tcc -o build/inventory src/*.c\n';

/** The inventory's source and Makefile, unchanged: every clean-up step must leave them as they were. */
const sourceIntact = [
  { kind: 'file-equals', path: '~/inventory/src/main.c', content: MAIN_C, message: 'src/main.c is intact' },
  { kind: 'file-equals', path: '~/inventory/src/stock.c', content: STOCK_C, message: 'src/stock.c is intact' },
  { kind: 'file-equals', path: '~/inventory/Makefile', content: MAKEFILE, message: 'The Makefile is intact' },
] as const;

/** Module 2: make, copy, move and remove files and directories. */
export const files = defineModule(
  'files',
  'Files and directories',
  'Create files and directory trees (touch, mkdir -p), copy them (cp, cp -r), move and rename them (mv) and remove them safely (rm, rm -r, rmdir).',
  [
    {
      id: 'files-project-skeleton',
      title: 'A skeleton for the new shop',
      xp: 25,
      difficulty: 'beginner',
      story:
        'Northwind is opening an online shop and you are setting up the repository. The lead developer sent the layout ' +
        'she wants: a `shop` directory in your home with `src/components`, `tests` and `docs` inside, an empty ' +
        '`README.md` at the top and an empty `src/index.js`.',
      files: {
        '~/layout.txt': 'shop/\n  README.md\n  docs/\n  src/\n    index.js\n    components/\n  tests/\n',
      },
      steps: [
        {
          title: 'Build the directory tree',
          instructions:
            'Create `~/shop/src/components`, `~/shop/tests` and `~/shop/docs`. `mkdir -p` creates the missing parents for you.',
          checks: [
            {
              kind: 'exists',
              path: '~/shop/src/components',
              type: 'dir',
              message: '~/shop/src/components is a directory',
            },
            { kind: 'exists', path: '~/shop/tests', type: 'dir', message: '~/shop/tests is a directory' },
            { kind: 'exists', path: '~/shop/docs', type: 'dir', message: '~/shop/docs is a directory' },
          ],
          hints: [
            'Plain `mkdir shop/src/components` fails while `shop/src` does not exist.',
            'mkdir takes several directories at once.',
            '`mkdir -p ~/shop/src/components ~/shop/tests ~/shop/docs`',
          ],
        },
        {
          title: 'Add the empty files',
          instructions: 'Create the empty files `~/shop/README.md` and `~/shop/src/index.js` with `touch`.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/shop/README.md',
              content: '',
              message: '~/shop/README.md exists and is empty',
            },
            {
              kind: 'file-equals',
              path: '~/shop/src/index.js',
              content: '',
              message: '~/shop/src/index.js exists and is empty',
            },
          ],
          hints: ['`touch` creates a file that does not exist yet.', '`touch ~/shop/README.md ~/shop/src/index.js`'],
        },
      ],
      recap:
        '`mkdir -p` builds a whole tree of directories in one go (and does not complain if one exists); `touch` creates empty files.',
      solution: [
        'mkdir -p ~/shop/src/components ~/shop/tests ~/shop/docs',
        'touch ~/shop/README.md ~/shop/src/index.js',
      ],
    },
    {
      id: 'files-organise-downloads',
      title: 'Tame the Downloads folder',
      xp: 30,
      difficulty: 'beginner',
      story:
        'Your Downloads folder has become a swamp. Accounting wants the invoices filed under `~/Documents/invoices`, the ' +
        'holiday photos must be backed up before you touch them, and `report.docx` needs a name that says what it is.',
      files: {
        '~/Downloads/invoice-2024-01.pdf': INVOICE_JAN,
        '~/Downloads/invoice-2024-02.pdf': INVOICE_FEB,
        '~/Downloads/report.docx': REPORT,
        '~/Downloads/setup.sh': '#!/bin/bash\necho "installing..."\n',
        '~/photos/lisbon/tram.jpg': PHOTOS['lisbon/tram.jpg'],
        '~/photos/lisbon/tiles.jpg': PHOTOS['lisbon/tiles.jpg'],
        '~/photos/porto/bridge.jpg': PHOTOS['porto/bridge.jpg'],
        '~/Documents/cv.txt': 'Learner - junior systems administrator\n',
      },
      steps: [
        {
          title: 'File the invoices',
          instructions: 'Create `~/Documents/invoices` and move both invoices into it with `mv`.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/Documents/invoices/invoice-2024-01.pdf',
              content: INVOICE_JAN,
              message: 'The January invoice, unchanged, is in ~/Documents/invoices',
            },
            {
              kind: 'file-equals',
              path: '~/Documents/invoices/invoice-2024-02.pdf',
              content: INVOICE_FEB,
              message: 'The February invoice, unchanged, is in ~/Documents/invoices',
            },
            {
              kind: 'absent',
              path: '~/Downloads/invoice-2024-01.pdf',
              message: 'No January invoice left in Downloads',
            },
            {
              kind: 'absent',
              path: '~/Downloads/invoice-2024-02.pdf',
              message: 'No February invoice left in Downloads',
            },
          ],
          hints: [
            'First `mkdir ~/Documents/invoices`.',
            'mv takes several sources when the last argument is a directory.',
            '`mv ~/Downloads/invoice-2024-01.pdf ~/Downloads/invoice-2024-02.pdf ~/Documents/invoices/`',
          ],
        },
        {
          title: 'Back up the photos',
          instructions:
            'Copy the whole `~/photos` directory, with everything inside, to `~/backup/photos`. Keep the originals.',
          checks: [
            ...Object.entries(PHOTOS).flatMap(([photo, content]) => [
              {
                kind: 'file-equals',
                path: `~/backup/photos/${photo}`,
                content,
                message: `~/backup/photos/${photo} is a copy of the photo`,
              } as const,
              {
                kind: 'file-equals',
                path: `~/photos/${photo}`,
                content,
                message: `The original ~/photos/${photo} is still there`,
              } as const,
            ]),
          ],
          hints: [
            'cp copies directories only when asked to go recursive.',
            'The backup directory must exist before you copy into it: `mkdir ~/backup`.',
            '`mkdir ~/backup && cp -r ~/photos ~/backup/photos`',
          ],
        },
        {
          title: 'Give the report a real name',
          instructions: 'Rename `~/Downloads/report.docx` to `~/Downloads/q3-sales-report.docx`.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/Downloads/q3-sales-report.docx',
              content: REPORT,
              message: 'q3-sales-report.docx holds the whole report',
            },
            { kind: 'absent', path: '~/Downloads/report.docx', message: 'report.docx is gone' },
          ],
          hints: [
            'Renaming is moving to a new name in the same directory.',
            '`mv ~/Downloads/report.docx ~/Downloads/q3-sales-report.docx`',
          ],
        },
      ],
      recap:
        '`mv` moves and renames, `cp` copies, and `cp -r` copies a directory with everything in it. Several sources can go into one directory at once.',
      solution: [
        'mkdir ~/Documents/invoices',
        'mv ~/Downloads/invoice-2024-01.pdf ~/Downloads/invoice-2024-02.pdf ~/Documents/invoices/',
        'mkdir ~/backup',
        'cp -r ~/photos ~/backup/photos',
        'mv ~/Downloads/report.docx ~/Downloads/q3-sales-report.docx',
      ],
    },
    {
      id: 'files-clean-build',
      title: 'Clean up after a failed build',
      xp: 30,
      difficulty: 'beginner',
      story:
        'The nightly build of the inventory tool crashed and left junk everywhere in `~/inventory`: a half-written ' +
        '`build` directory, crash logs and an empty `old` directory. Remove the junk, but not one byte of the source ' +
        'code: `rm` has no undo.',
      files: {
        '~/inventory/src/main.c': MAIN_C,
        '~/inventory/src/stock.c': STOCK_C,
        '~/inventory/Makefile': MAKEFILE,
        '~/inventory/build/main.o': 'ELF partial object main.o\n',
        '~/inventory/build/stock.o': 'ELF partial object stock.o\n',
        '~/inventory/build/tmp/link.map': 'ld: link map (truncated)\n',
        '~/inventory/crash-0412.log': 'Segmentation fault (core dumped) at stock.c:2\n',
        '~/inventory/crash-0413.log': 'Segmentation fault (core dumped) at stock.c:2\n',
        '~/inventory/old': { type: 'dir' },
      },
      steps: [
        {
          title: 'Remove the build directory',
          instructions: '`~/inventory/build` has files and a subdirectory: remove it with everything inside (`rm -r`).',
          checks: [
            { kind: 'absent', path: '~/inventory/build', message: '~/inventory/build is gone' },
            ...sourceIntact,
          ],
          hints: ['rm refuses directories unless you ask it to be recursive.', '`rm -r ~/inventory/build`'],
        },
        {
          title: 'Remove the crash logs and the empty directory',
          instructions: 'Delete both crash logs with `rm`, and the empty `old` directory with `rmdir`.',
          checks: [
            { kind: 'absent', path: '~/inventory/crash-0412.log', message: 'crash-0412.log is gone' },
            { kind: 'absent', path: '~/inventory/crash-0413.log', message: 'crash-0413.log is gone' },
            { kind: 'absent', path: '~/inventory/old', message: '~/inventory/old is gone' },
            ...sourceIntact,
          ],
          hints: [
            'rm takes several files at once.',
            'rmdir only removes empty directories, which makes it safe.',
            '`cd ~/inventory && rm crash-0412.log crash-0413.log && rmdir old`',
          ],
        },
        {
          title: 'Keep the source',
          instructions: 'Make sure the source and the Makefile survived: list `~/inventory` with `ls`.',
          checks: [
            {
              kind: 'ran',
              command: 'ls',
              target: '~/inventory',
              message: 'You listed ~/inventory (ls there, or ls ~/inventory)',
            },
            ...sourceIntact,
          ],
          hints: ['If you deleted too much, reset the lab and try again: on a real machine it would be gone.'],
        },
      ],
      recap:
        '`rm` removes files for good (there is no bin), `rm -r` removes a directory and its contents, and `rmdir` removes only an empty directory, a safe way to tidy.',
      solution: ['cd ~/inventory', 'rm -r build', 'rm crash-0412.log crash-0413.log', 'rmdir old', 'ls'],
    },
  ],
);
