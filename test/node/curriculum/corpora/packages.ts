import type { LabCorpus } from './corpus.js';

export const packages: Record<string, LabCorpus> = {
  'pkg-what-is-installed': [
    {
      accept: [['dpkg -l'], ['dpkg -l | grep jq'], ['dpkg-query -l'], ['dpkg --list']],
      refuse: [['echo dpkg -l'], ['apt list --installed'], ['cat /var/lib/dpkg/status']],
    },
    {
      accept: [['dpkg -S /usr/bin/jq > ~/owner.txt'], ['cd ~', 'dpkg -S /usr/bin/jq > owner.txt'], ['dpkg -S $(which jq) > ~/owner.txt'], ['dpkg --search /usr/bin/jq > ~/owner.txt']],
      refuse: [['echo "jq: /usr/bin/jq" > ~/owner.txt'], ['dpkg -S /usr/bin/jq'], ['dpkg -S /usr/bin/tree > ~/owner.txt'], ['dpkg -L jq > ~/owner.txt']],
    },
    {
      accept: [['dpkg -L libjq1 > ~/libjq1-files.txt'], ['cd ~', 'dpkg --listfiles libjq1 > libjq1-files.txt'], ['dpkg -L libjq1 | tee ~/libjq1-files.txt']],
      refuse: [['echo /usr/lib/x86_64-linux-gnu/libjq.so.1 > ~/libjq1-files.txt'], ['dpkg -L jq > ~/libjq1-files.txt'], ['dpkg -L libjq1']],
    },
  ],
  'pkg-search-repository': [
    {
      accept: [['apt search "disk usage" > ~/search.txt'], ['apt search ncurses disk > ~/search.txt'], ['apt-cache search "disk usage" > ~/search.txt'], ['apt search ncdu > ~/search.txt']],
      refuse: [['echo ncdu/stable > ~/search.txt'], ['apt search "disk usage"'], ['apt search json > ~/search.txt'], ['apt show ncdu > ~/search.txt']],
    },
    {
      accept: [['apt show ncdu > ~/ncdu.txt'], ['apt-cache show ncdu > ~/ncdu.txt'], ['cd ~', 'apt show ncdu > ncdu.txt']],
      refuse: [['echo "Depends: libncursesw6" > ~/ncdu.txt'], ['apt show htop > ~/ncdu.txt'], ['apt show ncdu']],
    },
  ],
};
