import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCheck } from '../src/check.js';
import { startingSnapshot } from '../src/starting-snapshot.js';
import type { Lab } from '../src/format.js';
import { readShellSnapshot } from '../src/snapshot.js';
import { validateLab } from '../src/validate.js';
import { readmeExampleLab } from './readme-example.js';

const network = {
  hosts: [
    {
      name: 'web01',
      address: '10.0.0.11',
      password: 'tulip',
      services: [
        { port: 22, kind: 'ssh' },
        { port: 80, kind: 'http', root: '~/site' },
      ],
      files: { '~/site/index.html': '<h1>Shop</h1>\n' },
    },
  ],
} as const;

function labWith(machine: unknown, checks: unknown[] = []): unknown {
  const lab = readmeExampleLab() as unknown as Lab;
  return {
    ...lab,
    machine,
    steps: [{ ...lab.steps[0], checks: [...lab.steps[0]!.checks, ...checks] }, ...lab.steps.slice(1)],
  };
}

describe('the network a lab declares', () => {
  it('accepts hosts with services and their own files', () => {
    const result = validateLab(
      labWith({ network }, [
        {
          kind: 'host-file-contains',
          host: 'web01',
          path: '~/site/index.html',
          text: 'Shop',
          message: 'The page is there',
        },
      ]),
    );
    assert.deepEqual(result.ok ? [] : result.problems, []);
  });

  it('names the JSON path of each mistake', () => {
    const result = validateLab(
      labWith({
        network: {
          hosts: [
            {
              name: 'Web 01',
              address: '10.0.0.300',
              services: [
                { port: 80, kind: 'gopher' },
                { port: 80, kind: 'ssh', root: '~/x' },
              ],
              files: { 'site/x': 'a' },
            },
            { name: 'db01', address: '127.0.0.9' },
          ],
          dns: { 'shop.example.com': 'nowhere' },
        },
      }),
    );
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.problems, [
      'machine.network.hosts[0].name: must be a hostname: lowercase letters, digits and -, starting with a letter',
      'machine.network.hosts[0].address: must be an IPv4 address outside 127.0.0.0/8, e.g. "10.0.0.11"',
      'machine.network.hosts[0].services[0].kind: must be "ssh", "http" or "tcp"',
      'machine.network.hosts[0].services[1].port: is already taken by another service',
      'machine.network.hosts[0].services[1]: only an "http" service has a root or routes',
      'machine.network.hosts[0].files["site/x"]: path must be absolute or start with ~/ (and not be / itself)',
      'machine.network.hosts[1].address: must be an IPv4 address outside 127.0.0.0/8, e.g. "10.0.0.11"',
      'machine.network.dns["shop.example.com"]: must be an IPv4 address',
    ]);
  });

  it('checks files on a host, and keys only ssh-keygen made', () => {
    const snapshot = startingSnapshot({ files: {}, machine: { network } as never });
    const check = (kind: string, extra: Record<string, string>) =>
      evaluateCheck({ kind, host: 'web01', message: 'm', ...extra } as never, snapshot).passed;
    assert.equal(check('host-file-contains', { path: '~/site/index.html', text: 'Shop' }), true);
    assert.equal(check('host-file-contains', { path: '~/site/index.html', text: 'Closed' }), false);
    assert.equal(check('host-file-exists', { path: '/home/learner/site' }), true);
    assert.equal(check('host-file-exists', { path: '~/backup.tar' }), false);
    const state = snapshot.machine!.network as { keys: string[]; hosts: { files: Record<string, unknown> }[] };
    const typedKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHandTypedKeyHandTypedKeyHandTypedKey learner@academy';
    state.hosts[0]!.files['/home/learner/.ssh/authorized_keys'] = {
      type: 'file',
      mode: 0o600,
      content: `${typedKey}\n`,
    };
    assert.equal(check('ssh-key-installed', {}), false);
    state.keys.push(typedKey.split(' ').slice(0, 2).join(' '));
    assert.equal(check('ssh-key-installed', {}), true);
  });

  it('refuses a saved network state of the wrong shape or size', () => {
    const snapshot = startingSnapshot({ files: {}, machine: { network } as never });
    assert.equal(readShellSnapshot(snapshot).ok, true);
    const bad = structuredClone(snapshot);
    (bad.machine!.network as { hosts: unknown }).hosts = [{ name: 'web01' }];
    assert.equal(readShellSnapshot(bad).ok, false);
    const huge = structuredClone(snapshot);
    (huge.machine!.network as { hosts: { files: Record<string, unknown> }[] }).hosts[0]!.files['/big'] = {
      type: 'file',
      mode: 0o644,
      content: 'x'.repeat(200_000),
    };
    assert.equal(readShellSnapshot(huge).ok, false);
  });
});
