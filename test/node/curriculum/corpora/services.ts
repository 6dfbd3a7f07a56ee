import type { LabCorpus } from './corpus.js';

/** The learner's password: the line after the first sudo of a case answers its prompt. */
const PW = 'learner';
const FIX_PORT = "sudo sed -i 's/^PORT=80$/PORT=8081/' /etc/shop-api.conf";
/** nano's keys from the top of Debian's new-crontab template (23 comment lines) to the empty line under it. */
const TO_END_OF_TEMPLATE = '<Down>'.repeat(23);
const FIX_UNIT = "sudo sed -i 's/report-deamon/report-daemon/' /etc/systemd/system/report-daemon.service";

export const services: Record<string, LabCorpus> = {
  'svc-why-down': [
    {
      accept: [['systemctl status nginx'], ['systemctl status nginx.service'], ['systemctl status --no-pager nginx']],
      refuse: [['echo systemctl status nginx'], ['systemctl is-active nginx'], ['systemctl status cron']],
    },
    {
      accept: [
        ['journalctl -u nginx -p err > ~/errors.txt'],
        ['journalctl -p err -u nginx.service > ~/errors.txt'],
        ['journalctl -u nginx --priority=err --no-pager > ~/errors.txt'],
      ],
      refuse: [
        ['journalctl -u nginx > ~/errors.txt'],
        ['journalctl -u nginx | grep -e emerg -e Failed > ~/errors.txt'],
        ['echo \'unknown directive "lisen"\' > ~/errors.txt'],
        ['journalctl -u nginx -p err'],
      ],
    },
    {
      accept: [
        ["sed -i 's/lisen/listen/' ~/sites/shop.conf", 'nginx -t'],
        ["sed -i 's/lisen 8080/listen 8080/' ~/sites/shop.conf && nginx -t"],
        [
          'printf "server {\\n\\tlisten 8080;\\n\\troot /var/www/shop;\\n\\tindex index.html;\\n}\\n" > ~/sites/shop.conf',
          'nginx -t',
        ],
      ],
      refuse: [
        ["sed -i 's/lisen/listen/' ~/sites/shop.conf"],
        ['nginx -t'],
        ['echo "server { listen 8080; }" > ~/sites/shop.conf', 'nginx -t'],
        ["sed -i 's/lisen/listn/' ~/sites/shop.conf", 'nginx -t'],
      ],
    },
  ],
  'svc-cron-backup': [
    {
      accept: [
        ['echo "0 3 * * * ~/backup.sh" > ~/jobs.cron', 'crontab ~/jobs.cron'],
        ['echo "0 3 * * * /home/learner/backup.sh" | crontab -'],
        ['printf "# nightly\\n0 3 * * * ~/backup.sh\\n" > j', 'crontab j'],
        // crontab -e opens nano on Debian's template; the job goes under its last line.
        ['crontab -e', `${TO_END_OF_TEMPLATE}0 3 * * * ~/backup.sh<C-o><Enter><C-x>`],
        ['export EDITOR=vim', 'crontab -e', 'Go0 3 * * * /home/learner/backup.sh<Esc>:wq<Enter>'],
        // A mistake refused by cron, fixed on the retry.
        [
          'crontab -e',
          `${TO_END_OF_TEMPLATE}0 3 * * ~/backup.sh<C-x>y<Enter>`,
          'y',
          `${TO_END_OF_TEMPLATE}${'<Right>'.repeat(8)}* <C-x>y<Enter>`,
        ],
      ],
      refuse: [
        ['echo "0 3 * * * ~/backup.sh" > ~/jobs.cron'],
        ['echo "3 0 * * * ~/backup.sh" | crontab -'],
        ['echo "# 0 3 * * * ~/backup.sh" | crontab -'],
        ['echo "0 3 * * * ~/other.sh" | crontab -'],
        // Edited, then refused by cron and left in /tmp.
        ['crontab -e', `${TO_END_OF_TEMPLATE}0 3 * * ~/backup.sh<C-x>y<Enter>`, 'n'],
        // Opened and left without saving.
        ['crontab -e', `${TO_END_OF_TEMPLATE}0 3 * * * ~/backup.sh<C-x>n`],
      ],
    },
    {
      setup: ['echo "0 3 * * * ~/backup.sh" | crontab -'],
      accept: [['crontab -l'], ['crontab -l | grep backup']],
      refuse: [['echo crontab -l'], ['cat ~/jobs.cron']],
    },
  ],
  'svc-restart-config': [
    {
      accept: [
        [FIX_PORT, PW],
        ["sudo sed -i 's/PORT=80/PORT=8081/' /etc/shop-api.conf", PW],
        ["printf '# shop-api settings\\nPORT=8081\\nWORKERS=4\\n' | sudo tee /etc/shop-api.conf", PW],
        [
          "sed 's/^PORT=.*/PORT=8081/' /etc/shop-api.conf > /tmp/shop-api.conf",
          'sudo cp /tmp/shop-api.conf /etc/shop-api.conf',
          PW,
        ],
      ],
      refuse: [
        ["sed -i 's/PORT=80/PORT=8081/' /etc/shop-api.conf"],
        ['echo PORT=8081 | sudo tee /etc/shop-api.conf', PW],
        ["sudo sed -i 's/PORT=80/PORT=8O81/' /etc/shop-api.conf", PW],
        ["sed 's/80/8081/' /etc/shop-api.conf > ~/shop-api.conf"],
        ['EUID=0 sed -i s/PORT=80/PORT=8081/ /etc/shop-api.conf'],
      ],
    },
    {
      setup: [FIX_PORT, PW],
      accept: [
        ['sudo systemctl restart shop-api'],
        ['sudo systemctl restart shop-api.service'],
        ['sudo systemctl stop shop-api', 'sudo systemctl start shop-api'],
        ['sudo systemctl try-restart shop-api'],
      ],
      refuse: [
        ['systemctl restart shop-api'],
        ['sudo /usr/local/bin/shop-api'],
        ['sudo systemctl start shop-api'],
        ['sudo systemctl stop shop-api'],
        ['EUID=0 systemctl restart shop-api'],
        ['echo "shop-api: listening on port 8081" | sudo tee -a /var/log/syslog'],
      ],
    },
    {
      setup: [FIX_PORT, PW, 'sudo systemctl restart shop-api'],
      accept: [
        ['sudo systemctl enable shop-api', 'systemctl is-enabled shop-api'],
        ['sudo systemctl enable --now shop-api', 'systemctl is-enabled shop-api.service'],
      ],
      refuse: [
        ['systemctl is-enabled shop-api'],
        [
          'sudo ln -s /etc/systemd/system/shop-api.service /etc/systemd/system/multi-user.target.wants/',
          'systemctl is-enabled shop-api',
        ],
        ['sudo systemctl enable shop-api', 'sudo systemctl stop shop-api', 'systemctl is-enabled shop-api'],
        ['sudo systemctl enable shop-api', 'echo enabled'],
      ],
    },
  ],
  'svc-read-logs': [
    {
      accept: [
        ['journalctl -u backup-agent -n 5 > ~/last-lines.txt'],
        ['journalctl -n 5 -u backup-agent.service > ~/last-lines.txt'],
        ['journalctl --unit=backup-agent --lines=5 --no-pager > ~/last-lines.txt'],
        ['cd ~', 'journalctl -u backup-agent -n5 > last-lines.txt'],
      ],
      refuse: [
        ['journalctl -u backup-agent | tail -5 > ~/last-lines.txt'],
        ['journalctl -u backup-agent -n 5'],
        ['journalctl -u backup-agent -n 3 > ~/last-lines.txt'],
        ['echo "Failed to start backup-agent.service" > ~/last-lines.txt'],
        ['tail -5 /var/log/syslog > ~/last-lines.txt'],
      ],
    },
    {
      accept: [
        ['journalctl -u backup-agent -p err --since today > ~/errors.txt'],
        ['journalctl --since today -p 3 -u backup-agent > ~/errors.txt'],
        ['journalctl -u backup-agent --priority=err --since=today > ~/errors.txt'],
        ['journalctl -u backup-agent -p err -S today > ~/errors.txt'],
      ],
      refuse: [
        ['journalctl -u backup-agent -p err > ~/errors.txt'],
        ['journalctl -u backup-agent --since today > ~/errors.txt'],
        ['grep cannot /var/log/syslog > ~/errors.txt'],
        ['echo "cannot reach backup.internal" > ~/errors.txt'],
        ['journalctl -u backup-agent -p err --since today'],
      ],
    },
    {
      accept: [
        ['grep backup-agent /var/log/syslog > ~/syslog-lines.txt'],
        ['grep -i backup /var/log/syslog > ~/syslog-lines.txt'],
        ['cd /var/log', 'grep backup-agent syslog > ~/syslog-lines.txt'],
      ],
      refuse: [
        ['journalctl -u backup-agent > ~/syslog-lines.txt'],
        ['grep backup-agent /var/log/syslog'],
        ['cat /var/log/syslog > ~/syslog-lines.txt'],
        ['echo "cannot reach backup.internal" > ~/syslog-lines.txt'],
      ],
    },
  ],
  'svc-boot-failure': [
    {
      accept: [
        ['journalctl -u report-daemon -p err > ~/boot-errors.txt'],
        ['journalctl -p err -u report-daemon.service --no-pager > ~/boot-errors.txt'],
        ['journalctl -u report-daemon -p 3 | tee ~/boot-errors.txt'],
      ],
      refuse: [
        ['journalctl -u report-daemon > ~/boot-errors.txt'],
        ['echo "report-deamon: No such file or directory" > ~/boot-errors.txt'],
        ['systemctl status report-daemon > ~/boot-errors.txt'],
        ['journalctl -u report-daemon -p err'],
      ],
    },
    {
      accept: [
        [
          FIX_UNIT,
          PW,
          'sudo systemctl daemon-reload',
          'sudo mkdir /var/reports',
          'sudo systemctl restart report-daemon',
        ],
        [
          FIX_UNIT,
          PW,
          'sudo systemctl daemon-reload',
          'sudo systemctl restart report-daemon',
          'sudo mkdir -p /var/reports',
          'sudo systemctl restart report-daemon',
        ],
        ['sudo mkdir /var/reports', PW, FIX_UNIT, 'sudo systemctl daemon-reload', 'sudo systemctl start report-daemon'],
        [
          "sudo sed -i 's|^ExecStart=.*|ExecStart=/usr/local/bin/report-daemon|' /etc/systemd/system/report-daemon.service",
          PW,
          'sudo mkdir /var/reports',
          'sudo systemctl daemon-reload',
          'sudo systemctl enable --now report-daemon',
        ],
      ],
      refuse: [
        [FIX_UNIT, PW, 'sudo mkdir /var/reports', 'sudo systemctl restart report-daemon'],
        [FIX_UNIT, PW, 'sudo systemctl daemon-reload', 'sudo systemctl restart report-daemon'],
        ['sudo mkdir /var/reports', PW, 'sudo systemctl restart report-daemon'],
        [FIX_UNIT, PW, 'sudo systemctl daemon-reload', 'sudo mkdir /var/reports', 'sudo /usr/local/bin/report-daemon'],
        [
          'sudo ln -s /usr/local/bin/report-daemon /usr/local/bin/report-deamon',
          PW,
          'sudo systemctl restart report-daemon',
        ],
      ],
    },
    {
      setup: [
        FIX_UNIT,
        PW,
        'sudo systemctl daemon-reload',
        'sudo mkdir /var/reports',
        'sudo systemctl restart report-daemon',
      ],
      accept: [
        ['sudo systemctl enable report-daemon'],
        ['sudo systemctl enable --now report-daemon'],
        ['sudo systemctl enable report-daemon.service'],
      ],
      refuse: [
        ['systemctl enable report-daemon'],
        ['sudo systemctl enable report-daemon', 'sudo systemctl stop report-daemon'],
        ['sudo ln -s /etc/systemd/system/report-daemon.service /etc/systemd/system/multi-user.target.wants/'],
        ['EUID=0 systemctl enable report-daemon'],
      ],
    },
    {
      accept: [
        ['echo "0 4 * * * find /var/reports -type f -mtime +7 -delete" | crontab -'],
        [
          "printf '# reports cleanup\\n0 4 * * * find /var/reports -type f -mtime +7 -delete\\n' > ~/jobs",
          'crontab ~/jobs',
        ],
        ['echo "0 4 * * * find /var/reports -mtime +7 -delete" | crontab -'],
        ['crontab -e', `${TO_END_OF_TEMPLATE}0 4 * * * find /var/reports -type f -mtime +7 -delete<C-o><Enter><C-x>`],
      ],
      refuse: [
        ['echo "0 4 * * * find /var/reports -type f -mtime +7 -delete" > ~/jobs'],
        ['echo "4 0 * * * find /var/reports -type f -mtime +7 -delete" | crontab -'],
        ['echo "0 4 * * * find /var/reports -type f -mtime +7" | crontab -'],
        ['echo "# 0 4 * * * find /var/reports -type f -mtime +7 -delete" | crontab -'],
        ['find /var/reports -type f -mtime +7 -delete'],
      ],
    },
  ],
};
