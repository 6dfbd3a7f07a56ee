/**
 * The simulated Debian repository (bookworm, amd64): every package a lab may install, as data. Versions, sizes,
 * dependencies and descriptions are Debian 12's; `files` are the paths `dpkg -L` lists and the install writes
 * (text contents kept short), `commands` the programs it puts on PATH. Base packages are installed on every machine.
 */
export interface CatalogPackage {
  name: string;
  version: string;
  architecture: 'amd64' | 'all';
  section: string;
  priority: 'required' | 'important' | 'optional';
  /** Installed-Size in KiB, as dpkg reports it. */
  installedSize: number;
  /** Download size in bytes. */
  downloadSize: number;
  depends: readonly string[];
  summary: string;
  description: string;
  homepage?: string;
  /** Installed on every machine (the base system); cannot be removed. */
  base?: boolean;
  /** Files it installs: path to content (programs get a one-line stub, as just-bash's commands do). */
  files: Readonly<Record<string, string>>;
  /** Symbolic links it installs: path to target. */
  links?: Readonly<Record<string, string>>;
  /** Configuration files (among `files`): kept by `apt remove`, deleted by `apt purge`. */
  conffiles?: readonly string[];
  /** The systemd service it brings (its unit file is among `files`). */
  service?: string;
  /**
   * Not in Debian's repository: a vendor's package, the `Maintainer:` named here, that only its `.deb` file
   * (`debFile`) installs (`dpkg -i FILE`, `apt install ./FILE`); apt neither finds nor downloads it.
   */
  vendor?: string;
}

const MAINTAINER = 'Debian QA Group <packages@qa.debian.org>';
/** Who `apt show` names as maintainer, for every package (the real ones vary; nothing checks them). */
export const CATALOG_MAINTAINER = MAINTAINER;

const program = (path: string) => ({
  [path]: `#!/bin/bash\n# ${path.slice(path.lastIndexOf('/') + 1)}: built into the academy's shell\n`,
});
const doc = (name: string) => ({
  [`/usr/share/doc/${name}/copyright`]: `Files: *\nLicense: see /usr/share/common-licenses\n`,
});

const NGINX_CONF = `user www-data;
worker_processes auto;
pid /run/nginx.pid;

events {
	worker_connections 768;
}

http {
	sendfile on;
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log /var/log/nginx/access.log;
	error_log /var/log/nginx/error.log;
	include /etc/nginx/sites-enabled/*;
}
`;

const NGINX_SITE = `server {
	listen 80 default_server;
	root /var/www/html;
	index index.html index.nginx-debian.html;
	server_name _;

	location / {
		try_files $uri $uri/ =404;
	}
}
`;

const NGINX_UNIT = `[Unit]
Description=A high performance web server and a reverse proxy server
After=network.target

[Service]
Type=forking
PIDFile=/run/nginx.pid
ExecStartPre=/usr/sbin/nginx -t -q -g 'daemon on; master_process on;'
ExecStart=/usr/sbin/nginx -g 'daemon on; master_process on;'
ExecReload=/usr/sbin/nginx -g 'daemon on; master_process on;' -s reload
ExecStop=/sbin/start-stop-daemon --quiet --stop --retry QUIT/5 --pidfile /run/nginx.pid

[Install]
WantedBy=multi-user.target
`;

/** Every package of the repository, by name. */
export const PACKAGE_CATALOG: readonly CatalogPackage[] = [
  {
    name: 'bash',
    version: '5.2.15-2+b2',
    architecture: 'amd64',
    section: 'shells',
    priority: 'required',
    installedSize: 7164,
    downloadSize: 1491600,
    depends: [],
    summary: 'GNU Bourne Again SHell',
    base: true,
    description:
      'Bash is an sh-compatible command language interpreter that executes commands read from the standard input or from a file.',
    files: { '/bin/bash': '' },
  },
  {
    name: 'coreutils',
    version: '9.1-1',
    architecture: 'amd64',
    section: 'utils',
    priority: 'required',
    installedSize: 18062,
    downloadSize: 2878500,
    depends: [],
    summary: 'GNU core utilities',
    base: true,
    description:
      'This package contains the basic file, shell and text manipulation utilities which are expected to exist on every operating system.',
    files: { '/usr/bin/ls': '', '/usr/bin/cat': '', '/usr/bin/cp': '', '/usr/bin/mv': '' },
  },
  {
    name: 'grep',
    version: '3.8-5',
    architecture: 'amd64',
    section: 'utils',
    priority: 'required',
    installedSize: 1628,
    downloadSize: 294000,
    depends: [],
    summary: 'GNU grep, egrep and fgrep',
    base: true,
    description: "'grep' is a utility to search for text in files; it can be used from the command line or in scripts.",
    files: { '/usr/bin/grep': '' },
  },
  {
    name: 'apt',
    version: '2.6.1',
    architecture: 'amd64',
    section: 'admin',
    priority: 'required',
    installedSize: 4164,
    downloadSize: 1399800,
    depends: [],
    summary: 'commandline package manager',
    base: true,
    description:
      'This package provides commandline tools for searching and managing as well as querying information about packages as a low-level access to all features of the libapt-pkg library.',
    files: { '/usr/bin/apt': '', '/usr/bin/apt-get': '' },
  },
  {
    name: 'dpkg',
    version: '1.21.22',
    architecture: 'amd64',
    section: 'admin',
    priority: 'required',
    installedSize: 6465,
    downloadSize: 1543400,
    depends: [],
    summary: 'Debian package management system',
    base: true,
    description:
      'This package provides the low-level infrastructure for handling the installation and removal of Debian software packages.',
    files: { '/usr/bin/dpkg': '', '/var/lib/dpkg/status': '' },
  },
  {
    name: 'systemd',
    version: '252.19-1~deb12u1',
    architecture: 'amd64',
    section: 'admin',
    priority: 'important',
    installedSize: 11548,
    downloadSize: 3037700,
    depends: [],
    summary: 'system and service manager',
    base: true,
    description:
      'systemd is a system and service manager for Linux. It provides aggressive parallelization capabilities and keeps track of processes using Linux control groups.',
    files: { '/usr/bin/systemctl': '', '/usr/bin/journalctl': '' },
  },
  {
    name: 'cron',
    version: '3.0pl1-162',
    architecture: 'amd64',
    section: 'admin',
    priority: 'important',
    installedSize: 284,
    downloadSize: 117000,
    depends: [],
    summary: 'process scheduling daemon',
    base: true,
    description:
      'The cron daemon is a background process that runs particular programs at particular times (for example, every minute, day, week, or month), as specified in a crontab.',
    files: { '/usr/bin/crontab': '', '/usr/sbin/cron': '' },
  },
  {
    name: 'libncursesw6',
    version: '6.4-4',
    architecture: 'amd64',
    section: 'libs',
    priority: 'optional',
    installedSize: 412,
    downloadSize: 134400,
    depends: [],
    summary: 'shared libraries for terminal handling (wide character support)',
    base: true,
    description:
      'The ncurses library routines are a terminal-independent method of updating character screens with reasonable optimization.',
    files: { '/usr/lib/x86_64-linux-gnu/libncursesw.so.6': '' },
  },
  {
    name: 'tree',
    version: '2.1.0-1',
    architecture: 'amd64',
    section: 'utils',
    priority: 'optional',
    installedSize: 115,
    downloadSize: 55200,
    depends: [],
    summary: 'displays an indented directory tree, in color',
    homepage: 'https://oldmanprogrammer.net/source.php?dir=projects/tree',
    description:
      'Tree is a recursive directory listing command that produces a depth indented listing of files, which is colorized ala dircolors if the LS_COLORS environment variable is set and output is to tty.',
    files: { ...program('/usr/bin/tree'), ...doc('tree') },
  },
  {
    name: 'libonig5',
    version: '6.9.8-1',
    architecture: 'amd64',
    section: 'libs',
    priority: 'optional',
    installedSize: 661,
    downloadSize: 188600,
    depends: [],
    summary: 'regular expressions library',
    description: 'Oniguruma is a regular expressions library; jq uses it for its regular expressions.',
    files: { '/usr/lib/x86_64-linux-gnu/libonig.so.5': '', ...doc('libonig5') },
  },
  {
    name: 'libjq1',
    version: '1.6-2.1',
    architecture: 'amd64',
    section: 'libs',
    priority: 'optional',
    installedSize: 375,
    downloadSize: 135900,
    depends: ['libonig5'],
    summary: 'lightweight and flexible command-line JSON processor - shared library',
    description: 'jq is like sed for JSON data; this package contains the shared library it is built on.',
    files: { '/usr/lib/x86_64-linux-gnu/libjq.so.1': '', ...doc('libjq1') },
  },
  {
    name: 'jq',
    version: '1.6-2.1',
    architecture: 'amd64',
    section: 'utils',
    priority: 'optional',
    installedSize: 102,
    downloadSize: 64900,
    depends: ['libjq1'],
    summary: 'lightweight and flexible command-line JSON processor',
    homepage: 'https://github.com/stedolan/jq',
    description:
      'jq is like sed for JSON data - you can use it to slice and filter and map and transform structured data with the same ease that sed, awk, grep and friends let you play with text.',
    files: { ...program('/usr/bin/jq'), ...doc('jq') },
  },
  {
    name: 'htop',
    version: '3.2.2-2',
    architecture: 'amd64',
    section: 'utils',
    priority: 'optional',
    installedSize: 387,
    downloadSize: 152500,
    depends: ['libncursesw6'],
    summary: 'interactive processes viewer',
    homepage: 'https://htop.dev/',
    description:
      'Htop is an ncursed-based process viewer similar to top, but it allows one to scroll the list vertically and horizontally to see all processes and their full command lines.',
    files: { ...program('/usr/bin/htop'), ...doc('htop') },
  },
  {
    name: 'ncdu',
    version: '1.18-0.2',
    architecture: 'amd64',
    section: 'admin',
    priority: 'optional',
    installedSize: 99,
    downloadSize: 46300,
    depends: ['libncursesw6'],
    summary: 'ncurses disk usage viewer',
    homepage: 'https://dev.yorhel.nl/ncdu',
    description:
      'Ncdu is a ncurses-based du viewer. It provides a fast and easy-to-use interface through famous du utility.',
    files: { ...program('/usr/bin/ncdu'), ...doc('ncdu') },
  },
  {
    name: 'libtext-charwidth-perl',
    version: '0.04-11',
    architecture: 'amd64',
    section: 'perl',
    priority: 'optional',
    installedSize: 36,
    downloadSize: 9600,
    depends: [],
    summary: 'get display widths of characters on the terminal',
    description:
      'This module permits perl software to get the display widths of characters and strings on the terminal.',
    files: { '/usr/lib/x86_64-linux-gnu/perl5/5.36/Text/CharWidth.pm': '', ...doc('libtext-charwidth-perl') },
  },
  {
    name: 'cowsay',
    version: '3.03+dfsg2-8',
    architecture: 'all',
    section: 'games',
    priority: 'optional',
    installedSize: 90,
    downloadSize: 20700,
    depends: ['libtext-charwidth-perl'],
    summary: 'configurable talking cow',
    homepage: 'https://github.com/tnalpgge/rank-amateur-cowsay',
    description:
      "Cowsay (or cowthink) will turn text into happy ASCII cows, with speech (or thought) balloons. If you don't like cows, ASCII art is available to replace it with some other creatures.",
    files: { ...program('/usr/bin/cowsay'), ...doc('cowsay') },
  },
  {
    name: 'sl',
    version: '5.02-1+b1',
    architecture: 'amd64',
    section: 'games',
    priority: 'optional',
    installedSize: 62,
    downloadSize: 12800,
    depends: ['libncursesw6'],
    summary: "Correct you if you type `sl' by mistake",
    homepage: 'https://github.com/mtoyoda/sl',
    description:
      "Sl is a program that can display animations aimed to correct you if you type 'sl' by mistake. SL stands for Steam Locomotive.",
    files: { ...program('/usr/bin/sl'), ...doc('sl') },
  },
  {
    name: 'nginx-common',
    version: '1.22.1-9',
    architecture: 'all',
    section: 'httpd',
    priority: 'optional',
    installedSize: 140,
    downloadSize: 112000,
    depends: [],
    summary: 'small, powerful, scalable web/proxy server - common files',
    homepage: 'https://nginx.org',
    description:
      'Nginx ("engine X") is a high-performance web and reverse proxy server. This package contains base configuration files used by all flavors of nginx.',
    files: {
      '/etc/nginx/nginx.conf': NGINX_CONF,
      '/etc/nginx/mime.types': 'types {\n\ttext/html html htm;\n\ttext/css css;\n\tapplication/json json;\n}\n',
      '/etc/nginx/sites-available/default': NGINX_SITE,
      '/var/www/html/index.nginx-debian.html':
        '<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head>\n<body><h1>Welcome to nginx!</h1></body></html>\n',
      '/lib/systemd/system/nginx.service': NGINX_UNIT,
      ...doc('nginx-common'),
    },
    links: { '/etc/nginx/sites-enabled/default': '/etc/nginx/sites-available/default' },
    conffiles: ['/etc/nginx/nginx.conf', '/etc/nginx/mime.types', '/etc/nginx/sites-available/default'],
  },
  {
    name: 'nginx',
    version: '1.22.1-9',
    architecture: 'amd64',
    section: 'httpd',
    priority: 'optional',
    installedSize: 1205,
    downloadSize: 526900,
    depends: ['nginx-common'],
    summary: 'small, powerful, scalable web/proxy server',
    homepage: 'https://nginx.org',
    description:
      'Nginx ("engine X") is a high-performance web and reverse proxy server created by Igor Sysoev. It can be used both as a standalone web server and as a proxy to reduce the load on back-end HTTP or mail servers.',
    files: { ...program('/usr/sbin/nginx'), ...doc('nginx') },
    service: 'nginx.service',
  },
  {
    name: 'skyline-agent',
    version: '2.3.1',
    architecture: 'amd64',
    section: 'admin',
    priority: 'optional',
    installedSize: 412,
    downloadSize: 98304,
    depends: ['jq'],
    summary: 'Skyline monitoring agent',
    homepage: 'https://skyline.example/agent',
    description:
      'The Skyline agent collects the health of this server (load, disks, services) and reports it to the Skyline dashboard every minute.',
    files: {
      ...program('/usr/bin/skyline-agent'),
      '/etc/skyline/agent.conf': 'dashboard=https://collect.skyline.example\ninterval=60\n',
      ...doc('skyline-agent'),
    },
    conffiles: ['/etc/skyline/agent.conf'],
    vendor: 'Skyline Monitoring <support@skyline.example>',
  },
];

const BY_NAME = new Map(PACKAGE_CATALOG.map((pkg) => [pkg.name, pkg]));

/** The catalog's package of that name, if the repository has one. */
export function catalogPackage(name: string): CatalogPackage | undefined {
  return BY_NAME.get(name);
}

/** The packages installed on every machine. */
export const BASE_PACKAGES: readonly CatalogPackage[] = PACKAGE_CATALOG.filter((pkg) => pkg.base);
