import type { LabCorpus } from './corpus.js';

const LOG = '/var/log/nginx/error.log';
const HANDBOOK = '/usr/share/doc/northwind/handbook.txt';

export const reading: Record<string, LabCorpus> = {
  'read-guest-list': [
    {
      accept: [
        ['cat ~/party/menu.txt'],
        ['cd ~/party', 'cat menu.txt'],
        ['less ~/party/menu.txt'],
        ['cat -n party/menu.txt'],
      ],
      refuse: [
        ['echo cat ~/party/menu.txt'],
        ['cat ~/party/menu'],
        ['ls ~/party/menu.txt'],
        ['cat ~/party/guests.txt'],
      ],
    },
    {
      accept: [
        ['cd ~/party', 'wc -l guests.txt'],
        ['wc -l ~/party/guests.txt'],
        ['cd ~/party', 'wc --lines guests.txt'],
        ['cd ~/party', 'wc guests.txt'],
      ],
      refuse: [
        ['echo 23 guests.txt'],
        ['cd ~/party', 'wc -w guests.txt'],
        ['cd ~/party', 'echo wc -l guests.txt'],
        ['cd ~/party', 'wc -l menu.txt'],
        ['cd ~/party', 'wc -l guests.txt', 'echo done'],
      ],
    },
  ],
  'read-night-shift': [
    {
      accept: [
        [`head -n 3 ${LOG}`],
        [`head -3 ${LOG}`],
        [`head --lines=3 ${LOG}`],
        ['cd /var/log/nginx', 'head -n3 error.log'],
      ],
      refuse: [
        [`echo head -n 3 ${LOG}`],
        [`head ${LOG}`],
        [`head -n 3 /var/log/nginx/access.log`],
        [`head -n 4 ${LOG}`],
        ['# head -n 3 error.log'],
      ],
    },
    {
      accept: [
        [`tail -n 3 ${LOG}`],
        [`tail -3 ${LOG}`],
        [`tail --lines=3 ${LOG}`],
        ['cd /var/log/nginx', 'tail -n3 error.log'],
      ],
      refuse: [
        [`tail ${LOG}`],
        [`tail -n 2 ${LOG}`],
        ["echo 'upstream timed out; worker process 4711 exited on signal 9'"],
        [`grep -e 'upstream timed out' -e 'worker process 4711' ${LOG}`],
        [`tail -n 3 ${LOG}`, 'echo ok'],
      ],
    },
  ],
  'read-handbook': [
    {
      accept: [[`less ${HANDBOOK}`], ['cd /usr/share/doc/northwind', 'less handbook.txt'], [`less -N ${HANDBOOK}`]],
      refuse: [['echo less handbook.txt'], ['less handbook.txt'], [`cat ${HANDBOOK}`]],
    },
    {
      accept: [['man wc'], ['man 1 wc']],
      refuse: [['echo man wc'], ['man ls'], ['# man wc']],
    },
    {
      accept: [
        [`wc -w ${HANDBOOK}`],
        [`wc --words ${HANDBOOK}`],
        ['cd /usr/share/doc/northwind', 'wc -w handbook.txt'],
      ],
      refuse: [[`echo 471 ${HANDBOOK}`], [`wc -l ${HANDBOOK}`], [`wc -w /etc/hostname`], [`cat ${HANDBOOK} | wc -w`]],
    },
  ],
};
