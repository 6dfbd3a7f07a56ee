import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startingFiles } from '../src/files.js';
import { formatMode, parseMode } from '../src/modes.js';
import { startingSnapshot } from '../src/starting-snapshot.js';

describe('startingFiles', () => {
  it('expands ~, applies default modes and lists every parent directory first', () => {
    const files = startingFiles({
      files: {
        '~/deploy/run.sh': { content: '#!/bin/bash\n', mode: '755' },
        '~/notes.txt': 'hello\n',
        '/var/log/app/app.log': 'started\n',
        '~/secret': { type: 'dir', mode: '700' },
        '~/latest': { type: 'symlink', target: 'deploy/run.sh' },
      },
    });
    assert.deepEqual(files, {
      '/home': { type: 'dir', mode: 0o755 },
      '/home/learner': { type: 'dir', mode: 0o755 },
      '/home/learner/deploy': { type: 'dir', mode: 0o755 },
      '/home/learner/deploy/run.sh': { type: 'file', mode: 0o755, content: '#!/bin/bash\n' },
      '/home/learner/latest': { type: 'symlink', mode: 0o777, target: 'deploy/run.sh' },
      '/home/learner/notes.txt': { type: 'file', mode: 0o644, content: 'hello\n' },
      '/home/learner/secret': { type: 'dir', mode: 0o700 },
      '/var': { type: 'dir', mode: 0o755 },
      '/var/log': { type: 'dir', mode: 0o755 },
      '/var/log/app': { type: 'dir', mode: 0o755 },
      '/var/log/app/app.log': { type: 'file', mode: 0o644, content: 'started\n' },
    });
    const paths = Object.keys(files);
    for (const [i, path] of paths.entries()) {
      const parent = path.slice(0, path.lastIndexOf('/'));
      if (parent) assert.ok(paths.indexOf(parent) < i, `${parent} comes before ${path}`);
    }
  });

  it('keeps an explicit directory mode even when a child is listed first', () => {
    const files = startingFiles({ files: { '~/secret/key': 'k', '~/secret': { type: 'dir', mode: '700' } } });
    assert.deepEqual(files['/home/learner/secret'], { type: 'dir', mode: 0o700 });
  });
});

describe('startingSnapshot', () => {
  it("starts in the lab's directory with its variables and an empty history", () => {
    const snapshot = startingSnapshot({
      files: { '~/deploy/run.sh': 'echo\n' },
      cwd: '~/deploy',
      env: { STAGE: 'test' },
    });
    assert.equal(snapshot.cwd, '/home/learner/deploy');
    assert.deepEqual(snapshot.env, { STAGE: 'test' });
    assert.deepEqual(snapshot.history, []);
    assert.equal(snapshot.files['/home/learner/deploy/run.sh']?.type, 'file');
  });

  it('starts at home when the lab names no directory', () => {
    assert.equal(startingSnapshot({ files: {} }).cwd, '/home/learner');
  });
});

describe('modes', () => {
  it('reads and writes octal permission strings', () => {
    assert.equal(parseMode('755'), 0o755);
    assert.equal(parseMode('0640'), 0o640);
    assert.equal(parseMode('rwx'), undefined);
    assert.equal(parseMode('888'), undefined);
    assert.equal(formatMode(0o7), '007');
  });
});
