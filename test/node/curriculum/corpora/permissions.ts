import type { LabCorpus } from './corpus.js';

export const permissions: Record<string, LabCorpus> = {
  'perm-read-listing': [
    {
      accept: [['ls -l ~/shared'], ['cd ~/shared', 'ls -l'], ['ls -la ~/shared/'], ['ls -lh /home/learner/shared']],
      refuse: [['ls ~/shared'], ['echo ls -l ~/shared'], ['ls -l ~'], ['ls -l ~/share']],
    },
    {
      accept: [
        ['echo export-prices.sh > ~/executable.txt', 'echo budget-2024.ods > ~/private.txt'],
        ['cd ~', "printf 'export-prices.sh\\n' > executable.txt", "echo 'budget-2024.ods' > private.txt"],
      ],
      refuse: [
        ['echo price-list.csv > ~/executable.txt', 'echo budget-2024.ods > ~/private.txt'],
        ['echo export-prices.sh > ~/executable.txt', 'echo meeting-notes.md > ~/private.txt'],
        ['echo export-prices.sh budget-2024.ods > ~/executable.txt'],
      ],
    },
  ],
  'perm-symbolic': [
    {
      accept: [
        ['chmod go-r ~/tools/api-token'],
        ['chmod 600 ~/tools/api-token'],
        ['cd ~/tools', 'chmod g-r,o-r api-token'],
        ['chmod u=rw,go= ~/tools/api-token'],
      ],
      refuse: [
        ['chmod o-r ~/tools/api-token'],
        ['rm ~/tools/api-token', 'touch ~/tools/api-token', 'chmod 600 ~/tools/api-token'],
        ['chmod 000 ~/tools/api-token'],
        ['echo chmod go-r ~/tools/api-token'],
      ],
    },
    {
      accept: [
        ['cd ~/tools', 'chmod u+x report.sh', './report.sh'],
        ['chmod 755 ~/tools/report.sh', '~/tools/report.sh'],
        ['chmod +x ~/tools/report.sh', 'cd ~/tools && ./report.sh'],
      ],
      refuse: [
        ['cd ~/tools', 'bash report.sh'],
        ['chmod u+x ~/tools/report.sh', "echo 'Report for 2024-03-15: 42 orders, 0 refunds'"],
        ['chmod 777 ~/tools/report.sh', '~/tools/report.sh'],
        ['cd ~/tools', 'chmod u+x report.sh', './report.sh', 'ls'],
        [
          "echo 'echo Report for 2024-03-15: 42 orders' > ~/tools/report.sh",
          'chmod u+x ~/tools/report.sh',
          '~/tools/report.sh',
        ],
      ],
    },
  ],
  'perm-octal': [
    {
      accept: [
        ['chmod 644 ~/site/index.html', 'chmod 755 ~/site/cgi-bin/order-status.sh', 'chmod 640 ~/site/config.ini'],
        ['cd ~/site', 'chmod 0644 index.html', 'chmod 0755 cgi-bin/order-status.sh', 'chmod 0640 config.ini'],
        [
          'chmod go+r ~/site/index.html',
          'chmod u+x,go=rx ~/site/cgi-bin/order-status.sh',
          'chmod g-w,o-rw ~/site/config.ini',
        ],
      ],
      refuse: [
        ['chmod 644 ~/site/index.html', 'chmod 755 ~/site/cgi-bin/order-status.sh'],
        ['chmod 644 ~/site/index.html', 'chmod 755 ~/site/cgi-bin/order-status.sh', 'chmod 600 ~/site/config.ini'],
        [
          'chmod 644 ~/site/index.html',
          'chmod 755 ~/site/cgi-bin/order-status.sh',
          'rm ~/site/config.ini',
          'touch ~/site/config.ini',
          'chmod 640 ~/site/config.ini',
        ],
        ['chmod 777 ~/site/index.html ~/site/cgi-bin/order-status.sh ~/site/config.ini'],
      ],
    },
    {
      accept: [['chmod 700 ~/site/private'], ['chmod go-rx ~/site/private'], ['cd ~/site', 'chmod u=rwx,go= private']],
      refuse: [
        ['rm -r ~/site/private', 'mkdir -m 700 ~/site/private'],
        ['chmod 600 ~/site/private'],
        ['chmod 700 ~/site'],
        ['chmod -R 700 ~/site/private', 'rm ~/site/private/customers.csv'],
      ],
    },
  ],
};
