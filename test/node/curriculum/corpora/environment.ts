import type { LabCorpus } from './corpus.js';

export const environment: Record<string, LabCorpus> = {
  'env-configure-app': [
    {
      accept: [
        ['export APP_ENV=production DB_HOST=db-new.internal'],
        ['export APP_ENV=production', 'export DB_HOST=db-new.internal'],
        ['APP_ENV=production', 'DB_HOST=db-new.internal', 'export APP_ENV DB_HOST'],
      ],
      refuse: [
        ['APP_ENV=production DB_HOST=db-new.internal'],
        ['export APP_ENV=prod DB_HOST=db-new.internal'],
        ['echo export APP_ENV=production DB_HOST=db-new.internal'],
        ['export APP_ENV=production'],
      ],
    },
    {
      setup: ['export APP_ENV=production DB_HOST=db-new.internal'],
      accept: [
        ['unset DEBUG', '~/shop/start.sh'],
        ['unset DEBUG && cd ~/shop && ./start.sh'],
        ['unset -v DEBUG', 'bash ~/shop/start.sh'],
      ],
      refuse: [
        ['~/shop/start.sh'],
        ['unset DEBUG', "echo 'Starting shop in production mode against db-new.internal'"],
        ['DEBUG= ~/shop/start.sh'],
        ['unset DEBUG', '~/shop/start.sh', 'echo done'],
        [
          'unset DEBUG',
          "echo 'echo Starting shop in production mode against db-new.internal' > ~/shop/start.sh",
          '~/shop/start.sh',
        ],
      ],
    },
  ],
  'env-own-commands': [
    {
      accept: [
        ['echo $PATH'],
        ['echo "$PATH"'],
        ['printenv PATH'],
        ['echo ${PATH}'],
        ['printf \'%s\\n\' "$PATH"'],
        ["echo $PATH | tr : '\\n'"],
      ],
      refuse: [['echo $SHELL'], ['env | wc -l'], ['echo $HOME'], ['# echo $PATH'], ['echo PATH is set'], ['echo PATH']],
    },
    {
      accept: [
        ['export PATH="$PATH:$HOME/bin"', 'greet'],
        ['PATH=$PATH:~/bin', 'greet'],
        ['export PATH=$PATH:/home/learner/bin/', 'greet'],
      ],
      refuse: [
        ['export PATH="$HOME/bin"', 'greet'],
        ['export PATH="$PATH:$HOME/bin"', "echo 'Good morning, learner! 2 new files in your inbox.'"],
        ['~/bin/greet'],
        ['export PATH="$PATH:$HOME/bin"', 'greet', 'ls'],
      ],
    },
  ],
};
