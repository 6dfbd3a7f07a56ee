import type { LabCorpus } from './corpus.js';

export const networking: Record<string, LabCorpus> = {
  'net-where-am-i': [
    {
      accept: [
        ['hostname -I > ~/my-address.txt'],
        ['cd ~', 'hostname -I > my-address.txt'],
        ['hostname -I | tee ~/my-address.txt'],
      ],
      refuse: [
        ['echo 10.0.0.5 > ~/my-address.txt'],
        ['hostname > ~/my-address.txt'],
        ['hostname -I'],
        ['ip addr > ~/my-address.txt'],
      ],
    },
    {
      accept: [
        ['ping -c 3 web01', 'ping -c 3 db01', 'echo db01 > ~/down.txt'],
        ['ping -c 1 10.0.0.12', "printf 'db01\\n' > ~/down.txt"],
        ['ping db01', 'echo db01 > ~/down.txt'],
      ],
      refuse: [
        ['echo db01 > ~/down.txt'],
        ['ping -c 3 web01', 'echo web01 > ~/down.txt'],
        ['echo ping db01', 'echo db01 > ~/down.txt'],
        ['ping -c 3 db01', 'echo web01 > ~/down.txt'],
      ],
    },
  ],
  'net-names-and-ports': [
    {
      accept: [
        ['dig +short shop.northwind.example > ~/shop-address.txt'],
        ['host shop.northwind.example > ~/shop-address.txt'],
        ['nslookup shop.northwind.example > ~/shop-address.txt'],
        ['dig shop.northwind.example > ~/shop-address.txt'],
      ],
      refuse: [
        ['echo 10.0.0.11 > ~/shop-address.txt'],
        ['dig +short web02 > ~/shop-address.txt'],
        ['dig +short shop.northwind.example'],
        ['ping -c 1 shop.northwind.example > ~/shop-address.txt'],
      ],
    },
    {
      accept: [
        ['nc -zv mail01 25', 'nc -zv mail01 80', 'echo 25 > ~/open-port.txt'],
        ['nc -z mail01 25', 'echo 25 > ~/open-port.txt'],
        ['nc -zv mail01 20-30', "printf '25\\n' > ~/open-port.txt"],
      ],
      refuse: [
        ['echo 25 > ~/open-port.txt'],
        ['nc -zv mail01 80', 'echo 80 > ~/open-port.txt'],
        ['nc -zv web01 25', 'echo 25 > ~/open-port.txt'],
        ['nc -zv mail01 25', 'echo 22 > ~/open-port.txt'],
      ],
    },
  ],
  'net-curl': [
    {
      accept: [
        ['curl -I http://web01/ > ~/headers.txt'],
        ['curl -I web01 > ~/headers.txt'],
        ['curl --head http://web01/ > ~/headers.txt'],
        ['cd ~', 'curl -sI web01 | tee headers.txt'],
      ],
      refuse: [
        ["printf 'HTTP/1.1 200 OK\\n' > ~/headers.txt"],
        ['curl http://web01/ > ~/headers.txt'],
        ['curl -I http://web01/nope > ~/headers.txt'],
        ['curl -I http://web01/'],
      ],
    },
    {
      accept: [
        ['curl -L -o ~/shop.html http://web01/old-shop'],
        ['curl -sL web01/old-shop > ~/shop.html'],
        ['cd ~', 'curl --location --output shop.html http://web01/old-shop'],
      ],
      refuse: [
        ['curl -o ~/shop.html http://web01/old-shop'],
        ['curl -o ~/shop.html http://web01/shop/'],
        ["printf '<h1>Northwind shop</h1>\\n<p>Spring sale: 20% off teas</p>\\n' > ~/shop.html"],
        ['curl -L -o ~/shop.html http://web01/'],
      ],
    },
  ],
  'net-ssh-keys': [
    {
      accept: [
        ['ssh web01', 'yes', 'tulip', 'touch ~/hello.txt', 'exit'],
        ['ssh web01', 'yes', 'tulip', 'echo hi > hello.txt', 'logout'],
        ['ssh learner@web01', 'yes', 'wrong', 'tulip', 'date > hello.txt', 'exit'],
      ],
      refuse: [
        ['touch ~/hello.txt'],
        ['ssh web01', 'no'],
        ['ssh web01', 'yes', 'wrong', 'wrong', 'wrong', 'touch ~/hello.txt'],
        ['ssh web01', 'yes', 'tulip', 'touch /tmp/hello.txt', 'exit'],
      ],
    },
    {
      accept: [
        ['ssh-keygen -t ed25519', '', '', '', 'ssh-copy-id web01', 'yes', 'tulip'],
        [
          'ssh-keygen -t ed25519 -N "" -f ~/.ssh/id_ed25519',
          'ssh-copy-id -i ~/.ssh/id_ed25519.pub web01',
          'yes',
          'tulip',
        ],
      ],
      refuse: [
        ['ssh-keygen -t ed25519', '', '', ''],
        ['ssh-keygen -t ed25519 -N "" -f ~/.ssh/id_ed25519', 'ssh-copy-id web01', 'yes', 'wrong', 'wrong', 'wrong'],
        [
          'mkdir -p ~/.ssh',
          "echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFakeFakeFakeFakeFakeFakeFakeFakeFake learner@academy' > ~/.ssh/id_ed25519.pub",
          'ssh-copy-id web01',
          'yes',
          'tulip',
        ],
      ],
    },
    {
      // As after the steps before: web01 known, the key installed.
      setup: ['ssh-keygen -t ed25519 -N "" -f ~/.ssh/id_ed25519', 'ssh-copy-id web01', 'yes', 'tulip'],
      accept: [
        ['ssh web01 cat report.txt > ~/report.txt'],
        ['scp web01:report.txt ~/report.txt'],
        ['ssh web01 "cat ~/report.txt" > ~/report.txt'],
        ['ssh web01 cat report.txt | tee ~/report.txt'],
      ],
      refuse: [
        ['ssh web01 cat report.txt'],
        ["echo 'disk usage report web01' > ~/report.txt"],
        ['ssh web01 head -1 report.txt > ~/report.txt'],
        ['ssh db01 cat report.txt > ~/report.txt'],
      ],
      pending: [
        {
          lines: ['rm ~/.ssh/known_hosts', 'ssh web01 cat report.txt > ~/report.txt', 'yes'],
          accept: true,
          why: 'a question (host key, password) ends the line that asked it, so what the command prints after the answer reaches the terminal, not the redirection',
        },
      ],
    },
  ],
  'net-site-down': [
    {
      accept: [
        ['curl -I http://shop.northwind.example/', 'echo 403 > ~/diagnosis.txt'],
        ['curl -s -o /dev/null -w "%{http_code}" shop.northwind.example > ~/diagnosis.txt'],
        ['curl http://web01/', 'echo 403 > ~/diagnosis.txt'],
      ],
      refuse: [
        ['echo 403 > ~/diagnosis.txt'],
        ['curl -I http://shop.northwind.example/', 'echo 404 > ~/diagnosis.txt'],
        ['wget shop.northwind.example', 'echo 200 > ~/diagnosis.txt'],
      ],
    },
    {
      accept: [
        ['scp build01:release/index.html ~/', 'yes', 'cedar'],
        ['cd ~', 'scp build01:~/release/index.html .', 'yes', 'cedar'],
        [
          'scp -r build01:release ~/r',
          'yes',
          'cedar',
          'cp ~/r/index.html ~/index.html',
          'scp build01:release/index.html ~/index.html',
          'cedar',
        ],
      ],
      refuse: [
        ['scp build01:release/index.html ~/', 'no'],
        ['scp build01:release/NOTES ~/index.html', 'yes', 'cedar'],
        ["printf '<h1>Northwind shop</h1>\\n' > ~/index.html"],
        ['scp build01:release/index.html ~/', 'yes', 'tulip', 'tulip', 'tulip'],
      ],
    },
    {
      setup: ['scp build01:release/index.html ~/', 'yes', 'cedar'],
      accept: [
        [
          'scp ~/index.html web01:site/index.html',
          'yes',
          'tulip',
          'ssh web01 chmod 644 site/index.html',
          'tulip',
          'curl http://shop.northwind.example/',
        ],
        [
          'ssh web01',
          'yes',
          'tulip',
          'chmod o+r site/index.html',
          'exit',
          'scp index.html web01:site/',
          'tulip',
          'curl -s shop.northwind.example',
        ],
      ],
      refuse: [
        ['scp ~/index.html web01:site/index.html', 'yes', 'tulip', 'curl http://shop.northwind.example/'],
        ['ssh web01 chmod 644 site/index.html', 'yes', 'tulip', 'curl http://shop.northwind.example/'],
        ['cat ~/index.html'],
        ['scp ~/index.html web01:site/index.html', 'yes', 'tulip', 'ssh web01 chmod 644 site/index.html', 'tulip'],
      ],
    },
  ],
};
