import { defineModule } from './define.js';

/** Daemons every lab of the module's machine runs: root's, which the learner may look at but not signal. */
const SYSTEM_DAEMONS = [
  { command: '/usr/sbin/cron -f', memory: 3, startedMinutesAgo: 300 },
  { command: '/usr/sbin/sshd -D', memory: 8, startedMinutesAgo: 300 },
];

const BUILD_SH = '#!/bin/bash\necho "report build started"\nsleep 600\necho "report build finished"\n';

/** Module 13: what runs on a machine, and how to control it. */
export const processes = defineModule(
  'processes',
  'Processes and jobs',
  'See what runs (ps, top, pgrep), stop what misbehaves (kill, pkill, signals), run work in the background (&, jobs, fg, bg), keep it running after you leave (nohup) and make it yield (nice, renice).',
  [
    {
      id: 'proc-see-what-runs',
      title: 'What is running?',
      xp: 30,
      difficulty: 'beginner',
      story:
        'You have just logged in to the shop’s server. Before changing anything, an admin looks at what is running: ' +
        'the programs of this terminal, then every process on the machine, and finds the one they came for.',
      files: {},
      machine: {
        processes: [
          ...SYSTEM_DAEMONS,
          {
            command: 'python3 /home/learner/shop/server.py --port 8080',
            user: 'learner',
            pid: 2417,
            cpu: 2,
            memory: 48,
            startedMinutesAgo: 120,
          },
        ],
      },
      steps: [
        {
          title: 'Your terminal’s processes',
          instructions:
            'Run `ps` on its own: it lists the processes started from this terminal, with their process ID (PID).',
          checks: [{ kind: 'ran', command: 'ps', message: 'You ran ps' }],
          hints: ['The command is two letters: **p**rocess **s**tatus.', '`ps`'],
        },
        {
          title: 'Every process, saved',
          instructions: 'List every process of every user with `ps aux` and save the list into `~/all-processes.txt`.',
          checks: [
            { kind: 'ran', command: 'ps', into: '~/all-processes.txt', message: 'ps wrote ~/all-processes.txt' },
            {
              kind: 'file-matches',
              path: '~/all-processes.txt',
              pattern: 'sshd',
              message: 'The list has root’s daemons (sshd)',
            },
            {
              kind: 'file-matches',
              path: '~/all-processes.txt',
              pattern: String.raw`server\.py`,
              message: 'The list has the shop server',
            },
          ],
          hints: [
            'Plain `ps` shows only this terminal’s processes; `a`, `u` and `x` widen it to everyone’s, with owners.',
            '`ps aux > ~/all-processes.txt`',
          ],
        },
        {
          title: 'Find the shop server',
          instructions: 'Save the process ID of the shop server (`server.py`) into `~/server.pid`, with `pgrep`.',
          checks: [
            { kind: 'ran', command: 'pgrep|awk', into: '~/server.pid', message: 'pgrep wrote ~/server.pid' },
            {
              kind: 'file-equals',
              path: '~/server.pid',
              content: '2417\n',
              message: '~/server.pid holds the server’s PID',
            },
          ],
          hints: [
            '`pgrep NAME` prints the PIDs of the processes with that name; `-f` searches the whole command line.',
            '`pgrep -f server.py > ~/server.pid`',
          ],
        },
      ],
      recap:
        'You can list your own processes (`ps`), everyone’s (`ps aux`, `ps -ef`) and find a process ID by name (`pgrep`).',
      solution: ['ps', 'ps aux > ~/all-processes.txt', 'pgrep -f server.py > ~/server.pid'],
    },
    {
      id: 'proc-stop-runaway',
      title: 'Stop a runaway process',
      xp: 40,
      difficulty: 'beginner',
      story:
        'The server is slow. Somebody’s backup script is stuck in a loop and eats a whole CPU. It is yours: find it ' +
        'with `top` and stop it, without touching anything else.',
      files: {},
      machine: {
        processes: [
          ...SYSTEM_DAEMONS,
          {
            command: '/bin/bash /home/learner/backup.sh --full',
            user: 'learner',
            pid: 3150,
            cpu: 99,
            memory: 14,
            startedMinutesAgo: 45,
          },
        ],
      },
      steps: [
        {
          title: 'Who uses the CPU?',
          instructions:
            'Take one snapshot of `top` in batch mode (`-b`, one iteration `-n 1`): the busiest processes come first.',
          checks: [{ kind: 'ran', command: 'top', options: ['-b'], message: 'You ran top in batch mode' }],
          hints: [
            '`top` sorts by %CPU; `-b` prints instead of taking over the screen, `-n 1` stops after one screen.',
            '`top -b -n 1`',
          ],
        },
        {
          title: 'Stop it',
          instructions: 'Send the backup script the TERM signal with `kill` and its PID (or `pkill` and its name).',
          checks: [
            { kind: 'process-absent', name: 'backup.sh', message: 'backup.sh no longer runs' },
            { kind: 'process-running', name: 'sshd', message: 'sshd still runs' },
            { kind: 'ran', command: 'kill|pkill', message: 'You used kill or pkill' },
          ],
          hints: [
            '`kill PID` sends TERM, the polite request to stop. The PID is in the first column of top.',
            '`kill 3150`',
          ],
        },
      ],
      recap: 'You can find the busiest process with `top` and end it with `kill PID` or `pkill NAME`.',
      solution: ['top -b -n 1', 'kill 3150'],
    },
    {
      id: 'proc-background-jobs',
      title: 'Jobs in the background',
      xp: 50,
      difficulty: 'intermediate',
      story:
        'Long tasks need not block your prompt: `&` runs them in the background as jobs. Practise with two long ' +
        '`sleep`s standing in for a download and an export: start them, pause one, resume it, cancel the other.',
      files: {},
      machine: { processes: SYSTEM_DAEMONS },
      steps: [
        {
          title: 'Two jobs',
          instructions: 'Start `sleep 600` and `sleep 900` in the background, then list your jobs with `jobs`.',
          checks: [
            {
              kind: 'ran',
              command: 'jobs',
              prints: '[1]-  Running                 sleep 600 &\n[2]+  Running                 sleep 900 &',
              message: 'jobs listed both running',
            },
          ],
          hints: [
            'A command ending in `&` runs in the background and gives the prompt back at once.',
            '`sleep 600 &` then `sleep 900 &` then `jobs`',
          ],
        },
        {
          title: 'Pause the first',
          instructions:
            'Stop job 1 (`sleep 600`) with the STOP signal (`kill` accepts a job number as `%1`), and see it with `jobs`.',
          checks: [
            {
              kind: 'ran',
              command: 'jobs',
              prints: '[1]+  Stopped                 sleep 600\n[2]-  Running                 sleep 900 &',
              message: 'jobs showed sleep 600 stopped',
            },
          ],
          hints: ['`kill -SIGNAL %N` signals job N; the signal that pauses is STOP.', '`kill -STOP %1` then `jobs`'],
        },
        {
          title: 'Resume it, cancel the other',
          instructions: 'Let job 1 continue in the background with `bg`, then end job 2 with `kill`.',
          checks: [
            { kind: 'process-running', command: '^sleep 600$', message: 'sleep 600 runs again' },
            { kind: 'process-absent', command: '^sleep 900$', message: 'sleep 900 has ended' },
            { kind: 'job-count', count: 1, message: 'One job is left' },
          ],
          hints: [
            '`bg %1` continues a stopped job in the background; `fg %1` would bring it to the foreground.',
            '`bg %1` then `kill %2`',
          ],
        },
      ],
      recap:
        'You can start jobs with `&`, list them (`jobs`), stop and continue them (`kill -STOP`, `bg`, `fg`) and end them (`kill %N`).',
      solution: ['sleep 600 &', 'sleep 900 &', 'jobs', 'kill -STOP %1', 'jobs', 'bg %1', 'kill %2'],
    },
    {
      id: 'proc-nohup-nice',
      title: 'Keep it running, politely',
      xp: 55,
      difficulty: 'intermediate',
      story:
        'The monthly report takes ten minutes to build and you want to log out meanwhile. Start it so that it ' +
        'survives the end of your session, with its output kept in a file, and make it yield the CPU to the shop.',
      files: { '~/reports/build.sh': { content: BUILD_SH, mode: '755' } },
      machine: { processes: SYSTEM_DAEMONS },
      steps: [
        {
          title: 'Immune to hangups',
          instructions:
            'From your home directory, start `~/reports/build.sh` in the background with `nohup`, so that its output goes to `~/nohup.out`.',
          checks: [
            { kind: 'process-running', command: String.raw`build\.sh`, message: 'build.sh runs' },
            { kind: 'ran', command: 'nohup', message: 'You started it with nohup' },
            {
              kind: 'file-contains',
              path: '~/nohup.out',
              text: 'report build started',
              message: '~/nohup.out has its output',
            },
          ],
          hints: [
            '`nohup COMMAND &` runs a command that ignores the hangup sent when you log out; with its output on the terminal it writes to nohup.out.',
            '`nohup ~/reports/build.sh &`',
          ],
        },
        {
          title: 'Lower its priority',
          instructions:
            'Give the running build a niceness of 10 or more with `renice` (its PID is in `$!` or `pgrep -f build.sh`).',
          checks: [
            {
              kind: 'process-nice',
              command: String.raw`build\.sh`,
              atLeast: 10,
              message: 'build.sh has a niceness of at least 10',
            },
          ],
          hints: [
            'Niceness goes from -20 (greedy) to 19 (polite); as a user you may only raise it.',
            '`renice -n 10 -p $!`',
          ],
        },
      ],
      recap:
        'You can start work that survives logging out (`nohup … &`) and lower a process’s priority (`nice`, `renice`).',
      solution: ['cd ~', 'nohup ~/reports/build.sh &', 'renice -n 10 -p $!'],
    },
    {
      id: 'proc-capstone-tame',
      title: 'Capstone: tame a misbehaving server',
      xp: 70,
      difficulty: 'advanced',
      story:
        'Monday, 9:02, the shop is crawling. On the server: a backup script spinning at full CPU, a report generator ' +
        'that hangs and no longer answers polite signals, and a search indexer that is useful but greedy. Triage: ' +
        'make the indexer yield, end the two broken ones, and keep the rest running.',
      files: {},
      machine: {
        processes: [
          ...SYSTEM_DAEMONS,
          {
            command: '/bin/bash /home/learner/backup.sh',
            user: 'learner',
            pid: 4012,
            cpu: 99,
            memory: 14,
            startedMinutesAgo: 70,
          },
          {
            command: '/opt/shop/bin/report-gen --monthly',
            name: 'report-gen',
            user: 'learner',
            pid: 4020,
            cpu: 0,
            memory: 900,
            startedMinutesAgo: 65,
            ignores: ['TERM', 'HUP', 'INT'],
          },
          {
            command: '/opt/shop/bin/indexer --watch /srv/shop',
            name: 'indexer',
            user: 'learner',
            pid: 4033,
            cpu: 60,
            memory: 120,
            startedMinutesAgo: 300,
          },
        ],
      },
      steps: [
        {
          title: 'Make the indexer yield',
          instructions: 'Give `indexer` a niceness of 15 or more, without stopping it.',
          checks: [
            { kind: 'process-nice', name: 'indexer', atLeast: 15, message: 'indexer has a niceness of at least 15' },
            { kind: 'process-running', name: 'indexer', message: 'indexer still runs' },
          ],
          hints: [
            '`renice` changes a running process’s niceness; `pgrep indexer` gives its PID.',
            '`renice -n 15 -p 4033`',
          ],
        },
        {
          title: 'End the runaway backup',
          instructions: 'End `backup.sh`.',
          checks: [{ kind: 'process-absent', name: 'backup.sh', message: 'backup.sh no longer runs' }],
          hints: ['`kill` with the PID from `ps aux --sort=-%cpu`, or `pkill` with the name.', '`pkill backup.sh`'],
        },
        {
          title: 'End the hung report generator',
          instructions:
            '`report-gen` ignores TERM. Check with `ps` that a plain `kill` did not end it, then use the signal no process can ignore. Leave cron, sshd and the indexer running.',
          checks: [
            { kind: 'process-absent', name: 'report-gen', message: 'report-gen no longer runs' },
            { kind: 'process-running', name: 'indexer', message: 'indexer still runs' },
            { kind: 'process-running', name: 'sshd', user: 'root', message: 'sshd still runs' },
            { kind: 'process-running', name: 'cron', user: 'root', message: 'cron still runs' },
          ],
          hints: ['KILL (9) cannot be caught or ignored; use it only when TERM has failed.', '`kill -9 4020`'],
        },
      ],
      recap:
        'You can triage a busy machine: find the culprits (`ps`, `top`), lower a priority (`renice`), end a process politely (`kill`) or forcibly (`kill -9`).',
      solution: [
        'ps aux --sort=-%cpu',
        'renice -n 15 -p 4033',
        'pkill backup.sh',
        'kill 4020',
        'ps -u learner',
        'kill -9 4020',
      ],
    },
  ],
);
