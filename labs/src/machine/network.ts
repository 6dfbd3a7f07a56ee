import { startingFiles } from '../files.js';
import type { LabFile } from '../format.js';
import { LEARNER_HOME, resolveLabPath } from '../paths.js';
import type { Json, Problems } from '../problems.js';
import { isRecord } from '../json.js';
import { entryProblem, type VfsEntry } from '../vfs-entry.js';
import type { MachineFinding, MachinePart } from './index.js';

/**
 * The network around the learner's machine (`academy`): other hosts with their own files, the services that
 * answer on their ports, and a DNS server. The shell's `ip`, `ping`, `ss`, `curl`, `dig`, `ssh` and `scp` read it;
 * what the learner changes on a host (a file copied with `scp`, a key added by `ssh-copy-id`) is kept in the state.
 */
export interface NetworkDeclaration {
  /** Other machines the learner can reach, each with its own filesystem. */
  hosts?: HostDeclaration[];
  /** Names the network's DNS server answers beyond the hosts' names and aliases: name → IPv4 address. */
  dns?: Record<string, string>;
  /** Services listening on the learner's own machine (`curl localhost:8080`); HTTP roots are the learner's files. */
  services?: ListeningService[];
}

/** Another machine on the network. */
export interface HostDeclaration {
  /** Its hostname, as `ssh NAME` and its prompt use it: lowercase letters, digits and `-`. */
  name: string;
  /** Its IPv4 address, e.g. `10.0.0.11`. */
  address: string;
  /** More names the DNS server gives it (`shop.example.com`). */
  aliases?: string[];
  /** Switched off: pings go unanswered and connections time out. */
  down?: boolean;
  /** The `learner` account's password there, for `ssh` (default `learner`). */
  password?: string;
  /** What listens on its ports (default: only `sshd` on 22). */
  services?: ListeningService[];
  /** Its own files, as a lab's `files` (`~` is `/home/learner` on that host). */
  files?: Record<string, LabFile>;
}

/** A program listening on a TCP port. */
export interface ListeningService {
  port: number;
  /** What answers: an ssh server, a web server, or a bare TCP service (answers port checks only). */
  kind: 'ssh' | 'http' | 'tcp';
  /** The process name `ss -p` shows (default `sshd`, `nginx` or `server`). */
  program?: string;
  /** For `http`: the directory on that host whose files it serves (`/` serves `ROOT/index.html`). */
  root?: string;
  /** For `http`: fixed answers by request path, tried before `root` (a redirect, an error). */
  routes?: Record<string, HttpRoute>;
  /** Installed but not running: connections are refused. */
  stopped?: boolean;
}

/** A fixed HTTP answer. */
export interface HttpRoute {
  status: number;
  /** Where a redirect (3xx) points: a path on the same server or a whole URL. */
  location?: string;
  body?: string;
}

/** A host as the network keeps it: its declaration with its files as they are now. */
export interface HostState extends Omit<HostDeclaration, 'files'> {
  files: Record<string, VfsEntry>;
}

/** The network now (a snapshot's `machine.network`). */
export interface NetworkState {
  hosts: HostState[];
  dns: Record<string, string>;
  services: ListeningService[];
  /** Public keys the learner made with `ssh-keygen`, so `ssh-key-installed` knows a real key from a typed one. */
  keys: string[];
}

/** The network's check kinds. Paths are on the host (`~` is `/home/learner` there). */
export type NetworkCheck =
  /** Something exists at `path` on `host`. */
  | { kind: 'host-file-exists'; host: string; path: string }
  /** The regular file at `path` on `host` contains `text`. */
  | { kind: 'host-file-contains'; host: string; path: string; text: string }
  /** `host`'s `~/.ssh/authorized_keys` holds a public key the learner made with `ssh-keygen`. */
  | { kind: 'ssh-key-installed'; host: string };

/** Bounds that keep a network, and so a snapshot, well under the module's 256 KiB. */
export const NETWORK_LIMITS = {
  hosts: 8,
  servicesPerHost: 10,
  routes: 20,
  files: 100,
  filesContent: 32 * 1024,
  stateChars: 96 * 1024,
  keys: 4,
} as const;

const HOST_NAME = /^[a-z][a-z0-9-]{0,30}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const DNS_NAME = /^(?=.{1,120}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
const SERVICE_KINDS = ['ssh', 'http', 'tcp'] as const;
/** Names the learner's own machine answers to. */
const OWN_NAMES = ['academy', 'localhost'];

function serviceProblems(services: unknown, at: string, p: Problems): void {
  if (!p.array(services, at, 0, NETWORK_LIMITS.servicesPerHost)) return;
  const ports = new Set<number>();
  services.forEach((service, i) => {
    const here = `${at}[${i}]`;
    if (!p.object(service, here)) return;
    p.known(service, here, ['port', 'kind', 'program', 'root', 'routes', 'stopped']);
    if (!Number.isInteger(service.port) || (service.port as number) < 1 || (service.port as number) > 65535)
      p.add(`${here}.port`, 'must be an integer from 1 to 65535');
    else if (ports.has(service.port as number)) p.add(`${here}.port`, 'is already taken by another service');
    else ports.add(service.port as number);
    p.oneOf(service.kind, `${here}.kind`, SERVICE_KINDS);
    if (
      service.program !== undefined &&
      p.text(service.program, `${here}.program`, 15) &&
      !/^[\w.-]+$/.test(service.program)
    )
      p.add(`${here}.program`, 'must be a process name such as "nginx"');
    if (service.root !== undefined) p.path(service.root, `${here}.root`);
    p.optionalBoolean(service.stopped, `${here}.stopped`);
    if (service.kind !== 'http' && (service.root !== undefined || service.routes !== undefined))
      p.add(here, 'only an "http" service has a root or routes');
    if (service.routes === undefined || !p.object(service.routes, `${here}.routes`)) return;
    const routes = Object.entries(service.routes);
    if (routes.length > NETWORK_LIMITS.routes)
      p.add(`${here}.routes`, `must have at most ${NETWORK_LIMITS.routes} routes`);
    for (const [path, route] of routes) {
      const routeAt = `${here}.routes["${path.slice(0, 80)}"]`;
      if (!path.startsWith('/')) p.add(routeAt, 'a route is a request path starting with /');
      if (!p.object(route, routeAt)) continue;
      p.known(route, routeAt, ['status', 'location', 'body']);
      if (!Number.isInteger(route.status) || (route.status as number) < 100 || (route.status as number) > 599)
        p.add(`${routeAt}.status`, 'must be an HTTP status from 100 to 599');
      if (route.location !== undefined) p.text(route.location, `${routeAt}.location`, 500);
      if (route.body !== undefined) p.text(route.body, `${routeAt}.body`, 4096, true);
    }
  });
}

function declarationProblems(declaration: unknown, at: string, p: Problems): void {
  if (!p.object(declaration, at)) return;
  p.known(declaration, at, ['hosts', 'dns', 'services']);
  const names = new Set<string>(OWN_NAMES);
  const addresses = new Set<string>();
  if (declaration.hosts !== undefined && p.array(declaration.hosts, `${at}.hosts`, 0, NETWORK_LIMITS.hosts)) {
    declaration.hosts.forEach((host, i) => {
      const here = `${at}.hosts[${i}]`;
      if (!p.object(host, here)) return;
      p.known(host, here, ['name', 'address', 'aliases', 'down', 'password', 'services', 'files']);
      if (p.text(host.name, `${here}.name`, 31)) {
        if (!HOST_NAME.test(host.name))
          p.add(`${here}.name`, 'must be a hostname: lowercase letters, digits and -, starting with a letter');
        else if (names.has(host.name)) p.add(`${here}.name`, `"${host.name}" is already the name of a machine`);
        names.add(host.name);
      }
      if (p.text(host.address, `${here}.address`, 15)) {
        if (!IPV4.test(host.address) || host.address.startsWith('127.'))
          p.add(`${here}.address`, 'must be an IPv4 address outside 127.0.0.0/8, e.g. "10.0.0.11"');
        else if (addresses.has(host.address)) p.add(`${here}.address`, 'is already the address of another host');
        addresses.add(host.address);
      }
      if (host.aliases !== undefined && p.array(host.aliases, `${here}.aliases`, 0, 5)) {
        host.aliases.forEach((alias, j) => {
          if (p.text(alias, `${here}.aliases[${j}]`, 120) && !DNS_NAME.test(alias))
            p.add(`${here}.aliases[${j}]`, 'must be a DNS name such as "shop.example.com"');
        });
      }
      p.optionalBoolean(host.down, `${here}.down`);
      if (host.password !== undefined) p.text(host.password, `${here}.password`, 64);
      if (host.services !== undefined) serviceProblems(host.services, `${here}.services`, p);
      if (host.files !== undefined)
        p.labFiles(host.files, `${here}.files`, NETWORK_LIMITS.files, NETWORK_LIMITS.filesContent);
    });
  }
  if (declaration.dns !== undefined && p.object(declaration.dns, `${at}.dns`)) {
    for (const [name, address] of Object.entries(declaration.dns)) {
      const here = `${at}.dns["${name.slice(0, 80)}"]`;
      if (!DNS_NAME.test(name)) p.add(here, 'the key must be a DNS name such as "shop.example.com"');
      if (typeof address !== 'string' || !IPV4.test(address)) p.add(here, 'must be an IPv4 address');
    }
  }
  if (declaration.services !== undefined) serviceProblems(declaration.services, `${at}.services`, p);
}

function checkProblems(check: Json, at: string, p: Problems): void {
  p.text(check.host, `${at}.host`, 31);
  // `path` is checked by the validator, as for every check that has one.
  if (check.kind === 'host-file-contains') p.text(check.text, `${at}.text`, 1000);
}

function startingState(declaration: unknown): NetworkState {
  const network = declaration as NetworkDeclaration;
  return {
    hosts: (network.hosts ?? []).map(({ files, ...host }) => ({
      ...host,
      files: startingFiles({ files: files ?? {} }, LEARNER_HOME),
    })),
    dns: { ...network.dns },
    services: network.services ?? [],
    keys: [],
  };
}

function stateProblem(state: unknown): string | null {
  if (!isRecord(state)) return 'not an object';
  if (JSON.stringify(state).length > NETWORK_LIMITS.stateChars)
    return `larger than ${NETWORK_LIMITS.stateChars} characters`;
  if (!Array.isArray(state.hosts) || state.hosts.length > NETWORK_LIMITS.hosts) return 'hosts: not a list of hosts';
  for (const host of state.hosts as unknown[]) {
    if (!isRecord(host) || typeof host.name !== 'string' || typeof host.address !== 'string' || !isRecord(host.files))
      return 'hosts: a host needs a name, an address and files';
    if (host.services !== undefined && !servicesOk(host.services))
      return `hosts: ${host.name.slice(0, 31)}: bad services`;
    for (const [path, entry] of Object.entries(host.files)) {
      const problem = entryProblem(path, entry);
      if (problem) return `hosts: ${host.name.slice(0, 31)}: ${problem}`;
    }
  }
  if (!isRecord(state.dns) || !Object.values(state.dns).every((address) => typeof address === 'string'))
    return 'dns: not a table of names';
  if (!servicesOk(state.services)) return 'services: bad services';
  if (
    !Array.isArray(state.keys) ||
    state.keys.length > NETWORK_LIMITS.keys ||
    !state.keys.every((key) => typeof key === 'string')
  )
    return 'keys: not a list of keys';
  return null;
}

function servicesOk(services: unknown): boolean {
  return (
    Array.isArray(services) &&
    services.every(
      (service) => isRecord(service) && Number.isInteger(service.port) && SERVICE_KINDS.includes(service.kind as 'ssh'),
    )
  );
}

function evaluate(check: Json & { kind: string }, state: unknown): MachineFinding {
  const network = state as NetworkState | undefined;
  const name = String(check.host);
  const host = network?.hosts.find((candidate) => candidate.name === name);
  if (!host) return { holds: false, saw: `there is no host ${name} on this network` };
  if (check.kind === 'ssh-key-installed') {
    const keys = host.files[`${LEARNER_HOME}/.ssh/authorized_keys`];
    // A line of authorized_keys is `[options] type key [comment]`; the type and key are what identify a key.
    const lines =
      keys?.type === 'file'
        ? keys.content.split('\n').map((line) => line.trim().split(/\s+/).slice(0, 2).join(' '))
        : [];
    const installed = network!.keys.some((key) => lines.includes(key.split(/\s+/).slice(0, 2).join(' ')));
    if (installed) return { holds: true, saw: `${name}'s ~/.ssh/authorized_keys holds your public key` };
    return {
      holds: false,
      saw: keys
        ? `${name}'s ~/.ssh/authorized_keys does not hold a key you made with ssh-keygen`
        : `${name} has no ~/.ssh/authorized_keys`,
    };
  }
  const path = resolveLabPath(String(check.path), LEARNER_HOME);
  const entry = host.files[path];
  if (check.kind === 'host-file-exists')
    return {
      holds: entry !== undefined,
      saw: entry ? `${path} exists on ${name}` : `${path} does not exist on ${name}`,
    };
  if (entry?.type !== 'file')
    return {
      holds: false,
      saw: entry ? `${path} on ${name} is not a regular file` : `${path} does not exist on ${name}`,
    };
  const text = String(check.text);
  const holds = entry.encoding !== 'base64' && entry.content.includes(text);
  return {
    holds,
    saw: holds ? `${path} on ${name} contains "${text}"` : `${path} on ${name} does not contain "${text}"`,
  };
}

/** The network part of the machine. */
export const networkPart: MachinePart = {
  key: 'network',
  checkFields: {
    'host-file-exists': ['host', 'path'],
    'host-file-contains': ['host', 'path', 'text'],
    'ssh-key-installed': ['host'],
  },
  declarationProblems,
  checkProblems,
  startingState,
  stateProblem,
  evaluate,
};
