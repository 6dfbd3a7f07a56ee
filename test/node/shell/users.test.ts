import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLab, startingMachine, startingSnapshot, validateLab, type Lab } from '@lta/labs';
import { createShell, type Shell } from '@lta/shell';

/** Runs a line; a question (sudo's password) is answered with the next of `answers`. */
async function out(shell: Shell, line: string, ...answers: string[]): Promise<string> {
  return (await shell.run(line, { ask: async () => answers.shift() ?? null })).output;
}

test('ownership is enforced for the learner and lifted for root under sudo', async () => {
  const shell = await createShell();
  assert.equal(await out(shell, 'cat /etc/shadow'), 'cat: /etc/shadow: Permission denied\n');
  assert.equal(await out(shell, 'echo hi > /etc/note'), 'bash: /etc/note: Permission denied\n');
  assert.equal(
    await out(shell, 'sudo cp /etc/hostname /etc/note; ls -l /etc/note | cut -d" " -f1,3,4', 'learner'),
    '-rw-r--r-- root root\n',
  );
  // The sudo timestamp: no second question within the session.
  assert.equal(await out(shell, 'sudo head -c 5 /etc/shadow'), 'root:');
  assert.equal(
    await out(shell, 'chown learner /etc/note'),
    "chown: changing ownership of '/etc/note': Operation not permitted\n",
  );
  assert.equal(
    await out(shell, 'sudo chown learner:learner /etc/note; ls -l /etc/note | cut -d" " -f3,4'),
    'learner learner\n',
  );
});

test('sudo gives up after three wrong passwords, and needs a terminal to ask', async () => {
  const shell = await createShell();
  const wrong = await shell.run('sudo true', { ask: async () => 'nope' });
  assert.deepEqual([wrong.stderr, wrong.exitCode], ['sudo: 3 incorrect password attempts\n', 1]);
  const script = await shell.run('sudo true');
  assert.match(script.stderr, /^sudo: a terminal is required to read the password/);
  assert.equal((await shell.run('echo learner | sudo -S whoami')).stdout, 'root\n');
});

test('only members of group sudo may use it; su to a locked root fails', async () => {
  const shell = await createShell({ machine: startingMachine({ users: { sudo: false, password: 'pw' } }) });
  assert.equal(await out(shell, 'sudo true', 'pw'), 'learner is not in the sudoers file.\n');
  assert.equal(await out(shell, 'su -', 'anything'), 'su: Authentication failure\n');
  assert.equal(await out(shell, 'id'), 'uid=1000(learner) gid=1000(learner) groups=1000(learner)\n');
});

test('/tmp is sticky: others cannot delete a file there; a setgid directory passes its group on', async () => {
  const shell = await createShell();
  await out(
    shell,
    'sudo useradd -m -G sudo ana; sudo groupadd team; sudo touch /tmp/anas; sudo chown ana /tmp/anas',
    'learner',
  );
  assert.equal(await out(shell, 'rm /tmp/anas'), "rm: cannot remove '/tmp/anas': Operation not permitted\n");
  assert.equal(await out(shell, 'ls -ld /tmp | cut -c1-10'), 'drwxrwxrwt\n');
  await out(
    shell,
    'sudo mkdir /srv/team; sudo chgrp team /srv/team; sudo chmod 2777 /srv/team; touch /srv/team/f; mkdir /srv/team/d',
  );
  assert.equal(
    await out(shell, 'ls -l /srv/team | tail -n +2 | cut -d" " -f1,3,4'),
    'drwxr-sr-x learner team\n-rw-r--r-- learner team\n',
  );
  assert.equal(await out(shell, 'find /srv -group team | sort'), '/srv/team\n/srv/team/d\n/srv/team/f\n');
  assert.equal(await out(shell, 'sudo userdel ana; find /tmp -nouser'), '/tmp/anas\n');
  assert.equal(await out(shell, 'ls -l /tmp/anas | cut -d" " -f3'), '1001\n');
});

test('new group membership shows at the next login; su - and sudo -i give a root prompt until exit', async () => {
  const shell = await createShell();
  await out(shell, 'sudo groupadd devs; sudo usermod -aG devs learner', 'learner');
  assert.equal(await out(shell, 'groups; groups learner'), 'learner sudo\nlearner : learner sudo devs\n');
  await out(shell, 'sudo -i');
  assert.equal(shell.prompt(), 'root@academy:~# ');
  assert.equal(await out(shell, 'pwd; whoami; echo $HOME'), '/root\nroot\n/root\n');
  assert.equal(await out(shell, 'exit'), 'logout\n');
  assert.equal(shell.prompt(), 'learner@academy:~$ ');
  assert.equal(await out(shell, 'whoami'), 'learner\n');
});

test('owners, groups and accounts survive a snapshot; the checks read them', async () => {
  const lab: Lab = {
    formatVersion: 1,
    id: 'owners-demo',
    title: 'Owners',
    module: 'users',
    xp: 10,
    difficulty: 'beginner',
    story: 's',
    files: { '/srv/data.txt': { content: 'x\n', owner: 'ana', group: 'finance' } },
    machine: { users: { groups: ['finance'], accounts: [{ name: 'ana', groups: ['finance'] }] } },
    steps: [
      {
        title: 't',
        instructions: 'i',
        hints: ['a', 'b'],
        checks: [
          { kind: 'file-owner', path: '/srv/data.txt', owner: 'learner', group: 'finance', message: 'yours now' },
          { kind: 'user-in-group', user: 'learner', group: 'finance', message: 'you are in finance' },
        ],
      },
    ],
    solution: ['sudo chown learner /srv/data.txt', 'learner', 'sudo usermod -aG finance learner'],
  } as Lab;
  const validated = validateLab(lab);
  assert.ok(validated.ok, validated.ok ? '' : validated.problems.join('\n'));
  const shell = await createShell({ snapshot: startingSnapshot(lab) });
  assert.equal(await out(shell, 'ls -l /srv/data.txt | cut -d" " -f3,4'), 'ana finance\n');
  assert.equal(checkLab(lab, shell.snapshot()).passed, false);
  await out(shell, 'sudo chown learner /srv/data.txt; sudo usermod -aG finance learner', 'learner');
  const snapshot = shell.snapshot();
  assert.equal(checkLab(lab, snapshot).passed, true);
  assert.deepEqual(
    [snapshot.files['/srv/data.txt']!.owner, snapshot.files['/srv/data.txt']!.group],
    ['learner', 'finance'],
  );
  const resumed = await createShell({ snapshot });
  assert.equal(
    await out(resumed, 'ls -l /srv/data.txt | cut -d" " -f3,4; id learner'),
    'learner finance\nuid=1000(learner) gid=1000(learner) groups=1000(learner),27(sudo),1001(finance)\n',
  );
});

test('a lab declaring accounts is validated with JSON paths', () => {
  const lab = {
    formatVersion: 1,
    id: 'bad-users',
    title: 'Bad',
    module: 'users',
    xp: 10,
    difficulty: 'beginner',
    story: 's',
    files: { '/srv/x': { content: 'x', owner: 'Bad Name' } },
    machine: { users: { accounts: [{ name: 'root' }, { name: 'bo', groups: ['nosuch'] }], sudo: 'yes' } },
    steps: [
      {
        title: 't',
        instructions: 'i',
        hints: ['a', 'b'],
        checks: [{ kind: 'user-in-group', user: 'bo', message: 'm' }],
      },
    ],
    solution: ['true'],
  };
  const result = validateLab(lab);
  assert.equal(result.ok, false);
  const problems = result.ok ? [] : result.problems;
  for (const expected of [
    'files["/srv/x"].owner: must be a user or group name such as "alice" or "web-team"',
    'machine.users.sudo: must be true or false',
    'machine.users.accounts[0].name: "root" already exists on the machine',
    'machine.users.accounts[1].groups[0]: must be a group of the machine or of machine.users.groups',
    'steps[0].checks[0].group: must be a string',
  ])
    assert.ok(problems.includes(expected), `missing "${expected}" in:\n${problems.join('\n')}`);
});

test('EUID and UID are readonly as in bash, and setting them never makes the learner root', async () => {
  const shell = await createShell({
    machine: startingMachine({ packages: {}, services: { units: [{ name: 'cron.service', active: true }] } }),
  });
  // Each cheat typed as its own line, as a learner would.
  assert.match(
    await out(shell, 'EUID=0 apt install -y sl; echo "status $?"'),
    /^bash: EUID: readonly variable\nE: Could not open lock file .*\nE: Unable to acquire the dpkg frontend lock .*are you root\?\nstatus 100\n$/,
  );
  assert.equal(await out(shell, 'export EUID=0'), 'bash: EUID: readonly variable\n');
  assert.equal(await out(shell, 'UID=0'), 'bash: UID: readonly variable\n');
  assert.equal(await out(shell, 'unset EUID'), 'bash: unset: EUID: cannot unset: readonly variable\n');
  assert.equal(await out(shell, 'echo $EUID $UID; id -u'), '1000 1000\n1000\n');
  assert.match(
    await out(shell, 'USER=root LOGNAME=root HOME=/root systemctl stop cron; echo "status $?"'),
    /^Failed to stop cron\.service: Interactive authentication required\.\n.*\nstatus 1\n$/,
  );
  assert.equal(await out(shell, 'which sl; systemctl is-active cron'), 'active\n');
  // The real way still works: sudo, after the learner's password.
  assert.match(await out(shell, 'sudo apt install -y sl && which sl', 'learner'), /\/usr\/bin\/sl\n$/);
});
