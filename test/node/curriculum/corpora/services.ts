import type { LabCorpus } from './corpus.js';

export const services: Record<string, LabCorpus> = {
  'svc-why-down': [
    {
      accept: [['systemctl status nginx'], ['systemctl status nginx.service'], ['systemctl status --no-pager nginx']],
      refuse: [['echo systemctl status nginx'], ['systemctl is-active nginx'], ['systemctl status cron']],
    },
    {
      accept: [['journalctl -u nginx -p err > ~/errors.txt'], ['journalctl -p err -u nginx.service > ~/errors.txt'], ['journalctl -u nginx --priority=err --no-pager > ~/errors.txt']],
      refuse: [['journalctl -u nginx > ~/errors.txt'], ['journalctl -u nginx | grep -e emerg -e Failed > ~/errors.txt'], ['echo \'unknown directive "lisen"\' > ~/errors.txt'], ['journalctl -u nginx -p err']],
    },
    {
      accept: [["sed -i 's/lisen/listen/' ~/sites/shop.conf", 'nginx -t'], ["sed -i 's/lisen 8080/listen 8080/' ~/sites/shop.conf && nginx -t"], ['printf "server {\\n\\tlisten 8080;\\n\\troot /var/www/shop;\\n\\tindex index.html;\\n}\\n" > ~/sites/shop.conf', 'nginx -t']],
      refuse: [["sed -i 's/lisen/listen/' ~/sites/shop.conf"], ['nginx -t'], ['echo "server { listen 8080; }" > ~/sites/shop.conf', 'nginx -t'], ["sed -i 's/lisen/listn/' ~/sites/shop.conf", 'nginx -t']],
    },
  ],
  'svc-cron-backup': [
    {
      accept: [['echo "0 3 * * * ~/backup.sh" > ~/jobs.cron', 'crontab ~/jobs.cron'], ['echo "0 3 * * * /home/learner/backup.sh" | crontab -'], ['printf "# nightly\\n0 3 * * * ~/backup.sh\\n" > j', 'crontab j']],
      refuse: [['echo "0 3 * * * ~/backup.sh" > ~/jobs.cron'], ['echo "3 0 * * * ~/backup.sh" | crontab -'], ['echo "# 0 3 * * * ~/backup.sh" | crontab -'], ['echo "0 3 * * * ~/other.sh" | crontab -']],
    },
    {
      setup: ['echo "0 3 * * * ~/backup.sh" | crontab -'],
      accept: [['crontab -l'], ['crontab -l | grep backup']],
      refuse: [['echo crontab -l'], ['cat ~/jobs.cron']],
    },
  ],
};
