import { expect } from '@open-wc/testing';
import { createShell } from './index.js';

// The same engine in Chromium, through just-bash's browser build: the parts that depend on the platform.
describe('learner shell in the browser', () => {
  it('keeps session state between lines and enforces permissions', async () => {
    const shell = await createShell({
      files: { '/home/learner/notes.txt': { type: 'file', mode: 0o644, content: 'milk\n' } },
    });
    await shell.run('mkdir -p work && cd work && export TEAM=blue');
    expect((await shell.run('pwd; echo $TEAM')).output).to.equal('/home/learner/work\nblue\n');
    const denied = await shell.run('chmod 000 ~/notes.txt; cat ~/notes.txt');
    expect(denied.exitCode).to.equal(1);
    expect(denied.output).to.equal('cat: /home/learner/notes.txt: Permission denied\n');
    expect(shell.prompt()).to.equal('learner@academy:~/work$ ');
  });

  it('shows output and errors in the order written, runs diff -r, and keeps echo without PATH', async () => {
    const shell = await createShell({ files: { '/home/learner/a/f': { type: 'file', mode: 0o644, content: 'x\n' } } });
    const result = await shell.run(
      'ls nosuch; echo done; cp -r a b; echo y >> b/f; diff -r a b; PATH=/nowhere; echo still',
    );
    expect(result.output).to.equal(
      "ls: cannot access 'nosuch': No such file or directory\ndone\ndiff -r a/f b/f\n1a2\n> y\nstill\n",
    );
    expect(result.stdout).to.equal('done\ndiff -r a/f b/f\n1a2\n> y\nstill\n');
  });

  it('archives with tar and gzip without node:zlib', async () => {
    const shell = await createShell({
      files: { '/home/learner/p/run.sh': { type: 'file', mode: 0o755, content: 'echo run\n' } },
    });
    const result = await shell.run(
      'tar -czf p.tgz p && rm -r p && tar -xzf p.tgz && ./p/run.sh && echo hi | gzip | zcat',
    );
    expect(result.output).to.equal('run\nhi\n');
  });

  it('zips and unzips a tree with the platform deflate, keeping modes', async () => {
    const shell = await createShell({
      files: { '/home/learner/p/run.sh': { type: 'file', mode: 0o755, content: 'echo run\n'.repeat(20) } },
    });
    const result = await shell.run('zip -r p.zip p && rm -r p && unzip -q p.zip && ./p/run.sh | uniq -c');
    expect(result.output).to.equal('  adding: p/ (stored 0%)\n  adding: p/run.sh (deflated 92%)\n     20 run\n');
  });

  it('lets Ctrl-C stop an endless loop while the page keeps running', async () => {
    const shell = await createShell();
    const controller = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const running = shell.run('while true; do :; done', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const result = await running;
    clearInterval(timer);
    // 130 means the abort timer ran while the loop was going: the loop gave the page its turn.
    expect(result.exitCode).to.equal(130);
    expect(ticks).to.be.greaterThan(0);
  });
});
