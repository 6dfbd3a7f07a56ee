import type { LabFile } from '@lta/labs';
import { contentOf, unchanged } from './checks.js';
import { defineModule } from './define.js';

const SHOP_CONF = '# Corner shop settings\nname=corner-shop\nport=8O80\ncurrency=EUR\n';

const MOTD = 'Welcome to the shop server.\nBackups run every night at 02:00.\n';
const CRONTAB_BAK =
  '# m h dom mon dow command\n0 2 * * * /home/learner/backup.sh\n30 6 * * 1 /home/learner/report.sh\n';

const SERVERS = [
  '# Servers of the corner shop, one per line: NAME ADDRESS ROLE',
  '# Keep this list sorted by role.',
  '',
  '# web',
  'web-1 10.0.0.11 web',
  'web-2 10.0.0.12 web',
  '',
  '# databases',
  'db-1 10.0.0.21 database',
  'old-db 10.0.0.40 database',
  'db-2 10.0.0.22 database',
  '',
  '# caches',
  'cache-1 10.0.0.31 cache',
  '',
].join('\n');

const BACKUP: Record<string, LabFile> = {
  '~/documents/report.txt': 'Sales were up 4% this week.\n',
  '~/documents/suppliers.txt': 'Bakery Miller: +49 30 1234\n',
  '~/backup/backup.conf':
    '# What the backup copies, and where to\nSOURCE=/home/learner/dcuments\nDEST=/home/learner/backups/documents\n',
  '~/backup/backup.sh':
    '#!/bin/bash\n# Copies the documents to the backup folder.\nsource ~/backup/backup.conf\ncp -r "$SOURCE"/. "$DEST"\necho "backup written to $DEST"\n',
};

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

/** Module 13: editing files in the terminal, with nano and with vi. */
export const editors = defineModule(
  'editors',
  'Editing files in the terminal',
  'Open, change and save files without leaving the terminal: nano (the keys are on screen) and vi (modes, motions, delete, yank, put, search), then fix a config and a script with the editor you prefer.',
  [
    {
      id: 'edit-nano-fix-typo',
      title: 'Fix a typo with nano',
      xp: 30,
      difficulty: 'beginner',
      story:
        'The shop’s web app will not start: somebody typed the letter O instead of a zero in its port. On a server ' +
        'there is no mouse and no window, only the terminal: fix the config with `nano`, the editor whose keys are ' +
        'written at the bottom of its screen (`^` means Ctrl). In a browser tab, Ctrl-W closes the tab: for nano’s ' +
        'Where Is (search), press F6 instead.',
      files: { '~/shop/app.conf': SHOP_CONF },
      steps: [
        {
          title: 'Fix the port',
          instructions:
            'Open `~/shop/app.conf` with `nano`, move to `port=8O80` with the arrow keys, replace the `O` by a `0`, write the file out with `Ctrl-O` (then Enter to keep the name) and leave with `Ctrl-X`.',
          checks: [
            {
              kind: 'file-matches',
              path: '~/shop/app.conf',
              pattern: '^port=8080$',
              flags: 'm',
              message: 'The port is 8080',
            },
            {
              kind: 'file-matches',
              path: '~/shop/app.conf',
              pattern: '^name=corner-shop$',
              flags: 'm',
              message: 'The other settings are still there',
            },
            {
              kind: 'editor-saved',
              path: '~/shop/app.conf',
              editor: 'nano',
              message: 'You changed and saved it in nano',
            },
          ],
          hints: [
            '`nano ~/shop/app.conf` opens it. Arrow keys move, Delete removes the character under the cursor, Backspace the one before it.',
            'Ctrl-O asks `File Name to Write:`; Enter keeps the name. Ctrl-X leaves (it asks first when there are unsaved changes).',
            'Type `nano ~/shop/app.conf`, then press Down twice, Right six times, Delete, type `0`, press Ctrl-O, Enter, Ctrl-X.',
          ],
        },
        {
          title: 'Add the opening hours',
          instructions:
            'Open it again and add a last line `hours=9-18`. This time leave with `Ctrl-X` straight away: nano asks `Save modified buffer?`; answer `Y`, then Enter.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/shop/app.conf',
              content: SHOP_CONF.replace('8O80', '8080') + 'hours=9-18\n',
              message: 'app.conf ends with hours=9-18, the rest as before',
            },
            {
              kind: 'editor-saved',
              path: '~/shop/app.conf',
              editor: 'nano',
              message: 'You changed and saved it in nano',
            },
          ],
          hints: [
            'The empty line under the last one is where new text goes: Ctrl-V (or Page Down) jumps down, or press Down until the cursor is there.',
            'Ctrl-X, then `Y` (yes, save), then Enter to keep the file name.',
            'Type `nano ~/shop/app.conf`, press Down four times, type `hours=9-18`, then Ctrl-X, `Y`, Enter.',
          ],
        },
      ],
      recap:
        'You can open a file in `nano`, move with the arrows, fix text, save with Ctrl-O and leave with Ctrl-X (Y to save on the way out).',
      solution: [
        'nano ~/shop/app.conf',
        '<Down><Down><Right><Right><Right><Right><Right><Right><Del>0<C-o><Enter><C-x>',
        'nano ~/shop/app.conf',
        '<Down><Down><Down><Down>hours=9-18<C-x>y<Enter>',
      ],
    },
    {
      id: 'edit-nano-new-file',
      title: 'A to-do list in nano',
      xp: 30,
      difficulty: 'beginner',
      story:
        'Before the shop opens you keep a to-do list on the server. Start it with nano (which creates a file the ' +
        'first time you save it), then reorder it with nano’s cut and paste.',
      files: {},
      steps: [
        {
          title: 'Write the list',
          instructions:
            'Run `nano ~/todo.txt` (the file does not exist yet) and type three lines: `water the plants`, `pay the rent`, `call the plumber`. Save it with `Ctrl-O`, Enter, and leave with `Ctrl-X`.',
          checks: [
            ...['water the plants', 'pay the rent', 'call the plumber'].map(
              (item) =>
                ({
                  kind: 'file-matches',
                  path: '~/todo.txt',
                  pattern: `^${item}$`,
                  flags: 'm',
                  message: `~/todo.txt has the line ${item}`,
                }) as const,
            ),
            {
              kind: 'file-matches',
              path: '~/todo.txt',
              pattern: String.raw`^([^\n]+\n){3}$`,
              message: '~/todo.txt has three lines, each ending in a newline',
            },
            { kind: 'editor-saved', path: '~/todo.txt', editor: 'nano', message: 'You wrote it in nano' },
          ],
          hints: [
            'nano shows `[ New File ]` at the bottom: type as in any editor, Enter starts a new line.',
            'Ctrl-O then Enter writes it to ~/todo.txt; Ctrl-X leaves.',
            'Type `nano ~/todo.txt`, then `water the plants`, Enter, `pay the rent`, Enter, `call the plumber`, then Ctrl-O, Enter, Ctrl-X.',
          ],
        },
        {
          title: 'Rent first',
          instructions:
            'The rent is due today. Open the list again, put the cursor on `pay the rent`, cut the line with `Ctrl-K`, move up to the first line and paste it above with `Ctrl-U`. Save and leave.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/todo.txt',
              content: lines('pay the rent', 'water the plants', 'call the plumber'),
              message: 'pay the rent comes first, the other two follow',
            },
            { kind: 'editor-saved', path: '~/todo.txt', editor: 'nano', message: 'You changed and saved it in nano' },
          ],
          hints: [
            '`^K Cut` and `^U Paste` are on nano’s help lines: Ctrl-K takes the whole line the cursor is on, Ctrl-U puts it back above the cursor’s line.',
            'Down once (to `pay the rent`), Ctrl-K, Up once, Ctrl-U.',
            'Type `nano ~/todo.txt`, then press Down, Ctrl-K, Up, Ctrl-U, Ctrl-O, Enter, Ctrl-X.',
          ],
        },
      ],
      recap:
        '`nano FILE` creates a file on its first save; Ctrl-K cuts a whole line and Ctrl-U pastes it where the cursor is.',
      solution: [
        'nano ~/todo.txt',
        'water the plants<Enter>pay the rent<Enter>call the plumber<C-o><Enter><C-x>',
        'nano ~/todo.txt',
        '<Down><C-k><Up><C-u><C-o><Enter><C-x>',
      ],
    },
    {
      id: 'edit-vi-survive',
      title: 'Survive vi',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'Some servers have no nano, but every one has `vi`. It starts in *normal* mode, where letters are commands, ' +
        'not text: many people are stuck in it the first time. Learn the way in (`i`), the way back (Esc) and the ways ' +
        'out (`:wq` to save and quit, `:q!` to quit without saving).',
      files: { '~/motd.txt': MOTD, '~/crontab.bak': CRONTAB_BAK },
      steps: [
        {
          title: 'Add a line',
          instructions:
            'Open `~/motd.txt` with `vi`. Press `G` to go to the last line, `o` to open a new line below it (the bottom shows `-- INSERT --`), type `Maintenance on Friday at 18:00`, press Esc, then type `:wq` and Enter.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/motd.txt',
              content: MOTD + 'Maintenance on Friday at 18:00\n',
              message: 'motd.txt ends with the maintenance notice',
            },
            { kind: 'editor-saved', path: '~/motd.txt', editor: 'vim', message: 'You changed and saved it in vi' },
          ],
          hints: [
            'In normal mode `o` opens a line below the cursor and switches to insert mode; Esc goes back to normal mode.',
            '`:wq` (write, quit) is typed in normal mode: it shows at the bottom until you press Enter.',
            'Type `vi ~/motd.txt`, then `G`, `o`, `Maintenance on Friday at 18:00`, Esc, `:wq`, Enter.',
          ],
        },
        {
          title: 'A new file',
          instructions:
            'Create `~/hello.txt` with vi: `vi ~/hello.txt`, press `i`, type `hello from vi`, press Esc and save and quit with `:wq`.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/hello.txt',
              content: 'hello from vi\n',
              message: '~/hello.txt holds hello from vi',
            },
            { kind: 'editor-saved', path: '~/hello.txt', editor: 'vim', message: 'You wrote it in vi' },
          ],
          hints: [
            'vi shows `"~/hello.txt" [New]`: the file exists once you write it. `i` starts inserting at the cursor.',
            'Type `vi ~/hello.txt`, then `i`, `hello from vi`, Esc, `:wq`, Enter.',
          ],
        },
        {
          title: 'Quit without saving',
          instructions:
            'Open `~/crontab.bak` with vi and press `dd` twice: two lines are gone. That was a mistake: `:q` refuses to quit (`E37: No write since last change`), so quit with `:q!`, which throws the changes away.',
          checks: [
            { kind: 'ran', command: 'vi|vim', operands: ['~/crontab.bak'], message: 'You opened ~/crontab.bak in vi' },
            unchanged({ '~/crontab.bak': CRONTAB_BAK }, '~/crontab.bak', 'crontab.bak is unchanged'),
          ],
          hints: [
            '`dd` deletes the line under the cursor. `u` would undo it; `:q!` leaves and forgets every change.',
            'Type `vi ~/crontab.bak`, then `dd`, `dd`, `:q!`, Enter.',
          ],
        },
      ],
      recap:
        'You can get into insert mode (`i`, `o`), back to normal mode (Esc), save and quit (`:wq`), and leave without saving (`:q!`).',
      solution: [
        'vi ~/motd.txt',
        'GoMaintenance on Friday at 18:00<Esc>:wq<Enter>',
        'vi ~/hello.txt',
        'ihello from vi<Esc>:wq<Enter>',
        'vi ~/crontab.bak',
        'dddd:q<Enter>:q!<Enter>',
      ],
    },
    {
      id: 'edit-vi-navigate',
      title: 'Tidy a server list in vi',
      xp: 50,
      difficulty: 'intermediate',
      story:
        'The list of the shop’s servers is out of date: a retired database is still in it and the new web server ' +
        'is missing. In vi you move with `j`/`k` (down/up), `w`/`b` (words), `gg`/`G` (first/last line), find with ' +
        '`/text`, delete a line with `dd`, copy one with `yy` and put it below with `p`.',
      files: { '~/servers.txt': SERVERS },
      steps: [
        {
          title: 'Remove the old database',
          instructions:
            'In `vi ~/servers.txt`, find the `old-db` line with `/old-db` and Enter, delete it with `dd`, and save with `:w` (stay in vi if you like).',
          checks: [
            { kind: 'file-contains', path: '~/servers.txt', text: 'old-db', negate: true, message: 'old-db is gone' },
            {
              kind: 'file-matches',
              path: '~/servers.txt',
              pattern: String.raw`^db-1 10\.0\.0\.21 database\ndb-2 10\.0\.0\.22 database$`,
              flags: 'm',
              message: 'db-1 and db-2 are still there, now next to each other',
            },
            {
              kind: 'file-matches',
              path: '~/servers.txt',
              pattern: String.raw`^# caches\ncache-1 10\.0\.0\.31 cache\n$`,
              flags: 'm',
              message: 'The rest of the list is still there',
            },
            { kind: 'editor-saved', path: '~/servers.txt', editor: 'vim', message: 'You changed and saved it in vi' },
          ],
          hints: [
            '`/old-db` then Enter puts the cursor on it; `n` finds the next match.',
            '`dd` deletes the line; `:w` writes the file.',
            'Type `vi ~/servers.txt`, then `/old-db`, Enter, `dd`, `:w`, Enter.',
          ],
        },
        {
          title: 'Add web-3',
          instructions:
            'Copy the `web-2` line with `yy`, put the copy below it with `p`, and make it `web-3 10.0.0.13 web`: on the copy, `x` deletes the character under the cursor and `i`/`a` insert before/after it. Save and quit.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/servers.txt',
              content: SERVERS.replace('old-db 10.0.0.40 database\n', '').replace(
                'web-2 10.0.0.12 web\n',
                'web-2 10.0.0.12 web\nweb-3 10.0.0.13 web\n',
              ),
              message: 'web-3 10.0.0.13 comes right after web-2, nothing else changed',
            },
            { kind: 'editor-saved', path: '~/servers.txt', editor: 'vim', message: 'You changed and saved it in vi' },
          ],
          hints: [
            '`/web-2` finds the line; `yy` copies it and `p` puts the copy below, with the cursor on it.',
            'On the copy: `4l` moves to the `2`, `x` deletes it and `i3` Esc inserts the `3`; `$` goes to the end of a line and `b` back a word.',
            'Type `vi ~/servers.txt`, then `/web-2`, Enter, `yy`, `p`, `4l`, `x`, `i3`, Esc, `/12`, Enter, `lx`, `i3`, Esc, `:wq`, Enter.',
          ],
        },
      ],
      recap:
        'You can find text in vi (`/text`, `n`), delete (`dd`, `x`), copy and put lines (`yy`, `p`), move by lines and words (`j k w b gg G`) and save (`:w`, `:wq`).',
      solution: [
        'vi ~/servers.txt',
        '/old-db<Enter>dd:w<Enter>',
        '/web-2<Enter>yyp4lxi3<Esc>/12<Enter>lxi3<Esc>:wq<Enter>',
      ],
    },
    {
      id: 'edit-capstone-backup',
      title: 'Capstone: repair the backup',
      xp: 70,
      difficulty: 'advanced',
      story:
        'The nightly backup of the shop’s documents has not worked for a week. Its settings are in ' +
        '`~/backup/backup.conf` and the script is `~/backup/backup.sh`. Fix both with the editor you prefer, nano or ' +
        'vi, and run the backup by hand.',
      files: BACKUP,
      steps: [
        {
          title: 'Fix the settings',
          instructions:
            '`SOURCE` in `~/backup/backup.conf` points to a folder that does not exist (look with `ls ~`). Correct it in an editor.',
          checks: [
            {
              kind: 'file-matches',
              path: '~/backup/backup.conf',
              pattern: '^SOURCE=/home/learner/documents/?$',
              flags: 'm',
              message: 'SOURCE is /home/learner/documents',
            },
            {
              kind: 'file-matches',
              path: '~/backup/backup.conf',
              pattern: '^DEST=/home/learner/backups/documents$',
              flags: 'm',
              message: 'DEST is unchanged',
            },
            { kind: 'editor-saved', path: '~/backup/backup.conf', message: 'You changed and saved it in an editor' },
          ],
          hints: [
            '`dcuments` is missing an `o`. In nano, move there and type it; in vi, move there and use `i`.',
            'In vi: `/dcu` Enter puts the cursor on the `d`; `a` inserts after it.',
            'Type `vi ~/backup/backup.conf`, then `/dcu`, Enter, `ao`, Esc, `:wq`, Enter.',
          ],
        },
        {
          title: 'Make the folder first',
          instructions:
            '`cp` fails when the destination folder does not exist. In `~/backup/backup.sh`, add the line `mkdir -p "$DEST"` just before the `cp` line, in an editor.',
          checks: [
            {
              kind: 'file-matches',
              path: '~/backup/backup.sh',
              pattern: String.raw`\nmkdir -p "\$DEST"\ncp -r`,
              message: 'mkdir -p "$DEST" comes right before cp',
            },
            { kind: 'editor-saved', path: '~/backup/backup.sh', message: 'You changed and saved it in an editor' },
          ],
          hints: [
            'In vi, `/cp` Enter then `O` opens a line above the cp line; in nano, put the cursor at the start of the cp line, type the new line and Enter.',
            'Type `vi ~/backup/backup.sh`, then `/cp`, Enter, `O`, `mkdir -p "$DEST"`, Esc, `:wq`, Enter.',
          ],
        },
        {
          title: 'Run the backup',
          instructions: 'Make the script executable and run it: the documents appear in `~/backups/documents`.',
          checks: [
            {
              kind: 'file-mode',
              path: '~/backup/backup.sh',
              mode: '100',
              match: 'includes',
              message: 'backup.sh is executable',
            },
            {
              kind: 'file-equals',
              path: '~/backups/documents/report.txt',
              content: contentOf(BACKUP, '~/documents/report.txt'),
              message: 'The backup holds report.txt',
            },
            {
              kind: 'script-runs',
              path: '~/backup/backup.sh',
              runs: [
                {
                  on: 'the documents',
                  status: 0,
                  stdout: 'backup written to /home/learner/backups/documents',
                  leaves: { '~/backups/documents/suppliers.txt': contentOf(BACKUP, '~/documents/suppliers.txt') },
                },
              ],
              message: 'backup.sh copies the documents and says where',
            },
          ],
          hints: [
            '`chmod +x FILE` makes a script executable; `./backup.sh` (or its full path) runs it.',
            'chmod +x ~/backup/backup.sh && ~/backup/backup.sh',
          ],
        },
      ],
      recap:
        'You can fix a configuration and a script in the terminal editor you prefer (`nano` or `vi`), make the script executable (`chmod +x`) and run what you fixed.',
      solution: [
        'vi ~/backup/backup.conf',
        '/dcu<Enter>ao<Esc>:wq<Enter>',
        'nano ~/backup/backup.sh',
        '<Down><Down><Down>mkdir -p "$DEST"<Enter><C-x>y<Enter>',
        'chmod +x ~/backup/backup.sh',
        '~/backup/backup.sh',
      ],
    },
  ],
);
