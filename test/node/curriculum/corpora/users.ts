import type { LabCorpus } from './corpus.js';

/** The learner's password in every lab of the module: the line after the first sudo answers its prompt. */
const PW = 'learner';

export const users: Record<string, LabCorpus> = {
  'users-who-am-i': [
    {
      accept: [['groups > ~/groups.txt'], ['cd ~', 'groups learner > groups.txt'], ['id', 'groups | tee ~/groups.txt']],
      refuse: [
        ['echo learner sudo > ~/groups.txt'],
        ['id -Gn > ~/groups.txt'],
        ['groups root > ~/groups.txt'],
        ['groups'],
      ],
    },
    {
      accept: [
        ['grep www-data /etc/passwd > ~/web-account.txt'],
        ['grep ^www-data: /etc/passwd > ~/web-account.txt'],
        ['cd /etc', 'grep -w www-data passwd > ~/web-account.txt'],
      ],
      refuse: [
        ["echo 'www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin' > ~/web-account.txt"],
        ['grep www /etc/group > ~/web-account.txt'],
        ['grep -v root /etc/passwd > ~/web-account.txt'],
        ['getent passwd www-data > ~/web-account.txt'],
      ],
    },
  ],
  'users-sudo': [
    {
      accept: [
        ["echo 'Maintenance Friday 22:00' | sudo tee /etc/motd", PW],
        ["echo 'Maintenance Friday 22:00' > ~/motd", 'sudo cp ~/motd /etc/motd', PW],
        ['sudo -i', PW, "echo 'Maintenance Friday 22:00' > /etc/motd", 'exit'],
        ["echo 'Maintenance Friday 22:00' | sudo tee -a /etc/motd > /dev/null", PW],
      ],
      refuse: [
        ["echo 'Maintenance Friday 22:00' > /etc/motd"],
        ["sudo echo 'Maintenance Friday 22:00' > /etc/motd", PW],
        ["echo 'Maintenance Friday 22:00' | sudo tee /etc/motd", 'wrong', 'wrong', 'wrong'],
        ["echo 'Maintenance Friday 22:00' | tee /etc/motd"],
        ["echo 'Maintenance Friday' | sudo tee /etc/motd", PW],
      ],
    },
    {
      accept: [
        ['sudo -l', PW],
        ['sudo true', PW, 'sudo -l'],
        ['sudo -v', PW, 'sudo -l'],
      ],
      refuse: [['sudo -l', 'wrong', 'nope', 'still'], ['echo sudo -l'], ['sudo -l']],
    },
  ],
  'users-new-colleague': [
    {
      accept: [
        ['sudo useradd -m -s /bin/bash maya', PW],
        ['sudo useradd -m maya', PW],
        ['sudo adduser maya', PW, 'Maya2024!', 'Maya2024!'],
        ['sudo -i', PW, 'useradd --create-home maya', 'exit'],
      ],
      refuse: [
        ['sudo useradd maya', PW],
        ['sudo mkdir /home/maya', PW],
        ['useradd -m maya'],
        ['sudo useradd -m mya', PW],
      ],
    },
    {
      setup: ['sudo useradd -m -s /bin/bash maya', PW],
      accept: [
        ['sudo usermod -aG developers maya'],
        ['sudo gpasswd -a maya developers'],
        ['sudo adduser maya developers'],
        ['sudo usermod -G developers maya'],
      ],
      refuse: [
        ['sudo usermod -aG developers learner'],
        ['usermod -aG developers maya'],
        ['sudo groupadd devs', 'sudo usermod -aG devs maya'],
        ['sudo usermod -g maya maya'],
      ],
    },
  ],
  'users-hand-over': [
    {
      accept: [
        ['sudo chown ana:finance /srv/reports/q3.csv', PW],
        ['sudo chown ana /srv/reports/q3.csv', PW, 'sudo chgrp finance /srv/reports/q3.csv'],
        ['cd /srv/reports', 'sudo chown ana:finance q3.csv', PW],
      ],
      refuse: [
        ['chown ana:finance /srv/reports/q3.csv'],
        ['sudo chown ana /srv/reports/q3.csv', PW],
        ['sudo chown ana:finance /srv/reports/q2.csv', PW],
        ['sudo chown ana: /srv/reports/q3.csv', PW],
      ],
    },
    {
      setup: ['sudo chown ana:finance /srv/reports/q3.csv', PW],
      accept: [
        ['sudo chgrp -R finance /srv/reports'],
        ['sudo chown -R :finance /srv/reports'],
        ['cd /srv', 'sudo chgrp --recursive finance reports'],
      ],
      refuse: [
        ['sudo chgrp finance /srv/reports'],
        ['sudo chown -R root:finance /srv/reports'],
        ['chgrp -R finance /srv/reports'],
        ['sudo chown -R ana:finance /srv/reports'],
      ],
    },
  ],
  'users-team-folder': [
    {
      accept: [
        [
          'sudo groupadd design',
          PW,
          'sudo useradd -m tom',
          'sudo usermod -aG design tom',
          'sudo usermod -aG design learner',
        ],
        ['sudo groupadd design', PW, 'sudo useradd -m -G design tom', 'sudo gpasswd -a learner design'],
        [
          'sudo -i',
          PW,
          'groupadd design',
          'useradd -m -s /bin/bash tom',
          'usermod -aG design tom',
          'usermod -aG design learner',
          'exit',
        ],
      ],
      refuse: [
        ['sudo groupadd design', PW, 'sudo useradd -m tom', 'sudo usermod -aG design tom'],
        [
          'sudo groupadd design',
          PW,
          'sudo useradd tom',
          'sudo usermod -aG design tom',
          'sudo usermod -aG design learner',
        ],
        ['sudo useradd -m tom', PW, 'sudo usermod -aG design tom'],
        [
          'sudo groupadd design',
          PW,
          'sudo useradd -m tom',
          'sudo usermod -G design learner',
          'sudo usermod -g design tom',
          'sudo userdel tom',
        ],
      ],
    },
    {
      setup: ['sudo groupadd design', PW],
      accept: [
        ['sudo mkdir /srv/design', 'sudo chgrp design /srv/design', 'sudo chmod 2775 /srv/design'],
        ['sudo mkdir -m 2775 /srv/design', 'sudo chown root:design /srv/design'],
        ['sudo mkdir /srv/design', 'sudo chown :design /srv/design', 'sudo chmod g+ws /srv/design'],
      ],
      refuse: [
        ['sudo mkdir /srv/design', 'sudo chgrp design /srv/design', 'sudo chmod 775 /srv/design'],
        ['sudo mkdir /srv/design', 'sudo chmod 2775 /srv/design'],
        ['sudo mkdir /srv/design', 'sudo chgrp design /srv/design', 'sudo chmod 2777 /srv/design'],
        ['mkdir /srv/design'],
      ],
    },
    {
      setup: [
        'sudo groupadd design',
        PW,
        'sudo useradd -m tom',
        'sudo usermod -aG design tom',
        'sudo mkdir /srv/design',
        'sudo chgrp design /srv/design',
        'sudo chmod 2775 /srv/design',
      ],
      accept: [
        ['sudo -u tom touch /srv/design/brief.txt'],
        ["sudo -u tom bash -c 'echo brief > /srv/design/brief.txt'"],
        ['echo draft | sudo -u tom tee /srv/design/brief.txt'],
      ],
      refuse: [
        ['sudo touch /srv/design/brief.txt'],
        ['touch /srv/design/brief.txt'],
        ['sudo -u tom touch /tmp/brief.txt'],
        ['sudo chmod g-s /srv/design', 'sudo -u tom touch /srv/design/brief.txt'],
      ],
    },
  ],
};
