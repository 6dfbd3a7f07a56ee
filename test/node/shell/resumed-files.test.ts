import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeLabState, encodeLabState, startingFiles, startingMachine, type Lab } from '@lta/labs';
import { createShell, type Shell } from '@lta/shell';

const CONFIG = `# the shop's settings\n${'option=on\n'.repeat(10)}port=80\n`;

/** A lab whose files root owns: one it declares, one in the learner's home; the machine's own files come with every lab. */
const lab = {
  files: {
    '/etc/shop.conf': { content: CONFIG, mode: '640', owner: 'root' },
    '~/notes.txt': 'port changed\n',
  },
  machine: {},
} as unknown as Lab;

/** Runs `line`; a question (sudo's password) gets the learner's password. */
async function run(shell: Shell, line: string): Promise<string> {
  return (await shell.run(line, { ask: async () => 'learner' })).output;
}

/** What `ls -l` says of each path (mode, owner, group, size), then each file's contents as root reads them. */
async function state(shell: Shell, paths: string[]): Promise<string> {
  return run(shell, `ls -l ${paths.join(' ')} | awk '{print $1, $3, $4, $5, $9}'; sudo cat ${paths.join(' ')}`);
}

test('files root owns, changed as root, are the same after the lab is saved and resumed', async () => {
  const start = startingFiles(lab);
  const shell = await createShell({ files: start, machine: startingMachine(lab.machine) });
  await run(shell, "sudo sed -i 's/port=80/port=8080/' /etc/shop.conf");
  await run(shell, "echo '127.0.1.1 shop.local' | sudo tee -a /etc/hosts");
  await run(shell, 'sudo chmod 600 /etc/hostname');
  await run(shell, 'sudo chown root:root ~/notes.txt');
  // A copy of a starting file keeps its own owner, not its source's.
  await run(shell, 'sudo cp /etc/shop.conf ~/shop.conf.bak');
  const paths = [
    '/etc/shop.conf',
    '/etc/hosts',
    '/etc/hostname',
    '/home/learner/notes.txt',
    '/home/learner/shop.conf.bak',
  ];
  const before = await state(shell, paths);
  assert.match(before, /^-rw-r----- root root \d+ \/etc\/shop\.conf\n/m);
  assert.match(before, /^-rw-r--r-- root root \d+ \/home\/learner\/notes\.txt$/m);
  assert.match(before, /127\.0\.1\.1 shop\.local/);

  const saved = await encodeLabState(shell.snapshot(), start);
  const reading = decodeLabState(saved, start);
  assert.ok(reading.ok, reading.ok ? '' : reading.problem);
  const resumed = await createShell({ snapshot: reading.snapshot });
  assert.equal(await state(resumed, paths), before);
});
