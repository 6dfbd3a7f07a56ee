/**
 * The `lta-host` flags for embeds and LTI: an operator sets the embed pages' frame-ancestors and turns off LTI
 * dynamic registration from the command line (or reads the registration URL it prints), and a bad source list stops
 * the host at start with a clear error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHostProcess, stopHost } from '../durability/host-process.js';

const MODULE_DIR = fileURLToPath(new URL('../../../module', import.meta.url));
const HOST_CLI = fileURLToPath(new URL('../../bin/lta-host.ts', import.meta.url));

test('--embed-frame-ancestors sets the CSP of embed pages and --no-lti-dynamic-registration refuses /lti/register', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lta-embed-cli-'));
  const host = await startHostProcess({
    dataDir,
    moduleDir: MODULE_DIR,
    database: 'academy',
    extra: [
      '--lti',
      '--no-lti-dynamic-registration',
      '--embed-frame-ancestors',
      "'self' https://school.instructure.com",
    ],
  });
  try {
    const page = await fetch(`${host.url}/embed/leaderboard`);
    assert.equal(page.status, 200);
    assert.match(
      page.headers.get('content-security-policy') ?? '',
      /frame-ancestors 'self' https:\/\/school\.instructure\.com(;|$)/,
    );
    const register = await fetch(
      `${host.url}/lti/register?openid_configuration=https://lms.example/.well-known/openid-configuration`,
    );
    assert.equal(register.status, 403);
    assert.match(await register.text(), /Dynamic registration is turned off/);
  } finally {
    await stopHost(host);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('an --embed-frame-ancestors that is not a CSP source list stops the host with exit 1 and says which source', () => {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', HOST_CLI, '--port', '0', '--embed-frame-ancestors', "'self'; script-src *"],
    {
      encoding: 'utf8',
    },
  );
  assert.equal(run.status, 1);
  assert.match(run.stderr, /--embed-frame-ancestors: .*"'self';" is not a CSP source/);
});

test('lta-host --lti prints the LMS registration URL, and only that URL registers', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lta-embed-cli-'));
  const host = await startHostProcess({ dataDir, moduleDir: MODULE_DIR, database: 'academy', extra: ['--lti'] });
  try {
    let printed: string | undefined;
    for (let wait = 0; !printed && wait < 100; wait++) {
      printed = /LMS registration: (\S+)/.exec(host.output())?.[1];
      if (!printed) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(printed, `the registration URL is printed: ${host.output()}`);
    assert.ok(printed.startsWith(`${host.url}/lti/register/`), printed);
    // The printed URL gets as far as reading the LMS's configuration URL; another one is refused at once.
    const registering = await fetch(`${printed}?openid_configuration=not-a-url`);
    assert.equal(registering.status, 400);
    assert.match(await registering.text(), /not an http\(s\) URL/);
    const guessed = await fetch(`${host.url}/lti/register?openid_configuration=not-a-url`);
    assert.equal(guessed.status, 403);
  } finally {
    await stopHost(host);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
