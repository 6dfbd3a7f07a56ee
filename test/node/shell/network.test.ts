import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStep, readShellSnapshot, startingMachine, type NetworkDeclaration } from '@lta/labs';
import { createShell, type Question, type Shell } from '@lta/shell';

const network: NetworkDeclaration = {
  hosts: [
    {
      name: 'web01',
      address: '10.0.0.11',
      aliases: ['shop.example.com'],
      password: 'tulip',
      services: [
        { port: 22, kind: 'ssh' },
        { port: 80, kind: 'http', root: '~/site', routes: { '/old': { status: 301, location: '/' } } },
      ],
      files: {
        '~/site/index.html': '<h1>Shop</h1>\n',
        '~/site/secret.html': { content: 'no\n', mode: '600' },
        '~/notes.txt': 'remote notes\n',
      },
    },
    { name: 'db01', address: '10.0.0.12', down: true },
  ],
};

async function networkShell(): Promise<Shell> {
  return createShell({
    machine: startingMachine({ network }),
    files: { '/home/learner/fix.html': { type: 'file', mode: 0o644, content: '<h1>Fixed</h1>\n' } },
  });
}

/** Types each line as the learner would: a line a program asks for (a password) is its answer. The last run's result. */
async function type(shell: Shell, ...lines: string[]) {
  const pending = [...lines];
  let result = await shell.run(pending.shift()!, { ask: async () => pending.shift() ?? null });
  while (pending.length > 0) result = await shell.run(pending.shift()!, { ask: async () => pending.shift() ?? null });
  return result;
}

/** Runs `line` at a terminal that answers its questions with `answers` in turn (then Ctrl-C), keeping each question. */
async function answering(shell: Shell, line: string, answers: string[]) {
  const asked: Question[] = [];
  const result = await shell.run(line, { ask: async (question) => (asked.push(question), answers.shift() ?? null) });
  return { result, asked };
}

test('ping answers for a host that is up and reports an unreachable one as iputils does', async () => {
  const shell = await networkShell();
  const up = await shell.run('ping -c 3 web01');
  assert.equal(up.exitCode, 0);
  const times = [...up.stdout.matchAll(/time=([\d.]+) ms/g)].map((match) => Number(match[1]));
  assert.equal(times.length, 3);
  const [min, avg, max] = /rtt min\/avg\/max\/mdev = ([\d.]+)\/([\d.]+)\/([\d.]+)/
    .exec(up.stdout)!
    .slice(1)
    .map(Number);
  assert.equal(min, Math.min(...times));
  assert.equal(max, Math.max(...times));
  assert.ok(Math.abs(avg! - times.reduce((a, b) => a + b) / 3) < 0.001);
  const down = await shell.run('ping -c 2 db01');
  assert.equal(down.exitCode, 1);
  assert.match(down.stdout, /From 10\.0\.0\.5 icmp_seq=1 Destination Host Unreachable\n/);
  assert.match(down.stdout, /2 packets transmitted, 0 received, \+2 errors, 100% packet loss/);
  assert.equal((await shell.run('ping -c 1 nowhere')).output, 'ping: nowhere: Name or service not known\n');
});

test('curl reaches the web server of a host: status codes, redirects, files, and a page nginx may not read', async () => {
  const shell = await networkShell();
  assert.equal((await shell.run('curl -s shop.example.com')).stdout, '<h1>Shop</h1>\n');
  assert.match(
    (await shell.run('curl -I http://web01/old')).stdout,
    /^HTTP\/1\.1 301 Moved Permanently\r\n[^]*Location: \/\r\n/,
  );
  assert.equal((await shell.run('curl -sL web01/old')).stdout, '<h1>Shop</h1>\n');
  assert.equal((await shell.run('curl -s -o /dev/null -w "%{http_code}" web01/nope')).stdout, '404');
  assert.equal((await shell.run('curl -s -o /dev/null -w "%{http_code}" web01/secret.html')).stdout, '403');
  assert.deepEqual(await shell.run('curl web01:8080').then((r) => [r.stderr, r.exitCode]), [
    "curl: (7) Failed to connect to web01 port 8080 after 0 ms: Couldn't connect to server\n",
    7,
  ]);
  assert.equal((await shell.run('curl -s -o page.html web01; cat page.html')).stdout, '<h1>Shop</h1>\n');
  assert.equal((await shell.run('curl -sf web01/nope; echo $?')).stdout, '22\n');
});

test('dig asks the DNS server only; /etc/hosts is not its business', async () => {
  const shell = await networkShell();
  assert.equal((await shell.run('dig +short shop.example.com')).stdout, '10.0.0.11\n');
  assert.match((await shell.run('dig nowhere.example.com')).stdout, /status: NXDOMAIN/);
  assert.equal((await shell.run('host web01')).stdout, 'web01 has address 10.0.0.11\n');
  assert.equal(
    (await shell.run('nc -zv web01 80')).stderr,
    'Connection to web01 (10.0.0.11) 80 port [tcp/http] succeeded!\n',
  );
  assert.equal((await shell.run('nc -zv web01 3306')).exitCode, 1);
});

test('ssh asks about the host key and the password at the terminal, then runs lines on the host until exit', async () => {
  const shell = await networkShell();
  const { result, asked } = await answering(shell, 'ssh web01', ['yes', 'guess', 'tulip']);
  assert.match(
    asked[0]!.prompt,
    /^The authenticity of host 'web01 \(10\.0\.0\.11\)' can't be established\.\nED25519 key fingerprint is SHA256:[^]*Are you sure you want to continue connecting \(yes\/no\/\[fingerprint\]\)\? $/,
  );
  assert.equal(asked[0]!.hidden, false);
  assert.deepEqual(asked.slice(1), [
    {
      prompt: "Warning: Permanently added 'web01' (ED25519) to the list of known hosts.\nlearner@web01's password: ",
      hidden: true,
    },
    { prompt: "Permission denied, please try again.\nlearner@web01's password: ", hidden: true },
  ]);
  assert.equal(result.exitCode, 0);
  assert.match(result.output, /^Linux web01 /);
  assert.equal(shell.prompt(), 'learner@web01:~$ ');
  assert.equal((await shell.run('hostname; cat notes.txt')).stdout, 'web01\nremote notes\n');
  assert.equal(
    (await shell.run('id')).stdout,
    'uid=1000(learner) gid=1000(learner) groups=1000(learner),27(sudo)\n',
    "the host's learner is the same account",
  );
  await shell.run('echo made on web01 > made.txt');
  const exit = await shell.run('exit');
  assert.equal(exit.output, 'logout\nConnection to web01 closed.\n');
  assert.equal(shell.prompt(), 'learner@academy:~$ ');
  assert.equal((await shell.run('ls ~/made.txt')).exitCode, 2, "the learner's machine is untouched");
  assert.match((await shell.run('cat ~/.ssh/known_hosts')).stdout, /^web01 ssh-ed25519 AAAA/);
  assert.deepEqual(
    shell.history,
    ['ssh web01', 'ls ~/made.txt', 'cat ~/.ssh/known_hosts'],
    'remote lines stay out of bash history here',
  );
  // The host's files are part of the saved state, and survive a reload.
  const snapshot = shell.snapshot();
  assert.equal(readShellSnapshot(JSON.parse(JSON.stringify(snapshot))).ok, true);
  const again = await createShell({ snapshot });
  assert.equal((await type(again, 'ssh web01 cat made.txt', 'tulip')).output, 'made on web01\n');
});

test("on a host, sudo takes the host's password, and exit leaves a su shell before the ssh login", async () => {
  const shell = await networkShell();
  await type(shell, 'ssh web01', 'yes', 'tulip');
  assert.equal((await type(shell, 'sudo whoami', 'tulip')).stdout, 'root\n');
  await type(shell, 'sudo -i');
  assert.equal(shell.prompt(), 'root@web01:~# ');
  assert.equal((await shell.run('exit')).output, 'logout\n');
  assert.equal(shell.prompt(), 'learner@web01:~$ ');
  await shell.run('exit');
  assert.equal(shell.prompt(), 'learner@academy:~$ ');
});

test('Ctrl-C at a question ends ssh as SIGINT does; with no terminal ssh cannot ask', async () => {
  const shell = await networkShell();
  const refused = await answering(shell, 'ssh web01', ['yes']);
  assert.equal(refused.result.exitCode, 130);
  assert.equal(refused.result.output, '', 'what came before the question was shown with it');
  assert.equal(shell.prompt(), 'learner@academy:~$ ');
  const alone = await shell.run('ssh web01');
  assert.deepEqual([alone.stderr, alone.exitCode], ['ssh: a terminal is required to answer its questions\n', 255]);
  assert.equal(shell.prompt(), 'learner@academy:~$ ');
});

test('a key made with ssh-keygen and installed with ssh-copy-id logs in without a password; scp copies both ways', async () => {
  const shell = await networkShell();
  await type(shell, 'ssh-keygen -t ed25519', '', '', '');
  assert.match((await shell.run('ls ~/.ssh')).stdout, /id_ed25519\nid_ed25519\.pub/);
  await type(shell, 'ssh-copy-id web01', 'yes', 'tulip');
  const step = {
    title: 't',
    instructions: 'i',
    hints: ['a', 'b'],
    checks: [{ kind: 'ssh-key-installed' as const, host: 'web01', message: 'Your key is on web01' }],
  };
  assert.equal(checkStep(step, shell.snapshot()).passed, true);
  assert.equal((await shell.run('ssh web01 hostname')).stdout, 'web01\n', 'no password asked');
  assert.match((await shell.run('scp fix.html web01:site/index.html')).stdout, /^fix\.html +100%/);
  assert.equal((await shell.run('curl -s web01')).stdout, '<h1>Fixed</h1>\n');
  await shell.run('scp -r web01:site ./copy');
  assert.equal((await shell.run('cat copy/index.html')).stdout, '<h1>Fixed</h1>\n');
  assert.match(
    (await shell.run('scp fix.html web01:/etc/')).stderr,
    /scp: dest open "\/etc\/fix\.html": Permission denied/,
  );
});

test('ssh refuses what the real one refuses', async () => {
  const shell = await networkShell();
  assert.deepEqual(await shell.run('ssh nowhere').then((r) => [r.stderr, r.exitCode]), [
    'ssh: Could not resolve hostname nowhere: Name or service not known\n',
    255,
  ]);
  assert.equal((await shell.run('ssh db01')).stderr, 'ssh: connect to host db01 port 22: No route to host\n');
  assert.equal(
    (await shell.run('ssh -p 2222 web01')).stderr,
    'ssh: connect to host web01 port 2222: Connection refused\n',
  );
  await type(shell, 'ssh web01', 'no');
  assert.equal(shell.prompt(), 'learner@academy:~$ ');
  assert.equal((await shell.run('echo $?')).stdout, '255\n');
});

test('~/.ssh/config aliases name a host', async () => {
  const shell = await networkShell();
  await shell.run("mkdir -p ~/.ssh && printf 'Host shop\\n  HostName web01\\n  User learner\\n' > ~/.ssh/config");
  assert.equal((await type(shell, 'ssh shop hostname', 'yes', 'tulip')).stdout, 'web01\n');
});

test("a service's port is open while it runs: systemctl stop nginx closes :80 for ss and curl, start reopens it", async () => {
  const shell = await createShell({
    machine: startingMachine({ packages: { installed: ['nginx'] } }),
    files: {
      '/home/learner/shop.conf': {
        type: 'file',
        mode: 0o644,
        content: 'server {\n\tlisten 8080;\n\troot /srv/shop;\n}\n',
      },
      '/srv/shop/index.html': { type: 'file', mode: 0o644, content: '<h1>Shop</h1>\n' },
    },
  });
  await shell.run('sudo -v', { ask: async () => 'learner' });
  // Debian starts the package's service: nginx listens on :80 and serves its welcome page.
  assert.match(
    (await shell.run('ss -tlnp')).output,
    /\nLISTEN 0 +511 +0\.0\.0\.0:80 +0\.0\.0\.0:\* +users:\(\("nginx",/,
  );
  assert.match((await shell.run('curl -s localhost')).output, /<h1>Welcome to nginx!<\/h1>/);
  await shell.run('sudo systemctl stop nginx');
  assert.doesNotMatch((await shell.run('ss -tln')).output, /:80 /);
  assert.equal(
    (await shell.run('curl localhost; echo "status $?"')).output,
    "curl: (7) Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server\nstatus 7\n",
  );
  assert.match((await shell.run('nc -zv 127.0.0.1 80')).output, /refused/);
  await shell.run('sudo systemctl start nginx');
  assert.match((await shell.run('curl -sI http://127.0.0.1/')).output, /^HTTP\/1\.1 200 OK\r?\n/);
  // A site added to the configuration listens once nginx reloads it, not before.
  await shell.run('sudo ln -s /home/learner/shop.conf /etc/nginx/sites-enabled/shop');
  assert.match((await shell.run('curl -s localhost:8080; echo "status $?"')).output, /status 7\n$/);
  await shell.run('sudo systemctl reload nginx');
  assert.equal((await shell.run('curl -s localhost:8080')).output, '<h1>Shop</h1>\n');
  assert.match((await shell.run('ss -tln')).output, /0\.0\.0\.0:8080 /);
});

test("sshd's unit opens the port of its configuration, read when it starts", async () => {
  const unit =
    '[Unit]\nDescription=OpenBSD Secure Shell server\n[Service]\nExecStart=/usr/sbin/sshd -D\n[Install]\nWantedBy=multi-user.target\n';
  const shell = await createShell({
    machine: startingMachine({ services: { units: [{ name: 'ssh.service', unit, active: true }] } }),
    files: { '/etc/ssh/sshd_config': { type: 'file', mode: 0o644, content: 'Port 2222\n' } },
  });
  await shell.run('sudo -v', { ask: async () => 'learner' });
  assert.match((await shell.run('ss -tlnp')).output, /0\.0\.0\.0:2222 +0\.0\.0\.0:\* +users:\(\("sshd",/);
  await shell.run("sudo sed -i 's/2222/22/' /etc/ssh/sshd_config");
  assert.match((await shell.run('ss -tln')).output, /:2222 /);
  await shell.run('sudo systemctl restart ssh');
  assert.match((await shell.run('ss -tln')).output, /0\.0\.0\.0:22 /);
  assert.doesNotMatch((await shell.run('ss -tln')).output, /:2222 /);
});
