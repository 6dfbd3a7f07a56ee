import type { LabCorpus } from './corpus.js';

/** The learner's password: the line after the first sudo of a case answers its prompt. */
const PW = 'learner';
/** A status file entry typed by hand: dpkg's database is not this file here, as apt's is not on Debian. */
/** The vendor's package file the .deb lab starts with. */
const DEB = '~/downloads/skyline-agent_2.3.1_amd64.deb';
const FAKE_STATUS =
  'printf "Package: jq\\nStatus: install ok installed\\nVersion: 1.6-2.1\\n\\n" | sudo tee -a /var/lib/dpkg/status';

export const packages: Record<string, LabCorpus> = {
  'pkg-what-is-installed': [
    {
      accept: [['dpkg -l'], ['dpkg -l | grep jq'], ['dpkg-query -l'], ['dpkg --list']],
      refuse: [['echo dpkg -l'], ['apt list --installed'], ['cat /var/lib/dpkg/status']],
    },
    {
      accept: [
        ['dpkg -S /usr/bin/jq > ~/owner.txt'],
        ['cd ~', 'dpkg -S /usr/bin/jq > owner.txt'],
        ['dpkg -S $(which jq) > ~/owner.txt'],
        ['dpkg --search /usr/bin/jq > ~/owner.txt'],
      ],
      refuse: [
        ['echo "jq: /usr/bin/jq" > ~/owner.txt'],
        ['dpkg -S /usr/bin/jq'],
        ['dpkg -S /usr/bin/tree > ~/owner.txt'],
        ['dpkg -L jq > ~/owner.txt'],
      ],
    },
    {
      accept: [
        ['dpkg -L libjq1 > ~/libjq1-files.txt'],
        ['cd ~', 'dpkg --listfiles libjq1 > libjq1-files.txt'],
        ['dpkg -L libjq1 | tee ~/libjq1-files.txt'],
      ],
      refuse: [
        ['echo /usr/lib/x86_64-linux-gnu/libjq.so.1 > ~/libjq1-files.txt'],
        ['dpkg -L jq > ~/libjq1-files.txt'],
        ['dpkg -L libjq1'],
      ],
    },
  ],
  'pkg-search-repository': [
    {
      accept: [
        ['apt search "disk usage" > ~/search.txt'],
        ['apt search ncurses disk > ~/search.txt'],
        ['apt-cache search "disk usage" > ~/search.txt'],
        ['apt search ncdu > ~/search.txt'],
      ],
      refuse: [
        ['echo ncdu/stable > ~/search.txt'],
        ['apt search "disk usage"'],
        ['apt search json > ~/search.txt'],
        ['apt show ncdu > ~/search.txt'],
      ],
    },
    {
      accept: [
        ['apt show ncdu > ~/ncdu.txt'],
        ['apt-cache show ncdu > ~/ncdu.txt'],
        ['cd ~', 'apt show ncdu > ncdu.txt'],
      ],
      refuse: [['echo "Depends: libncursesw6" > ~/ncdu.txt'], ['apt show htop > ~/ncdu.txt'], ['apt show ncdu']],
    },
  ],
  'pkg-install-tool': [
    {
      accept: [
        ['sudo apt update', PW],
        ['sudo apt-get update', PW],
        ['sudo -i', PW, 'apt update'],
        ['echo learner | sudo -S apt update'],
      ],
      refuse: [
        ['apt update'],
        ['echo sudo apt update'],
        ['EUID=0 apt update'],
        ['export EUID=0', 'apt update'],
        ['sudo apt list', PW],
      ],
    },
    {
      setup: ['sudo apt update', PW],
      accept: [
        ['sudo apt install jq', 'y'],
        ['sudo apt install jq', ''],
        ['sudo apt install -y jq'],
        ['sudo apt-get install --yes jq'],
        ['sudo -i', 'apt install -y jq', 'exit'],
      ],
      refuse: [
        ['sudo apt install jq', 'n'],
        ['apt install -y jq'],
        ['EUID=0 apt install -y jq'],
        ['printf "#!/bin/bash\\necho jq\\n" | sudo tee /usr/bin/jq', 'sudo chmod +x /usr/bin/jq'],
        [FAKE_STATUS],
        ['sudo apt install -y libonig5'],
        ['sudo apt install -y htop'],
      ],
    },
    {
      setup: ['sudo apt update', PW, 'sudo apt install -y jq'],
      accept: [['which jq > ~/where.txt'], ['cd ~', 'which jq > where.txt'], ['which jq | tee ~/where.txt']],
      refuse: [
        ['echo /usr/bin/jq > ~/where.txt'],
        ['which jq'],
        ['which htop > ~/where.txt'],
        ['ls /usr/bin/jq > ~/where.txt'],
      ],
    },
  ],
  'pkg-clean-up': [
    {
      accept: [
        ['sudo apt remove sl cowsay', PW, 'y'],
        ['sudo apt remove -y sl', PW, 'sudo apt remove -y cowsay'],
        ['sudo apt purge -y sl cowsay', PW],
        ['sudo apt-get remove --yes cowsay sl', PW],
      ],
      refuse: [
        ['sudo rm /usr/bin/sl /usr/bin/cowsay', PW],
        ['apt remove -y sl cowsay'],
        ['EUID=0 apt remove -y sl cowsay'],
        ['sudo apt remove sl cowsay', PW, 'n'],
        ['sudo apt remove -y sl', PW],
      ],
    },
    {
      setup: ['sudo apt remove -y sl cowsay', PW],
      accept: [
        ['sudo apt autoremove', 'y'],
        ['sudo apt autoremove -y'],
        ['sudo apt-get autoremove --yes'],
        ['sudo apt autoremove --purge -y'],
      ],
      refuse: [
        ['sudo apt autoremove', 'n'],
        ['apt autoremove -y'],
        ['sudo apt remove -y libtext-charwidth-perl'],
        ['sudo rm -r /usr/lib/x86_64-linux-gnu/perl5'],
      ],
    },
    {
      accept: [
        ['sudo apt purge nginx nginx-common', PW, 'y'],
        ['sudo apt remove -y nginx nginx-common', PW, 'sudo apt purge -y nginx-common'],
        ['sudo apt purge -y nginx', PW, 'sudo apt autoremove --purge -y'],
        ['sudo apt-get purge -y nginx nginx-common', PW],
      ],
      refuse: [
        ['sudo apt remove -y nginx nginx-common', PW],
        ['sudo rm -r /etc/nginx', PW, 'sudo apt remove -y nginx nginx-common'],
        ['sudo apt purge -y nginx', PW],
        ['apt purge -y nginx nginx-common'],
        ['sudo apt purge nginx nginx-common', PW, 'n'],
      ],
    },
  ],
  'pkg-vendor-deb': [
    {
      accept: [
        [`dpkg -I ${DEB}`],
        [`dpkg --info ${DEB}`],
        ['cd ~/downloads', 'dpkg -I skyline-agent_2.3.1_amd64.deb | grep Depends'],
      ],
      refuse: [[`echo dpkg -I ${DEB}`], [`cat ${DEB}`], [`dpkg -c ${DEB}`], ['dpkg -I ~/downloads']],
    },
    {
      accept: [
        [`sudo dpkg -i ${DEB}`, PW],
        ['cd ~/downloads', 'sudo dpkg --install ./skyline-agent_2.3.1_amd64.deb', PW],
      ],
      refuse: [
        [`dpkg -i ${DEB}`],
        [`echo sudo dpkg -i ${DEB}`],
        [`sudo apt install -y ${DEB}`, PW],
        [`sudo cp ${DEB} /usr/bin/skyline-agent`, PW],
      ],
    },
    {
      setup: [`sudo dpkg -i ${DEB}`, PW],
      accept: [
        ['sudo apt -f install', 'y'],
        ['sudo apt --fix-broken install', ''],
        ['sudo apt-get -f install -y'],
        ['sudo apt install jq', 'y'],
        [`sudo apt install -y ${DEB}`],
      ],
      refuse: [
        ['sudo apt -f install', 'n'],
        ['sudo apt install -y tree'],
        [`sudo dpkg -i ${DEB}`],
        ['printf "#!/bin/bash\\necho skyline-agent 2.3.1\\n" | sudo tee /usr/local/bin/skyline-agent'],
      ],
    },
    {
      setup: [`sudo dpkg -i ${DEB}`, PW, 'sudo apt -f install -y'],
      accept: [
        ['skyline-agent --version > ~/agent-version.txt'],
        ['skyline-agent --version | tee ~/agent-version.txt'],
        ['cd ~', 'skyline-agent --version >agent-version.txt'],
      ],
      refuse: [
        ['echo "skyline-agent 2.3.1" > ~/agent-version.txt'],
        ['skyline-agent > ~/agent-version.txt'],
        ['dpkg -s skyline-agent | grep Version > ~/agent-version.txt'],
      ],
    },
  ],
  'pkg-new-server': [
    {
      accept: [
        ['sudo apt update', PW, 'sudo apt install -y jq tree htop'],
        ['sudo apt-get update', PW, 'sudo apt-get install jq tree htop', 'y'],
        ['sudo -i', PW, 'apt update', 'apt install -y jq', 'apt install -y tree htop', 'exit'],
      ],
      refuse: [
        ['sudo apt install -y jq tree htop', PW],
        ['sudo apt update', PW, 'sudo apt install -y jq tree'],
        ['EUID=0 apt update', 'EUID=0 apt install -y jq tree htop'],
        ['sudo apt update', PW, 'sudo apt install jq tree htop', 'n'],
      ],
    },
    {
      accept: [
        ['sudo apt purge -y sl', PW],
        ['sudo apt remove -y sl', PW],
        ['sudo apt-get purge sl', PW, 'y'],
      ],
      refuse: [
        ['sudo rm /usr/bin/sl', PW],
        ['apt purge -y sl'],
        ['EUID=0 apt purge -y sl'],
        ['sudo apt purge sl', PW, 'n'],
      ],
    },
    {
      setup: ['sudo apt update', PW, 'sudo apt install -y jq tree htop', 'sudo apt purge -y sl'],
      accept: [
        ["dpkg -l | awk '/^ii/ {print $2}' > ~/inventory.txt"],
        ["dpkg -l | grep '^ii' | awk '{print $2}' > ~/inventory.txt"],
        ['dpkg-query -l | awk \'$1 == "ii" { print $2 }\' > ~/inventory.txt'],
        ['cd ~', "dpkg --list | awk '/^ii/ {print $2}' | tee inventory.txt"],
      ],
      refuse: [
        ["printf 'jq\\ntree\\nhtop\\nlibjq1\\n' > ~/inventory.txt"],
        ['dpkg -l > ~/inventory.txt'],
        ["dpkg -l | awk '{print $2}' > ~/inventory.txt"],
        ["dpkg -l | awk '/^ii/ {print $2}'"],
        ["awk '/^Package:/ {print $2}' /var/lib/dpkg/status > ~/inventory.txt"],
      ],
    },
  ],
};
