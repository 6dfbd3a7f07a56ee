import { defineModule } from './define.js';

/** Module 1: where am I, what is here, how do I move. */
export const navigation = defineModule(
  'navigation',
  'Finding your way',
  'Know where you are (pwd), see what is around you (ls) and move through the filesystem (cd) with absolute and relative paths.',
  [
    {
      id: 'nav-first-steps',
      title: 'First day at Northwind',
      xp: 20,
      difficulty: 'beginner',
      story:
        'It is your first morning as a junior admin at Northwind Traders. Sam, your mentor, has set up an account for you ' +
        'and left a few things in your home directory. "Before you touch anything," Sam says, "look around: find out ' +
        'where you are, see what is there, then open the website project."',
      files: {
        '~/welcome.txt':
          'Welcome to Northwind, learner!\n\nYour first tasks:\n  1. Find out where you are.\n  2. Look around.\n  3. Open the website project.\n\n-- Sam\n',
        '~/projects/website/index.html':
          '<!doctype html>\n<html lang="en">\n<head><title>Northwind Traders</title><link rel="stylesheet" href="style.css"></head>\n<body><h1>Fine foods since 1994</h1></body>\n</html>\n',
        '~/projects/website/style.css': 'body { font-family: Georgia, serif; margin: 2rem; }\nh1 { color: #7a2e0e; }\n',
        '~/projects/inventory/stock.csv': 'sku,product,qty\nNW-001,Chai,39\nNW-002,Chang,17\nNW-003,Aniseed Syrup,13\n',
        '~/projects/README': 'website/   the public shop front\ninventory/ stock exports from the warehouse\n',
      },
      steps: [
        {
          title: 'Where am I?',
          instructions: 'Print the directory you are in with `pwd` ("print working directory").',
          checks: [{ kind: 'ran', command: 'pwd', message: 'You ran pwd (any options)' }],
          hints: ['The command is three letters: print working directory.', 'Type `pwd` and press Enter.'],
        },
        {
          title: 'Look around',
          instructions: 'List what is in your home directory with `ls`, then list the `projects` directory too.',
          checks: [
            {
              kind: 'ran',
              command: 'ls',
              target: '~',
              message: 'You listed your home directory (ls in ~, or ls ~, any options)',
            },
            {
              kind: 'ran',
              command: 'ls',
              target: '~/projects',
              message: 'You listed projects (ls projects, ls ~/projects, or ls inside it)',
            },
          ],
          hints: ['`ls` alone lists the current directory.', 'Give ls a directory name to list it: `ls projects`.'],
        },
        {
          title: 'Open the website project',
          instructions: 'Move into `projects/website` with `cd` and stay there.',
          checks: [{ kind: 'cwd', path: '~/projects/website', message: 'You are in ~/projects/website' }],
          hints: ['`cd` changes directory.', 'You can go down two levels at once: `cd projects/website`.'],
        },
      ],
      recap:
        '`pwd` tells you where you are, `ls` lists what is there (`ls DIR` looks inside another directory without going), and `cd DIR` moves you into it.',
      solution: ['pwd', 'ls', 'ls projects', 'cd projects/website'],
    },
    {
      id: 'nav-paths',
      title: 'The on-call runbook',
      xp: 25,
      difficulty: 'beginner',
      story:
        'Your pager buzzes: the API is slow. The on-call runbook says: "Logs are in /var/log/northwind. Configs are in ' +
        '/etc/northwind. Your own checkout of the API is in ~/projects/api." Move between them like a pro: with an ' +
        'absolute path, with `..`, and with `~`.',
      files: {
        '/var/log/northwind/api.log':
          '2024-03-14T02:11:09Z INFO  api listening on :8080\n2024-03-14T02:14:51Z WARN  slow query (2.8s): SELECT * FROM orders\n2024-03-14T02:15:02Z WARN  slow query (3.1s): SELECT * FROM orders\n',
        '/var/log/northwind/worker.log':
          '2024-03-14T02:10:00Z INFO  worker started, 4 threads\n2024-03-14T02:15:00Z INFO  nightly export done\n',
        '/etc/northwind/api.conf': '[server]\nport = 8080\n\n[database]\nhost = db.internal\npool_size = 5\n',
        '~/projects/api/server.js': "const http = require('http');\nhttp.createServer(handler).listen(8080);\n",
        '~/projects/api/package.json': '{ "name": "northwind-api", "version": "3.2.0" }\n',
      },
      steps: [
        {
          title: 'Go to the logs',
          instructions: 'Jump straight to `/var/log/northwind` using its absolute path (it starts with `/`).',
          checks: [{ kind: 'visited', path: '/var/log/northwind', message: 'You have been in /var/log/northwind' }],
          hints: [
            'An absolute path starts at the root, `/`, whatever directory you are in.',
            '`cd /var/log/northwind`',
          ],
        },
        {
          title: 'One level up',
          instructions: 'From the logs, go up one level to `/var/log` using `..` (the parent directory).',
          checks: [{ kind: 'visited', path: '/var/log', message: 'You have been in /var/log, one level up' }],
          hints: ['`..` always means "the directory above this one".', '`cd ..`'],
        },
        {
          title: 'Back to your code',
          instructions: 'Finish in your API checkout, `~/projects/api`, using `~` for your home directory.',
          checks: [{ kind: 'cwd', path: '~/projects/api', message: 'You are in ~/projects/api' }],
          hints: ['`~` is short for your home directory, /home/learner.', '`cd ~/projects/api`'],
        },
      ],
      recap:
        'An absolute path starts at `/` and works from anywhere; a relative one starts where you are. `cd ..` goes one level up and `~` is your home directory.',
      solution: ['cd /var/log/northwind', 'cd ..', 'cd ~/projects/api'],
    },
    {
      id: 'nav-hidden-files',
      title: "The files you can't see",
      xp: 25,
      difficulty: 'beginner',
      story:
        'Sam swears the deploy settings are "right there in your home directory", but `ls` shows nothing of the kind. ' +
        'On Linux, names starting with a dot are hidden. Find them, look at the details, and go into the hidden ' +
        'deploy configuration.',
      files: {
        '~/todo.txt': '- rotate the API keys\n- renew the TLS certificate (expires 2024-04-02)\n',
        '~/.bashrc': '# ~/.bashrc: executed by bash for interactive shells\nalias ll="ls -l"\nexport EDITOR=nano\n',
        '~/.config/deploy/targets.conf':
          'production = web1.northwind.internal, web2.northwind.internal\nstaging = stage1.northwind.internal\n',
        '~/.config/deploy/hooks/after-deploy.sh': { content: '#!/bin/bash\necho "purging CDN cache"\n', mode: '755' },
        '~/.ssh/known_hosts': 'web1.northwind.internal ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG5vcnRod2luZA\n',
      },
      steps: [
        {
          title: 'Reveal hidden names',
          instructions: 'List your home directory including hidden entries with `ls -a`.',
          checks: [
            {
              kind: 'ran',
              command: 'ls',
              options: ['-a|-A'],
              target: '~',
              message: 'You listed your home directory with hidden entries (ls -a or -A, any other options)',
            },
          ],
          hints: ['ls has an option for "all".', '`ls -a`'],
        },
        {
          title: 'Look at the details',
          instructions:
            'Show the long listing of `~/.config` (`ls -l`): permissions, owner, size and date for each entry.',
          checks: [
            {
              kind: 'ran',
              command: 'ls',
              options: ['-l'],
              target: '~/.config',
              message: 'You listed ~/.config in the long format (ls -l, any other options)',
            },
          ],
          hints: ['`-l` asks ls for the long format.', '`ls -l ~/.config`'],
        },
        {
          title: 'Into the deploy settings',
          instructions: 'Go into the hidden `deploy` directory inside `~/.config`.',
          checks: [{ kind: 'cwd', path: '~/.config/deploy', message: 'You are in ~/.config/deploy' }],
          hints: ['Hidden directories work with cd like any other.', '`cd ~/.config/deploy`'],
        },
      ],
      recap:
        'Names starting with a dot are hidden: `ls -a` shows them. `ls -l` gives the long listing: type and permissions, owner, size and date of each entry.',
      solution: ['ls -a', 'ls -l ~/.config', 'cd ~/.config/deploy'],
    },
  ],
);
