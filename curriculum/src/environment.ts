import { defineModule } from './define.js';

const START_SH =
  '#!/bin/bash\nif [ -n "$DEBUG" ]; then echo "debug: env is $(env | wc -l) variables"; fi\n' +
  'echo "Starting shop in ${APP_ENV:-development} mode against ${DB_HOST:-localhost}"\n';
/** The PATH a learner's shell starts with. */
const START_PATH = '/usr/local/bin:/usr/bin:/bin';

/** Module 11: variables the shell passes to every program. */
export const environment = defineModule(
  'environment',
  'Environment and variables',
  'Set shell variables, export them to programs (export), remove them (unset), and extend PATH so your own scripts run like commands.',
  [
    {
      id: 'env-configure-app',
      title: 'Configure the shop by environment',
      xp: 40,
      difficulty: 'intermediate',
      story:
        'The shop backend follows the twelve-factor rules: it reads its settings from environment variables, never ' +
        'from files. Start it in production mode against the new database, and switch off the debug output someone ' +
        'left on.',
      files: {
        '~/shop/start.sh': {
          content: START_SH,
          mode: '755',
        },
      },
      env: { DEBUG: '1' },
      steps: [
        {
          title: 'Export the settings',
          instructions:
            'Export `APP_ENV=production` and `DB_HOST=db-new.internal` so that programs you start can see them.',
          checks: [
            { kind: 'env', name: 'APP_ENV', value: 'production', message: 'APP_ENV is exported as production' },
            {
              kind: 'env',
              name: 'DB_HOST',
              value: 'db-new.internal',
              message: 'DB_HOST is exported as db-new.internal',
            },
          ],
          hints: [
            'A plain `APP_ENV=production` stays inside the shell; `export` passes it on.',
            '`export APP_ENV=production DB_HOST=db-new.internal`',
          ],
        },
        {
          title: 'No more debug output',
          instructions: 'Remove the `DEBUG` variable with `unset`, then start `~/shop/start.sh`.',
          checks: [
            { kind: 'env', name: 'DEBUG', negate: true, message: 'DEBUG is no longer set' },
            {
              kind: 'ran',
              command: 'bash',
              operands: ['~/shop/start.sh'],
              lastLine: true,
              message: 'Your last command started ~/shop/start.sh',
            },
            {
              kind: 'file-equals',
              path: '~/shop/start.sh',
              content: START_SH,
              message: 'start.sh itself is unchanged',
            },
            {
              kind: 'output-matches',
              pattern: String.raw`^Starting shop in production mode against db-new\.internal$`,
              flags: 'm',
              message: 'The shop started with your settings',
            },
            {
              kind: 'output-matches',
              pattern: '^debug:',
              flags: 'm',
              negate: true,
              message: 'No debug line was printed',
            },
          ],
          hints: ['`unset NAME` removes a variable.', '`unset DEBUG && ~/shop/start.sh`'],
        },
      ],
      recap:
        '`export NAME=value` sets a variable that programs started from the shell can read, `echo $NAME` shows it, and `unset NAME` removes it.',
      solution: [
        'export APP_ENV=production DB_HOST=db-new.internal',
        'echo $APP_ENV',
        'unset DEBUG',
        '~/shop/start.sh',
      ],
    },
    {
      id: 'env-own-commands',
      title: 'Your own commands',
      xp: 45,
      difficulty: 'intermediate',
      story:
        'You keep typing the same long commands, so you wrote tiny scripts in `~/bin`. They only run as ' +
        '`~/bin/greet` for now. Add `~/bin` to your `PATH` so that `greet` works like any other command.',
      files: {
        '~/bin/greet': {
          content: '#!/bin/bash\necho "Good morning, $USER! $(ls ~/inbox | wc -l) new files in your inbox."\n',
          mode: '755',
        },
        '~/inbox/order-1043.txt': 'order 1043: 3 x Chai\n',
        '~/inbox/order-1044.txt': 'order 1044: 1 x Gravlax\n',
      },
      steps: [
        {
          title: 'Where does the shell look?',
          instructions: 'Print your `PATH` with `echo $PATH`: the directories searched for commands, separated by `:`.',
          checks: [
            {
              kind: 'ran',
              command: 'echo|printenv|printf',
              oneOf: [START_PATH, 'PATH'],
              prints: START_PATH,
              message: 'You printed PATH (echo $PATH or printenv PATH)',
            },
          ],
          hints: ['`echo $PATH`'],
        },
        {
          title: 'Extend PATH',
          instructions:
            'Add `$HOME/bin` at the end of `PATH` (keep what is there!), then run `greet` by its name alone.',
          checks: [
            {
              kind: 'env',
              name: 'PATH',
              pattern: String.raw`(^|:)/home/learner/bin/?(:|$)`,
              message: 'PATH contains /home/learner/bin',
            },
            {
              kind: 'env',
              name: 'PATH',
              pattern: String.raw`(^|:)/usr/bin(:|$)`,
              message: 'PATH still contains /usr/bin',
            },
            // A command found through PATH runs without a record of its own: greet's `ls ~/inbox` shows that it ran.
            {
              kind: 'ran',
              command: 'ls',
              target: '~/inbox',
              lastLine: true,
              message: 'Your last command ran greet (it lists your inbox)',
            },
            {
              kind: 'output-matches',
              pattern: String.raw`^Good morning, learner! 2 new files`,
              flags: 'm',
              message: 'greet ran by its name',
            },
          ],
          hints: [
            '`$PATH` inside the new value keeps the old directories.',
            '`export PATH="$PATH:$HOME/bin"`, then `greet`.',
          ],
        },
      ],
      recap:
        'The shell looks for commands in the directories of `$PATH`, in order; `export PATH="$PATH:$HOME/bin"` adds your own.',
      solution: ['echo $PATH', 'export PATH="$PATH:$HOME/bin"', 'greet'],
    },
  ],
);
