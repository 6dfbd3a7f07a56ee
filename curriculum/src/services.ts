import type { LabFile } from '@lta/labs';
import { defineModule } from './define.js';

const BROKEN_SHOP: Record<string, LabFile> = {
  '~/sites/shop.conf': 'server {\n\tlisen 8080;\n\troot /var/www/shop;\n\tindex index.html;\n}\n',
  // The site's configuration is the learner's file, enabled in nginx by a link, as Debian's sites-enabled works.
  '/etc/nginx/sites-enabled/shop': { type: 'symlink', target: '/home/learner/sites/shop.conf' },
};

/** Module: read a service's state and its journal, fix what stops it, and schedule jobs with cron. */
export const services = defineModule(
  'services',
  'Services and logs',
  'Read what systemd says about a service (systemctl status), find why it failed in the journal (journalctl -u, -p err), check a configuration before a restart (nginx -t), and schedule jobs with crontab.',
  [
    {
      id: 'svc-why-down',
      title: 'The shop is down',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'Customers report that the shop\'s web site does not answer. The server runs nginx as a systemd service. ' +
        'Find out what state it is in, read in the journal why it stopped, fix the site\'s configuration ' +
        '(`~/sites/shop.conf`, enabled in nginx as `/etc/nginx/sites-enabled/shop`) and prove the fix with ' +
        '`nginx -t` so the on-call admin can restart it.',
      machine: { packages: { installed: ['nginx'] }, services: { units: [{ name: 'nginx.service', active: true, enabled: true }] } },
      files: BROKEN_SHOP,
      steps: [
        {
          title: 'What state is it in?',
          instructions: 'Ask systemd about the `nginx` service with `systemctl status`. The second line says whether it is active, and since when.',
          checks: [{ kind: 'ran', command: 'systemctl', operands: ['status'], oneOf: ['nginx', 'nginx.service'], status: 3, message: 'You read the status of nginx.service (it is not running)' }],
          hints: ['`systemctl status UNIT` shows a unit\'s state and its last log lines.', '`systemctl status nginx`'],
        },
        {
          title: 'Only the errors',
          instructions: 'Show only the journal\'s error lines of the nginx unit: `journalctl` with `-u` for the unit and `-p err` for the priority. Save them into `~/errors.txt`.',
          checks: [
            { kind: 'ran', command: 'journalctl', into: '~/errors.txt', message: 'journalctl wrote into ~/errors.txt' },
            { kind: 'file-contains', path: '~/errors.txt', text: 'unknown directive "lisen"', message: 'The errors name the unknown directive' },
            { kind: 'file-contains', path: '~/errors.txt', text: 'Starting', negate: true, message: 'Only error lines (no "Starting ..." information lines)' },
          ],
          hints: ['`-u nginx` keeps the unit\'s lines, `-p err` keeps priority "err" and worse.', '`journalctl -u nginx -p err > ~/errors.txt`'],
        },
        {
          title: 'Fix and test',
          instructions: 'The error names the file and the line. Correct the typo in `~/sites/shop.conf`, then check the whole configuration with `nginx -t` until it says the test is successful.',
          checks: [
            { kind: 'file-matches', path: '~/sites/shop.conf', pattern: String.raw`^\s*listen 8080;`, flags: 'm', message: 'shop.conf says listen 8080;' },
            { kind: 'file-contains', path: '~/sites/shop.conf', text: 'root /var/www/shop;', message: 'The rest of shop.conf is kept' },
            { kind: 'ran', command: 'nginx', options: ['-t'], message: 'nginx -t passed on the fixed configuration' },
          ],
          hints: [
            'The error says `unknown directive "lisen" in /etc/nginx/sites-enabled/shop:2`: line 2 of the linked file.',
            'Replace `lisen` by `listen` with an editor or `sed -i`.',
            '`sed -i \'s/lisen/listen/\' ~/sites/shop.conf && nginx -t`',
          ],
        },
      ],
      recap: 'You can read a service\'s state (`systemctl status`), pull out only its errors (`journalctl -u UNIT -p err`), and test nginx\'s configuration (`nginx -t`) before a restart.',
      solution: ['systemctl status nginx', 'journalctl -u nginx -p err > ~/errors.txt', "sed -i 's/lisen/listen/' ~/sites/shop.conf", 'nginx -t'],
    },
    {
      id: 'svc-cron-backup',
      title: 'Every night at three',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'Your backup script `~/backup.sh` works, but you keep forgetting to run it. Let cron run it every night at ' +
        '03:00: a crontab line is five time fields (minute, hour, day of month, month, day of week) and the command.',
      machine: { services: {} },
      files: { '~/backup.sh': { content: '#!/bin/bash\ntar -czf ~/backup.tar.gz ~/notes\n', mode: '755' }, '~/notes/todo.txt': 'renew certificate\n' },
      steps: [
        {
          title: 'Install the job',
          instructions: 'Write the line into a file (e.g. `~/jobs.cron`) and install it with `crontab FILE`: minute `0`, hour `3`, every day, running `~/backup.sh`.',
          checks: [{ kind: 'cron-entry', command: String.raw`backup\.sh`, schedule: '0 3 * * *', message: 'Your crontab runs backup.sh at 03:00 every day' }],
          hints: [
            'The fields are minute, hour, day of month, month, day of week; `*` means every.',
            '`echo "0 3 * * * ~/backup.sh" > ~/jobs.cron`, then install that file with crontab.',
            '`echo "0 3 * * * ~/backup.sh" > ~/jobs.cron && crontab ~/jobs.cron`',
          ],
        },
        {
          title: 'Check what cron has',
          instructions: 'List your installed crontab with `crontab -l`.',
          checks: [{ kind: 'ran', command: 'crontab', options: ['-l'], message: 'You listed your crontab' }],
          hints: ['`-l` lists.', '`crontab -l`'],
        },
      ],
      recap: 'You can schedule a job with a crontab line (minute hour day month weekday command), install it with `crontab FILE`, and list it with `crontab -l`.',
      solution: ['echo "0 3 * * * ~/backup.sh" > ~/jobs.cron', 'crontab ~/jobs.cron', 'crontab -l'],
    },
  ],
);
