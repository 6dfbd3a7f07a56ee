import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { base64ToBytes, bytesToBase64 } from '../src/base64.js';
import {
  decodeLabState,
  DEFLATE_ABOVE,
  encodeLabState,
  MAX_UNPACKED_BYTES,
  packLabState,
  startingFilesFingerprint,
  type PackedLabState,
} from '../src/saved-state.js';
import type { ShellSnapshot } from '../src/snapshot.js';
import type { VfsEntry } from '../src/vfs-entry.js';

const HOME = '/home/learner';
/** zlib's raw deflate: a second implementation, so the reader is checked against more than its own writer. */
const zlibDeflate = async (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));

/** A lab's starting files: a directory of data, one of it large. */
function labFiles(): Record<string, VfsEntry> {
  return {
    [HOME]: { type: 'dir', mode: 0o755 },
    [`${HOME}/data`]: { type: 'dir', mode: 0o755 },
    [`${HOME}/data/access.log`]: { type: 'file', mode: 0o644, content: logLines(2000) },
    [`${HOME}/data/notes.txt`]: { type: 'file', mode: 0o644, content: 'buy milk\n' },
    [`${HOME}/latest`]: { type: 'symlink', mode: 0o777, target: 'data/access.log' },
  };
}

function logLines(count: number, seed = 1): string {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 1);
  const lines: string[] = [];
  for (let i = 0; i < count; i++)
    lines.push(
      `2026-11-${String((i % 28) + 1).padStart(2, '0')} GET /api/items/${next() % 100000} ${[200, 404, 500][next() % 3]}`,
    );
  return `${lines.join('\n')}\n`;
}

function session(files: Record<string, VfsEntry>, changes: Partial<ShellSnapshot> = {}): ShellSnapshot {
  return {
    version: 1,
    cwd: `${HOME}/data`,
    home: HOME,
    env: { GREETING: 'hi' },
    files: { '/': { type: 'dir', mode: 0o755 }, ...files },
    history: ['cd data', 'ls -l'],
    lastOutput: 'total 8\n',
    lastExitCode: 0,
    ...changes,
  };
}

/** Sorted entries, so two snapshots compare by content and not by key order. */
const normalised = (snapshot: ShellSnapshot) => ({
  ...snapshot,
  files: Object.fromEntries(Object.entries(snapshot.files).sort(([a], [b]) => a.localeCompare(b))),
});

function decoded(text: string, start: Record<string, VfsEntry>): ShellSnapshot {
  const reading = decodeLabState(text, start);
  assert.ok(reading.ok, reading.ok ? '' : reading.problem);
  return reading.snapshot;
}

function problemOf(text: string, start: Record<string, VfsEntry>): string {
  const reading = decodeLabState(text, start);
  assert.equal(reading.ok, false, 'expected the state to be refused');
  return reading.ok ? '' : reading.problem;
}

describe('saved lab states', () => {
  it('carry only what changed since the lab started, and read back whole', async () => {
    const start = labFiles();
    const files = { ...start };
    delete files[`${HOME}/data/notes.txt`];
    files[`${HOME}/data/todo.txt`] = { type: 'file', mode: 0o600, content: 'call Sam\n' };
    files[`${HOME}/data`] = { type: 'dir', mode: 0o700 };
    const snapshot = session(files);
    const packed = packLabState(snapshot, start);
    assert.deepEqual(Object.keys(packed.files).sort(), ['/', `${HOME}/data`, `${HOME}/data/todo.txt`]);
    assert.deepEqual(packed.removed, [`${HOME}/data/notes.txt`]);
    const text = await encodeLabState(snapshot, start, zlibDeflate);
    assert.ok(text.length < 1024, `the lab's 2,000-line log is not sent again (${text.length} characters)`);
    assert.ok(text.startsWith('{"version":2'), 'a small state stays readable JSON');
    assert.deepEqual(normalised(decoded(text, start)), normalised(snapshot));
  });

  it('keep a copy or a move of a starting file as a reference to it', async () => {
    const start = labFiles();
    const files = { ...start };
    const log = start[`${HOME}/data/access.log`] as Extract<VfsEntry, { type: 'file' }>;
    delete files[`${HOME}/data/access.log`];
    files[`${HOME}/archive/old.log`] = { ...log, mode: 0o400 };
    files[`${HOME}/archive/copy.log`] = { ...log };
    files[`${HOME}/archive`] = { type: 'dir', mode: 0o755 };
    const snapshot = session(files);
    const packed = packLabState(snapshot, start);
    assert.deepEqual(packed.files[`${HOME}/archive/old.log`], {
      type: 'file',
      mode: 0o400,
      copyOf: `${HOME}/data/access.log`,
    });
    files[`${HOME}/archive/new.log`] = { type: 'file', mode: 0o644, content: logLines(500, 3) };
    files[`${HOME}/archive/new-copy.log`] = { type: 'file', mode: 0o600, content: logLines(500, 3) };
    const packed2 = packLabState(session(files), start);
    assert.deepEqual(packed2.files[`${HOME}/archive/new-copy.log`], {
      type: 'file',
      mode: 0o600,
      sameAs: `${HOME}/archive/new.log`,
    });
    const text = await encodeLabState(snapshot, start, zlibDeflate);
    assert.ok(text.length < 1024, `copies are references (${text.length} characters)`);
    assert.deepEqual(normalised(decoded(JSON.stringify(packed2), start)), normalised(session(files)));
    assert.deepEqual(normalised(decoded(text, start)), normalised(snapshot));
  });

  it('are deflated when large, and a megabyte of new text fits the academy’s 256 KiB', async () => {
    const start = labFiles();
    const big: Record<string, VfsEntry> = {};
    for (let i = 0; i < 10; i++)
      big[`${HOME}/out/part${i}.log`] = { type: 'file', mode: 0o644, content: logLines(2600, i + 7) };
    const snapshot = session({ ...start, ...big, [`${HOME}/out`]: { type: 'dir', mode: 0o755 } });
    const raw = JSON.stringify(snapshot).length;
    const text = await encodeLabState(snapshot, start, zlibDeflate);
    assert.ok(raw > 1_000_000, `the test writes over 1 MB (${raw})`);
    assert.ok(text.startsWith('deflate:'));
    assert.ok(text.length < 256 * 1024, `${text.length} characters`);
    assert.deepEqual(normalised(decoded(text, start)), normalised(snapshot));
    // Without a compressor (or under the threshold) the same state is plain JSON, and reads the same.
    const plain = await encodeLabState(snapshot, start);
    assert.ok(plain.startsWith('{') && plain.length > DEFLATE_ABOVE);
    assert.deepEqual(decoded(plain, start), decoded(text, start));
  });

  it('still read the whole snapshots that earlier terminals saved', () => {
    const snapshot = session(labFiles());
    assert.deepEqual(decoded(JSON.stringify(snapshot), labFiles()), snapshot);
  });

  it('refuse a state made against other starting files, naming what to do', async () => {
    const text = await encodeLabState(session(labFiles()), labFiles());
    const changed = {
      ...labFiles(),
      [`${HOME}/data/notes.txt`]: { type: 'file', mode: 0o644, content: 'buy bread\n' },
    } as const;
    assert.notEqual(startingFilesFingerprint(changed), startingFilesFingerprint(labFiles()));
    assert.match(problemOf(text, changed), /changed since your terminal loaded it: reload the page/);
  });

  it('refuse damaged, hostile and oversized input with a message, never an exception', () => {
    const start = labFiles();
    const base = startingFilesFingerprint(start);
    const state = (changes: Partial<Record<keyof PackedLabState, unknown>>) =>
      JSON.stringify({ ...packLabState(session(start), start), ...changes });
    assert.match(problemOf('{nope', start), /not valid JSON/);
    assert.match(problemOf('deflate:@@@@', start), /damaged/);
    assert.match(problemOf(`deflate:${bytesToBase64(new Uint8Array([0xff, 0xff, 0xff]))}`, start), /damaged/);
    assert.match(problemOf(state({ removed: 'all' }), start), /malformed \(removed\)/);
    assert.match(problemOf(state({ files: [] }), start), /malformed \(files\)/);
    assert.match(
      problemOf(state({ files: { '/x': { type: 'file', mode: 0o644, copyOf: '/etc/shadow' } } }), start),
      /copies no file/,
    );
    assert.match(
      problemOf(state({ files: { '/x': { type: 'file', mode: 0o644, copyOf: `${HOME}/data` } } }), start),
      /copies no file/,
    );
    const chained = {
      '/a': { type: 'file', mode: 0o644, content: 'x' },
      '/b': { type: 'file', mode: 0o644, sameAs: '/a' },
      '/c': { type: 'file', mode: 0o644, sameAs: '/b' },
    };
    assert.match(problemOf(state({ files: chained }), start), /\/c: copies no file/);
    assert.match(
      problemOf(state({ files: { '/b': { type: 'file', mode: 0o644, sameAs: '/b' } } }), start),
      /copies no file/,
    );
    assert.match(
      problemOf(state({ files: { '/b': { type: 'file', mode: 0o644, sameAs: 'toString' } } }), start),
      /copies no file/,
    );
    assert.match(problemOf(state({ files: { __proto__x: { type: 'dir', mode: 0o755 } } }), start), /not absolute/);
    assert.match(
      problemOf(
        '{"version":2,"base":"' + base + '","files":{"__proto__":{"type":"dir","mode":493}},"removed":[]}',
        start,
      ),
      /not absolute/,
    );
    assert.match(problemOf(state({ history: [1] }), start), /malformed \(history\)/);
    assert.match(problemOf(state({ files: { '/x': { type: 'file', mode: 0o644 } } }), start), /a file needs content/);
    // A deflate bomb: 5 MiB of zeros squeezed into a few KiB stops at the cap, before it is all unpacked.
    const bomb = `deflate:${bytesToBase64(new Uint8Array(deflateRawSync(new Uint8Array(MAX_UNPACKED_BYTES + 1024 * 1024))))}`;
    assert.ok(bomb.length < 16 * 1024);
    assert.match(problemOf(bomb, start), /unpacks to more than 4 MiB/);
  });
});

describe('base64', () => {
  it('round-trips every length and refuses what is not base64', () => {
    for (let length = 0; length < 10; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + 200) & 255);
      const text = bytesToBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64'));
      assert.deepEqual(base64ToBytes(text), bytes);
    }
    for (const bad of ['abc', 'ab=c', 'a===', '****', 'ü===']) assert.equal(base64ToBytes(bad), undefined, bad);
  });
});
