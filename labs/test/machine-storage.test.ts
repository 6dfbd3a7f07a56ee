import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCheck } from '../src/check.js';
import type { Check } from '../src/format.js';
import { startingMachine, type MachineState } from '../src/machine/index.js';
import { DEFAULT_FSTAB, type StorageState } from '../src/machine/storage.js';
import { readShellSnapshot, type ShellSnapshot } from '../src/snapshot.js';
import { validateLab } from '../src/validate.js';

function snapshot(machine?: MachineState): ShellSnapshot {
  return {
    version: 1,
    cwd: '/home/learner',
    home: '/home/learner',
    env: {},
    files: {},
    history: [],
    lastOutput: '',
    lastExitCode: 0,
    ...(machine ? { machine } : {}),
  };
}

function outcome(check: Record<string, unknown>, machine?: MachineState): string {
  const result = evaluateCheck({ message: 'goal', ...check } as Check, snapshot(machine));
  return result.passed ? 'pass' : `fail: ${result.reason}`;
}

const USB = {
  name: 'sdb1',
  size: '14.9G',
  fstype: 'vfat',
  label: 'USBSTICK',
  files: { 'report.txt': 'q3\n' },
} as const;

function withStorage(change: (storage: StorageState) => void): MachineState {
  const machine = startingMachine({
    storage: {
      devices: [{ ...USB }, { name: 'sdc1', size: '640K', fstype: 'ext4', mountpoint: '/var/log', used: '100K' }],
    },
  })!;
  change(machine.storage as StorageState);
  return machine;
}

describe('storage part', () => {
  it('starts a declared partition unmounted with its files, and one with a mount point mounted', () => {
    const storage = withStorage(() => {}).storage as StorageState;
    assert.equal(storage.devices[0]!.mountpoint, null);
    assert.equal(storage.devices[0]!.uuid, storage.devices[0]!.uuid.toUpperCase());
    assert.match(storage.devices[0]!.uuid, /^[0-9A-F]{4}-[0-9A-F]{4}$/);
    assert.equal(storage.devices[1]!.mountpoint, '/var/log');
    assert.equal(storage.devices[1]!.usedKib, 104);
    assert.equal(storage.fstab, DEFAULT_FSTAB);
  });

  it('checks where a partition is mounted', () => {
    const unmounted = withStorage(() => {});
    assert.equal(
      outcome({ kind: 'storage-mounted', device: 'sdb1', mountpoint: '/mnt/usb' }, unmounted),
      'fail: /dev/sdb1 is not mounted',
    );
    const mounted = withStorage((s) => void (s.devices[0]!.mountpoint = '/media/usb'));
    assert.equal(
      outcome({ kind: 'storage-mounted', device: 'sdb1', mountpoint: '/mnt/usb' }, mounted),
      'fail: /dev/sdb1 is mounted on /media/usb',
    );
    assert.equal(outcome({ kind: 'storage-mounted', device: 'sdb1' }, mounted), 'pass');
    assert.equal(outcome({ kind: 'storage-mounted', device: 'sdz1' }, mounted), 'fail: this machine has no /dev/sdz1');
  });

  it('accepts an fstab line by device path, UUID or LABEL, and says why a wrong one fails', () => {
    const line = (text: string) => withStorage((s) => void (s.fstab += `${text}\n`));
    const check = { kind: 'storage-fstab-entry', device: 'sdb1', mountpoint: '/mnt/usb' };
    const uuid = (withStorage(() => {}).storage as StorageState).devices[0]!.uuid;
    assert.equal(outcome(check, line(`UUID=${uuid} /mnt/usb vfat defaults 0 0`)), 'pass');
    assert.equal(outcome(check, line('LABEL=USBSTICK /mnt/usb/ auto defaults,nofail 0 0')), 'pass');
    assert.equal(outcome(check, line('/dev/sdb1 /mnt/usb vfat defaults 0 0')), 'pass');
    assert.equal(
      outcome(
        check,
        withStorage(() => {}),
      ),
      'fail: /etc/fstab has no line for /mnt/usb',
    );
    assert.equal(
      outcome(check, line('/dev/sdb1 /mnt/usb ext4 defaults 0 0')),
      'fail: line 5 of /etc/fstab fails: mount: /mnt/usb: wrong fs type, bad option, bad superblock on /dev/sdb1, missing codepage or helper program, or other error.',
    );
    assert.equal(
      outcome(check, line('UUID=0000-0000 /mnt/usb vfat defaults 0 0')),
      "fail: line 5 of /etc/fstab fails: mount: /mnt/usb: can't find UUID=0000-0000.",
    );
    assert.equal(
      outcome(check, line('/dev/sdc1 /mnt/usb ext4 defaults 0 0')),
      'fail: line 5 of /etc/fstab mounts /dev/sdc1, not /dev/sdb1',
    );
  });

  it('checks the room left on the filesystem that holds a path, with ext4 reserving 5% for root', () => {
    // 640K ext4: 608K usable, 104K used.
    assert.equal(
      outcome(
        { kind: 'storage-free-at-least', path: '/var/log/nginx', free: '504K' },
        withStorage(() => {}),
      ),
      'pass',
    );
    assert.equal(
      outcome(
        { kind: 'storage-free-at-least', path: '/var/log', free: '505K' },
        withStorage(() => {}),
      ),
      'fail: /dev/sdc1 (/var/log) has 504K available',
    );
    assert.equal(
      outcome(
        { kind: 'storage-free-at-least', path: '~', free: '10G' },
        withStorage(() => {}),
      ),
      'pass',
    );
  });

  it('names the JSON path of a bad declaration or check', () => {
    const lab = {
      formatVersion: 1,
      id: 'storage-lab',
      title: 'T',
      module: 'storage',
      xp: 10,
      difficulty: 'beginner',
      story: 'S',
      machine: {
        storage: {
          devices: [
            { name: 'sda2', size: '1G' },
            { name: 'sdb1', size: 'big', mountpoint: '/mnt/x', files: { '/abs': 'x' } },
            { name: 'sdc1', size: '8K', fstype: 'ext4', files: { 'a.txt': 'x'.repeat(9000) } },
          ],
        },
      },
      steps: [
        {
          title: 'one',
          instructions: 'do it',
          hints: ['a', 'b'],
          checks: [
            { kind: 'storage-fstab-entry', device: 'sdb1', message: 'm' },
            { kind: 'storage-free-at-least', path: '/var', free: 'lots', message: 'm' },
          ],
        },
      ],
      solution: ['true'],
    };
    const result = validateLab(lab);
    assert.equal(result.ok, false);
    const problems = result.ok ? [] : result.problems;
    for (const expected of [
      'machine.storage.devices[0].name: must be a partition name from "sdb1" to "sdz9" (sda is the root disk)',
      'machine.storage.devices[1].size: must be a size such as "16G", "1.5G", "512M" or "640K"',
      'machine.storage.devices[1].mountpoint: needs an "fstype": only a filesystem can be mounted',
      'machine.storage.devices[1].files: needs an "fstype": files live on a filesystem',
      'machine.storage.devices[1].files key "/abs": must be a path relative to the filesystem\'s top, such as "photos/cat.jpg"',
      'machine.storage.devices[2].used: the files and "used" do not fit in "size"',
      'steps[0].checks[0].mountpoint: must be a string',
      'steps[0].checks[1].free: must be a size such as "300K" or "2G"',
    ])
      assert.ok(problems.includes(expected), `${expected}\nin ${problems.join('\n')}`);
  });

  it('refuses a client state with files outside a partition or beyond the bound', () => {
    const escape = withStorage((s) => void (s.devices[0]!.files = { '../etc/passwd': 'x' }));
    assert.equal(readShellSnapshot(snapshot(escape)).ok, false);
    const huge = withStorage((s) => void (s.devices[0]!.files = { 'big.txt': 'x'.repeat(200_000) }));
    assert.equal(readShellSnapshot(snapshot(huge)).ok, false);
    assert.equal(readShellSnapshot(snapshot(withStorage(() => {}))).ok, true);
  });
});
