import type { LabCorpus } from './corpus.js';

export const links: Record<string, LabCorpus> = {
  'link-current-release': [
    {
      accept: [
        ['ln -s /var/log/shop ~/shop-logs'],
        ['cd ~', 'ln -s /var/log/shop shop-logs'],
        ['ln -sv /var/log/shop ~/shop-logs'],
        ['ln --symbolic /var/log/shop/ ~/shop-logs'],
      ],
      refuse: [
        ['mkdir ~/shop-logs'],
        ['ln -s /var/log ~/shop-logs'],
        ['echo ln -s /var/log/shop ~/shop-logs'],
        ['ln -s ~/shop-logs /var/log/shop'],
      ],
    },
    {
      accept: [
        ['cd ~', 'ln -s releases/1.2 current', 'ln -sfn releases/1.1 current'],
        ['cd ~', 'ln -s releases/1.2 current', 'ln -snf releases/1.1 current'],
        ['ln -s ~/releases/1.2 ~/current', 'rm ~/current', 'ln -s ~/releases/1.1 ~/current'],
      ],
      refuse: [
        ['cd ~', 'ln -s releases/1.1 current'],
        ['cd ~', 'ln -s releases/1.2 current'],
        ['cd ~', 'mkdir current', 'ln -s releases/1.2 x', 'cp releases/1.1/VERSION current/'],
        ['cd ~', 'ln -s releases/1.2 current', 'rm -r releases/1.2', 'ln -sfn releases/1.1 current'],
        // Without -n, GNU ln follows the link into 1.2 and makes releases/1.2/1.1 there.
        ['cd ~', 'ln -s releases/1.2 current', 'ln -sf releases/1.1 current'],
      ],
    },
  ],
  'link-hard': [
    {
      accept: [
        ['ln ~/lab/sensor/readings.csv ~/readings.csv'],
        ['cd ~', 'ln lab/sensor/readings.csv readings.csv'],
        ['ln -v ~/lab/sensor/readings.csv ~/readings.csv'],
        ['ln ~/lab/sensor/readings.csv ~'],
      ],
      refuse: [
        ['ln -s ~/lab/sensor/readings.csv ~/readings.csv'],
        ['cp ~/lab/sensor/readings.csv ~/readings.csv'],
        ['touch ~/readings.csv'],
        ['echo ln ~/lab/sensor/readings.csv ~/readings.csv'],
      ],
    },
    {
      setup: ['ln ~/lab/sensor/readings.csv ~/readings.csv'],
      accept: [
        ["echo '11:00,21.1,36' >> ~/readings.csv"],
        ["printf '11:00,21.1,36\\n' >> ~/readings.csv", 'tail -n 2 ~/lab/sensor/readings.csv'],
      ],
      refuse: [
        ["echo '11:00,21.1,36' > ~/readings.csv"],
        ["echo '11:00,21.1,37' >> ~/readings.csv"],
        ["echo '11:00,21.1,36'"],
      ],
    },
  ],
};
