import type { ListeningService } from '@lta/labs';
import { fail, ok, type LearnerCommand } from '../../commands/command.js';
import { GATEWAY, NAMESERVER, isAddress, programOf, stableRandom, type Machine, type Network } from './network.js';

/** The interfaces `ip addr` lists: loopback, and eth0 with this machine's address. */
function interfaces(self: Machine, brief: boolean): string {
  const mac = `52:54:00:00:00:${Number(self.address.split('.')[3]).toString(16).padStart(2, '0')}`;
  if (brief)
    return `lo               UNKNOWN        127.0.0.1/8 ::1/128 \neth0             UP             ${self.address}/24 \n`;
  return [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
    '    inet6 ::1/128 scope host ',
    '       valid_lft forever preferred_lft forever',
    '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000',
    `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`,
    `    inet ${self.address}/24 brd 10.0.0.255 scope global eth0`,
    '       valid_lft forever preferred_lft forever',
    '',
  ].join('\n');
}

/** `ip addr`, `ip a`, `ip route`, `ip link` (and `-br`, `-4`): this machine's one network card. */
function ipCommand(network: Network): LearnerCommand {
  return {
    name: 'ip',
    async execute(args) {
      const brief = args.includes('-br') || args.includes('-brief');
      const words = args.filter((arg) => !arg.startsWith('-'));
      const object = words[0] ?? '';
      const self = network.self;
      if (object === '')
        return fail(
          'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | link | route | neigh | ... }\n',
          255,
        );
      if ('address'.startsWith(object) || object === 'addr') return ok(interfaces(self, brief));
      if ('route'.startsWith(object))
        return ok(
          `default via ${GATEWAY} dev eth0 \n10.0.0.0/24 dev eth0 proto kernel scope link src ${self.address} \n`,
        );
      if ('link'.startsWith(object)) {
        const mac = interfaces(self, false).split('\n')[7]!.trim();
        if (brief)
          return ok(
            `lo               UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \neth0             UP             ${mac.split(' ')[1]} <BROADCAST,MULTICAST,UP,LOWER_UP> \n`,
          );
        const lines = interfaces(self, false).split('\n');
        return ok([lines[0], lines[1], lines[6], lines[7], ''].join('\n'));
      }
      return fail(`Object "${object}" is unknown, try "ip help".\n`, 1);
    },
  };
}

/** `hostname`, `hostname -I` (addresses), `-i`, `-s`, `-f`. */
function hostnameCommand(network: Network): LearnerCommand {
  return {
    name: 'hostname',
    async execute(args) {
      const self = network.self;
      if (args.includes('-I') || args.includes('--all-ip-addresses')) return ok(`${self.address} \n`);
      if (args.includes('-i') || args.includes('--ip-address')) return ok(`${self.address}\n`);
      const extra = args.find((arg) => !['-s', '-f', '--short', '--fqdn', '--long'].includes(arg));
      if (extra && !extra.startsWith('-')) return fail('hostname: you must be root to change the host name\n');
      if (extra) return fail(`hostname: invalid option -- '${extra.replace(/^-+/, '')}'\n`);
      return ok(`${network.hostname}\n`);
    },
  };
}

/** A round-trip time in ms, the same for the same host and sequence number: a LAN host 0.3-0.7 ms, loopback ~0.04. */
function roundTrip(address: string, seq: number): number {
  const base = address.startsWith('127.') ? 0.03 : 0.3;
  const spread = address.startsWith('127.') ? 0.03 : 0.4;
  return Math.round((base + stableRandom(`${address}:${seq}`) * spread) * 1000) / 1000;
}

/** `ping [-c N] host`: echo requests as iputils sends them; without `-c` it stops after 4, as if Ctrl-C were pressed. */
function pingCommand(network: Network): LearnerCommand {
  return {
    name: 'ping',
    async execute(args) {
      let count = 4;
      let target: string | undefined;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i]!;
        if (arg === '-c' || /^-c\d+$/.test(arg)) {
          const value = arg === '-c' ? args[++i] : arg.slice(2);
          if (!value || !/^\d+$/.test(value) || Number(value) < 1)
            return fail(`ping: invalid argument: '${value ?? ''}'\n`, 1);
          count = Math.min(Number(value), 100);
        } else if (arg === '-q' || arg === '-4') continue;
        else if (arg.startsWith('-')) return fail(`ping: invalid option -- '${arg.slice(1, 2)}'\n`, 2);
        else target = arg;
      }
      if (!target) return fail('ping: usage error: Destination address required\n', 1);
      const address = network.resolve(target);
      if (!address)
        return fail(
          `ping: ${target}: ${isAddress(target) ? 'Name or service not known' : 'Name or service not known'}\n`,
          2,
        );
      const machine = network.machineAt(address);
      const label = isAddress(target)
        ? address
        : machine !== 'unreachable' && machine !== 'timeout' && !address.startsWith('127.')
          ? `${machine.name} (${address})`
          : `${target} (${address})`;
      let out = `PING ${target} (${address}) 56(84) bytes of data.\n`;
      const elapsed = (count - 1) * 1000 + Math.round(stableRandom(address) * 40) + 2;
      if (machine === 'unreachable' || machine === 'timeout') {
        if (machine === 'unreachable')
          for (let seq = 1; seq <= count; seq++)
            out += `From ${network.self.address} icmp_seq=${seq} Destination Host Unreachable\n`;
        const errors = machine === 'unreachable' ? `+${count} errors, ` : '';
        out += `\n--- ${target} ping statistics ---\n${count} packets transmitted, 0 received, ${errors}100% packet loss, time ${elapsed}ms\n\n`;
        return { stdout: out, stderr: '', exitCode: 1 };
      }
      const times = Array.from({ length: count }, (_, i) => roundTrip(address, i + 1));
      times.forEach(
        (time, i) => (out += `64 bytes from ${label}: icmp_seq=${i + 1} ttl=64 time=${time.toFixed(3)} ms\n`),
      );
      const avg = times.reduce((a, b) => a + b, 0) / count;
      const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / count);
      out += `\n--- ${target} ping statistics ---\n${count} packets transmitted, ${count} received, 0% packet loss, time ${elapsed}ms\n`;
      out += `rtt min/avg/max/mdev = ${Math.min(...times).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...times).toFixed(3)}/${mdev.toFixed(3)} ms\n`;
      return ok(out);
    },
  };
}

/** `ss -tlnp` / `ss -tan`: the TCP sockets of this machine (the services it declares), with their programs. */
function ssCommand(network: Network): LearnerCommand {
  return {
    name: 'ss',
    async execute(args) {
      const flags = new Set(
        args.filter((arg) => arg.startsWith('-') && !arg.startsWith('--')).flatMap((arg) => [...arg.slice(1)]),
      );
      const unknown = [...flags].find((flag) => !'tulnpa4'.includes(flag));
      if (unknown) return fail(`ss: invalid option -- '${unknown}'\n`, 1);
      const numeric = flags.has('n');
      const listening: ListeningService[] = network.self.services.filter((service) => !service.stopped);
      const portName = (port: number) =>
        numeric
          ? String(port)
          : (({ 22: 'ssh', 80: 'http', 443: 'https' } as Record<number, string>)[port] ?? String(port));
      const rows = listening
        .slice()
        .sort((a, b) => a.port - b.port)
        .map((service, i) => {
          const local = `0.0.0.0:${portName(service.port)}`;
          const peer = '0.0.0.0:*';
          const process = flags.has('p')
            ? `users:(("${programOf(service)}",pid=${600 + i * 37},fd=${service.kind === 'ssh' ? 3 : 6}))`
            : '';
          return `LISTEN 0      ${service.kind === 'ssh' ? '128' : '511'}    ${local.padStart(15)} ${peer.padStart(17)}${process ? `    ${process}` : ''}`;
        });
      // Without -l (or with -a) ss lists connections too; this machine has none open besides the listening ones.
      const shown = flags.has('l') || flags.has('a') ? rows : [];
      return ok(
        `State  Recv-Q Send-Q Local Address:Port  Peer Address:Port${flags.has('p') ? 'Process' : ''}\n${shown.map((row) => `${row}\n`).join('')}`,
      );
    },
  };
}

/** `nc -zv host port[-port]`: checks whether ports are open, as OpenBSD netcat reports it. */
function ncCommand(network: Network): LearnerCommand {
  return {
    name: 'nc',
    async execute(args) {
      const flags = new Set(args.filter((arg) => /^-[a-zA-Z]+$/.test(arg)).flatMap((arg) => [...arg.slice(1)]));
      const words = args.filter((arg, i) => !arg.startsWith('-') && !(args[i - 1] === '-w'));
      if (!flags.has('z')) return fail('nc: only port checks are simulated here: nc -zv HOST PORT\n', 1);
      const [host, ports] = words;
      if (!host || !ports)
        return fail(
          'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n',
          1,
        );
      const range = /^(\d+)(?:-(\d+))?$/.exec(ports);
      if (!range) return fail(`nc: port range not valid\n`, 1);
      const address = network.resolve(host);
      if (!address) return fail(`nc: getaddrinfo for host "${host}" port ${range[1]}: Name or service not known\n`, 1);
      const first = Number(range[1]);
      const last = Math.min(Number(range[2] ?? range[1]), first + 1024);
      const named = isAddress(host) ? address : `${host} (${address})`;
      let stderr = '';
      let anyOpen = false;
      for (let port = first; port <= last; port++) {
        const connection = network.connect(address, port);
        const service = ({ 22: 'ssh', 80: 'http', 443: 'https' } as Record<number, string>)[port] ?? '*';
        if (connection.ok) {
          anyOpen = true;
          if (flags.has('v')) stderr += `Connection to ${named} ${port} port [tcp/${service}] succeeded!\n`;
        } else if (flags.has('v') && (first === last || connection.why !== 'refused')) {
          const why =
            connection.why === 'refused'
              ? 'Connection refused'
              : connection.why === 'unreachable'
                ? 'No route to host'
                : 'Operation timed out';
          stderr += `nc: connect to ${named} port ${port} (tcp) failed: ${why}\n`;
        }
      }
      return { stdout: '', stderr, exitCode: anyOpen ? 0 : 1 };
    },
  };
}

/** `dig NAME` (`+short`), `host NAME`, `nslookup NAME`: questions to the DNS server, which knows nothing of `/etc/hosts`. */
function dnsCommands(network: Network): LearnerCommand[] {
  const nameOf = (args: string[]) =>
    args.find((arg) => !arg.startsWith('-') && !arg.startsWith('+') && !arg.startsWith('@') && arg !== 'A');
  return [
    {
      name: 'dig',
      async execute(args) {
        const name = nameOf(args);
        if (!name) return ok('');
        const address = network.dnsAddress(name);
        if (args.includes('+short')) return ok(address ? `${address}\n` : '');
        const fqdn = name.endsWith('.') ? name : `${name}.`;
        const answer = address ? `;; ANSWER SECTION:\n${fqdn}\t\t300\tIN\tA\t${address}\n\n` : '';
        return ok(
          `\n; <<>> DiG 9.18.24-1-Debian <<>> ${args.join(' ')}\n;; global options: +cmd\n;; Got answer:\n` +
            `;; ->>HEADER<<- opcode: QUERY, status: ${address ? 'NOERROR' : 'NXDOMAIN'}, id: ${Math.floor(stableRandom(name) * 65535)}\n` +
            `;; flags: qr aa rd ra; QUERY: 1, ANSWER: ${address ? 1 : 0}, AUTHORITY: 0, ADDITIONAL: 1\n\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n` +
            `;; QUESTION SECTION:\n;${fqdn}\t\t\tIN\tA\n\n${answer};; Query time: 0 msec\n;; SERVER: ${NAMESERVER}#53(${NAMESERVER}) (UDP)\n;; WHEN: Sun Dec 06 09:00:00 UTC 2026\n;; MSG SIZE  rcvd: ${address ? 54 : 42}\n\n`,
        );
      },
    },
    {
      name: 'host',
      async execute(args) {
        const name = nameOf(args);
        if (!name)
          return fail(
            'Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n',
            1,
          );
        const address = network.dnsAddress(name);
        return address
          ? ok(`${name} has address ${address}\n`)
          : { stdout: `Host ${name} not found: 3(NXDOMAIN)\n`, stderr: '', exitCode: 1 };
      },
    },
    {
      name: 'nslookup',
      async execute(args) {
        const name = nameOf(args);
        if (!name) return fail('nslookup: interactive mode is not simulated: nslookup NAME\n', 1);
        const address = network.dnsAddress(name);
        const server = `Server:\t\t${NAMESERVER}\nAddress:\t${NAMESERVER}#53\n\n`;
        if (!address) return { stdout: `${server}** server can't find ${name}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
        return ok(`${server}Name:\t${name}\nAddress: ${address}\n\n`);
      },
    },
  ];
}

/** The commands that look at the network: addresses, reachability, ports, names. */
export function diagnosticCommands(network: Network): LearnerCommand[] {
  return [
    ipCommand(network),
    hostnameCommand(network),
    pingCommand(network),
    ssCommand(network),
    ncCommand(network),
    ...dnsCommands(network),
  ];
}
