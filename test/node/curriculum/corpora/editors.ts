import type { LabCorpus } from './corpus.js';

// An editor session is its command line, then its keys in `keysFromNotation`'s notation, line by line.
const FIX_PORT = [
  'nano ~/shop/app.conf',
  '<Down><Down><Right><Right><Right><Right><Right><Right><Del>0<C-o><Enter><C-x>',
];
const WRITE_TODO = ['nano ~/todo.txt', 'water the plants<Enter>pay the rent<Enter>call the plumber<C-o><Enter><C-x>'];
const ADD_MOTD = ['vi ~/motd.txt', 'GoMaintenance on Friday at 18:00<Esc>:wq<Enter>'];
const DROP_OLD_DB = ['vi ~/servers.txt', '/old-db<Enter>dd:wq<Enter>'];
const FIX_CONF = ['vi ~/backup/backup.conf', '/dcu<Enter>ao<Esc>:wq<Enter>'];
const ADD_MKDIR = ['nano ~/backup/backup.sh', '<Down><Down><Down>mkdir -p "$DEST"<Enter><C-x>y<Enter>'];

export const editors: Record<string, LabCorpus> = {
  'edit-nano-fix-typo': [
    {
      accept: [
        FIX_PORT,
        // Search for the typo, fix it with Backspace, save on the way out.
        ['nano ~/shop/app.conf', '<C-w>8o<Enter><Right><Right><BS>0<C-x>y<Enter>'],
        ['cd ~/shop', 'nano app.conf', '<C-w>port<Enter><End><Left><Left><BS>0<C-s><C-x>'],
      ],
      refuse: [
        ["sed -i 's/8O80/8080/' ~/shop/app.conf"],
        ['echo port=8080 >> ~/shop/app.conf'],
        ["printf '# Corner shop settings\\nname=corner-shop\\nport=8080\\ncurrency=EUR\\n' > ~/shop/app.conf"],
        // The editor opened, the fix made with sed, then saved unchanged in nano: no edit in nano.
        ["sed -i 's/8O80/8080/' ~/shop/app.conf", 'nano ~/shop/app.conf', '<C-o><Enter><C-x>'],
        // Fixed in nano but left without saving.
        ['nano ~/shop/app.conf', '<Down><Down><Right><Right><Right><Right><Right><Right><Del>0<C-x>n'],
        // Fixed in vi: this lab teaches nano.
        ['vi ~/shop/app.conf', '/8O<Enter>lx i0<Esc>:wq<Enter>'],
      ],
    },
    {
      setup: FIX_PORT,
      accept: [
        ['nano ~/shop/app.conf', '<Down><Down><Down><Down>hours=9-18<C-x>y<Enter>'],
        ['nano ~/shop/app.conf', '<C-v>hours=9-18<C-o><Enter><C-x>'],
        ['nano ~/shop/app.conf', '<Down><Down><Down><End><Enter>hours=9-18<C-x>y<Enter>'],
      ],
      refuse: [
        ['echo hours=9-18 >> ~/shop/app.conf'],
        ['nano ~/shop/app.conf', '<Down><Down><Down><Down>hours=9-18<C-x>n'],
        ['nano ~/shop/app.conf', '<Down><Down><Down><Down>hours=9-18<C-x>y<Enter>', 'echo >> ~/shop/app.conf'],
        ['nano ~/shop/app.conf', 'hours=9-18<Enter><C-x>y<Enter>'],
      ],
    },
  ],
  'edit-nano-new-file': [
    {
      accept: [
        WRITE_TODO,
        ['nano ~/todo.txt', 'water the plants<Enter>pay the rent<Enter>call the plumber<Enter><C-x>y<Enter>'],
        ['nano', 'water the plants<Enter>pay the rent<Enter>call the plumber<C-o>/home/learner/todo.txt<Enter><C-x>'],
      ],
      refuse: [
        ["printf 'water the plants\\npay the rent\\ncall the plumber\\n' > ~/todo.txt"],
        ["cat > ~/todo.txt <<'EOF'\nwater the plants\npay the rent\ncall the plumber\nEOF"],
        ['nano ~/todo.txt', 'water the plants<Enter>pay the rent<C-o><Enter><C-x>'],
        ['nano ~/todo.txt', 'water the plants<Enter>pay the rent<Enter>call the plumber<C-x>n'],
      ],
    },
    {
      setup: WRITE_TODO,
      accept: [
        ['nano ~/todo.txt', '<Down><C-k><Up><C-u><C-o><Enter><C-x>'],
        ['nano ~/todo.txt', '<C-k><Down><C-u><C-x>y<Enter>'],
        ['nano ~/todo.txt', '<C-w>rent<Enter><C-k><Up><C-u><C-s><C-x>'],
      ],
      refuse: [
        ["printf 'pay the rent\\nwater the plants\\ncall the plumber\\n' > ~/todo.txt"],
        ["sed -i '2d;1i pay the rent' ~/todo.txt"],
        ['nano ~/todo.txt', '<Down><C-k><C-u><C-o><Enter><C-x>'],
        ['nano ~/todo.txt', '<Down><C-k><Up><C-u><C-x>n'],
      ],
    },
  ],
  'edit-vi-survive': [
    {
      accept: [
        ADD_MOTD,
        ['vim ~/motd.txt', 'jA<Enter>Maintenance on Friday at 18:00<Esc>:x<Enter>'],
        ['vi ~/motd.txt', 'GoMaintenance on Friday at 18:00<Esc>ZZ'],
      ],
      refuse: [
        ['echo "Maintenance on Friday at 18:00" >> ~/motd.txt'],
        ['vi ~/motd.txt', 'GoMaintenance on Friday at 18:00<Esc>:q!<Enter>'],
        ['nano ~/motd.txt', '<Down><Down>Maintenance on Friday at 18:00<C-x>y<Enter>'],
        ['vi ~/motd.txt', 'oMaintenance on Friday at 18:00<Esc>:wq<Enter>'],
      ],
    },
    {
      accept: [
        ['vi ~/hello.txt', 'ihello from vi<Esc>:wq<Enter>'],
        ['vim hello.txt', 'ahello from vi<Esc>:x<Enter>'],
        ['vi', 'ihello from vi<Esc>:w ~/hello.txt<Enter>:q<Enter>'],
      ],
      refuse: [
        ['echo "hello from vi" > ~/hello.txt'],
        ['vi ~/hello.txt', 'hello from vi<Esc>:wq<Enter>'],
        ['vi ~/hello.txt', 'ihello from vi<Esc>:q!<Enter>'],
      ],
    },
    {
      setup: [...ADD_MOTD, 'vi ~/hello.txt', 'ihello from vi<Esc>:wq<Enter>'],
      accept: [
        ['vi ~/crontab.bak', 'dddd:q<Enter>:q!<Enter>'],
        ['vim ~/crontab.bak', 'dd:q!<Enter>'],
        ['vi ~/crontab.bak', 'ddddu<C-c>:qa!<Enter>'],
      ],
      refuse: [
        ['vi ~/crontab.bak', 'dddd:wq<Enter>'],
        ['cat ~/crontab.bak'],
        ['echo vi ~/crontab.bak'],
        ['vi ~/motd.txt', ':q!<Enter>'],
      ],
    },
  ],
  'edit-vi-navigate': [
    {
      accept: [
        DROP_OLD_DB,
        ['vi ~/servers.txt', '10Gdd:x<Enter>'],
        ['vim ~/servers.txt', ':set number<Enter>:10<Enter>dd:w<Enter>:q<Enter>'],
        ['vi ~/servers.txt', 'Gkkkkdd:wq<Enter>'],
      ],
      refuse: [
        ["sed -i '/old-db/d' ~/servers.txt"],
        ['grep -v old-db ~/servers.txt > /tmp/s && cat /tmp/s > ~/servers.txt'],
        ['vi ~/servers.txt', '/old-db<Enter>dd:q!<Enter>'],
        ['vi ~/servers.txt', '/old-db<Enter>2dd:wq<Enter>'],
        ['vi ~/servers.txt', '/old-db<Enter>kdd:wq<Enter>'],
      ],
    },
    {
      setup: DROP_OLD_DB,
      accept: [
        ['vi ~/servers.txt', '/web-2<Enter>yyp4lxi3<Esc>/12<Enter>lxi3<Esc>:wq<Enter>'],
        ['vi ~/servers.txt', '6Gyyp4lxi3<Esc>$bhhxi3<Esc>ZZ'],
        // Typing the new line after web-2 has the same effect as copying it and changing the copy.
        ['vim ~/servers.txt', '/web-2<Enter>oweb-3 10.0.0.13 web<Esc>:wq<Enter>'],
      ],
      refuse: [
        ["sed -i '/web-2/a web-3 10.0.0.13 web' ~/servers.txt"],
        ['vi ~/servers.txt', '/web-2<Enter>yyp:wq<Enter>'],
        ['vi ~/servers.txt', '/web-2<Enter>yyP4lxi3<Esc>/12<Enter>lxi3<Esc>:wq<Enter>'],
        ['vi ~/servers.txt', '/web-2<Enter>yyp4lxi3<Esc>/12<Enter>lxi3<Esc>:q!<Enter>'],
      ],
    },
  ],
  'edit-capstone-backup': [
    {
      accept: [
        FIX_CONF,
        ['nano ~/backup/backup.conf', '<C-w>dcu<Enter><Right>o<C-x>y<Enter>'],
        ['vim ~/backup/backup.conf', '2G$bxxxxxxxxadocuments<Esc>:wq<Enter>'],
      ],
      refuse: [
        ["sed -i 's/dcuments/documents/' ~/backup/backup.conf"],
        ['echo SOURCE=/home/learner/documents >> ~/backup/backup.conf'],
        ['vi ~/backup/backup.conf', '/dcu<Enter>ao<Esc>:q!<Enter>'],
      ],
    },
    {
      accept: [
        ADD_MKDIR,
        ['vi ~/backup/backup.sh', '/cp<Enter>Omkdir -p "$DEST"<Esc>:wq<Enter>'],
        ['vim ~/backup/backup.sh', '3Gomkdir -p "$DEST"<Esc>ZZ'],
      ],
      refuse: [
        ['sed -i \'s/^cp/mkdir -p "$DEST"\\ncp/\' ~/backup/backup.sh'],
        ['vi ~/backup/backup.sh', '/cp<Enter>omkdir -p "$DEST"<Esc>:wq<Enter>'],
        ['vi ~/backup/backup.sh', '/cp<Enter>Omkdir "$DEST"<Esc>:wq<Enter>'],
      ],
    },
    {
      setup: [...FIX_CONF, ...ADD_MKDIR],
      accept: [
        ['chmod +x ~/backup/backup.sh', '~/backup/backup.sh'],
        ['chmod 755 ~/backup/backup.sh', 'cd ~/backup', './backup.sh'],
        ['chmod u+x ~/backup/backup.sh && ~/backup/backup.sh'],
      ],
      refuse: [
        ['bash ~/backup/backup.sh'],
        ['chmod +x ~/backup/backup.sh', 'mkdir -p ~/backups/documents', 'echo hi > ~/backups/documents/report.txt'],
        ['chmod +x ~/backup/backup.sh'],
      ],
    },
  ],
};
