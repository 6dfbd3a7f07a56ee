import type { LabCorpus } from './corpus.js';

export const navigation: Record<string, LabCorpus> = {
  'nav-first-steps': [
    {
      accept: [['pwd'], ['pwd -P'], ['pwd -L'], ['cd projects', 'pwd']],
      refuse: [['echo /home/learner'], ['echo pwd'], ['# pwd'], ['man pwd'], ['type pwd']],
    },
    {
      accept: [
        ['ls', 'ls projects'],
        ['ls ~', 'ls ~/projects'],
        ['ls -l', 'ls -la /home/learner/projects'],
        ['ls -a', 'cd projects', 'ls'],
        ['ls ~/projects/', 'ls .'],
      ],
      refuse: [
        ['echo ls', 'echo ls projects'],
        ['ls projects'],
        ['ls', 'ls projects/website'],
        ['ls', 'ls /tmp'],
        ['ls nope', 'ls projects'],
        ['ls', 'ls project'],
      ],
    },
    {
      accept: [
        ['cd projects/website'],
        ['cd ~/projects/website'],
        ['cd projects', 'cd website'],
        ['cd /home/learner/projects/website/'],
      ],
      refuse: [
        ['cd projects'],
        ['echo cd projects/website'],
        ['cd projects/website', 'cd ..'],
        ['ls projects/website'],
      ],
    },
  ],
  'nav-paths': [
    {
      accept: [
        ['cd /var/log/northwind'],
        ['cd /var/log/northwind/'],
        ['cd /var/log', 'cd northwind'],
        ['cd /var/log/northwind', 'cd ~'],
      ],
      refuse: [
        ['echo cd /var/log/northwind'],
        ['ls /var/log/northwind'],
        ['cd /var/log/northwin'],
        ['cat /var/log/northwind/api.log'],
      ],
    },
    {
      setup: ['cd /var/log/northwind'],
      accept: [['cd ..'], ['cd ../'], ['cd ./..'], ['cd ..', 'cd ~/projects/api']],
      refuse: [['echo cd ..'], ['ls ..'], ['cd ../..']],
    },
    {
      accept: [
        ['cd ~/projects/api'],
        ['cd ~', 'cd projects/api'],
        ['cd $HOME/projects/api'],
        ['cd /var/log', 'cd ~/projects/api/'],
      ],
      refuse: [['cd ~/projects'], ['echo ~/projects/api'], ['ls ~/projects/api'], ['cd ~/projects/api', 'cd ..']],
    },
  ],
  'nav-hidden-files': [
    {
      accept: [['ls -a'], ['ls -la'], ['ls --all ~'], ['ls -A'], ['ls -a -l /home/learner']],
      refuse: [['ls'], ['echo ls -a'], ['ls -a /tmp'], ['ls -l'], ['ls -a nope']],
    },
    {
      accept: [
        ['ls -l ~/.config'],
        ['ls -la .config'],
        ['cd .config', 'ls -l'],
        ['ls -l --all ~/.config/'],
        ['ls -lh /home/learner/.config'],
      ],
      refuse: [['ls ~/.config'], ['ls -l ~'], ['echo ls -l ~/.config'], ['ls -l ~/.config/deploy'], ['ls -l ~/config']],
    },
    {
      accept: [['cd ~/.config/deploy'], ['cd .config', 'cd deploy'], ['cd ~/.config/deploy/hooks', 'cd ..']],
      refuse: [['cd ~/.config'], ['echo cd ~/.config/deploy'], ['ls ~/.config/deploy']],
    },
  ],
};
