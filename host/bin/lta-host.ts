#!/usr/bin/env -S node --import tsx
/**
 * Runs the host: `node --import tsx host/bin/lta-host.ts [--port 3000 | --listen HOST:PORT] [--data .lta-data]
 * [--db academy] [--module module] [--static demo] [--trust ISSUER=PUBLIC_KEY.pem]... [--min-free-mib 64]
 * [--limit NAME=VALUE]... [--allow-http ORIGIN]... [--lti [--public-url URL] [--lti-platform REGISTRATION.json]... [--no-lti-dynamic-registration]]
 * [--embed-frame-ancestors 'SOURCES'] [--clear]`
 * `--lti` runs the LTI 1.3 tool (docs/lti.md); each `--lti-platform` file holds one manual platform registration.
 * Or a client verb against a running host, as the `spacetime` CLI has them: `lta-host publish | call | sql | logs | generate | delete`
 * (src/cli/client-verbs.ts).
 * Limits also come from the environment (LTA_MAX_ANSWER_BYTES=...; see host/README.md, "Limits"); --limit wins.
 * SIGTERM or SIGINT stops it cleanly (clients closed with 1001, the commit log flushed, the data directory unlocked,
 * exit code 0). Exit code 3: the commit log is damaged where cutting it would lose acknowledged data (see lta-repair).
 * Exit code 4: the commit log failed to write (e.g. the disk is full); nothing unacknowledged is kept.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CommitLogDamagedError,
  REPO_ROOT,
  startHost,
  type PlatformRegistration,
  type TrustedIssuer,
} from '../src/index.js';
import { limitsFromEnv, parseLimitAssignments, type HostLimits } from '../src/server/limits/host-limits.js';
import { CLIENT_VERBS_USAGE, runClientVerb, VerbError } from '../src/cli/client-verbs.js';
import { checkFrameAncestors } from '../src/embed/embed-routes.js';

const USAGE =
  'usage: lta-host [--port 3000 | --listen <host>:<port>] [--data <dir>] [--db academy] [--module <dir>] [--static <dir>] ' +
  '[--trust <issuer>=<key.pem>] [--min-free-mib 64] [--limit <name>=<value>] [--allow-http <origin>] ' +
  '[--lti [--public-url <url>] [--lti-platform <registration.json>] [--no-lti-dynamic-registration]] ' +
  "[--embed-frame-ancestors '<source> ...'] [--clear]\n" +
  CLIENT_VERBS_USAGE;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '3000' },
        listen: { type: 'string' },
        'min-free-mib': { type: 'string', default: '64' },
        data: { type: 'string', default: resolve(REPO_ROOT, '.lta-data') },
        db: { type: 'string', default: 'academy' },
        module: { type: 'string', default: resolve(REPO_ROOT, 'module') },
        static: { type: 'string' },
        clear: { type: 'boolean', default: false },
        trust: { type: 'string', multiple: true, default: [] },
        limit: { type: 'string', multiple: true, default: [] },
        'allow-http': { type: 'string', multiple: true, default: [] },
        lti: { type: 'boolean', default: false },
        'public-url': { type: 'string' },
        'lti-platform': { type: 'string', multiple: true, default: [] },
        'no-lti-dynamic-registration': { type: 'boolean', default: false },
        'embed-frame-ancestors': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const listen = values.listen === undefined ? null : /^(.*):(\d+)$/.exec(values.listen);
  if (listen === null && values.listen !== undefined) {
    console.error(`--listen expects <host>:<port> (e.g. 0.0.0.0:3000), got "${values.listen}"\n${USAGE}`);
    process.exit(2);
  }
  const port = Number(listen ? listen[2] : values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, got "${listen ? listen[2] : values.port}"\n${USAGE}`);
    process.exit(2);
  }
  const minFreeMib = Number(values['min-free-mib']);
  if (!Number.isFinite(minFreeMib) || minFreeMib < 0) {
    console.error(`--min-free-mib must be a number of MiB, got "${values['min-free-mib']}"\n${USAGE}`);
    process.exit(2);
  }
  const trustedIssuers: TrustedIssuer[] = values.trust.map((entry) => {
    const at = entry.lastIndexOf('=');
    if (at <= 0) {
      console.error(`--trust expects <issuer>=<public-key.pem>, got "${entry}"`);
      process.exit(2);
    }
    return { issuer: entry.slice(0, at), publicKey: readFileSync(entry.slice(at + 1), 'utf8') };
  });
  let platforms: PlatformRegistration[];
  try {
    platforms = values['lti-platform'].map((file) => JSON.parse(readFileSync(file, 'utf8')) as PlatformRegistration);
  } catch (err) {
    console.error(`--lti-platform: ${(err as Error).message}`);
    process.exit(2);
  }
  const frameAncestors = values['embed-frame-ancestors'];
  if (frameAncestors !== undefined) {
    try {
      checkFrameAncestors(frameAncestors);
    } catch (err) {
      console.error(`--embed-frame-ancestors: ${(err as Error).message}`);
      process.exit(1);
    }
  }
  let limits: Partial<HostLimits>;
  try {
    limits = { ...limitsFromEnv(), ...parseLimitAssignments(values.limit) };
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const host = await startHost({
    limits,
    port,
    ...(listen ? { hostname: listen[1]!.replace(/^\[(.*)\]$/, '$1') } : {}),
    minFreeBytes: minFreeMib * 1024 * 1024,
    // Fail-stop: the data on disk stays the truth and the supervisor restarts the host from it.
    onWriteFailure: () => process.exit(4),
    dataDir: values.data,
    database: values.db,
    moduleDir: values.module,
    trustedIssuers,
    clear: values.clear,
    guardProcess: true,
    allowHttpTo: values['allow-http'],
    ...(values.lti
      ? {
          lti: {
            platforms,
            ...(values['public-url'] === undefined ? {} : { publicUrl: values['public-url'] }),
            ...(values['no-lti-dynamic-registration'] ? { dynamicRegistration: false } : {}),
          },
        }
      : {}),
    ...(frameAncestors === undefined ? {} : { embed: { frameAncestors } }),
    ...(values.static === undefined ? {} : { staticDir: resolve(values.static) }),
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`lta-host: ${signal} again: exiting without waiting (the commit log may not be flushed)`);
      process.exit(1);
    }
    stopping = true;
    console.log(`lta-host: ${signal}: stopping (closing clients, flushing the commit log)`);
    host.close().then(
      () => {
        console.log('lta-host: stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        console.error(`lta-host: stopping failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Announced only once the signal handlers are in place: whoever waits for this line may stop the host at once.
  const ws = host.url.replace(/^http/, 'ws');
  console.log(`lta-host: database "${host.database}" from ${values.module}`);
  console.log(`  SpacetimeDB URI: ${host.url}  (WebSocket ${ws}/v1/database/${host.database}/subscribe)`);
  if (values.static !== undefined) console.log(`  page:            ${host.url}/`);
  if (host.lti) console.log(`  LTI 1.3 tool:    ${host.lti.issuer}/lti/config  (registration values; docs/lti.md)`);
  if (host.lti?.registrationUrl)
    console.log(`  LMS registration: ${host.lti.registrationUrl}  (secret: give it only to your LMS's admins)`);
}

// `lta-host publish|call|sql|logs|generate|delete ...` are client verbs against a running host; anything else starts one.
runClientVerb(process.argv.slice(2), (text) => process.stdout.write(text))
  .then((ran) => (ran ? undefined : main()))
  .catch((err: unknown) => {
    console.error(`lta-host: ${(err as Error).message}`);
    process.exit(err instanceof VerbError ? err.exitCode : err instanceof CommitLogDamagedError ? 3 : 1);
  });
