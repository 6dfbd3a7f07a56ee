import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLab, debFile, startingMachine, type Lab, type LabMachine } from '@lta/labs';
import { createShell, keysFromNotation, type Shell } from '@lta/shell';
import { enterScript } from './terminal-driver.js';

const BROKEN_SITE = 'server {\n\tlisen 8080;\n\troot /var/www/shop;\n}\n';

/** A shell on `machine` with the learner's `files` (`~/...`) and root's `links` (path to target). */
async function machineShell(
  machine: LabMachine,
  files: Record<string, string> = {},
  links: Record<string, string> = {},
) {
  const shell = await createShell({
    machine: startingMachine(machine),
    files: {
      ...Object.fromEntries(
        Object.entries(files).map(([path, content]) => [
          path.replace('~', '/home/learner'),
          { type: 'file' as const, mode: 0o644, content },
        ]),
      ),
      ...Object.fromEntries(
        Object.entries(links).map(([path, target]) => [path, { type: 'symlink' as const, mode: 0o777, target }]),
      ),
    },
  });
  // The learner gives sudo their password once; later `sudo` lines in the session need none.
  await shell.run('sudo -v', { ask: async () => 'learner' });
  return shell;
}

function passes(
  check: Record<string, unknown>,
  snapshot: ReturnType<Awaited<ReturnType<typeof createShell>>['snapshot']>,
): boolean {
  const lab = {
    steps: [{ title: 't', instructions: 'i', hints: [], checks: [{ message: 'm', ...check }] }],
  } as unknown as Lab;
  return checkLab(lab, snapshot).passed;
}

test("a package's program is on PATH only while it is installed", async () => {
  const shell = await machineShell({ packages: {} });
  assert.equal((await shell.run('htop; echo "status $?"')).output, 'bash: htop: command not found\nstatus 127\n');
  await shell.run('sudo apt install -y htop');
  assert.equal((await shell.run('which htop; command -v htop')).output, '/usr/bin/htop\n/usr/bin/htop\n');
  assert.equal(passes({ kind: 'package-installed', package: 'htop' }, shell.snapshot()), true);
  await shell.run('sudo apt remove -y htop');
  assert.equal((await shell.run('which htop; echo "status $?"')).output, 'status 1\n');
  assert.equal(passes({ kind: 'package-absent', package: 'htop' }, shell.snapshot()), true);
});

test('apt refuses a learner who is not root, with its real message, and changes nothing', async () => {
  const shell = await machineShell({ packages: {} });
  const run = await shell.run('apt install jq; echo "status $?"');
  assert.equal(
    run.output,
    'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\nstatus 100\n',
  );
  assert.equal(passes({ kind: 'package-installed', package: 'jq' }, shell.snapshot()), false);
});

test('a fresh machine finds no package until apt update has fetched the lists; install brings dependencies', async () => {
  const shell = await machineShell({ packages: { updated: false } });
  assert.match(
    (await shell.run('sudo apt install -y jq; echo "status $?"')).output,
    /E: Unable to locate package jq\nstatus 100\n$/,
  );
  await shell.run('sudo apt update');
  const install = (await shell.run('sudo apt install -y jq')).output;
  assert.match(
    install,
    /The following NEW packages will be installed:\n {2}jq libjq1 libonig5\n0 upgraded, 3 newly installed, 0 to remove and 0 not upgraded\.\n/,
  );
  assert.equal((await shell.run('echo \'{"a":[1,2]}\' | jq ".a[1]"')).output, '2\n');
  assert.equal(
    (await shell.run("dpkg -S /usr/bin/jq; dpkg -l jq | tail -1 | awk '{print $1, $2, $3}'")).output,
    'jq: /usr/bin/jq\nii jq 1.6-2.1\n',
  );
  assert.match((await shell.run('cat /var/lib/dpkg/status')).output, /Package: jq\nStatus: install ok installed\n/);
});

test('removing keeps configuration files (rc), purging deletes them; dependencies are left for autoremove', async () => {
  const shell = await machineShell({ packages: { installed: ['nginx'] } });
  await shell.run('sudo apt remove -y nginx nginx-common');
  assert.equal(
    (await shell.run("ls /etc/nginx/nginx.conf; dpkg -l | grep nginx | awk '{print $1, $2}'")).output,
    '/etc/nginx/nginx.conf\nrc nginx-common\n',
  );
  assert.equal(passes({ kind: 'package-absent', package: 'nginx-common', purged: true }, shell.snapshot()), false);
  await shell.run('sudo apt purge -y nginx-common');
  assert.equal(
    (await shell.run('ls /etc/nginx 2>&1')).output,
    "ls: cannot access '/etc/nginx': No such file or directory\n",
  );
  assert.equal(passes({ kind: 'package-absent', package: 'nginx-common', purged: true }, shell.snapshot()), true);
});

test('a web server that will not start: the journal says why; fixed and restarted it runs, enabled at boot', async () => {
  const shell = await machineShell(
    { packages: { installed: ['nginx'] }, services: { units: [{ name: 'nginx.service', active: true }] } },
    { '~/sites/shop.conf': BROKEN_SITE },
    { '/etc/nginx/sites-enabled/shop': '/home/learner/sites/shop.conf' },
  );
  const status = await shell.run('systemctl status nginx');
  assert.equal(status.exitCode, 3);
  assert.match(status.output, /^× nginx\.service - A high performance web server/);
  assert.match(status.output, /Active: failed \(Result: exit-code\)/);
  assert.match(
    (await shell.run('journalctl -u nginx -p err')).output,
    /nginx: \[emerg\] unknown directive "lisen" in \/etc\/nginx\/sites-enabled\/shop:2\n/,
  );
  assert.equal(passes({ kind: 'service-state', service: 'nginx.service', active: 'failed' }, shell.snapshot()), true);
  // Starting again without a fix fails the same way.
  assert.match(
    (await shell.run('sudo systemctl restart nginx')).output,
    /^Job for nginx\.service failed because the control process exited with error code\./,
  );
  await shell.run("sed -i 's/lisen/listen/' ~/sites/shop.conf");
  assert.equal(
    (await shell.run('nginx -t')).output,
    'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
  );
  await shell.run('sudo systemctl restart nginx && sudo systemctl enable nginx');
  assert.equal((await shell.run('systemctl is-active nginx; systemctl is-enabled nginx')).output, 'active\nenabled\n');
  assert.equal(
    passes({ kind: 'service-state', service: 'nginx.service', active: 'active', enabled: true }, shell.snapshot()),
    true,
  );
});

test('an edited unit file takes effect after daemon-reload, as on Linux', async () => {
  const unit = (message: string) =>
    `[Unit]\nDescription=Greeter\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/echo ${message}\n[Install]\nWantedBy=multi-user.target\n`;
  // The unit file is the learner's, linked into /etc/systemd/system (as `systemctl link` does).
  const shell = await machineShell(
    {},
    { '~/greet.service': unit('hello') },
    { '/etc/systemd/system/greet.service': '/home/learner/greet.service' },
  );
  await shell.run('sudo systemctl start greet');
  assert.match(
    (await shell.run('journalctl -u greet -n 2')).output,
    /echo\[\d+\]: hello\n.*Started greet\.service - Greeter\.\n$/,
  );
  await shell.run(`printf '${unit('bonjour').replace(/\n/g, '\\n')}' > ~/greet.service`);
  const restart = await shell.run('sudo systemctl restart greet');
  assert.match(restart.output, /changed on disk\. Run 'systemctl daemon-reload' to reload units\./);
  assert.doesNotMatch((await shell.run('journalctl -u greet')).output, /bonjour/);
  await shell.run('sudo systemctl daemon-reload && sudo systemctl restart greet');
  assert.match((await shell.run('journalctl -u greet')).output, /echo\[\d+\]: bonjour\n/);
});

test('crontab installs a file or stdin, refuses a bad schedule, and the cron-entry check reads it', async () => {
  const shell = await machineShell({});
  assert.equal((await shell.run('crontab -l; echo "status $?"')).output, 'no crontab for learner\nstatus 1\n');
  assert.equal(
    (await shell.run('echo "61 3 * * * ~/backup.sh" | crontab -; echo "status $?"')).output,
    '"-":1: bad minute\nerrors in crontab file, can\'t install.\nstatus 1\n',
  );
  await shell.run('echo "0 3 * * * ~/backup.sh" > jobs && crontab jobs');
  assert.equal((await shell.run('crontab -l')).output, '0 3 * * * ~/backup.sh\n');
  assert.equal(passes({ kind: 'cron-entry', command: 'backup\\.sh', schedule: '0 3 * * *' }, shell.snapshot()), true);
});

test('a saved session resumes with its packages and services as they were', async () => {
  const shell = await machineShell({ packages: { installed: ['nginx'] } });
  await shell.run('sudo apt install -y cowsay; sudo systemctl stop nginx');
  const resumed = await createShell({ snapshot: shell.snapshot() });
  assert.equal(
    (await resumed.run('cowsay moo | head -2; systemctl is-active nginx')).output,
    ' _____\n< moo >\ninactive\n',
  );
});

test('apt asks "Do you want to continue? [Y/n]" at the terminal, after what it will do; n aborts, Enter goes on, -y skips it', async () => {
  const shell = await machineShell({ packages: {} });
  const asked: string[] = [];
  const answering = (answer: string) => ({
    ask: async ({ prompt }: { prompt: string }) => (asked.push(prompt), answer),
  });
  const refused = await shell.run('sudo apt install cowsay', answering('n'));
  assert.equal(refused.exitCode, 1);
  assert.match(
    asked[0]!,
    /The following NEW packages will be installed:\n {2}cowsay libtext-charwidth-perl\n[^]*Do you want to continue\? \[Y\/n\] $/,
  );
  assert.equal(refused.output, 'Abort.\n');
  assert.equal(passes({ kind: 'package-installed', package: 'cowsay' }, shell.snapshot()), false);
  const accepted = await shell.run('sudo apt install cowsay', answering(''));
  assert.equal(accepted.exitCode, 0);
  assert.match(accepted.output, /^Get:1 [^]*Setting up cowsay/);
  assert.equal(passes({ kind: 'package-installed', package: 'cowsay' }, shell.snapshot()), true);
  asked.length = 0;
  const removal = await shell.run('sudo apt remove -y cowsay', answering('n'));
  assert.deepEqual(asked, []);
  // Run through sudo, apt names the command with sudo, as Debian's does.
  assert.match(removal.output, /Use 'sudo apt autoremove' to remove it\.\n/);
  assert.equal(passes({ kind: 'package-absent', package: 'cowsay' }, shell.snapshot()), true);
});

const DEB = '~/downloads/skyline-agent_2.3.1_amd64.deb';

test('dpkg -I and -c look inside a .deb; file knows one; a file that is not one is refused as dpkg-deb does', async () => {
  const shell = await machineShell({ packages: { installed: [] } }, { [DEB]: debFile('skyline-agent') });
  assert.equal(
    (await shell.run(`file ${DEB}`)).output,
    '/home/learner/downloads/skyline-agent_2.3.1_amd64.deb: Debian binary package (format 2.0), with control.tar.xz, data compression xz\n',
  );
  const info = await shell.run(`dpkg -I ${DEB}`);
  assert.match(info.output, /^ new Debian package, version 2\.0\.\n size \d+ bytes: control archive=\d+ bytes\.\n/);
  assert.match(info.output, /\n Package: skyline-agent\n Version: 2\.3\.1\n[^]*\n Depends: jq\n/);
  assert.match(
    (await shell.run(`dpkg -c ${DEB}`)).output,
    /^drwxr-xr-x root\/root +0 2024-05-02 09:14 \.\/\n[^]*-rwxr-xr-x root\/root +\d+ 2024-05-02 09:14 \.\/usr\/bin\/skyline-agent\n/,
  );
  await shell.run('echo not a package > ~/fake.deb');
  const fake = await shell.run('sudo dpkg -i ~/fake.deb; echo "status $?"');
  assert.equal(
    fake.output,
    "dpkg-deb: error: '/home/learner/fake.deb' is not a Debian format archive\ndpkg: error processing archive /home/learner/fake.deb (--install):\n dpkg-deb --control subprocess returned error exit status 2\nErrors were encountered while processing:\n /home/learner/fake.deb\nstatus 1\n",
  );
});

test('dpkg -i leaves a package whose dependency is missing unconfigured (iU); apt -f install fetches it and configures', async () => {
  const shell = await machineShell({ packages: { installed: [] } }, { [DEB]: debFile('skyline-agent') });
  assert.equal(
    (await shell.run(`dpkg -i ${DEB}; echo "status $?"`)).output,
    'dpkg: error: requested operation requires superuser privilege\nstatus 2\n',
  );
  const dpkg = await shell.run('cd ~/downloads && sudo dpkg -i skyline-agent_2.3.1_amd64.deb; echo "status $?"');
  assert.match(
    dpkg.output,
    /^Selecting previously unselected package skyline-agent\.\n\(Reading database \.\.\. \d+ files and directories currently installed\.\)\nPreparing to unpack skyline-agent_2\.3\.1_amd64\.deb \.\.\.\nUnpacking skyline-agent \(2\.3\.1\) \.\.\.\n/,
  );
  assert.match(
    dpkg.output,
    /dpkg: dependency problems prevent configuration of skyline-agent:\n skyline-agent depends on jq; however:\n {2}Package jq is not installed\.\n\ndpkg: error processing package skyline-agent \(--install\):\n dependency problems - leaving unconfigured\nErrors were encountered while processing:\n skyline-agent\nstatus 1\n$/,
  );
  assert.match(
    (await shell.run('dpkg -l skyline-agent')).output,
    /\niU {2}skyline-agent +2\.3\.1 +amd64 +Skyline monitoring agent\n$/,
  );
  assert.match(
    (await shell.run('dpkg -s skyline-agent')).output,
    /^Package: skyline-agent\nStatus: install ok unpacked\n/,
  );
  assert.equal(passes({ kind: 'package-installed', package: 'skyline-agent' }, shell.snapshot()), false);
  // A saved session resumes with the package still half-installed.
  const resumed = await createShell({ snapshot: shell.snapshot() });
  assert.match((await resumed.run('dpkg -l skyline-agent')).output, /\niU {2}skyline-agent/);
  // apt will not install anything else while a package is broken...
  const blocked = await shell.run('sudo apt install -y tree; echo "status $?"');
  assert.match(
    blocked.output,
    /You might want to run 'apt --fix-broken install' to correct these\.\nThe following packages have unmet dependencies:\n skyline-agent : Depends: jq but it is not going to be installed\nE: Unmet dependencies\. Try 'apt --fix-broken install' with no packages \(or specify a solution\)\.\nstatus 100\n$/,
  );
  assert.equal(passes({ kind: 'package-installed', package: 'tree' }, shell.snapshot()), false);
  // ...until -f brings what it lacks: apt asks first, then configures it.
  const asked: string[] = [];
  const fixed = await shell.run('sudo apt -f install', { ask: async ({ prompt }) => (asked.push(prompt), 'y') });
  assert.match(
    asked[0]!,
    /Correcting dependencies\.\.\. Done\nThe following additional packages will be installed:\n {2}jq libjq1 libonig5\nThe following NEW packages will be installed:\n {2}jq libjq1 libonig5\n0 upgraded, 3 newly installed, 0 to remove and 0 not upgraded\.\n1 not fully installed or removed\.\n/,
  );
  assert.match(fixed.output, /Setting up jq \(1\.6-2\.1\) \.\.\.\nSetting up skyline-agent \(2\.3\.1\) \.\.\.\n/);
  assert.equal(passes({ kind: 'package-installed', package: 'skyline-agent' }, shell.snapshot()), true);
  assert.match((await shell.run('dpkg -l skyline-agent')).output, /\nii {2}skyline-agent/);
  assert.match(
    (await shell.run('apt list --installed 2>/dev/null | grep -e skyline -e "^jq/"')).output,
    /^jq\/stable,now 1\.6-2\.1 amd64 \[installed,automatic\]\nskyline-agent\/now 2\.3\.1 amd64 \[installed,local\]\n$/,
  );
  assert.equal((await shell.run('skyline-agent --version')).output, 'skyline-agent 2.3.1\n');
});

test('apt install ./FILE.deb installs a local package with its dependencies; apt itself never offers a vendor package', async () => {
  const shell = await machineShell({ packages: { installed: [] } }, { [DEB]: debFile('skyline-agent') });
  assert.match(
    (await shell.run('sudo apt install -y skyline-agent; echo "status $?"')).output,
    /E: Unable to locate package skyline-agent\nstatus 100\n$/,
  );
  assert.match(
    (await shell.run('cd ~/downloads && sudo apt install -y ./nothing.deb; echo "status $?"')).output,
    /E: Unsupported file \.\/nothing\.deb given on commandline\nstatus 100\n$/,
  );
  const run = await shell.run('sudo apt install -y ./skyline-agent_2.3.1_amd64.deb');
  assert.match(run.output, /Note, selecting 'skyline-agent' instead of '\.\/skyline-agent_2\.3\.1_amd64\.deb'\n/);
  assert.match(run.output, /The following NEW packages will be installed:\n {2}jq libjq1 libonig5 skyline-agent\n/);
  assert.match(
    run.output,
    /Get:4 \/home\/learner\/downloads\/skyline-agent_2\.3\.1_amd64\.deb skyline-agent amd64 2\.3\.1 /,
  );
  assert.match(
    run.output,
    /N: Download is performed unsandboxed as root as file '\/home\/learner\/downloads\/skyline-agent_2\.3\.1_amd64\.deb' couldn't be accessed by user '_apt'\. - pkgAcquire::Run \(13: Permission denied\)\n$/,
  );
  assert.equal(passes({ kind: 'package-installed', package: 'skyline-agent' }, shell.snapshot()), true);
  assert.equal(passes({ kind: 'package-installed', package: 'jq' }, shell.snapshot()), true);
  assert.match(
    (await shell.run('apt show skyline-agent')).output,
    /\nMaintainer: Skyline Monitoring <support@skyline\.example>\n[^]*\nAPT-Sources: \/var\/lib\/dpkg\/status\n/,
  );
});

test('apt install ./FILE.deb on a machine whose package lists were never fetched cannot find the dependencies', async () => {
  const shell = await machineShell(
    { packages: { installed: [], updated: false } },
    { [DEB]: debFile('skyline-agent') },
  );
  const run = await shell.run(`sudo apt install -y ${DEB}; echo "status $?"`);
  assert.match(
    run.output,
    /The following packages have unmet dependencies:\n skyline-agent : Depends: jq but it is not installable\nE: Unable to correct problems, you have held broken packages\.\nstatus 100\n$/,
  );
  assert.equal(passes({ kind: 'package-installed', package: 'skyline-agent' }, shell.snapshot()), false);
  await shell.run('sudo apt update');
  assert.equal((await shell.run(`sudo apt install -y ${DEB} > /dev/null; echo "status $?"`)).output, 'status 0\n');
  assert.equal(passes({ kind: 'package-installed', package: 'skyline-agent' }, shell.snapshot()), true);
});

/** Runs `line` at a terminal: each of `lines` answers a question, or is an open editor's keys (vim's notation). */
async function typed(shell: Shell, line: string, lines: string[] = []) {
  const prompts: string[] = [];
  const result = await shell.run(line, {
    ask: async ({ prompt }) => (prompts.push(prompt), lines.shift() ?? null),
    fullScreen: async (program) => {
      while (!program.done && lines.length > 0) await program.input(keysFromNotation(lines.shift()!));
    },
  });
  return { ...result, prompts };
}

const TO_END_OF_TEMPLATE = '<Down>'.repeat(23);

test("crontab -e opens nano on Debian's template and installs what is saved; no change installs nothing", async () => {
  const shell = await machineShell({});
  const edit = await typed(shell, 'crontab -e', [`${TO_END_OF_TEMPLATE}0 3 * * * ~/backup.sh<C-o><Enter><C-x>`]);
  assert.equal(edit.output, 'no crontab for learner - using an empty one\ncrontab: installing new crontab\n');
  const listed = (await shell.run('crontab -l')).output;
  assert.match(
    listed,
    /^# Edit this file to introduce tasks to be run by cron\.\n[^]*# m h {2}dom mon dow {3}command\n0 3 \* \* \* ~\/backup\.sh\n$/,
  );
  assert.equal(passes({ kind: 'cron-entry', command: 'backup\\.sh', schedule: '0 3 * * *' }, shell.snapshot()), true);
  assert.equal((await typed(shell, 'crontab -e', ['<C-x>'])).output, 'crontab: no changes made to crontab\n');
  // The temporary copy is gone once the edit is over.
  assert.equal((await shell.run('ls /tmp | grep -c crontab')).output, '0\n');
});

test('crontab -e refuses a bad line as cron does and asks to retry; y reopens the editor, n leaves the edits in /tmp', async () => {
  const shell = await machineShell({});
  await shell.run('echo "0 3 * * * ~/backup.sh" | crontab -');
  // VISUAL wins over EDITOR, as in cron.
  const retried = await typed(shell, 'VISUAL=vim EDITOR=nano crontab -e', [
    'Go0 4 * * ~/clean.sh<Esc>:wq<Enter>',
    'y',
    'Gddo0 4 * * * ~/clean.sh<Esc>:wq<Enter>',
  ]);
  assert.match(
    retried.prompts[0]!,
    /^crontab: installing new crontab\n"\/tmp\/crontab\.\w{6}\/crontab":2: bad day-of-week\nerrors in crontab file, can't install\.\nDo you want to retry the same edit\? \(y\/n\) $/,
  );
  assert.equal(retried.output, 'crontab: installing new crontab\n');
  assert.equal((await shell.run('crontab -l')).output, '0 3 * * * ~/backup.sh\n0 4 * * * ~/clean.sh\n');
  const left = await typed(shell, 'EDITOR=vim crontab -e', ['ggiX<Esc>:wq<Enter>', 'n']);
  assert.match(left.prompts[0]!, /":1: bad minute\n/);
  assert.match(left.output, /^crontab: edits left in \/tmp\/crontab\.\w{6}\/crontab\n$/);
  assert.equal((await shell.run('crontab -l')).output, '0 3 * * * ~/backup.sh\n0 4 * * * ~/clean.sh\n');
  assert.equal(
    (await shell.run('cat /tmp/crontab.*/crontab')).output,
    'X0 3 * * * ~/backup.sh\n0 4 * * * ~/clean.sh\n',
  );
});

test('crontab -e reports an editor that does not exist as cron does, and changes nothing', async () => {
  const shell = await machineShell({});
  const run = await typed(shell, 'EDITOR=emacs crontab -e; echo "status $?"');
  assert.match(run.output, /emacs: command not found\n[^]*crontab: "emacs" exited with status 127\nstatus 1\n$/);
  assert.equal((await shell.run('crontab -l; ls /tmp | grep -c crontab')).output, 'no crontab for learner\n0\n');
});

test("crontab -e at the learner's terminal: the editor takes the keys, cron's question the next line", async () => {
  const shell = await machineShell({});
  const { screen } = await enterScript(
    shell,
    [
      'crontab -e',
      `${TO_END_OF_TEMPLATE}0 3 * * ~/backup.sh<C-x>y<Enter>`,
      'y',
      `${TO_END_OF_TEMPLATE}${'<Right>'.repeat(8)}* <C-x>y<Enter>`,
      'crontab -l | tail -1',
    ].join('\n'),
    'typed',
  );
  assert.match(
    screen,
    /":24: bad day-of-week\r?\nerrors in crontab file, can't install\.\r?\nDo you want to retry the same edit\? \(y\/n\) y/,
  );
  assert.match(screen, /crontab: installing new crontab\r?\n[^]*0 3 \* \* \* ~\/backup\.sh\r?\n/);
  assert.equal(passes({ kind: 'cron-entry', command: 'backup\\.sh', schedule: '0 3 * * *' }, shell.snapshot()), true);
});
