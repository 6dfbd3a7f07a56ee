import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createShell, type Shell } from '@lta/shell';

const HOME = '/home/learner';

async function shellWith(files: Record<string, string> = {}): Promise<Shell> {
  const entries = Object.fromEntries(
    Object.entries(files).map(([path, content]) => [
      `${HOME}/${path}`,
      { type: 'file' as const, mode: 0o644, content },
    ]),
  );
  return createShell({ files: entries, limits: { maxRunMs: 3000 } });
}

async function out(shell: Shell, line: string): Promise<string> {
  return (await shell.run(line)).output;
}

test('cwd, variables, exports, aliases, functions and $? carry over from one line to the next', async () => {
  const shell = await shellWith();
  await shell.run(
    'mkdir -p work && cd work; name=Ada; export TEAM=blue; alias hi="echo hi there"; greet() { echo "hello $1"; }; false',
  );
  assert.equal(await out(shell, 'echo $?'), '1\n');
  assert.equal(await out(shell, 'pwd'), `${HOME}/work\n`);
  assert.equal(await out(shell, 'echo $name; bash -c \'echo "team=$TEAM name=$name"\''), 'Ada\nteam=blue name=\n');
  assert.equal(await out(shell, 'hi; greet you'), 'hi there\nhello you\n');
  assert.equal(shell.prompt(), 'learner@academy:~/work$ ');
  assert.equal(shell.snapshot().env.TEAM, 'blue');
  assert.equal(shell.snapshot().cwd, `${HOME}/work`);
});

test('functions from a sourced file stay defined on later lines', async () => {
  const shell = await shellWith({
    'toolbox.sh': 'backup() { cp "$1" "$1.bak"; }\nshout() { echo "$1!"; }\n',
    'a.txt': 'a\n',
  });
  await shell.run('source ~/toolbox.sh');
  assert.equal(await out(shell, 'backup a.txt; cat a.txt.bak; shout hey'), 'a\nhey!\n');
  await shell.run('unset -f shout');
  assert.equal((await shell.run('shout again')).exitCode, 127);
});

test('a shell can start in a lab directory without a cd in its history', async () => {
  const shell = await createShell({
    files: { [`${HOME}/lab/a.txt`]: { type: 'file', mode: 0o644, content: '' } },
    cwd: '~/lab',
  });
  assert.equal(shell.prompt(), 'learner@academy:~/lab$ ');
  assert.equal(await out(shell, 'ls'), 'a.txt\n');
  assert.deepEqual(shell.history, ['ls']);
});

test('indexed arrays carry over to later lines', async () => {
  const shell = await shellWith();
  await shell.run('fruits=(apple "blood orange" kiwi)');
  assert.equal(await out(shell, 'echo ${#fruits[@]} "${fruits[1]}"'), '3 blood orange\n');
  await shell.run('fruits+=(plum); unset "fruits[0]"');
  assert.equal(await out(shell, 'echo "${fruits[@]}"'), 'blood orange kiwi plum\n');
  await shell.run('unset fruits');
  assert.equal(await out(shell, 'echo "${#fruits[@]}"'), '0\n');
});

test('associative arrays carry over to later lines, keys and values with spaces and quotes included', async () => {
  const shell = await shellWith();
  await shell.run(
    `declare -A ages; ages[tom]=3; ages["mary ann"]=41; ages["o'brien"]='say "hi" $HOME'; ages[nl]=$'a\\nb'`,
  );
  assert.equal(await out(shell, 'echo ${ages[tom]}'), '3\n');
  assert.equal(await out(shell, `echo "\${ages[mary ann]}|\${ages["o'brien"]}|\${#ages[@]}"`), '41|say "hi" $HOME|4\n');
  assert.equal(
    await out(shell, 'for k in "${!ages[@]}"; do [ "$k" = nl ] || echo "<$k>=<${ages[$k]}>"; done | sort'),
    `<mary ann>=<41>\n<o'brien>=<say "hi" $HOME>\n<tom>=<3>\n`,
  );
  assert.equal(await out(shell, 'echo "${ages[nl]}"'), 'a\nb\n');
  await shell.run('ages[tom]=4; unset "ages[nl]"');
  // A line that ends early (exit, errexit) keeps the arrays as they were before it.
  assert.equal((await shell.run('echo ${ages[tom]} ${#ages[@]}; exit 3')).output, '4 3\n');
  assert.equal(await out(shell, 'echo ${ages[tom]} ${#ages[@]}; set | grep -c __lta'), '4 3\n0\n');
  await shell.run('unset ages');
  assert.equal(await out(shell, 'echo "[${ages[tom]}]"'), '[]\n');
});

test('the learner is a normal user named learner, not root', async () => {
  const shell = await shellWith({ 'notes.txt': 'x\n' });
  assert.equal(
    await out(shell, 'whoami; id; echo $USER $HOME'),
    `learner\nuid=1000(learner) gid=1000(learner) groups=1000(learner),27(sudo)\nlearner ${HOME}\n`,
  );
  assert.match(
    await out(shell, 'ls -l notes.txt'),
    /^-rw-r--r-- 1 learner learner 2 \w{3} [ \d]\d [\d:]+ notes\.txt\n$/,
  );
  assert.match(await out(shell, 'ls -ld /etc'), /^drwxr-xr-x \d+ root root 4096 /);
  assert.equal(shell.prompt(), 'learner@academy:~$ ');
});

test('read, write and execute permission are enforced for the learner', async () => {
  const shell = await shellWith({ 'notes.txt': 'secret\n' });
  const denied = await shell.run('chmod 000 notes.txt; cat notes.txt');
  assert.equal(denied.exitCode, 1);
  assert.equal(denied.output, 'cat: notes.txt: Permission denied\n');
  const readOnlyDir = await shell.run('mkdir box; chmod 500 box; touch box/new');
  assert.notEqual(readOnlyDir.exitCode, 0);
  assert.equal((await shell.run('ls box')).output, '');
  assert.notEqual((await shell.run('touch /etc/motd')).exitCode, 0);
  assert.equal((await shell.run('cat /etc/hostname')).output, 'academy\n');
  assert.notEqual((await shell.run('cat /etc/shadow')).exitCode, 0);
  assert.equal((await shell.run('cd /root')).output, 'bash: cd: /root: Permission denied\n');
  assert.equal(
    (await shell.run('chmod 777 /etc/passwd')).output,
    "chmod: changing permissions of '/etc/passwd': Operation not permitted\n",
  );
  assert.equal((await shell.run('rm /etc/hostname')).output, "rm: cannot remove '/etc/hostname': Permission denied\n");
  assert.equal(
    await out(shell, 'echo "echo ran" > s.sh; ./s.sh 2>/dev/null; echo $?; chmod u+x s.sh; ./s.sh'),
    '126\nran\n',
  );
});

test('writing into a read-only file fails that one command with Permission denied, as in bash', async () => {
  const shell = await shellWith({ 'ro.txt': 'keep\n' });
  const result = await shell.run(
    'chmod 444 ro.txt; echo more >> ro.txt; echo "status $?"; echo hi | cat > copy.txt; cat ro.txt copy.txt',
  );
  assert.equal(result.stdout, 'status 1\nkeep\nhi\n');
  assert.equal(result.stderr, 'bash: ro.txt: Permission denied\n');
  assert.equal((await shell.run('echo x > /etc/passwd')).exitCode, 1);
});

test('under set -e a refused redirection ends the line as in bash; the terminal carries on', async () => {
  const shell = await shellWith();
  const stopped = await shell.run('set -e; echo x > /etc/passwd; echo after');
  assert.deepEqual([stopped.output, stopped.exitCode], ['bash: /etc/passwd: Permission denied\n', 1]);
  assert.equal(await out(shell, 'echo $?; echo still here'), '1\nstill here\n');
  await shell.run('set -e');
  const handled = await shell.run(
    'echo x > /etc/passwd || echo handled; if cd /root; then :; fi; cd /root; echo never',
  );
  assert.equal(
    handled.output,
    'bash: /etc/passwd: Permission denied\nhandled\nbash: cd: /root: Permission denied\nbash: cd: /root: Permission denied\n',
  );
  assert.equal(handled.exitCode, 1);
  assert.equal(await out(shell, 'set +e; false; echo on'), 'on\n');
});

test('echo, printf and pwd stay builtins when PATH loses /usr/bin; set -x traces what the learner typed', async () => {
  const shell = await shellWith();
  const lost = await shell.run('PATH=/nowhere; ls; echo "status $?"; printf "%s\\n" ok; pwd');
  assert.equal(lost.output, 'bash: ls: command not found\nstatus 127\nok\n/home/learner\n');
  assert.equal(await out(shell, 'for i in 1 2; do echo $i > n.txt; done; echo $PATH'), '/nowhere\n');
  assert.equal(await out(shell, 'PATH=/usr/bin:/bin; cat n.txt'), '2\n');
  const traced = await shell.run('set -x; x=1; echo "$x"; ls nosuch; echo y > out.txt; set +x');
  assert.equal(
    traced.output,
    "+ x=1\n+ echo 1\n1\n+ ls nosuch\nls: cannot access 'nosuch': No such file or directory\n+ echo y\n+ set +x\n",
  );
});

test("set -x and set -v show the learner's commands only, also once functions and arrays exist", async () => {
  const shell = await shellWith();
  await shell.run('greet() { echo "hi $1"; }; list=(a b)');
  await shell.run('set -x');
  assert.equal(
    (await shell.run('greet ada; echo "${list[1]}"')).output,
    "+ greet ada\n+ echo 'hi ada'\nhi ada\n+ echo b\nb\n",
  );
  assert.equal((await shell.run('declare -F')).output, '+ declare -F\ndeclare -f greet\n');
  await shell.run('set +x; set -v');
  // Only the line: just-bash echoes it after the line's output, though (bash echoes it first).
  assert.equal((await shell.run('echo hi')).stderr, 'echo hi\n');
});

test('diff prints GNU normal and unified formats and compares directories with -r and -q, with permissions', async () => {
  const shell = await shellWith({ 'a/x.txt': 'one\ntwo\n', 'a/same.txt': 's\n', 'a/sub/deep.txt': 'd\n' });
  await shell.run('cp -r a b; echo three >> b/x.txt; rm b/sub/deep.txt; touch b/new.txt');
  const recursive = await shell.run('diff -r a b');
  assert.equal(
    recursive.output,
    'Only in b: new.txt\nOnly in a/sub: deep.txt\ndiff -r a/x.txt b/x.txt\n2a3\n> three\n',
  );
  assert.equal(recursive.exitCode, 1);
  assert.equal(
    await out(shell, 'diff -rq a b'),
    'Only in b: new.txt\nOnly in a/sub: deep.txt\nFiles a/x.txt and b/x.txt differ\n',
  );
  assert.equal(await out(shell, 'diff -u a/x.txt b/x.txt | tail -n +3'), '@@ -1,2 +1,3 @@\n one\n two\n+three\n');
  assert.equal((await shell.run('diff a/same.txt b/same.txt')).exitCode, 0);
  const denied = await shell.run('chmod 000 a/same.txt; diff a/same.txt b/same.txt');
  assert.deepEqual([denied.output, denied.exitCode], ['diff: a/same.txt: Permission denied\n', 2]);
});

test('/dev/null swallows what is written to it', async () => {
  const shell = await shellWith();
  assert.equal(
    await out(shell, 'echo secret > /dev/null; echo more >> /dev/null; cat /dev/null; wc -c < /dev/null'),
    '0\n',
  );
});

test('grep -r and find report an unreadable directory by the name they show, as GNU does', async () => {
  const shell = await shellWith({ 'a/f': 'hi\n', 'a/sec/g': 'hi\n' });
  await shell.run('chmod 000 a/sec');
  const implicit = await shell.run('cd a && grep -r hi');
  assert.equal(implicit.stdout, 'f:hi\n');
  assert.equal(implicit.stderr, 'grep: sec: Permission denied\n');
  assert.equal((await shell.run('cd ~ && grep -r hi a')).stderr, 'grep: a/sec: Permission denied\n');
  const listed = await shell.run('find a');
  assert.equal(listed.stdout, 'a\na/f\na/sec\n');
  assert.equal(listed.stderr, "find: 'a/sec': Permission denied\n");
});

test('a script shows its output and errors in the order written; scripts it runs into files or substitutions stay there', async () => {
  const inner = '#!/bin/bash\necho in-out\nls innererr\n';
  const outer =
    '#!/bin/bash\necho one\nls nosuch\necho two\n./inner.sh > inner.log\nx=$(./inner.sh 2>/dev/null)\necho "x=$x"\n';
  const shell = await createShell({
    files: {
      [`${HOME}/s.sh`]: { type: 'file', mode: 0o755, content: outer },
      [`${HOME}/inner.sh`]: { type: 'file', mode: 0o755, content: inner },
    },
  });
  const missing = (name: string) => `ls: cannot access '${name}': No such file or directory\n`;
  const result = await shell.run('./s.sh; echo done');
  assert.equal(result.output, `one\n${missing('nosuch')}two\n${missing('innererr')}x=in-out\ndone\n`);
  assert.equal(result.stdout, 'one\ntwo\nx=in-out\ndone\n');
  assert.equal(
    await out(shell, 'cat inner.log; bash s.sh 2>/dev/null | wc -l; ./s.sh > all.log; wc -l < all.log'),
    `in-out\n3\n${missing('nosuch')}${missing('innererr')}3\n`,
  );
  assert.equal(
    await out(shell, 'source inner.sh; echo $LTA_TERMINAL; env | grep -c LTA_'),
    `in-out\n${missing('innererr')}\n0\n`,
  );
});

test('a script started by its path reads what is piped into it, as one run through bash does', async () => {
  const shell = await shellWith({ 'greet.sh': '#!/bin/bash\nwhile read -r name; do echo "Hello, $name"; done\n' });
  await shell.run('chmod +x greet.sh');
  assert.equal(await out(shell, 'printf "Ada\\nBob\\n" | ./greet.sh'), 'Hello, Ada\nHello, Bob\n');
  assert.equal(await out(shell, 'echo Cy | bash greet.sh | tr a-z A-Z'), 'HELLO, CY\n');
});

test('2>&1 keeps output and errors in the order they were written, in groups, loops and scripts', async () => {
  const shell = await createShell({
    files: {
      [`${HOME}/bin/report.sh`]: {
        type: 'file',
        mode: 0o755,
        content: '#!/bin/bash\necho one\necho two >&2\necho three\n',
      },
    },
  });
  assert.equal(await out(shell, '{ echo a; echo b >&2; echo c; } 2>&1'), 'a\nb\nc\n');
  assert.equal(await out(shell, '~/bin/report.sh > all.log 2>&1; cat all.log'), 'one\ntwo\nthree\n');
  assert.equal(await out(shell, '~/bin/report.sh 2>/dev/null'), 'one\nthree\n');
  assert.equal((await shell.run('chmod -x ~/bin/report.sh; ~/bin/report.sh; echo $?')).stdout, '126\n');
});

test('the terminal shows output and errors in the order they were written; stdout and stderr stay apart', async () => {
  const shell = await shellWith({ 'a.txt': 'a\n' });
  const missing = (name: string) => `ls: cannot access '${name}': No such file or directory\n`;
  const result = await shell.run('ls nosuch; echo done');
  assert.equal(result.output, `${missing('nosuch')}done\n`);
  assert.equal(result.stdout, 'done\n');
  assert.equal(result.stderr, missing('nosuch'));
  assert.equal(shell.snapshot().lastOutput, result.output);
  assert.equal(
    await out(shell, 'for f in a.txt nope a.txt; do cat $f; done'),
    'a\ncat: nope: No such file or directory\na\n',
  );
  assert.equal(
    await out(shell, 'f() { echo in; ls fn; }; f; f > /dev/null; echo end'),
    `in\n${missing('fn')}${missing('fn')}end\n`,
  );
  assert.equal(await out(shell, 'x=$(echo sub; ls zz); echo "[$x]"'), `${missing('zz')}[sub]\n`);
  assert.equal(
    await out(shell, 'if ls q; then :; else echo no; fi; ls p | wc -l'),
    `${missing('q')}no\n${missing('p')}0\n`,
  );
  // Where the learner sends output or errors, they still go, and only there.
  const redirected = await shell.run(
    'ls n1 2>/dev/null; echo x > out.txt; ls n2 2> err.txt; ls n3 2>&1 | wc -l; { echo g; ls n4; } 2>/dev/null; cat out.txt err.txt',
  );
  assert.equal(redirected.stdout, `1\ng\nx\n${missing('n2')}`);
  assert.equal(redirected.stderr, '');
  // `exec > file` sends the rest of the line's output there, as in bash.
  const fresh = await shellWith();
  assert.equal(await out(fresh, 'exec > log.txt; echo one; ls n6'), missing('n6'));
  assert.equal(await out(fresh, 'cat log.txt'), 'one\n');
  const both = await shell.run('ls n5 > all.txt 2>&1; echo hi >&2; cat all.txt');
  assert.deepEqual([both.stdout, both.stderr, both.output], [missing('n5'), 'hi\n', `hi\n${missing('n5')}`]);
});

test('ls lists several operands, real modes, symlinks with their target, hidden files and directories GNU-style', async () => {
  const shell = await shellWith({ 'a.txt': 'a\n', 'b.txt': 'bb\n', '.hidden': '' });
  await shell.run('mkdir d; touch d/inner; ln -s a.txt link; chmod 750 d');
  assert.equal(await out(shell, 'ls a.txt b.txt'), 'a.txt\nb.txt\n');
  assert.equal(await out(shell, 'ls a.txt d'), 'a.txt\n\nd:\ninner\n');
  assert.equal(await out(shell, 'ls -a'), '.\n..\n.hidden\na.txt\nb.txt\nd\nlink\n');
  assert.match(await out(shell, 'ls -l link'), /^lrwxrwxrwx 1 learner learner 5 .* link -> a\.txt\n$/);
  assert.match(await out(shell, 'ls -ld d'), /^drwxr-x--- 2 learner learner 4096 /);
  assert.equal(await out(shell, 'ls -R d'), 'd:\ninner\n');
  assert.equal(await out(shell, 'ls -F'), 'a.txt\nb.txt\nd/\nlink@\n');
  assert.equal(await out(shell, 'ls -C'), 'a.txt  b.txt  d  link\n');
  assert.equal((await shell.run('ls nope')).exitCode, 2);
});

test('ls -h prints sizes the way GNU rounds them', async () => {
  const shell = await shellWith({ 'big.txt': 'x'.repeat(1536), 'small.txt': 'x' });
  assert.match(await out(shell, 'ls -lh big.txt'), / 1\.5K /);
  assert.match(await out(shell, 'ls -lh small.txt'), / 1 /);
});

test('uniq -c and wc pad their numbers like GNU coreutils', async () => {
  const shell = await shellWith({ 'w.txt': 'b\na\nb\n', 'n.txt': 'one two\n' });
  assert.equal(await out(shell, 'sort w.txt | uniq -c | sort -rn'), '      2 b\n      1 a\n');
  assert.equal(await out(shell, 'cat n.txt | wc'), '      1       2       8\n');
  assert.equal(await out(shell, 'wc -l n.txt'), '1 n.txt\n');
  assert.equal(await out(shell, 'wc -l n.txt w.txt'), ' 1 n.txt\n 3 w.txt\n 4 total\n');
});

test('hard links share content; removing one name keeps the other', async () => {
  const shell = await shellWith({ 'f.txt': 'one\n' });
  assert.equal(
    await out(shell, 'ln f.txt g.txt; echo two >> g.txt; cat f.txt; ls -l f.txt | cut -d" " -f2'),
    'one\ntwo\n2\n',
  );
  assert.equal(await out(shell, 'rm f.txt; cat g.txt'), 'one\ntwo\n');
});

test('the command record notes what each command printed and the file its output went into on that line', async () => {
  const shell = await shellWith({ 'w.txt': 'b\na\nb\n' });
  await shell.run('sort w.txt | uniq -c | head -n 1 > top.txt; echo done');
  await shell.run('sort w.txt | tee sorted.txt | wc -l');
  await shell.run("printf 'x\\n' > typed.txt");
  const records = shell.snapshot().commands ?? [];
  const into = Object.fromEntries(records.filter((record) => record.into).map((record) => [record.name, record.into]));
  assert.deepEqual(into, { head: `${HOME}/top.txt`, sort: `${HOME}/sorted.txt`, printf: `${HOME}/typed.txt` });
  assert.ok(records.every((record) => typeof record.out === 'string'));
});

test('rm removes a symlink to a directory itself and empty directories with -d; ln FILE DIR links inside DIR, as GNU does', async () => {
  const shell = await shellWith({ 'f.txt': 'one\n', 'd/g.txt': 'two\n' });
  assert.equal(await out(shell, 'ln -s d l; rm l; ls; ls d'), 'd\nf.txt\ng.txt\n');
  assert.equal(
    await out(shell, 'mkdir e; rm -dv e; rm -d d; echo $?'),
    "removed directory 'e'\nrm: cannot remove 'd': Directory not empty\n1\n",
  );
  assert.equal(
    await out(shell, 'ln f.txt d; cat d/f.txt; ln -v f.txt ~; echo $?'),
    "one\nln: failed to create hard link '/home/learner/f.txt': File exists\n1\n",
  );
  // Without -n, -f does not replace a symlink to a directory: the new link goes inside the directory.
  assert.equal(
    await out(shell, 'ln -s d cur; ln -sf g.txt cur; readlink cur; readlink d/g.txt; ln -sfn f.txt cur; readlink cur'),
    'd\ng.txt\nf.txt\n',
  );
});

test('umask, uname, realpath, yes, history and help behave as on Debian', async () => {
  const shell = await shellWith({ 'f.txt': '' });
  assert.equal(await out(shell, 'umask'), '0022\n');
  assert.equal(await out(shell, 'umask 077; touch p; ls -l p | cut -c1-10'), '-rw-------\n');
  assert.equal(await out(shell, 'uname; uname -sm'), 'Linux\nLinux x86_64\n');
  assert.equal(await out(shell, 'ln -s f.txt l; realpath l'), `${HOME}/f.txt\n`);
  assert.equal(await out(shell, 'yes | head -n 2'), 'y\ny\n');
  assert.match(await out(shell, 'history 1'), /^ {4}\d+ {2}history 1\n$/);
  assert.match(await out(shell, 'help cd'), /^cd: cd \[-L\|-P\] \[dir\]/);
});

test('tar and gzip archive, list and restore files with their modes, without node:zlib', async () => {
  const shell = await createShell({
    files: {
      [`${HOME}/p/run.sh`]: { type: 'file', mode: 0o755, content: 'echo run\n' },
      [`${HOME}/p/notes.txt`]: { type: 'file', mode: 0o640, content: 'hello\n' },
    },
  });
  assert.equal(await out(shell, 'tar -czf p.tgz p && tar -tzf p.tgz'), 'p/\np/notes.txt\np/run.sh\n');
  assert.equal(
    await out(shell, 'rm -r p; tar -xzf p.tgz; ls -l p | cut -c1-10; ./p/run.sh'),
    'total 8\n-rw-r-----\n-rwxr-xr-x\nrun\n',
  );
  assert.equal(
    await out(shell, 'mkdir out && tar -xzf p.tgz -C out p/notes.txt && ls -R out'),
    'out:\np\n\nout/p:\nnotes.txt\n',
  );
  assert.equal(
    await out(shell, 'gzip p/notes.txt; ls p; gunzip p/notes.txt.gz; cat p/notes.txt'),
    'notes.txt.gz\nrun.sh\nhello\n',
  );
  assert.equal(await out(shell, 'echo hi | gzip | zcat'), 'hi\n');
  assert.equal((await shell.run('tar -xf missing.tar')).exitCode, 2);
});

test('man has a page for every command the curriculum teaches; less and more print files outside a pager', async () => {
  const shell = await shellWith({ 'f.txt': 'text\n' });
  for (const page of [
    'ls',
    'cd',
    'cp',
    'mv',
    'rm',
    'mkdir',
    'cat',
    'less',
    'head',
    'tail',
    'wc',
    'find',
    'grep',
    'chmod',
    'ln',
    'sort',
    'uniq',
    'cut',
    'tr',
    'sed',
    'awk',
    'tar',
    'gzip',
    'env',
    'export',
    'if',
    'for',
    'while',
    'read',
    'test',
  ]) {
    const result = await shell.run(`man ${page}`);
    assert.equal(result.exitCode, 0, page);
    assert.match(result.output, new RegExp(`^NAME\\n {7}${page} - `, 'm'), page);
  }
  assert.equal((await shell.run('man nosuch')).output, 'No manual entry for nosuch\n');
  assert.equal(await out(shell, 'less f.txt'), 'text\n');
});

test('history expansion re-runs earlier lines as interactive bash does', async () => {
  const shell = await shellWith();
  await shell.run('echo hello world');
  assert.equal(await out(shell, '!!'), 'echo hello world\nhello world\n');
  assert.equal(await out(shell, 'echo !$'), 'echo world\nworld\n');
  assert.equal(await out(shell, '^world^there'), 'echo there\nthere\n');
  assert.equal(await out(shell, "echo '!!' ${#HOME}"), '!! 13\n');
  const missing = await shell.run('!nosuch');
  assert.equal(missing.output, 'bash: !nosuch: event not found\n');
  assert.equal(shell.history.includes('!nosuch'), false);
});

test('a syntax error is reported without running anything; an unfinished line waits for more', async () => {
  const shell = await shellWith();
  const broken = await shell.run('echo )');
  assert.equal(broken.exitCode, 2);
  assert.match(broken.output, /^bash: .*syntax error/);
  // Bash reads a typed line whole: nothing on it runs.
  assert.equal((await shell.run('echo a; echo )')).output, "bash: syntax error near unexpected token `)'\n");
  for (const unfinished of ['echo "open', 'if true; then', 'for n in 1 2', 'echo a |', 'echo a &&']) {
    const result = await shell.run(unfinished);
    assert.deepEqual([result.incomplete, result.output], [true, ''], unfinished);
  }
  assert.equal(await out(shell, 'echo a |\ntr a b'), 'b\n');
  assert.deepEqual(shell.history, ['echo )', 'echo a; echo )', 'echo a |\ntr a b']);
});

test('an endless loop is stopped by Ctrl-C (the abort signal) and the shell keeps working', async () => {
  const shell = await shellWith();
  const controller = new AbortController();
  const running = shell.run('while true; do :; done', { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const result = await running;
  assert.equal(result.exitCode, 130);
  // The terminal shows `^C` after it; bash prints no message of its own.
  assert.equal(result.output, '');
  assert.equal(await out(shell, 'echo still here'), 'still here\n');
});

test('a line runs out of time only while it works: an editor open or a password asked longer than the limit goes on', async () => {
  const shell = await createShell({ limits: { maxRunMs: 1000 } });
  const endless = await shell.run('while true; do :; done');
  assert.deepEqual(
    [endless.stderr, endless.exitCode],
    ['bash: the command line exceeded its execution deadline\n', 124],
  );
  // The learner's pause is half as long again as the whole budget; the work around it is far shorter.
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1500));
  const edited = await shell.run('vi note.txt; echo saved', {
    fullScreen: async (program) => {
      await pause();
      await program.input('ihello\x1b:wq\r');
    },
  });
  assert.deepEqual([edited.output, edited.exitCode], ['saved\n', 0]);
  assert.equal((await shell.run('cat note.txt')).output, 'hello\n');
  const answered = await shell.run('sudo true && echo root', { ask: () => pause().then(() => 'learner') });
  assert.deepEqual([answered.output, answered.exitCode], ['root\n', 0]);
});

test("a loop that only continues can be cancelled too, and a loop ends with its body's last status", async () => {
  const shell = await shellWith();
  const controller = new AbortController();
  const running = shell.run('while true; do continue; done', { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  assert.equal((await running).exitCode, 130);
  assert.equal(await out(shell, 'for f in a b; do test -e "$f"; done; echo "status $?"'), 'status 1\n');
});

test('under set -e a failure before && or || is handled, down into groups and functions, as in bash', async () => {
  const shell = await shellWith();
  assert.equal(
    await out(
      shell,
      'set -e; check() { false; echo checked; }; check || echo failed; { false; } || echo handled; echo after',
    ),
    'checked\nhandled\nafter\n',
  );
  const ended = await shell.run('true && { false; echo never; }; echo never');
  assert.deepEqual([ended.stdout, ended.exitCode], ['', 1]);
});

test('an endless loop inside a script started by path can be cancelled too', async () => {
  const shell = await createShell({
    files: { [`${HOME}/spin.sh`]: { type: 'file', mode: 0o755, content: 'while true; do :; done\n' } },
  });
  const controller = new AbortController();
  const running = shell.run('./spin.sh', { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  assert.equal((await running).exitCode, 130);
});

test("help lists the builtins in two columns under GNU bash's header; help NAME and a help function still work", async () => {
  const shell = await shellWith();
  const lines = (await out(shell, 'help')).split('\n');
  assert.match(lines[0]!, /^GNU bash, version \d+\.\d+\.\d+\(1\)-release \(x86_64-pc-linux-gnu\)$/);
  assert.equal(lines[1], "These shell commands are defined internally.  Type `help' to see this list.");
  assert.ok(!lines.some((line) => line.includes('just-bash')), 'the interpreter does not name itself');
  // Down the first column, then the second: `cd` before `pwd` on one row; a long synopsis is cut with `>`.
  assert.ok(lines.some((line) => /^ cd \[-L\|-P\] \[dir\] +pwd \[-LP\]$/.test(line)));
  assert.ok(lines.some((line) => line.length === 79 && line.endsWith('>')));
  assert.equal((await out(shell, 'help cd')).split('\n')[0], 'cd: cd [-L|-P] [dir]');
  assert.equal(await out(shell, 'help() { echo mine; }; help'), 'mine\n');
});

test('clear asks the terminal to clear the screen', async () => {
  const shell = await shellWith();
  assert.equal((await shell.run('clear')).clear, true);
  assert.equal((await shell.run('echo x')).clear, false);
});

test('tab completion finds commands and paths', async () => {
  const shell = await shellWith({ 'notes.txt': '', 'news.md': '' });
  await shell.run('mkdir logs');
  assert.deepEqual(shell.complete('whoa', 4), { from: 0, to: 4, candidates: ['whoami'], common: 'whoami ' });
  assert.deepEqual(shell.complete('cat no', 6).candidates, ['notes.txt']);
  assert.deepEqual(shell.complete('cat ne', 6).common, 'news.md ');
  assert.deepEqual(shell.complete('cd lo', 5).common, 'logs/');
  assert.deepEqual(shell.complete('cat n', 5), { from: 4, to: 5, candidates: ['news.md', 'notes.txt'], common: 'n' });
});

test('a snapshot restores files, modes, cwd, exported variables and history', async () => {
  const shell = await shellWith();
  await shell.run('mkdir -p a/b && echo hi > a/b/f && chmod 600 a/b/f && ln -s a/b/f l && cd a && export K=v');
  const snapshot = JSON.parse(JSON.stringify(shell.snapshot()));
  assert.deepEqual(snapshot.files[`${HOME}/a/b/f`], { type: 'file', mode: 0o600, content: 'hi\n' });
  assert.deepEqual(snapshot.files[`${HOME}/l`], { type: 'symlink', mode: 0o777, target: 'a/b/f' });
  assert.equal(snapshot.files['/usr/bin/ls'], undefined);
  const restored = await createShell({ snapshot });
  assert.equal(await out(restored, 'pwd; echo $K; cat ../l'), `${HOME}/a\nv\nhi\n`);
  assert.equal(restored.history[0], snapshot.history[0]);
  await restored.run('rm -r ~/a');
  await restored.reset();
  assert.equal(await out(restored, 'cat ~/a/b/f'), 'hi\n');
});

test('nothing a learner types throws into the page', async () => {
  const shell = await shellWith();
  for (const line of [
    '',
    '))',
    'cat /dev/zero | head -c 1',
    'exit',
    ':(){ :|: & };:',
    'cd /nope',
    'echo $(( 1 / 0 ))',
    '\u0000',
  ]) {
    const result = await shell.run(line);
    assert.equal(typeof result.exitCode, 'number', line);
  }
});

test('a line hands its output on as it is written: a long loop shows progress before it ends, at the end of a pipe too', async () => {
  const shell = await createShell();
  for (const loop of [
    'for i in 1 2 3; do echo "step $i"; sleep 20; done; echo done',
    'seq 3 | while read i; do echo "step $i"; sleep 20; done; echo done',
  ]) {
    const controller = new AbortController();
    const pieces: string[] = [];
    // Stops the loop once its first step has been handed on: had the output come only at the end, nothing would be
    // handed on while it slept, and the loop would run into its time limit.
    const result = await shell.run(loop, {
      signal: controller.signal,
      onOutput: (piece) => {
        pieces.push(piece);
        controller.abort();
      },
    });
    assert.equal(pieces[0], 'step 1\n', loop);
    assert.equal(pieces.join(''), result.output);
    assert.doesNotMatch(result.output, /step 2|done/);
    assert.equal(result.exitCode, 130);
  }
  // History expansion shows the expanded line first, then the output, and the pieces add up to the whole output.
  const streamed: string[] = [];
  const again = await shell.run('!!', { onOutput: (piece) => streamed.push(piece), signal: AbortSignal.timeout(100) });
  assert.equal(streamed.join(''), again.output);
  assert.equal(streamed[0], 'seq 3 | while read i; do echo "step $i"; sleep 20; done; echo done\n');
});
