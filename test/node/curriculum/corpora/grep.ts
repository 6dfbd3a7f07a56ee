import type { LabCorpus } from './corpus.js';

const SED = "sed -i '5s/.*/  apiKey: process.env.PAYFAST_API_KEY,/' ~/repo/config/settings.js";

export const grep: Record<string, LabCorpus> = {
  'grep-broken-build': [
    {
      accept: [
        ['grep ERROR ~/ci/build.log'],
        ['cd ~/ci', 'grep ERROR build.log'],
        ['grep -e ERROR ~/ci/build.log'],
        ['grep -n "ERROR" ~/ci/build.log'],
      ],
      refuse: [
        ['echo grep ERROR ~/ci/build.log'],
        ['grep -i error ~/ci/build.log'],
        ['grep ERROR ~/ci/build'],
        ['cat ~/ci/build.log'],
        ['# grep ERROR ~/ci/build.log'],
      ],
    },
    {
      accept: [
        ['grep -i timeout ~/ci/build.log'],
        ['grep --ignore-case TIMEOUT ~/ci/build.log'],
        ["grep -E 'Timeout|TIMEOUT' ~/ci/build.log"],
        ['cd ~/ci', 'grep -i timeout build.log'],
      ],
      refuse: [
        ['grep ERROR ~/ci/build.log'],
        ['grep Timeout ~/ci/build.log'],
        ["echo 'Timeout after 30000 ms / TIMEOUT: payment sandbox'"],
        ['grep -i timeout ~/ci/build.log', "echo 'Timeout after 30000 ms / TIMEOUT: payment sandbox'"],
        ['grep -i out ~/ci/build.log'],
      ],
    },
  ],
  'grep-ssh-config': [
    {
      accept: [
        ['grep -n PermitRootLogin ~/server/sshd_config'],
        ['grep --line-number PermitRootLogin ~/server/sshd_config'],
        ['grep -in PermitRootLogin ~/server/sshd_config'],
        ['grep PermitRootLogin -n ~/server/sshd_config'],
        ['cd ~/server', 'grep -n PermitRootLogin sshd_config'],
      ],
      refuse: [
        ['echo grep -n PermitRootLogin'],
        ['grep PermitRootLogin ~/server/sshd_config'],
        ['grep -n PermitRootLogin ~/server/sshd'],
        ['cat -n ~/server/sshd_config'],
      ],
    },
    {
      accept: [
        ["grep -v '^#' ~/server/sshd_config | grep -v '^$' > ~/server/active.conf"],
        ["grep -Ev '^(#|$)' ~/server/sshd_config > ~/server/active.conf"],
        ["sed '/^#/d; /^$/d' ~/server/sshd_config > ~/server/active.conf"],
        ['cd ~/server', "grep -v -e '^#' -e '^$' sshd_config > active.conf"],
        ["grep '^[^#]' ~/server/sshd_config > ~/server/active.conf"],
      ],
      refuse: [
        ["grep -v '^#' ~/server/sshd_config > ~/server/active.conf"],
        ["grep -v '^$' ~/server/sshd_config > ~/server/active.conf"],
        ["grep -v '^#' ~/server/sshd_config | grep -v '^$'"],
        [
          "grep -v '^#' ~/server/sshd_config | grep -v '^$' > ~/server/active.conf",
          "sed -i '/^#/d; /^$/d' ~/server/sshd_config",
        ],
        [
          "printf 'Port 2222\\nListenAddress 0.0.0.0\\nPermitRootLogin no\\nMaxAuthTries 3\\nPubkeyAuthentication yes\\nPasswordAuthentication no\\nX11Forwarding no\\nPrintMotd no\\nAcceptEnv LANG LC_*\\nSubsystem sftp /usr/lib/openssh/sftp-server\\n' > ~/server/active.conf",
        ],
      ],
    },
    {
      setup: ["grep -v '^#' ~/server/sshd_config | grep -v '^$' > ~/server/active.conf"],
      accept: [
        ["grep -vc '^#' ~/server/active.conf"],
        ["grep -v -c '^#' ~/server/active.conf"],
        ['cd ~/server', "grep --count -v '^#' active.conf"],
        ['grep -c . ~/server/active.conf'],
      ],
      refuse: [
        ['echo 10'],
        ["grep -c '^#' ~/server/active.conf"],
        ["grep -vc '^#' ~/server/sshd_config"],
        ["grep -vc '^#' ~/server/active.conf", 'echo 10'],
      ],
    },
  ],
  'grep-leaked-key': [
    {
      accept: [
        ['grep -rn pf_live_ ~/repo'],
        ['grep -nr pf_live_ ~/repo'],
        ['grep -R --line-number pf_live_ ~/repo'],
        ['cd ~/repo', 'grep -rn pf_live_ .'],
        ['grep -r -n pf_live_ ~/repo/'],
      ],
      refuse: [
        ['echo grep -rn pf_live_ ~/repo'],
        ['grep -n pf_live_ ~/repo/config/settings.js'],
        ['grep -r pf_live_ ~/repo'],
        ['grep -rn pf_live_ ~/rep'],
        ['grep -rn pf_test_ ~/repo'],
      ],
    },
    {
      accept: [
        [SED],
        ["sed -i 's/.*pf_live_.*/  apiKey: process.env.PAYFAST_API_KEY,/' ~/repo/config/settings.js"],
        [
          'cd ~/repo/config',
          'sed -i "s|apiKey: \'pf_live_51HxQz8Lr2vKm0aTq\'|apiKey: process.env.PAYFAST_API_KEY|" settings.js',
        ],
      ],
      refuse: [
        ["sed -i '/pf_live_/d' ~/repo/config/settings.js"],
        ["echo '  apiKey: process.env.PAYFAST_API_KEY,' > ~/repo/config/settings.js"],
        ["sed -i '4s/.*/  apiKey: process.env.PAYFAST_API_KEY,/' ~/repo/config/settings.js"],
        ['rm ~/repo/config/settings.js'],
        [SED, 'rm ~/repo/README.md'],
      ],
    },
    {
      setup: [SED],
      accept: [['grep -r pf_live_ ~/repo'], ['grep -rn pf_live_ ~/repo'], ['cd ~/repo', 'grep -R pf_live_ .']],
      refuse: [
        ['false'],
        ['(exit 1)'],
        ['grep -r pf_live_ ~/nope'],
        ['grep pf_live_ ~/repo/README.md'],
        ['grep -r pf_live_ ~/repo', 'grep -q x /etc/hostname'],
      ],
    },
  ],
};
