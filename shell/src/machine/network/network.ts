import {
  DEFAULT_PASSWORD,
  NETWORK_LIMITS,
  startingMachine,
  type HostState,
  type NetworkState,
  type ListeningService,
  type VfsEntry,
} from '@lta/labs';
import type { CommandContext } from 'just-bash';
import type { OtherShell, ShellServices } from '../../commands/command.js';
import type { LearnerFs } from '../../filesystem/learner-fs.js';
import { HOSTNAME, NAMESERVER } from '../../filesystem/layout.js';
import type { ServiceSocket } from '../events.js';
import { SshSession } from './ssh-session.js';
import { talking, type Talk } from './talk.js';

/** The learner's machine on the lab network (`10.0.0.0/24`, gateway `.1`, DNS server `.2`). */
export const ACADEMY_ADDRESS = '10.0.0.5';
export const GATEWAY = '10.0.0.1';
export const SUBNET_PREFIX = '10.0.0.';
export { NAMESERVER };

/** A machine a packet can reach: the one this shell runs on, or another host. */
export interface Machine {
  name: string;
  address: string;
  services: readonly ServiceSocket[];
  /** The host's entry in the network's state (undefined for the learner's machine). */
  host?: HostState;
}

/** Where a connection to a port ended up. */
export type Connection =
  | { ok: true; machine: Machine; service: ServiceSocket }
  /** `refused`: the machine answered, nothing listens there; `timeout`: nothing answered (beyond the LAN); `unreachable`: no machine answers at that LAN address (none, or switched off). */
  | { ok: false; why: 'refused' | 'timeout' | 'unreachable' };

/**
 * What a network command uses of its command context: the machine's own filesystem (which reads a file as the user
 * the shell runs as, and other hosts' alike), the directory and the variables.
 */
export interface LocalContext {
  fs: LearnerFs;
  cwd: string;
  env: ReadonlyMap<string, string>;
}

/**
 * The network as this machine sees it: name resolution (`/etc/hosts` first, then the DNS server), who answers at an
 * address and on a port, and the other hosts' filesystems, booted as shells on first use and kept in the state.
 */
export class Network {
  /** Other hosts' running shells, booted the first time something reaches into them. */
  private readonly open = new Map<string, OtherShell>();
  /** The login an interactive `ssh` opened, which reads the learner's lines until its `exit`. */
  readonly session = new SshSession();

  /**
   * @param running what the learner's machine's running services listen on, asked of systemd each time: a port is
   *   open exactly while its service runs (`systemctl stop nginx` closes :80).
   */
  constructor(
    readonly state: NetworkState,
    private readonly services: ShellServices,
    private readonly running: () => readonly ServiceSocket[],
  ) {}

  /**
   * Runs a network command that may ask the learner questions (see `Talk`), with the parts of `ctx` it uses;
   * `failure` is its status when no answer can come.
   */
  talking(
    ctx: CommandContext,
    tool: string,
    failure: number,
    command: (talk: Talk, local: LocalContext) => Promise<number>,
  ) {
    const env = new Map<string, string>();
    ctx.env.forEach((value, name) => env.set(name, value));
    const local: LocalContext = { fs: this.services.fs, cwd: ctx.cwd, env };
    return talking(this.services, tool, failure, (talk) => command(talk, local));
  }

  /** This machine's name: `academy`, or the host an ssh session runs on. */
  get hostname(): string {
    return this.services.hostname;
  }

  /** The machine this shell runs on. */
  get self(): Machine {
    const host = this.state.hosts.find((candidate) => candidate.name === this.hostname);
    if (host) return { name: host.name, address: host.address, services: host.services ?? defaultServices(), host };
    return this.academy(ACADEMY_ADDRESS);
  }

  /**
   * The learner's machine at `address`: what the lab declares listening there (`machine.network.services`), then the
   * ports its running services open, each port once.
   */
  private academy(address: string): Machine {
    const declared = this.state.services;
    // Another host's shell reaching back to the learner's machine has no view of its services.
    const started = (this.isHome ? this.running() : []).filter(
      (socket) => !declared.some((service) => service.port === socket.port),
    );
    return { name: HOSTNAME, address, services: [...declared, ...started] };
  }

  /** Whether this shell is the learner's own machine, the only one that opens ssh sessions. */
  get isHome(): boolean {
    return this.services.openShell !== undefined;
  }

  /** The address `/etc/hosts` gives `name` on this machine. */
  hostsFileAddress(name: string): string | undefined {
    const fs = this.services.fs;
    let text = '';
    try {
      text = fs.readWalkedFile('/etc/hosts') ?? '';
    } catch {
      return undefined;
    }
    for (const line of text.split('\n')) {
      const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
      if (address && names.includes(name)) return address;
    }
    return undefined;
  }

  /** What the DNS server answers for `name` (trailing dot allowed), or undefined for NXDOMAIN. */
  dnsAddress(name: string): string | undefined {
    const wanted = name.replace(/\.$/, '').toLowerCase();
    const host = this.state.hosts.find(
      (candidate) => candidate.name === wanted || (candidate.aliases ?? []).includes(wanted),
    );
    return host?.address ?? this.state.dns[wanted];
  }

  /** Resolves a name as the C library does: an address as is, then `/etc/hosts`, then DNS. */
  resolve(name: string): string | undefined {
    if (isAddress(name)) return name;
    return this.hostsFileAddress(name) ?? this.dnsAddress(name);
  }

  /** The machine at `address`, `unreachable` for a free address of the LAN, `timeout` beyond it or when switched off. */
  machineAt(address: string): Machine | 'unreachable' | 'timeout' {
    const self = this.self;
    if (address.startsWith('127.') || address === self.address) return self;
    if (address === ACADEMY_ADDRESS) return this.academy(address);
    const host = this.state.hosts.find((candidate) => candidate.address === address);
    if (host)
      return host.down
        ? 'unreachable'
        : { name: host.name, address, services: host.services ?? defaultServices(), host };
    return address.startsWith(SUBNET_PREFIX) ? 'unreachable' : 'timeout';
  }

  /** Opens a TCP connection to `address:port`. */
  connect(address: string, port: number): Connection {
    const machine = this.machineAt(address);
    if (machine === 'unreachable' || machine === 'timeout') return { ok: false, why: machine };
    // A loopback address reaches only what listens on every address of this machine, which is all ours do.
    const service = machine.services.find((candidate) => candidate.port === port && !candidate.stopped);
    return service ? { ok: true, machine, service } : { ok: false, why: 'refused' };
  }

  /** The filesystem of a machine: this one's, or another host's (booting its shell). */
  fsOf(machine: Machine): LearnerFs | undefined {
    if (!machine.host || machine.name === this.hostname) return this.services.fs;
    return this.openHost(machine.host)?.fs;
  }

  /**
   * The shell of another host, booted on first use from its files, its `learner` account's password the one ssh
   * asks for there; undefined on a host (no ssh from there).
   */
  openHost(host: HostState): OtherShell | undefined {
    const known = this.open.get(host.name);
    if (known) return known;
    const accounts = startingMachine({ users: { password: host.password ?? DEFAULT_PASSWORD } })?.users;
    const opened = this.services.openShell?.({
      hostname: host.name,
      files: host.files,
      machine: { users: accounts, network: this.state },
    });
    if (!opened) return undefined;
    this.open.set(host.name, opened);
    return opened;
  }

  /**
   * The state with each opened host's files as they are now. A host whose files outgrew its share of the snapshot
   * keeps its last files that fitted, so a runaway write on a host never makes the learner's progress unsavable.
   */
  currentState(): NetworkState {
    for (const [name, { shell }] of this.open) {
      const host = this.state.hosts.find((candidate) => candidate.name === name)!;
      const files = shell.snapshot().files;
      if (JSON.stringify(files).length <= hostFilesLimit(this.state)) host.files = files;
    }
    return this.state;
  }

  /** Whether writing `bytes` more on `host` keeps it within its share of the snapshot. */
  hasRoomOn(host: HostState, bytes: number): boolean {
    const open = this.open.get(host.name);
    const files: Record<string, VfsEntry> = open ? open.shell.snapshot().files : host.files;
    return JSON.stringify(files).length + bytes <= hostFilesLimit(this.state);
  }
}

/** What one host's files may take of the network's state. */
function hostFilesLimit(state: NetworkState): number {
  return Math.floor(NETWORK_LIMITS.stateChars / Math.max(1, state.hosts.length)) - 2048;
}

/** A host that declares no services runs an ssh server only. */
export function defaultServices(): ListeningService[] {
  return [{ port: 22, kind: 'ssh' }];
}

/** True for a dotted IPv4 address. */
export function isAddress(text: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(text) && text.split('.').every((part) => Number(part) <= 255);
}

/** The process name `ss -p` shows for a service. */
export function programOf(service: ListeningService): string {
  return service.program ?? (service.kind === 'ssh' ? 'sshd' : service.kind === 'http' ? 'nginx' : 'server');
}

/** A stable pseudo-random number in [0, 1) from a text: round-trip times and keys stay the same run to run. */
export function stableRandom(seed: string): number {
  let hash = 2166136261;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619);
  return ((hash >>> 0) % 100000) / 100000;
}
