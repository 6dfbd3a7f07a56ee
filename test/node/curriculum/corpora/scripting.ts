import type { LabCorpus } from './corpus.js';

const MORNING =
  'cat > ~/morning.sh <<\'EOF\'\n#!/bin/bash\ncount=$(ls ~/orders | wc -l)\necho "Hello $USER, $count orders waiting"\nEOF';
const CHECK =
  'cat > ~/check-backup.sh <<\'EOF\'\n#!/bin/bash\nif [ -s "$1" ]; then\n  echo "OK: $1"\nelse\n  echo "MISSING: $1"\n  exit 1\nfi\nEOF';
const TOOLBOX =
  'cat > ~/toolbox.sh <<\'EOF\'\nbackup() {\n  if [ ! -f "$1" ]; then\n    echo "backup: no such file: $1" >&2\n    return 1\n  fi\n  cp "$1" "$1.bak"\n}\nEOF';
const GOOD = '~/backups/shop-2024-03-14.sql';
const EMPTY = '~/backups/shop-2024-03-15.sql';

export const scripting: Record<string, LabCorpus> = {
  'script-first': [
    {
      accept: [
        [MORNING],
        [MORNING.replace('#!/bin/bash', '#!/bin/sh')],
        [
          'printf \'#!/bin/bash\\ncount=$(ls ~/orders | wc -l)\\necho "Hello $USER, $count orders waiting"\\n\' > ~/morning.sh',
        ],
      ],
      refuse: [
        ["echo 'echo Hello learner, 3 orders waiting' > ~/morning.sh"],
        [MORNING.replace('#!/bin/bash\n', '')],
        ['touch ~/morning.sh'],
      ],
    },
    {
      setup: [MORNING],
      accept: [
        [
          'cat > ~/morning.sh <<\'EOF\'\n#!/bin/bash\nset -- ~/orders/*\necho "Hello $USER, $# orders waiting"\nEOF',
          'chmod +x ~/morning.sh',
          '~/morning.sh',
        ],
        [
          'cat > ~/morning.sh <<\'EOF\'\n#!/bin/bash\nn=$(find ~/orders -type f | wc -l)\nprintf \'Hello %s, %d orders waiting\\n\' "$(whoami)" "$n"\nEOF',
          'chmod +x ~/morning.sh',
          '~/morning.sh',
        ],
        ['chmod +x ~/morning.sh', '~/morning.sh'],
        ['chmod u+x ~/morning.sh', 'cd ~', './morning.sh'],
        ['chmod 755 ~/morning.sh && ~/morning.sh'],
      ],
      refuse: [
        ['bash ~/morning.sh'],
        ['chmod +x ~/morning.sh', "echo 'Hello learner, 3 orders waiting'"],
        ["sed -i 's/^count=.*/count=3/' ~/morning.sh", 'chmod +x ~/morning.sh', '~/morning.sh'],
        ['chmod +x ~/morning.sh', '~/morning.sh', 'echo ok'],
        // Hard-coded answers: right for today's three orders only.
        [
          'printf \'#!/bin/bash\\nls ~/orders > /dev/null\\necho "Hello $USER, 3 orders waiting"\\n\' > ~/morning.sh',
          'chmod +x ~/morning.sh',
          '~/morning.sh',
        ],
        [
          'printf \'#!/bin/bash\\necho "Hello learner, 3 orders waiting"\\n\' > ~/morning.sh',
          'chmod +x ~/morning.sh',
          '~/morning.sh',
        ],
      ],
    },
  ],
  'script-conditions': [
    {
      accept: [
        [
          'cat > ~/check-backup.sh <<\'EOF\'\n#!/bin/bash\n[ -s "$1" ] && { echo "OK: $1"; exit 0; }\necho "MISSING: $1"\nexit 1\nEOF',
          'chmod +x ~/check-backup.sh',
        ],
        [CHECK, 'chmod +x ~/check-backup.sh'],
        [CHECK.replace('[ -s "$1" ]', '[[ -s $1 ]]'), 'chmod 755 ~/check-backup.sh'],
        [CHECK.replace('[ -s "$1" ]', 'test -s "$1"'), 'chmod u+x ~/check-backup.sh'],
      ],
      refuse: [
        [CHECK],
        [CHECK.replace('exit 1', 'exit 0'), 'chmod +x ~/check-backup.sh'],
        ["echo 'echo OK' > ~/check-backup.sh", 'chmod +x ~/check-backup.sh'],
        // Only one branch: OK for everything, or MISSING only when the file is absent (an empty dump passes).
        ['echo \'echo "OK: $1"\' > ~/check-backup.sh', 'chmod +x ~/check-backup.sh'],
        [CHECK.replace('-s', '-f'), 'chmod +x ~/check-backup.sh'],
        // Hard-coded to today's two dumps.
        [
          'cat > ~/check-backup.sh <<\'EOF\'\n#!/bin/bash\nif [ "$1" = backups/shop-2024-03-15.sql ]; then echo "MISSING: $1"; exit 1; fi\necho "OK: $1"\nEOF',
          'chmod +x ~/check-backup.sh',
        ],
      ],
    },
    {
      setup: [CHECK, 'chmod +x ~/check-backup.sh'],
      accept: [
        [`~/check-backup.sh ${GOOD}`, `~/check-backup.sh ${EMPTY}`],
        ['cd ~/backups', '~/check-backup.sh shop-2024-03-14.sql', '~/check-backup.sh shop-2024-03-15.sql'],
        [`bash ~/check-backup.sh ${GOOD}`, `~/check-backup.sh ${EMPTY}`],
      ],
      refuse: [
        ['false'],
        [`~/check-backup.sh ${EMPTY}`],
        [`~/check-backup.sh ${GOOD}`, `echo 'MISSING: ${EMPTY}'; (exit 1)`],
        [
          `echo 'echo "MISSING: $1"; exit 1' > ~/check-backup.sh`,
          `~/check-backup.sh ${GOOD}`,
          `~/check-backup.sh ${EMPTY}`,
        ],
        [`~/check-backup.sh ${GOOD}`, `~/check-backup.sh ~/backups/nope.sql`],
      ],
    },
  ],
  'script-loops': [
    {
      accept: [
        ['cd ~/shoot', 'for f in *.JPG; do mv "$f" "${f%.JPG}.jpg"; done'],
        ['cd ~/shoot && for f in DSC_*.JPG; do mv -- "$f" "$(basename "$f" .JPG).jpg"; done'],
        ['for f in ~/shoot/*.JPG; do mv "$f" "${f%.*}.jpg"; done'],
      ],
      refuse: [
        ['cd ~/shoot', 'for f in *.JPG; do cp "$f" "${f%.JPG}.jpg"; done'],
        ['cd ~/shoot', 'for f in *.JPG; do touch "${f%.JPG}.jpg"; rm "$f"; done'],
        ['cd ~/shoot', 'for f in *; do mv "$f" "${f%.*}.jpg"; done'],
        ['cd ~/shoot', 'mv DSC_1001.JPG DSC_1001.jpg'],
      ],
    },
    {
      setup: ['cd ~/shoot', 'for f in *.JPG; do mv "$f" "${f%.JPG}.jpg"; done'],
      accept: [
        ['ls *.jpg | cat -n > index.txt'],
        ['n=0; for f in *.jpg; do n=$((n+1)); echo "$n $f"; done > index.txt'],
        ['ls *.jpg | nl > index.txt'],
      ],
      refuse: [['ls | cat -n > index.txt'], ['ls *.jpg > index.txt'], ['ls -r *.jpg | cat -n > index.txt']],
    },
  ],
  'script-functions': [
    {
      accept: [
        [
          'cat > ~/toolbox.sh <<\'EOF\'\nfunction backup {\n  [ -f "$1" ] || { echo "backup: no such file: $1" >&2; return 1; }\n  cp -- "$1" "$1".bak\n}\nEOF',
        ],
        [TOOLBOX],
        [TOOLBOX.replace('backup() {', 'function backup {')],
        [TOOLBOX.replace('backup() {', 'function backup() {')],
      ],
      refuse: [
        // Moves the file away instead of copying it, or makes an empty .bak, or says why it failed on stdout.
        [TOOLBOX.replace('cp "$1"', 'mv "$1"')],
        [TOOLBOX.replace('cp "$1" "$1.bak"', 'touch "$1.bak"')],
        [TOOLBOX.replace('>&2', '')],
        [TOOLBOX.replace('return 1', 'return 0')],
        ['echo \'backup() { cp "$1" "$1.bak"; }\' > ~/toolbox.sh'],
        ['touch ~/toolbox.sh'],
      ],
    },
    {
      setup: [TOOLBOX],
      accept: [
        [
          'source ~/toolbox.sh',
          'backup ~/etc-copy/nginx.conf',
          'backup ~/etc-copy/app.conf',
          'backup ~/etc-copy/missing.conf',
        ],
        ['. ~/toolbox.sh', 'cd ~/etc-copy', 'backup nginx.conf && backup app.conf', 'backup missing.conf'],
      ],
      refuse: [
        ['source ~/toolbox.sh', 'backup ~/etc-copy/nginx.conf', 'backup ~/etc-copy/missing.conf'],
        ['source ~/toolbox.sh', 'backup ~/etc-copy/nginx.conf', 'backup ~/etc-copy/app.conf'],
        [
          'source ~/toolbox.sh',
          'touch ~/etc-copy/nginx.conf.bak ~/etc-copy/app.conf.bak',
          'backup ~/etc-copy/missing.conf',
        ],
        [
          'source ~/toolbox.sh',
          'mv ~/etc-copy/nginx.conf ~/etc-copy/nginx.conf.bak',
          'backup ~/etc-copy/app.conf',
          'backup ~/etc-copy/missing.conf',
        ],
      ],
    },
  ],
};
