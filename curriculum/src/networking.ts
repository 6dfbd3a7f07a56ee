import type { LabFile, NetworkDeclaration } from '@lta/labs';
import { defineModule } from './define.js';

/** The office LAN of the first labs: a web server that is up and a database server that is switched off. */
const OFFICE: NetworkDeclaration = {
  hosts: [
    {
      name: 'web01',
      address: '10.0.0.11',
      services: [
        { port: 22, kind: 'ssh' },
        { port: 80, kind: 'http', root: '/srv/www' },
      ],
      files: { '/srv/www/index.html': '<h1>Northwind intranet</h1>\n' },
    },
    { name: 'db01', address: '10.0.0.12', down: true },
  ],
};

const MAIL: NetworkDeclaration = {
  hosts: [
    {
      name: 'web01',
      address: '10.0.0.11',
      aliases: ['shop.northwind.example'],
      services: [
        { port: 22, kind: 'ssh' },
        { port: 80, kind: 'http', root: '/srv/www' },
      ],
    },
    {
      name: 'mail01',
      address: '10.0.0.25',
      services: [
        { port: 22, kind: 'ssh' },
        { port: 25, kind: 'tcp', program: 'master' },
      ],
    },
  ],
};

const SHOP_PAGE = '<h1>Northwind shop</h1>\n<p>Spring sale: 20% off teas</p>\n';
const SHOP: NetworkDeclaration = {
  hosts: [
    {
      name: 'web01',
      address: '10.0.0.11',
      services: [
        { port: 22, kind: 'ssh' },
        { port: 80, kind: 'http', root: '/srv/www', routes: { '/old-shop': { status: 301, location: '/shop/' } } },
      ],
      files: { '/srv/www/index.html': '<h1>Northwind</h1>\n', '/srv/www/shop/index.html': SHOP_PAGE },
    },
  ],
};

const REPORT = 'disk usage report web01\n/srv 41%\n/var 77% (token 7c1f-e3)\n';
const KEYS: NetworkDeclaration = {
  hosts: [{ name: 'web01', address: '10.0.0.11', password: 'tulip', files: { '~/report.txt': REPORT } }],
};

const RELEASE = '<h1>Northwind shop</h1>\n<p>Open again: release 2.4 (build 5812)</p>\n';
const SITE_DOWN: NetworkDeclaration = {
  hosts: [
    {
      name: 'web01',
      address: '10.0.0.11',
      aliases: ['shop.northwind.example'],
      password: 'tulip',
      services: [
        { port: 22, kind: 'ssh' },
        { port: 80, kind: 'http', root: '~/site' },
      ],
      files: { '~/site/index.html': { content: '<h1>Northwind shop</h1>\n<p>Maintenance</p>\n', mode: '600' } },
    },
    {
      name: 'build01',
      address: '10.0.0.31',
      password: 'cedar',
      files: {
        '~/release/index.html': RELEASE,
        '~/release/NOTES': 'release 2.4: the page for web01:~/site/index.html\n',
      },
    },
  ],
};
const SITE_DOWN_FILES: Record<string, LabFile> = {
  '~/ticket.txt':
    'TICKET 4411: customers get an error page on http://shop.northwind.example/\nweb01 password: tulip   build01 password: cedar\n',
};

/** Module: the network around the machine, and working on other machines with ssh and scp. */
export const networking = defineModule(
  'networking',
  'Networking and remote machines',
  'Find your address, test which machines and ports answer, ask DNS and web servers, and work on other machines with ssh, keys and scp.',
  [
    {
      id: 'net-where-am-i',
      title: 'Who is on the network?',
      xp: 30,
      difficulty: 'beginner',
      story:
        "You just joined Northwind's office network. The help desk wants your machine's address for their inventory, " +
        'and asks which of the two servers, `web01` and `db01`, is not answering this morning.',
      files: {},
      machine: { network: OFFICE },
      steps: [
        {
          title: 'Your address',
          instructions:
            '`hostname -I` prints the addresses of your machine (`ip addr` shows them with their network cards). Save its output in `~/my-address.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'hostname',
              options: ['-I'],
              into: '~/my-address.txt',
              message: 'hostname -I wrote ~/my-address.txt',
            },
            {
              kind: 'file-matches',
              path: '~/my-address.txt',
              pattern: String.raw`^10\.0\.0\.5\s*$`,
              message: 'The file holds your address, 10.0.0.5',
            },
          ],
          hints: ['Redirect the output of the command into the file with `>`.', '`hostname -I > ~/my-address.txt`'],
        },
        {
          title: 'The server that does not answer',
          instructions:
            'Ping each server a few times (`ping -c 3 NAME`) and write the name of the one that does not answer into `~/down.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'ping',
              oneOf: ['db01', '10.0.0.12'],
              status: 1,
              message: 'You pinged db01 and saw it fail',
            },
            {
              kind: 'file-matches',
              path: '~/down.txt',
              pattern: String.raw`^\s*db01\s*$`,
              message: '~/down.txt names db01',
            },
          ],
          hints: [
            'A host that answers prints `64 bytes from ...` lines; one that does not prints `Destination Host Unreachable` and `100% packet loss`.',
            '`ping -c 3 web01`, `ping -c 3 db01`, then `echo db01 > ~/down.txt`',
          ],
        },
      ],
      recap:
        '`hostname -I` and `ip addr` show your addresses; `ping -c N host` tells whether a machine answers, and "Destination Host Unreachable" with 100% packet loss means it does not.',
      solution: ['hostname -I > ~/my-address.txt', 'ping -c 3 web01', 'ping -c 3 db01', 'echo db01 > ~/down.txt'],
    },
    {
      id: 'net-names-and-ports',
      title: 'Names and ports',
      xp: 40,
      difficulty: 'beginner',
      story:
        'The shop lives at `shop.northwind.example`, and the mail server `mail01` should accept mail on port 25 (SMTP). ' +
        'Before you call the provider, check what DNS says and which port really answers.',
      files: {},
      machine: { network: MAIL },
      steps: [
        {
          title: 'Ask DNS',
          instructions:
            'Ask the DNS server for the address of `shop.northwind.example` (`dig +short NAME`, `host NAME` or `nslookup NAME`) and save the answer in `~/shop-address.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'dig|host|nslookup',
              oneOf: ['shop.northwind.example'],
              into: '~/shop-address.txt',
              message: 'A DNS tool wrote ~/shop-address.txt',
            },
            {
              kind: 'file-contains',
              path: '~/shop-address.txt',
              text: '10.0.0.11',
              message: 'The file holds the address DNS gives, 10.0.0.11',
            },
          ],
          hints: ['`dig +short` prints only the address.', '`dig +short shop.northwind.example > ~/shop-address.txt`'],
        },
        {
          title: 'Which port answers',
          instructions:
            'Check ports 25 and 80 of `mail01` with `nc -zv mail01 PORT` and write the number of the port that is open into `~/open-port.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'nc',
              options: ['-z'],
              operands: ['mail01'],
              message: 'You checked a port of mail01 with nc -z',
            },
            {
              kind: 'file-matches',
              path: '~/open-port.txt',
              pattern: String.raw`^\s*25\s*$`,
              message: '~/open-port.txt says 25',
            },
          ],
          hints: [
            '`succeeded!` means something listens on that port; `Connection refused` means nothing does.',
            '`nc -zv mail01 25`, `nc -zv mail01 80`, then `echo 25 > ~/open-port.txt`',
          ],
        },
      ],
      recap:
        '`dig`, `host` and `nslookup` ask the DNS server for a name\'s address; `nc -zv host port` tells whether a port is open ("succeeded") or closed ("Connection refused").',
      solution: [
        'dig +short shop.northwind.example > ~/shop-address.txt',
        'nc -zv mail01 25',
        'nc -zv mail01 80',
        'echo 25 > ~/open-port.txt',
      ],
    },
    {
      id: 'net-curl',
      title: 'Talking HTTP with curl',
      xp: 50,
      difficulty: 'intermediate',
      story:
        'Marketing moved the shop from `/old-shop` to `/shop/` on `web01`, and wants proof that the server answers and that the old address still leads customers to the shop.',
      files: {},
      machine: { network: SHOP },
      steps: [
        {
          title: 'The headers',
          instructions: 'Save the response headers of `http://web01/` in `~/headers.txt` with `curl -I`.',
          checks: [
            {
              kind: 'ran',
              command: 'curl',
              options: ['-I'],
              into: '~/headers.txt',
              message: 'curl -I wrote ~/headers.txt',
            },
            {
              kind: 'file-contains',
              path: '~/headers.txt',
              text: 'HTTP/1.1 200 OK',
              message: 'The headers show 200 OK',
            },
          ],
          hints: ['`-I` asks for the headers only (a HEAD request).', '`curl -I http://web01/ > ~/headers.txt`'],
        },
        {
          title: 'Follow the redirect',
          instructions:
            '`http://web01/old-shop` answers `301 Moved Permanently`. Make curl follow it (`-L`) and save the page it ends on in `~/shop.html` (`-o FILE`).',
          checks: [
            {
              kind: 'ran',
              command: 'curl',
              options: ['-L'],
              oneOf: ['web01/old-shop', 'http://web01/old-shop'],
              message: 'curl -L fetched /old-shop',
            },
            { kind: 'file-equals', path: '~/shop.html', content: SHOP_PAGE, message: '~/shop.html is the shop page' },
          ],
          hints: [
            'Without `-L`, curl shows the redirect itself; with it, curl asks again at the `Location` the server gave.',
            '`curl -L -o ~/shop.html http://web01/old-shop`',
          ],
        },
      ],
      recap:
        '`curl URL` prints a page, `-I` its headers, `-L` follows redirects, `-o FILE` saves it; `-s -o /dev/null -w "%{http_code}"` prints just the status code.',
      solution: ['curl -I http://web01/ > ~/headers.txt', 'curl -L -o ~/shop.html http://web01/old-shop'],
    },
    {
      id: 'net-ssh-keys',
      title: 'Log in with a key',
      xp: 60,
      difficulty: 'intermediate',
      story:
        'You look after `web01` now (your password there is `tulip`). Log in once, then set up a key so that scripts can fetch its report without a password.',
      files: {},
      machine: { network: KEYS },
      steps: [
        {
          title: 'First login',
          instructions:
            'Connect with `ssh web01`: answer `yes` to the host key question, type the password, then create `~/hello.txt` on web01 and leave with `exit`.',
          checks: [
            { kind: 'host-file-exists', host: 'web01', path: '~/hello.txt', message: 'web01 has ~/hello.txt' },
            {
              kind: 'file-matches',
              path: '~/.ssh/known_hosts',
              pattern: '^web01 ssh-ed25519 ',
              message: 'Your ~/.ssh/known_hosts knows web01',
            },
            {
              kind: 'absent',
              path: '~/hello.txt',
              message: 'Your own machine has no ~/hello.txt (it belongs on web01)',
            },
          ],
          hints: [
            'The prompt shows `learner@web01` while you are on web01; `exit` brings you back.',
            '`ssh web01`, `yes`, `tulip`, `touch ~/hello.txt`, `exit`',
          ],
        },
        {
          title: 'A key instead of a password',
          instructions:
            'Make a key pair with `ssh-keygen -t ed25519` (Enter accepts the defaults, an empty passphrase is fine here) and install its public half on web01 with `ssh-copy-id web01`.',
          checks: [
            {
              kind: 'exists',
              path: '~/.ssh/id_ed25519.pub',
              type: 'file',
              message: 'You have a public key in ~/.ssh/id_ed25519.pub',
            },
            { kind: 'ssh-key-installed', host: 'web01', message: "web01's ~/.ssh/authorized_keys holds your key" },
          ],
          hints: [
            '`ssh-keygen` asks where to save the key and for a passphrase; `ssh-copy-id` asks for the password one last time.',
            '`ssh-keygen -t ed25519`, Enter three times, then `ssh-copy-id web01` and `tulip`',
          ],
        },
        {
          title: 'One command, no password',
          instructions:
            'Run `cat report.txt` on web01 with `ssh web01 COMMAND` and save what it prints in `~/report.txt` on your machine.',
          checks: [
            { kind: 'file-equals', path: '~/report.txt', content: REPORT, message: "~/report.txt is web01's report" },
            {
              kind: 'ran',
              command: 'ssh|scp',
              oneOf: ['web01', 'web01:report.txt', 'web01:~/report.txt'],
              message: 'You fetched it over ssh',
            },
          ],
          hints: [
            '`ssh HOST COMMAND` runs one command there and prints its output here, where `>` can catch it.',
            '`ssh web01 cat report.txt > ~/report.txt`',
          ],
        },
      ],
      recap:
        '`ssh host` opens a session (`exit` leaves it) and records the host in `~/.ssh/known_hosts`; `ssh-keygen` makes a key pair, `ssh-copy-id host` installs it; `ssh host COMMAND` runs one command.',
      solution: [
        'ssh web01',
        'yes',
        'tulip',
        'touch ~/hello.txt',
        'exit',
        'ssh-keygen -t ed25519 -N "" -f ~/.ssh/id_ed25519',
        'ssh-copy-id web01',
        'tulip',
        'ssh web01 cat report.txt > ~/report.txt',
      ],
    },
    {
      id: 'net-site-down',
      title: 'Capstone: the shop is down',
      xp: 100,
      difficulty: 'advanced',
      story:
        'Ticket 4411 (in `~/ticket.txt`): customers get an error page at `http://shop.northwind.example/`. The fixed page ' +
        'waits on the build server `build01` in `~/release/`. Find what the shop answers, bring the release to `web01`, ' +
        'make it readable for the web server, and prove the shop works again.',
      files: SITE_DOWN_FILES,
      machine: { network: SITE_DOWN },
      steps: [
        {
          title: 'Diagnose',
          instructions:
            'Ask the shop for its headers with curl and write the status code it answers into `~/diagnosis.txt`.',
          checks: [
            {
              kind: 'ran',
              command: 'curl',
              oneOf: [
                'shop.northwind.example',
                'http://shop.northwind.example/',
                'http://shop.northwind.example',
                'web01',
                'http://web01/',
              ],
              message: 'You asked the shop with curl',
            },
            {
              kind: 'file-matches',
              path: '~/diagnosis.txt',
              pattern: String.raw`^\s*403\s*$`,
              message: '~/diagnosis.txt says 403',
            },
          ],
          hints: [
            '`curl -I URL` shows the status line: `HTTP/1.1 CODE REASON`.',
            '`curl -I http://shop.northwind.example/`, then `echo 403 > ~/diagnosis.txt`',
          ],
        },
        {
          title: 'Fetch the release',
          instructions: 'Copy `~/release/index.html` from `build01` to your home with `scp`.',
          checks: [
            {
              kind: 'file-equals',
              path: '~/index.html',
              content: RELEASE,
              message: '~/index.html is the release page',
            },
            { kind: 'ran', command: 'scp', message: 'You copied it with scp' },
          ],
          hints: [
            'A remote path is `HOST:PATH`, relative to your home there.',
            '`scp build01:release/index.html ~/`, then `yes` and `cedar`',
          ],
        },
        {
          title: 'Deploy and open up',
          instructions:
            'Copy the page over `~/site/index.html` on web01, and give it the mode the web server needs (it runs as another user, so others must be able to read it).',
          checks: [
            {
              kind: 'host-file-contains',
              host: 'web01',
              path: '~/site/index.html',
              text: 'release 2.4',
              message: "web01's page is the release",
            },
            { kind: 'ran', command: 'curl', prints: RELEASE, message: 'curl shows the shop page again' },
          ],
          hints: [
            'scp keeps the mode of a file it overwrites: the page stays `600`, and nginx answers 403.',
            'Run chmod there: `ssh web01 chmod 644 site/index.html`, then check with curl.',
            '`scp ~/index.html web01:site/index.html`, `yes`, `tulip`, `ssh web01 chmod 644 site/index.html`, `tulip`, `curl http://shop.northwind.example/`',
          ],
        },
      ],
      recap:
        'Diagnose with `curl -I`, move files between machines with `scp HOST:PATH LOCAL` and `scp LOCAL HOST:PATH`, and fix things remotely with `ssh HOST COMMAND`; a 403 from nginx often means a file others cannot read.',
      solution: [
        'cat ~/ticket.txt',
        'curl -I http://shop.northwind.example/',
        'echo 403 > ~/diagnosis.txt',
        'scp build01:release/index.html ~/',
        'yes',
        'cedar',
        'scp ~/index.html web01:site/index.html',
        'yes',
        'tulip',
        'ssh web01 chmod 644 site/index.html',
        'tulip',
        'curl http://shop.northwind.example/',
      ],
    },
  ],
);
