import { defineModule } from './define.js';

/** Module 8: symbolic and hard links. */
export const links = defineModule(
  'links',
  'Links',
  'Give a file a second name: symbolic links (ln -s) point to a path and can be re-pointed; hard links (ln) are the same file under two names.',
  [
    {
      id: 'link-current-release',
      title: 'Switch releases in one second',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'The shop is deployed as versioned directories in `~/releases`, and the web server serves whatever ' +
        '`~/current` points to. Point it at the new release 1.2. Then the phone rings: 1.2 breaks checkout. Roll back ' +
        'to 1.1 by re-pointing the link: no copying, no downtime.',
      files: {
        '~/releases/1.0/VERSION': '1.0.0\n',
        '~/releases/1.1/VERSION': '1.1.3\n',
        '~/releases/1.2/VERSION': '1.2.0\n',
        '~/releases/1.1/index.html': '<h1>Northwind shop 1.1</h1>\n',
        '~/releases/1.2/index.html': '<h1>Northwind shop 1.2 - new checkout!</h1>\n',
        '/var/log/shop/access.log': '203.0.113.7 GET / 200\n',
      },
      steps: [
        {
          title: 'A shortcut to the logs',
          instructions: 'Create a symbolic link `~/shop-logs` pointing to `/var/log/shop`.',
          checks: [
            {
              kind: 'symlink-target',
              path: '~/shop-logs',
              target: '/var/log/shop',
              message: '~/shop-logs points to /var/log/shop',
            },
          ],
          hints: ['`ln -s TARGET LINK_NAME`: the target comes first, like cp.', '`ln -s /var/log/shop ~/shop-logs`'],
        },
        {
          title: 'Deploy, then roll back',
          instructions:
            'Create `~/current` pointing to `releases/1.2`, then make it point to `releases/1.1` instead. `ln -sfn` replaces an existing link in one step.',
          checks: [
            {
              kind: 'symlink-target',
              path: '~/current',
              target: '~/releases/1.1',
              message: '~/current points to release 1.1',
            },
            {
              kind: 'file-contains',
              path: '~/current/VERSION',
              text: '1.1.3',
              message: '~/current/VERSION reads 1.1.3',
            },
            {
              kind: 'ran',
              command: 'ln',
              options: ['-s'],
              operands: ['~/releases/1.2'],
              message: 'You deployed 1.2 first (ln -s)',
            },
            {
              kind: 'absent',
              path: '~/releases/1.2/1.1',
              message: 'Release 1.2 has no stray link inside it (ln -sf without -n puts one there)',
            },
            {
              kind: 'file-equals',
              path: '~/releases/1.2/VERSION',
              content: '1.2.0\n',
              message: 'Release 1.2 is intact',
            },
          ],
          hints: [
            'A relative target is resolved from the directory the link is in.',
            'Without `-n`, `ln -sf` would follow the old link into the directory and create the new link inside it.',
            '`cd ~ && ln -s releases/1.2 current && ln -sfn releases/1.1 current`',
          ],
        },
      ],
      recap:
        '`ln -s TARGET NAME` makes a symbolic link, a shortcut to a path; `ln -sfn` repoints it in one step, the way releases are switched.',
      solution: [
        'ln -s /var/log/shop ~/shop-logs',
        'cd ~',
        'ln -s releases/1.2 current',
        'ln -sfn releases/1.1 current',
        'cat current/VERSION',
      ],
    },
    {
      id: 'link-hard',
      title: 'Two names, one file',
      xp: 45,
      difficulty: 'advanced',
      story:
        'The lab sensor writes its measurements to `~/lab/sensor/readings.csv`, deep in a directory you rarely visit. ' +
        'You want the same file at `~/readings.csv`, not a copy and not a shortcut that breaks if the sensor directory ' +
        'moves: a hard link. Prove it is one file: append through the new name and see the line in the old one.',
      files: {
        '~/lab/sensor/readings.csv': 'time,celsius,humidity\n08:00,18.2,41\n09:00,19.0,40\n10:00,20.4,38\n',
      },
      steps: [
        {
          title: 'Make the hard link',
          instructions: 'Create `~/readings.csv` as a hard link to `~/lab/sensor/readings.csv` (`ln` without `-s`).',
          checks: [
            { kind: 'exists', path: '~/readings.csv', type: 'file', message: '~/readings.csv exists' },
            {
              kind: 'exists',
              path: '~/readings.csv',
              type: 'symlink',
              negate: true,
              message: '~/readings.csv is not a symbolic link',
            },
            {
              kind: 'ran',
              command: 'ln',
              operands: ['~/lab/sensor/readings.csv'],
              message: 'You used ln on the readings',
            },
            {
              kind: 'file-matches',
              path: '~/readings.csv',
              pattern: String.raw`^time,celsius,humidity\n08:00,18\.2,41\n`,
              message: '~/readings.csv has the readings',
            },
          ],
          hints: ['Plain `ln` makes hard links.', '`ln ~/lab/sensor/readings.csv ~/readings.csv`'],
        },
        {
          title: 'One file, two names',
          instructions:
            'Append the line `11:00,21.1,36` to `~/readings.csv`, then check that `~/lab/sensor/readings.csv` has it too.',
          checks: [
            {
              kind: 'file-matches',
              path: '~/lab/sensor/readings.csv',
              pattern: String.raw`\n11:00,21\.1,36\n$`,
              message: 'The original file has the new line',
            },
            {
              kind: 'file-matches',
              path: '~/readings.csv',
              pattern: String.raw`^time,celsius,humidity\n`,
              message: 'The link still starts with the header',
            },
          ],
          hints: ['`>>` appends.', "`echo '11:00,21.1,36' >> ~/readings.csv && tail -n 2 ~/lab/sensor/readings.csv`"],
        },
      ],
      recap:
        '`ln FILE NAME` gives one file a second name: both names share the same content, and a change through one shows through the other.',
      solution: [
        'ln ~/lab/sensor/readings.csv ~/readings.csv',
        "echo '11:00,21.1,36' >> ~/readings.csv",
        'tail -n 2 ~/lab/sensor/readings.csv',
      ],
    },
  ],
);
