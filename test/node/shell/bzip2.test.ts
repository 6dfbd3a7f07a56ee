import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createShell } from '@lta/shell';

const realBzip2 = spawnSync('bzip2', ['--help']).status === 0;
/** Text, runs long enough for the first run-length pass, and every byte value. */
const SAMPLE = Buffer.concat([
  Buffer.from('The vault password is Gq7vR2mXk9LpW4tZ\n'.repeat(40)),
  Buffer.alloc(3000, 0x41),
  Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)),
]);

test(
  'what our bzip2 writes, the real bunzip2 reads back byte for byte, and the other way round',
  { skip: !realBzip2 && 'no bzip2 on this machine' },
  async () => {
    const shell = await createShell({
      files: { '/home/learner/sample.b64': { type: 'file', mode: 0o644, content: SAMPLE.toString('base64') } },
    });
    await shell.run('base64 -d sample.b64 > sample && bzip2 -k sample');
    const ours = shell.snapshot().files['/home/learner/sample.bz2'];
    assert.ok(ours && ours.type === 'file');
    const bytes = Buffer.from(ours.content, ours.encoding === 'base64' ? 'base64' : 'latin1');
    assert.deepEqual(execFileSync('bzip2', ['-dc'], { input: bytes }), SAMPLE);

    const theirs = execFileSync('bzip2', ['-9c'], { input: SAMPLE }).toString('base64');
    await shell.run(`echo ${theirs} | base64 -d > theirs.bz2 && bunzip2 theirs.bz2 && cmp theirs sample && echo same`);
    assert.equal((await shell.run('cmp theirs sample && echo same')).output, 'same\n');
  },
);

test('a damaged bzip2 file is refused, not decoded into garbage', async () => {
  const shell = await createShell();
  await shell.run('seq 500 > n && bzip2 n');
  // Flip one byte in the middle of the compressed data.
  await shell.run('xxd -p n.bz2 > hex && sed -i "2s/^./0/;2s/^0/f/" hex && xxd -r -p hex > n.bz2');
  const { output, exitCode } = await shell.run('bunzip2 n.bz2');
  assert.equal(exitCode, 2);
  assert.equal(output, 'bunzip2: n.bz2 is not a bzip2 file.\n');
});
