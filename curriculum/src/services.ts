import type { LabFile } from '@lta/labs';
import { defineModule } from './define.js';

const BROKEN_SHOP: Record<string, LabFile> = {
  '~/sites/shop.conf': 'server {\n\tlisen 8080;\n\troot /var/www/shop;\n\tindex index.html;\n}\n',
  // The site's configuration is the learner's file, enabled in nginx by a link, as Debian's sites-enabled works.
  '/etc/nginx/sites-enabled/shop': { type: 'symlink', target: '/home/learner/sites/shop.conf' },
};

/** What the labs that manage services tell the learner: starting and stopping needs root. */
const SUDO_NOTE = 'Managing services needs root: your password is `learner`, and `sudo` asks for it once.';

/** A small service program: reads its settings file and says what it runs with, as a real daemon logs at start. */
const SHOP_API = `#!/bin/bash
# shop-api: the shop's order API. Reads /etc/shop-api.conf and reports the port it listens on.
. /etc/shop-api.conf
if ! [[ "$PORT" =~ ^[0-9]+$ ]]; then
  echo "shop-api: PORT must be a number, got '$PORT'" >&2
  exit 1
fi
echo "shop-api: listening on port $PORT with $WORKERS workers"
`;

const SHOP_API_UNIT = `[Unit]
Description=Shop order API

[Service]
ExecStart=/usr/local/bin/shop-api

[Install]
WantedBy=multi-user.target
`;

const BACKUP_AGENT = `#!/bin/bash
# backup-agent: copies /srv/data to the backup host every night.
echo "backup-agent: starting nightly backup of /srv/data"
echo "backup-agent: connecting to backup.internal:873"
echo "backup-agent: cannot reach backup.internal: Name or service not known" >&2
exit 1
`;

const BACKUP_AGENT_UNIT = `[Unit]
Description=Nightly backup agent

[Service]
Type=oneshot
ExecStart=/usr/local/bin/backup-agent
`;

const REPORT_DAEMON = `#!/bin/bash
# report-daemon: writes the sales reports into the directory its configuration names.
. /etc/report-daemon.conf
if [ ! -d "$OUTPUT_DIR" ]; then
  echo "report-daemon: output directory $OUTPUT_DIR: No such file or directory" >&2
  exit 1
fi
echo "report-daemon: ready, writing reports to $OUTPUT_DIR"
`;

/** The unit as the last admin left it: a typo in the program's name. */
const REPORT_DAEMON_UNIT = `[Unit]
Description=Sales report daemon

[Service]
ExecStart=/usr/local/bin/report-deamon

[Install]
WantedBy=multi-user.target
`;

/** Module: read a service's state and its journal, fix what stops it, and schedule jobs with cron. */
export const services = defineModule(
  'services',
  'Services and logs',
  'Read what systemd says about a service (systemctl status), find why it failed in the journal (journalctl -u, -p, -n, --since) and /var/log, check a configuration before a restart (nginx -t), restart and enable services after changing their configuration or unit (daemon-reload), and schedule jobs with crontab.',
  [
    {
      id: 'svc-why-down',
      title: 'The shop is down',
      xp: 45,
      difficulty: 'intermediate',
      story:
        "Customers report that the shop's web site does not answer. The server runs nginx as a systemd service. " +
        "Find out what state it is in, read in the journal why it stopped, fix the site's configuration " +
        '(`~/sites/shop.conf`, enabled in nginx as `/etc/nginx/sites-enabled/shop`) and prove the fix with ' +
        '`nginx -t` so the on-call admin can restart it.',
      machine: {
        packages: { installed: ['nginx'] },
        services: { units: [{ name: 'nginx.service', active: true, enabled: true }] },
      },
      files: BROKEN_SHOP,
      steps: [
        {
          title: 'What state is it in?',
          instructions:
            'Ask systemd about the `nginx` service with `systemctl status`. The second line says whether it is active, and since when.',
          checks: [
            {
              kind: 'ran',
              command: 'systemctl',
              operands: ['status'],
              oneOf: ['nginx', 'nginx.service'],
              status: 3,
              message: 'You read the status of nginx.service (it is not running)',
            },
          ],
          hints: ["`systemctl status UNIT` shows a unit's state and its last log lines.", '`systemctl status nginx`'],
        },
        {
          title: 'Only the errors',
          instructions:
            "Show only the journal's error lines of the nginx unit: `journalctl` with `-u` for the unit and `-p err` for the priority. Save them into `~/errors.txt`.",
          checks: [
            { kind: 'ran', command: 'journalctl', into: '~/errors.txt', message: 'journalctl wrote into ~/errors.txt' },
            {
              kind: 'file-contains',
              path: '~/errors.txt',
              text: 'unknown directive "lisen"',
              message: 'The errors name the unknown directive',
            },
            {
              kind: 'file-contains',
              path: '~/errors.txt',
              text: 'Starting',
              negate: true,
              message: 'Only error lines (no "Starting ..." information lines)',
            },
          ],
          hints: [
            '`-u nginx` keeps the unit\'s lines, `-p err` keeps priority "err" and worse.',
            '`journalctl -u nginx -p err > ~/errors.txt`',
          ],
        },
        {
          title: 'Fix and test',
          instructions:
            'The error names the file and the line. Correct the typo in `~/sites/shop.conf`, then check the whole configuration with `nginx -t` until it says the test is successful.',
          checks: [
            {
              kind: 'file-matches',
              path: '~/sites/shop.conf',
              pattern: String.raw`^\s*listen 8080;`,
              flags: 'm',
              message: 'shop.conf says listen 8080;',
            },
            {
              kind: 'file-contains',
              path: '~/sites/shop.conf',
              text: 'root /var/www/shop;',
              message: 'The rest of shop.conf is kept',
            },
            { kind: 'ran', command: 'nginx', options: ['-t'], message: 'nginx -t passed on the fixed configuration' },
          ],
          hints: [
            'The error says `unknown directive "lisen" in /etc/nginx/sites-enabled/shop:2`: line 2 of the linked file.',
            'Replace `lisen` by `listen` with an editor or `sed -i`.',
            "`sed -i 's/lisen/listen/' ~/sites/shop.conf && nginx -t`",
          ],
        },
      ],
      recap:
        "You can read a service's state (`systemctl status`), pull out only its errors (`journalctl -u UNIT -p err`), and test nginx's configuration (`nginx -t`) before a restart.",
      solution: [
        'systemctl status nginx',
        'journalctl -u nginx -p err > ~/errors.txt',
        "sed -i 's/lisen/listen/' ~/sites/shop.conf",
        'nginx -t',
      ],
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
      files: {
        '~/backup.sh': { content: '#!/bin/bash\ntar -czf ~/backup.tar.gz ~/notes\n', mode: '755' },
        '~/notes/todo.txt': 'renew certificate\n',
      },
      steps: [
        {
          title: 'Install the job',
          instructions:
            'Write the line into a file (e.g. `~/jobs.cron`) and install it with `crontab FILE`: minute `0`, hour `3`, every day, running `~/backup.sh`. (`crontab -e` does the same in an editor: add the line under the comments, save, and cron installs it.)',
          checks: [
            {
              kind: 'cron-entry',
              command: String.raw`backup\.sh`,
              schedule: '0 3 * * *',
              message: 'Your crontab runs backup.sh at 03:00 every day',
            },
          ],
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
      recap:
        'You can schedule a job with a crontab line (minute hour day month weekday command), install it with `crontab FILE`, and list it with `crontab -l`.',
      solution: ['echo "0 3 * * * ~/backup.sh" > ~/jobs.cron', 'crontab ~/jobs.cron', 'crontab -l'],
    },
    {
      id: 'svc-restart-config',
      title: 'Move the API to port 8081',
      xp: 45,
      difficulty: 'intermediate',
      story:
        "The shop's order API (`shop-api.service`) runs on port 80, which the new load balancer needs. Move it to " +
        'port 8081: its settings are in `/etc/shop-api.conf`, owned by root. A service reads its configuration when ' +
        'it starts, so the change takes effect only after a restart. And after the next reboot it must come back ' +
        'by itself. ' +
        SUDO_NOTE,
      files: {
        '/usr/local/bin/shop-api': { content: SHOP_API, mode: '755', owner: 'root' },
        '/etc/shop-api.conf': { content: '# shop-api settings\nPORT=80\nWORKERS=4\n', owner: 'root' },
      },
      machine: { services: { units: [{ name: 'shop-api.service', unit: SHOP_API_UNIT, active: true }] } },
      steps: [
        {
          title: 'Change the port',
          instructions:
            'Set `PORT=8081` in `/etc/shop-api.conf` (root owns it: edit it as root, e.g. `sudo sed -i`), keeping the other settings.',
          checks: [
            {
              kind: 'file-matches',
              path: '/etc/shop-api.conf',
              pattern: '^PORT=8081$',
              flags: 'm',
              message: 'shop-api.conf says PORT=8081',
            },
            {
              kind: 'file-contains',
              path: '/etc/shop-api.conf',
              text: 'WORKERS=4',
              message: 'The other settings are kept',
            },
            { kind: 'file-owner', path: '/etc/shop-api.conf', owner: 'root', message: "The file is still root's" },
          ],
          hints: [
            "`sed -i 's/OLD/NEW/' FILE` edits a file in place; `sudo` in front runs it as root.",
            "`sudo sed -i 's/^PORT=80$/PORT=8081/' /etc/shop-api.conf`",
          ],
        },
        {
          title: 'Restart it',
          instructions:
            'The running service still uses port 80 (`systemctl status shop-api` shows its last log lines). Restart it with `systemctl restart` so it reads the new setting.',
          checks: [
            {
              kind: 'service-log',
              service: 'shop-api.service',
              text: 'listening on port 8081',
              message: 'shop-api was restarted and now listens on port 8081',
            },
          ],
          hints: [
            '`systemctl restart UNIT` stops and starts it again; it needs root.',
            '`sudo systemctl restart shop-api`',
          ],
        },
        {
          title: 'Back after a reboot',
          instructions:
            'Make systemd start shop-api at boot with `systemctl enable`, then ask `systemctl is-enabled` to confirm.',
          checks: [
            {
              kind: 'service-state',
              service: 'shop-api.service',
              active: 'active',
              enabled: true,
              message: 'shop-api runs and is enabled at boot',
            },
            {
              kind: 'ran',
              command: 'systemctl',
              operands: ['is-enabled'],
              prints: 'enabled',
              message: 'systemctl is-enabled said enabled',
            },
          ],
          hints: [
            '`enable` makes the link that starts it at boot (`enable --now` also starts it).',
            '`sudo systemctl enable shop-api`, then `systemctl is-enabled shop-api`',
          ],
        },
      ],
      recap:
        "You can change a service's configuration as root, apply it with `systemctl restart`, see in its log that it took effect, and make it start at boot (`systemctl enable`, `is-enabled`).",
      solution: [
        "sudo sed -i 's/^PORT=80$/PORT=8081/' /etc/shop-api.conf",
        'learner',
        'sudo systemctl restart shop-api',
        'sudo systemctl enable shop-api',
        'systemctl is-enabled shop-api',
      ],
    },
    {
      id: 'svc-read-logs',
      title: 'What happened overnight?',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'The nightly backup did not arrive. The backup agent (`backup-agent.service`) ran at boot; the journal ' +
        'kept what it said, and systemd also writes every line to `/var/log/syslog`. Pull out what the team needs: ' +
        'the last lines, only the errors of today, and the same story in the syslog file.',
      files: {
        '/usr/local/bin/backup-agent': { content: BACKUP_AGENT, mode: '755', owner: 'root' },
      },
      machine: { services: { units: [{ name: 'backup-agent.service', unit: BACKUP_AGENT_UNIT, active: true }] } },
      steps: [
        {
          title: 'The last five lines',
          instructions:
            'Save the last 5 journal lines of the `backup-agent` unit into `~/last-lines.txt` (`journalctl -u` for the unit, `-n` for how many).',
          checks: [
            {
              kind: 'ran',
              command: 'journalctl',
              options: ['-n=5'],
              into: '~/last-lines.txt',
              message: 'journalctl -n 5 wrote into ~/last-lines.txt',
            },
            {
              kind: 'file-matches',
              path: '~/last-lines.txt',
              pattern: String.raw`^([^\n]*\n){5}$`,
              message: 'last-lines.txt has exactly 5 lines',
            },
            {
              kind: 'file-contains',
              path: '~/last-lines.txt',
              text: 'Failed to start backup-agent.service',
              message: 'They end with systemd\'s "Failed to start"',
            },
          ],
          hints: [
            "`-u UNIT` keeps one unit's lines, `-n N` the newest N.",
            '`journalctl -u backup-agent -n 5 > ~/last-lines.txt`',
          ],
        },
        {
          title: 'Errors of today',
          instructions:
            'Save only the error lines (priority `err` and worse) of `backup-agent` since today into `~/errors.txt` (`-p err`, `--since today`).',
          checks: [
            {
              kind: 'ran',
              command: 'journalctl',
              options: ['-S'],
              into: '~/errors.txt',
              message: 'journalctl --since wrote into ~/errors.txt',
            },
            {
              kind: 'file-contains',
              path: '~/errors.txt',
              text: 'cannot reach backup.internal',
              message: 'The errors say why: the backup host cannot be reached',
            },
            {
              kind: 'file-contains',
              path: '~/errors.txt',
              text: 'starting nightly backup',
              negate: true,
              message: 'Only errors (no information lines)',
            },
          ],
          hints: [
            '`-p err` keeps errors, `--since today` what happened since midnight; they combine with `-u`.',
            '`journalctl -u backup-agent -p err --since today > ~/errors.txt`',
          ],
        },
        {
          title: 'The same in /var/log',
          instructions:
            "Find the agent's lines in `/var/log/syslog` with `grep` and save them into `~/syslog-lines.txt`.",
          checks: [
            {
              kind: 'ran',
              command: 'grep',
              operands: ['/var/log/syslog'],
              into: '~/syslog-lines.txt',
              message: 'grep searched /var/log/syslog into ~/syslog-lines.txt',
            },
            {
              kind: 'file-contains',
              path: '~/syslog-lines.txt',
              text: 'cannot reach backup.internal',
              message: 'The syslog lines include the error',
            },
          ],
          hints: [
            '`grep WORD FILE` prints the lines containing WORD.',
            '`grep backup-agent /var/log/syslog > ~/syslog-lines.txt`',
          ],
        },
      ],
      recap:
        "You can read a unit's newest journal lines (`journalctl -u UNIT -n N`), filter by priority and time (`-p err --since today`), and find the same lines in `/var/log/syslog` with grep.",
      solution: [
        'journalctl -u backup-agent -n 5 > ~/last-lines.txt',
        'journalctl -u backup-agent -p err --since today > ~/errors.txt',
        'grep backup-agent /var/log/syslog > ~/syslog-lines.txt',
      ],
    },
    {
      id: 'svc-boot-failure',
      title: 'Capstone: the report daemon will not boot',
      xp: 70,
      difficulty: 'advanced',
      story:
        "Since last night's reboot the sales reports stopped. `report-daemon.service` failed at boot, and it is not " +
        'even enabled, so it would not come back after the next reboot either. Find out why from its log, fix what ' +
        'is wrong (its unit file is `/etc/systemd/system/report-daemon.service`, its settings `/etc/report-daemon.conf`), ' +
        'get it running and enabled, and have cron delete reports older than a week every night. ' +
        SUDO_NOTE,
      files: {
        '/usr/local/bin/report-daemon': { content: REPORT_DAEMON, mode: '755', owner: 'root' },
        '/etc/report-daemon.conf': { content: '# report-daemon settings\nOUTPUT_DIR=/var/reports\n', owner: 'root' },
      },
      machine: { services: { units: [{ name: 'report-daemon.service', unit: REPORT_DAEMON_UNIT, active: true }] } },
      steps: [
        {
          title: 'Why did it fail?',
          instructions: 'Save the error lines of the `report-daemon` unit into `~/boot-errors.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'journalctl',
              into: '~/boot-errors.txt',
              message: 'journalctl wrote into ~/boot-errors.txt',
            },
            {
              kind: 'file-contains',
              path: '~/boot-errors.txt',
              text: 'report-deamon: No such file or directory',
              message: 'The errors show the program it could not find',
            },
            {
              kind: 'file-contains',
              path: '~/boot-errors.txt',
              text: 'Starting',
              negate: true,
              message: 'Only error lines',
            },
          ],
          hints: [
            "`journalctl -u UNIT -p err` shows one unit's errors.",
            '`journalctl -u report-daemon -p err > ~/boot-errors.txt`',
          ],
        },
        {
          title: 'Fix it and start it',
          instructions:
            "Correct the program's name in the unit file, tell systemd to read unit files again (`systemctl daemon-reload`), and restart the service. " +
            'If it fails again, its log says what else is missing: fix that too, until it runs.',
          checks: [
            {
              kind: 'file-matches',
              path: '/etc/systemd/system/report-daemon.service',
              pattern: '^ExecStart=/usr/local/bin/report-daemon$',
              flags: 'm',
              message: 'The unit runs /usr/local/bin/report-daemon',
            },
            { kind: 'exists', path: '/var/reports', type: 'dir', message: 'The output directory /var/reports exists' },
            {
              kind: 'service-log',
              service: 'report-daemon.service',
              text: 'ready, writing reports to /var/reports',
              message: 'report-daemon runs and writes to /var/reports',
            },
          ],
          hints: [
            'The unit says `report-deamon`; `sudo sed -i` fixes it. systemd keeps the old unit until `sudo systemctl daemon-reload`.',
            'After the restart, `journalctl -u report-daemon -n 3` tells you the next problem: a directory that does not exist (`sudo mkdir`).',
            "`sudo sed -i 's/report-deamon/report-daemon/' /etc/systemd/system/report-daemon.service`, `sudo systemctl daemon-reload`, `sudo mkdir /var/reports`, `sudo systemctl restart report-daemon`",
          ],
        },
        {
          title: 'Start at boot',
          instructions: 'Enable the service so it starts at every boot.',
          checks: [
            {
              kind: 'service-state',
              service: 'report-daemon.service',
              active: 'active',
              enabled: true,
              message: 'report-daemon runs and is enabled',
            },
          ],
          hints: ['`systemctl enable` (with `--now` it also starts).', '`sudo systemctl enable report-daemon`'],
        },
        {
          title: 'Nightly cleanup',
          instructions:
            'Add a line to your crontab that runs every night at 04:00 and deletes files in `/var/reports` older than 7 days: `find /var/reports -type f -mtime +7 -delete`.',
          checks: [
            {
              kind: 'cron-entry',
              command: String.raw`^find /var/reports .*-mtime \+7 .*-delete$`,
              schedule: '0 4 * * *',
              message: 'Your crontab deletes week-old reports at 04:00 every day',
            },
          ],
          hints: [
            'Minute 0, hour 4, then `* * *`, then the command; `crontab -` installs what it reads from a pipe.',
            '`echo "0 4 * * * find /var/reports -type f -mtime +7 -delete" | crontab -`',
          ],
        },
      ],
      recap:
        'You can take a service that failed at boot from its error log to running: fix its unit file and reload systemd (`daemon-reload`), fix what its log names next, restart and enable it, and schedule its housekeeping with cron.',
      solution: [
        'journalctl -u report-daemon -p err > ~/boot-errors.txt',
        "sudo sed -i 's/report-deamon/report-daemon/' /etc/systemd/system/report-daemon.service",
        'learner',
        'sudo systemctl daemon-reload',
        'sudo mkdir /var/reports',
        'sudo systemctl restart report-daemon',
        'sudo systemctl enable report-daemon',
        'echo "0 4 * * * find /var/reports -type f -mtime +7 -delete" | crontab -',
      ],
    },
  ],
);
