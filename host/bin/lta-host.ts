#!/usr/bin/env -S node --import tsx
/**
 * Runs the host: `node --import tsx host/bin/lta-host.ts [--port 3000] [--data .lta-data] [--db academy]
 * [--module module] [--static demo] [--trust ISSUER=PUBLIC_KEY.pem]... [--limit NAME=VALUE]... [--clear]`
 * Limits also come from the environment (LTA_MAX_ANSWER_BYTES=...; see host/README.md, "Limits"); --limit wins.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, startHost, type TrustedIssuer } from '../src/index.js';
import { limitsFromEnv, parseLimitAssignments, type HostLimits } from '../src/server/limits/host-limits.js';

const USAGE = `usage: lta-host [--port 3000] [--data <dir>] [--db academy] [--module <dir>] [--static <dir>] [--trust <issuer>=<key.pem>] [--limit <name>=<value>] [--clear]`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '3000' },
        data: { type: 'string', default: resolve(REPO_ROOT, '.lta-data') },
        db: { type: 'string', default: 'academy' },
        module: { type: 'string', default: resolve(REPO_ROOT, 'module') },
        static: { type: 'string' },
        clear: { type: 'boolean', default: false },
        trust: { type: 'string', multiple: true, default: [] },
        limit: { type: 'string', multiple: true, default: [] },
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
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, got "${values.port}"\n${USAGE}`);
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
    dataDir: values.data,
    database: values.db,
    moduleDir: values.module,
    trustedIssuers,
    clear: values.clear,
    ...(values.static === undefined ? {} : { staticDir: resolve(values.static) }),
  });
  const ws = host.url.replace(/^http/, 'ws');
  console.log(`lta-host: database "${host.database}" from ${values.module}`);
  console.log(`  SpacetimeDB URI: ${host.url}  (WebSocket ${ws}/v1/database/${host.database}/subscribe)`);
  if (values.static !== undefined) console.log(`  page:            ${host.url}/`);
  const stop = () => {
    host.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`lta-host: ${(err as Error).message}`);
  process.exit(1);
});
