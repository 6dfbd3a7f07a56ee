import type { LabCorpus } from './corpus.js';

const OUT = 'backup: starting\nbackup: 1204 files copied\nbackup: done';
const ERR = 'warning: /srv/shop is 91% full\nwarning: 3 files changed during copy';

export const redirection: Record<string, LabCorpus> = {
  'redirect-ship-log': [
    {
      accept: [
        ["echo 'Monday: 3 pallets ready' > ~/warehouse/log.txt"],
        ['cd ~/warehouse', 'echo "Monday: 3 pallets ready" > log.txt'],
        ["printf 'Monday: 3 pallets ready\\n' > ~/warehouse/log.txt"],
      ],
      refuse: [
        ["echo 'Monday: 3 pallets ready'"],
        ["echo 'monday: 3 pallets ready' > ~/warehouse/log.txt"],
        ["echo -n 'Monday: 3 pallets ready' > ~/warehouse/log.txt"],
        ['touch ~/warehouse/log.txt'],
      ],
    },
    {
      setup: ["echo 'Monday: 3 pallets ready' > ~/warehouse/log.txt"],
      accept: [
        ["echo 'Tuesday: driver picked up A17' >> ~/warehouse/log.txt"],
        ['cd ~/warehouse', 'echo Tuesday: driver picked up A17 >> log.txt'],
      ],
      refuse: [
        ["echo 'Tuesday: driver picked up A17' > ~/warehouse/log.txt"],
        ["echo 'Tuesday: driver picked up A17' >> ~/warehouse/log"],
        ["echo 'Tuesday: driver picked up A17'"],
      ],
    },
    {
      accept: [
        ['ls ~/warehouse/outgoing > ~/warehouse/pallets.txt'],
        ['cd ~/warehouse/outgoing', 'ls > ../pallets.txt'],
        ['ls -1 ~/warehouse/outgoing > ~/warehouse/pallets.txt'],
      ],
      refuse: [
        ["printf 'pallet-A17.txt\\npallet-B03.txt\\npallet-C11.txt\\n' > ~/warehouse/pallets.txt"],
        ['ls ~/warehouse > ~/warehouse/pallets.txt'],
        ['ls ~/warehouse/outgoing'],
        ['ls ~/warehouse/outgoing >> ~/warehouse/outgoing/pallets.txt'],
      ],
    },
  ],
  'redirect-pipeline': [
    {
      accept: [
        ['cat ~/logs/access.log | wc -l > ~/logs/requests.txt'],
        ['wc -l < ~/logs/access.log > ~/logs/requests.txt'],
        ['cd ~/logs', 'cat access.log | wc --lines > requests.txt'],
      ],
      refuse: [
        ['echo 12 > ~/logs/requests.txt'],
        ['wc -l ~/logs/access.log > ~/logs/requests.txt'],
        ['cat ~/logs/access.log | wc -w > ~/logs/requests.txt'],
        ['cat ~/logs/access.log | wc -l'],
      ],
    },
    {
      accept: [
        ['tail -n 3 ~/logs/access.log | tac > ~/logs/latest.txt'],
        ['tac ~/logs/access.log | head -n 3 > ~/logs/latest.txt'],
        ['cd ~/logs', 'tail -3 access.log | tac > latest.txt'],
      ],
      refuse: [
        ['tail -n 3 ~/logs/access.log > ~/logs/latest.txt'],
        ['head -n 3 ~/logs/access.log | tac > ~/logs/latest.txt'],
        ['tail -n 3 ~/logs/access.log | tac'],
        ['tail -n 4 ~/logs/access.log | tac > ~/logs/latest.txt'],
      ],
    },
  ],
  'redirect-errors': [
    {
      accept: [
        ['~/bin/backup.sh > ~/out.log 2> ~/err.log'],
        ['cd ~/bin', './backup.sh 2> ~/err.log > ~/out.log'],
        ['bash ~/bin/backup.sh 1> ~/out.log 2> ~/err.log'],
      ],
      refuse: [
        [`printf '${OUT}\\n' > ~/out.log`, `printf '${ERR}\\n' > ~/err.log`],
        ['~/bin/backup.sh > ~/out.log 2>&1', '~/bin/backup.sh 2> ~/err.log'],
        ['~/bin/backup.sh > ~/out.log'],
        ['~/bin/backup.sh &> ~/out.log 2> ~/err.log'],
      ],
    },
    {
      accept: [
        ['~/bin/backup.sh > ~/all.log 2>&1'],
        ['~/bin/backup.sh &> ~/all.log'],
        ['cd ~/bin', './backup.sh >~/all.log 2>&1'],
      ],
      refuse: [
        ['~/bin/backup.sh > ~/all.log'],
        [`printf '${OUT}\\n${ERR}\\n' > ~/all.log`],
        ['~/bin/backup.sh 2> ~/all.log'],
        ['~/bin/backup.sh 2>&1 > ~/all.log'],
      ],
    },
  ],
};
