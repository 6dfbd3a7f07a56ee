/**
 * Which URLs a dynamic registration may make the host fetch. Anyone can open `/lti/register` with any
 * `openid_configuration`, the configuration names more URLs the host fetches later (the registration endpoint, the
 * platform's keys and token endpoint), and the platform's launches name more (line items, rosters). Without a rule
 * the host would fetch or post to whatever it is told (server-side request forgery): its own routes, a cloud
 * metadata service, an admin page on the operator's network.
 *
 * The rule: an LMS on the public internet is reached over https at public addresses only. An academy whose own URL
 * is on a loopback or private network (a developer's machine, a school's intranet) may register LMSs on that
 * network too, over http or https. LTI 1.3 requires TLS in production (Security Framework §3), so a real LMS
 * passes. A URL is checked when it is named (a clear refusal early), and every connection the host then opens for
 * such a platform is checked again against the address it actually connects to (`fetch`), so a name that resolves
 * elsewhere later (DNS rebinding) or a redirect to an internal address gets nowhere.
 */
import { lookup as lookupCallback, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { LaunchRefusedError } from './launch-refused-error.js';
import type { LaunchServices } from './launch-records.js';

/** Addresses that are not on the public internet (IANA special-purpose registries), IPv4-mapped ones included. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** The address a URL's hostname is written as (`[::1]` is `::1`), or null when it is a name. */
function literalAddress(hostname: string): { address: string; family: number } | null {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  return family === 0 ? null : { address: bare, family };
}

/** The addresses `hostname` stands for (itself when it is one); none when it does not resolve. */
async function addressesOf(hostname: string): Promise<{ address: string; family: number }[]> {
  const literal = literalAddress(hostname);
  return literal ? [literal] : lookup(hostname, { all: true }).catch(() => []);
}

const isPublicAddress = ({ address, family }: { address: string; family: number }): boolean =>
  !NOT_PUBLIC.check(address, family === 6 ? 'ipv6' : 'ipv4');

/** What the host fetches with: the global `fetch`, or one that reaches public addresses only. */
export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/**
 * Why a `Fetch` failed: fetch() says only "fetch failed" and puts the reason (refused, not a public address, timed
 * out) in its cause.
 */
export function whyFetchFailed(err: unknown): string {
  const { message, cause } = err as Error;
  return cause instanceof Error ? cause.message : message;
}

const notPublic = (hostname: string): Error =>
  new Error(`${hostname} is not a public address; this academy reaches LMSs on the public internet only`);

/** `dns.lookup` answering only when every address of the name is public (the rule `check` applies). */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  lookupCallback(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    if (addresses.length === 0 || !addresses.every(isPublicAddress)) return callback(notPublic(hostname), '', 0);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

/**
 * An agent whose every connection goes to a public address: names through `publicLookup`, addresses written in
 * the URL (which skip any lookup) checked before connecting. Nothing is sent to a refused address.
 */
function publicOnlyAgent(): Agent {
  const connect = buildConnector({ lookup: publicLookup });
  return new Agent({
    connect(options, callback) {
      const literal = literalAddress(options.hostname);
      if (literal && !isPublicAddress(literal)) callback(notPublic(options.hostname), null);
      else connect(options, callback);
    },
  });
}

/** Checks the URLs of platforms registering with the tool at `toolUrl`. */
export class PlatformUrls {
  readonly #toolHostname: string;
  /** Known once the academy's own name has resolved. */
  #toolPrivate?: boolean;

  /** Made on first use: a private academy never needs it. */
  #publicOnly?: Agent;

  constructor(toolUrl: string) {
    this.#toolHostname = new URL(toolUrl).hostname;
  }

  /**
   * `fetch` for a platform that registered itself: under the same rule as `check`, enforced on each connection
   * (redirects included). Undici's own `fetch` goes with its agent: Node's built-in one bundles another undici.
   */
  readonly fetch: Fetch = async (url, init) => {
    if (await this.#toolIsPrivate()) return fetch(url, init);
    this.#publicOnly ??= publicOnlyAgent();
    const answer = await undiciFetch(url, { ...(init as UndiciRequestInit), dispatcher: this.#publicOnly });
    return answer as unknown as Response;
  };

  /**
   * Whether the academy itself is on a loopback or private network. A name that does not resolve (now) counts as
   * public: the stricter rule.
   */
  async #toolIsPrivate(): Promise<boolean> {
    if (this.#toolPrivate !== undefined) return this.#toolPrivate;
    const addresses = await addressesOf(this.#toolHostname);
    if (addresses.length === 0) return false;
    return (this.#toolPrivate = !addresses.some(isPublicAddress));
  }

  /** `url` when the host may fetch it for a registering platform; else LaunchRefusedError naming `what`. */
  async check(url: string, what: string): Promise<URL> {
    const parsed = URL.parse(url);
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
      throw new LaunchRefusedError(`The platform's ${what} is not an http(s) URL.`);
    if (await this.#toolIsPrivate()) return parsed;
    if (parsed.protocol !== 'https:')
      throw new LaunchRefusedError(`The platform's ${what} must use https (LTI 1.3 requires TLS).`);
    const addresses = await addressesOf(parsed.hostname);
    if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
      throw new LaunchRefusedError(
        `The platform's ${what} (${parsed.host}) does not resolve to a public address; this academy is on the public internet and registers LMSs there only.`,
      );
    }
    return parsed;
  }

  /**
   * The services of a launch the host may call. A platform registered dynamically names them in its launches, so
   * they follow the rule of its registration: a line item or roster on the academy's own network is dropped (no
   * grade passback, no roster), and `dropped` says which. Platforms the operator registered are trusted with theirs.
   */
  async reachable(
    services: LaunchServices,
    trusted: boolean,
    dropped: (service: string, reason: string) => void,
  ): Promise<LaunchServices> {
    if (trusted) return services;
    const kept: LaunchServices = {};
    const allowed = async (url: string, what: string): Promise<boolean> => {
      try {
        await this.check(url, what);
        return true;
      } catch (err) {
        dropped(what, (err as Error).message);
        return false;
      }
    };
    if (services.grade && (await allowed(services.grade.target.lineItem, 'line item URL'))) kept.grade = services.grade;
    if (services.roster && (await allowed(services.roster.source.membershipsUrl, 'roster URL')))
      kept.roster = services.roster;
    return kept;
  }
}
