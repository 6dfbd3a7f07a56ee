import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createShell, type Shell, type VfsEntry } from '@lta/shell';

/*
 * grep's whole-text search (no -v, no context), the filesystem's cached file texts and cached directory listings,
 * checked against GNU grep 3.8 and findutils 4.9 run with LC_ALL=C over the same files. For `grep -r` and `find`,
 * which follow the disk's directory order, GNU's output was taken over the files named in sorted order (the order
 * the learner's shell walks in).
 */

const HOME = '/home/learner';

/** Lines without a final newline, CRLF, empty files and lines, and U+2028 (a line end for `^`/`$` under the `m` flag). */
const FILES: Record<string, string> = {
  'a.txt': 'alpha beta\nERROR one\n\nfoo bar baz\nerror two\nthe end',
  'b.txt': 'line\r\nERROR crlf\r\nend\r\n',
  'c.txt': '',
  'd.txt': '\n\n\n',
  'e.txt': 'abcabc\nab ab\nxyz\nfoofoo\nfoo foo\nfoo  bar\n',
  'f.txt': 'x\u2028y\nsep\u2028arated end\n',
  'sub/g.log': 'tab\there\nword_word\nwordy word\nERROR deep\n',
  'sub/deeper/h.log': 'ERROR\nERROR ERROR\n',
  'z.md': 'last ERROR\nno\n',
};

async function fixture(): Promise<Shell> {
  const files: Record<string, VfsEntry> = { [`${HOME}/t/empty`]: { type: 'dir', mode: 0o755 } };
  for (const [rel, content] of Object.entries(FILES))
    files[`${HOME}/t/${rel}`] = { type: 'file', mode: 0o644, content };
  return createShell({ files, cwd: '~/t', limits: { maxRunMs: 5000 } });
}

/** [command line, GNU grep's stdout, its exit status]. */
const GREP_CASES: [string, string, number][] = [
  ['grep ERROR a.txt b.txt c.txt d.txt e.txt f.txt', 'a.txt:ERROR one\nb.txt:ERROR crlf\r\n', 0],
  ['grep -n ERROR a.txt b.txt c.txt d.txt e.txt f.txt', 'a.txt:2:ERROR one\nb.txt:2:ERROR crlf\r\n', 0],
  ['grep -i error a.txt b.txt c.txt d.txt e.txt f.txt', 'a.txt:ERROR one\na.txt:error two\nb.txt:ERROR crlf\r\n', 0],
  ['grep -in ERROR a.txt', '2:ERROR one\n5:error two\n', 0],
  ["grep -n '^ERROR' a.txt b.txt c.txt d.txt e.txt f.txt", 'a.txt:2:ERROR one\nb.txt:2:ERROR crlf\r\n', 0],
  ["grep -n 'end$' a.txt b.txt c.txt d.txt e.txt f.txt", 'a.txt:6:the end\nf.txt:2:sep arated end\n', 0],
  ["grep -n 'crlf$' b.txt", '', 1],
  // GNU's `.` takes the carriage return too (JavaScript's would not).
  ["grep -n 'crlf.$' b.txt", '2:ERROR crlf\r\n', 0],
  ["grep -c 'd.$' b.txt", '1\n', 0],
  ["grep -n '^y' f.txt", '', 1],
  ["grep -n 'x$' f.txt", '', 1],
  ["grep -n '^sep' f.txt", '2:sep arated end\n', 0],
  ["grep -n 'end$' f.txt", '2:sep arated end\n', 0],
  ["grep -n '^$' a.txt b.txt c.txt d.txt e.txt f.txt", 'a.txt:3:\nd.txt:1:\nd.txt:2:\nd.txt:3:\n', 0],
  ["grep -c '^$' a.txt b.txt c.txt d.txt e.txt f.txt", 'a.txt:1\nb.txt:0\nc.txt:0\nd.txt:3\ne.txt:0\nf.txt:0\n', 0],
  [
    "grep -n '' a.txt c.txt d.txt",
    'a.txt:1:alpha beta\na.txt:2:ERROR one\na.txt:3:\na.txt:4:foo bar baz\na.txt:5:error two\na.txt:6:the end\nd.txt:1:\nd.txt:2:\nd.txt:3:\n',
    0,
  ],
  ["grep -c '' a.txt b.txt c.txt d.txt e.txt f.txt", 'a.txt:6\nb.txt:3\nc.txt:0\nd.txt:3\ne.txt:6\nf.txt:2\n', 0],
  ["grep -x '' a.txt d.txt", 'a.txt:\nd.txt:\nd.txt:\nd.txt:\n', 0],
  ['grep -w word sub/g.log', 'wordy word\n', 0],
  ['grep -wn ab e.txt', '2:ab ab\n', 0],
  ["grep -x 'ab ab' e.txt", 'ab ab\n', 0],
  ["grep -xn -e 'ab ab' -e xyz e.txt", '2:ab ab\n3:xyz\n', 0],
  ['grep -o ab e.txt', 'ab\nab\nab\nab\n', 0],
  [
    'grep -on ERROR sub/deeper/h.log a.txt',
    'sub/deeper/h.log:1:ERROR\nsub/deeper/h.log:2:ERROR\nsub/deeper/h.log:2:ERROR\na.txt:2:ERROR\n',
    0,
  ],
  ["grep -o 'o*' e.txt", 'oo\noo\noo\noo\noo\n', 0],
  ['grep -oi e a.txt', 'e\nE\ne\ne\ne\ne\n', 0],
  ['grep -c ERROR a.txt b.txt c.txt d.txt e.txt f.txt', 'a.txt:1\nb.txt:1\nc.txt:0\nd.txt:0\ne.txt:0\nf.txt:0\n', 0],
  ['grep -l ERROR a.txt b.txt c.txt d.txt e.txt f.txt', 'a.txt\nb.txt\n', 0],
  ['grep -L ERROR a.txt b.txt c.txt d.txt e.txt f.txt', 'c.txt\nd.txt\ne.txt\nf.txt\n', 0],
  ['grep -m 1 -n foo e.txt', '4:foofoo\n', 0],
  ['grep -m 2 -c foo e.txt', '2\n', 0],
  ['grep -m 0 foo e.txt', '', 1],
  ['grep -q ERROR a.txt b.txt c.txt d.txt e.txt f.txt', '', 0],
  ['grep -q nothing a.txt b.txt c.txt d.txt e.txt f.txt', '', 1],
  ["grep -n '\\(abc\\)\\1' e.txt", '1:abcabc\n', 0],
  ["grep -nE '(foo) ?\\1' e.txt", '4:foofoo\n5:foo foo\n', 0],
  ["grep -n '\\(o\\)\\1' e.txt a.txt", 'e.txt:4:foofoo\ne.txt:5:foo foo\ne.txt:6:foo  bar\na.txt:4:foo bar baz\n', 0],
  ["grep -n '[^a]b' e.txt a.txt", 'e.txt:6:foo  bar\na.txt:1:alpha beta\na.txt:4:foo bar baz\n', 0],
  ["grep -n 'b[^c]' e.txt", '2:ab ab\n6:foo  bar\n', 0],
  ["grep -o '[^ ]*' a.txt", 'alpha\nbeta\nERROR\none\nfoo\nbar\nbaz\nerror\ntwo\nthe\nend\n', 0],
  ["grep -nE 'ab\\sab' e.txt", '2:ab ab\n', 0],
  ["grep -nE 'foo\\s+bar' e.txt", '6:foo  bar\n', 0],
  ["grep -nE 'c\\s*$' e.txt", '1:abcabc\n', 0],
  ["grep -nE 'b\\Wa' e.txt", '2:ab ab\n', 0],
  ["grep -n 'tab[[:space:]]here' sub/g.log", '1:tab\there\n', 0],
  ["grep -n 'o[[:space:]]*$' e.txt a.txt", 'e.txt:4:foofoo\ne.txt:5:foo foo\na.txt:5:error two\n', 0],
  ["grep -nE 'b[\\s]' e.txt", '', 1],
  ['grep -nF a.b e.txt', '', 1],
  [
    "grep -nE 'ERROR|end' a.txt b.txt c.txt d.txt e.txt f.txt",
    'a.txt:2:ERROR one\na.txt:6:the end\nb.txt:2:ERROR crlf\r\nb.txt:3:end\r\nf.txt:2:sep arated end\n',
    0,
  ],
  ["grep -n 'ERROR\\|two' a.txt", '2:ERROR one\n5:error two\n', 0],
  [
    'grep -ni -e error -e end a.txt b.txt c.txt d.txt e.txt f.txt',
    'a.txt:2:ERROR one\na.txt:5:error two\na.txt:6:the end\nb.txt:2:ERROR crlf\r\nb.txt:3:end\r\nf.txt:2:sep arated end\n',
    0,
  ],
  [
    'grep -v -n ERROR a.txt b.txt',
    'a.txt:1:alpha beta\na.txt:3:\na.txt:4:foo bar baz\na.txt:5:error two\na.txt:6:the end\nb.txt:1:line\r\nb.txt:3:end\r\n',
    0,
  ],
  ['grep -n -A1 ERROR a.txt sub/g.log', 'a.txt:2:ERROR one\na.txt-3-\n--\nsub/g.log:4:ERROR deep\n', 0],
  [
    'grep -n -B1 ERROR a.txt b.txt',
    'a.txt-1-alpha beta\na.txt:2:ERROR one\n--\nb.txt-1-line\r\nb.txt:2:ERROR crlf\r\n',
    0,
  ],
  ['grep -C1 foo e.txt', 'xyz\nfoofoo\nfoo foo\nfoo  bar\n', 0],
  [
    'grep -r -n ERROR .',
    './a.txt:2:ERROR one\n./b.txt:2:ERROR crlf\r\n./sub/deeper/h.log:1:ERROR\n./sub/deeper/h.log:2:ERROR ERROR\n./sub/g.log:4:ERROR deep\n./z.md:1:last ERROR\n',
    0,
  ],
  [
    'grep -r ERROR',
    'a.txt:ERROR one\nb.txt:ERROR crlf\r\nsub/deeper/h.log:ERROR\nsub/deeper/h.log:ERROR ERROR\nsub/g.log:ERROR deep\nz.md:last ERROR\n',
    0,
  ],
  [
    'grep -r -c ERROR .',
    './a.txt:1\n./b.txt:1\n./c.txt:0\n./d.txt:0\n./e.txt:0\n./f.txt:0\n./sub/deeper/h.log:2\n./sub/g.log:1\n./z.md:1\n',
    0,
  ],
  ['grep -r -l ERROR', 'a.txt\nb.txt\nsub/deeper/h.log\nsub/g.log\nz.md\n', 0],
  ['grep -r -L ERROR .', './c.txt\n./d.txt\n./e.txt\n./f.txt\n', 0],
  [
    'grep -r -on ERROR',
    'a.txt:2:ERROR\nb.txt:2:ERROR\nsub/deeper/h.log:1:ERROR\nsub/deeper/h.log:2:ERROR\nsub/deeper/h.log:2:ERROR\nsub/g.log:4:ERROR\nz.md:1:ERROR\n',
    0,
  ],
  [
    "grep -r -n '--include=*.log' ERROR .",
    './sub/deeper/h.log:1:ERROR\n./sub/deeper/h.log:2:ERROR ERROR\n./sub/g.log:4:ERROR deep\n',
    0,
  ],
  [
    'grep -r -m 1 ERROR .',
    './a.txt:ERROR one\n./b.txt:ERROR crlf\r\n./sub/deeper/h.log:ERROR\n./sub/g.log:ERROR deep\n./z.md:last ERROR\n',
    0,
  ],
  [
    'grep -r -ow ERROR .',
    './a.txt:ERROR\n./b.txt:ERROR\n./sub/deeper/h.log:ERROR\n./sub/deeper/h.log:ERROR\n./sub/deeper/h.log:ERROR\n./sub/g.log:ERROR\n./z.md:ERROR\n',
    0,
  ],
  ['grep ERROR a.txt missing.txt', 'a.txt:ERROR one\n', 2],
  ['grep -c ERROR missing.txt z.md', 'z.md:1\n', 2],
  ['grep -r ERROR a.txt', 'ERROR one\n', 0],
  [
    'grep -rn ERROR z.md sub/deeper',
    'z.md:1:last ERROR\nsub/deeper/h.log:1:ERROR\nsub/deeper/h.log:2:ERROR ERROR\n',
    0,
  ],
  ['grep -r ERROR sub/deeper', 'sub/deeper/h.log:ERROR\nsub/deeper/h.log:ERROR ERROR\n', 0],
  ['grep -rh ERROR sub/deeper', 'ERROR\nERROR ERROR\n', 0],
  ['grep -H ERROR a.txt', 'a.txt:ERROR one\n', 0],
  ['grep -h ERROR a.txt b.txt', 'ERROR one\nERROR crlf\r\n', 0],
  ['grep -q ERROR missing.txt a.txt', '', 0],
  ['grep -q ERROR a.txt missing.txt', '', 0],
  ['grep -l ERROR sub', '', 2],
];

test('grep prints what GNU grep prints: anchors, -w -x -i -o -c -l -L -m -q, backreferences, [^a] and \\s, CRLF, -r, names', async () => {
  const shell = await fixture();
  for (const [line, stdout, exitCode] of GREP_CASES) {
    const result = await shell.run(line);
    assert.deepEqual([result.stdout, result.exitCode], [stdout, exitCode], line);
  }
});

/** [command line, GNU find's stdout]. */
const FIND_CASES: [string, string][] = [
  ['find . -name "*.log"', './sub/deeper/h.log\n./sub/g.log\n'],
  ['find . -type f', './a.txt\n./b.txt\n./c.txt\n./d.txt\n./e.txt\n./f.txt\n./sub/deeper/h.log\n./sub/g.log\n./z.md\n'],
  ['find . -type d', '.\n./empty\n./sub\n./sub/deeper\n'],
  ['find sub', 'sub\nsub/deeper\nsub/deeper/h.log\nsub/g.log\n'],
  ['find . -empty', './c.txt\n./empty\n'],
  ['find . -maxdepth 1 -type f', './a.txt\n./b.txt\n./c.txt\n./d.txt\n./e.txt\n./f.txt\n./z.md\n'],
  ['find . -path "*/deeper/*"', './sub/deeper/h.log\n'],
  ['find . -name sub -prune -o -type f -print', './a.txt\n./b.txt\n./c.txt\n./d.txt\n./e.txt\n./f.txt\n./z.md\n'],
  ['find . ! -name "*.txt"', '.\n./empty\n./sub\n./sub/deeper\n./sub/deeper/h.log\n./sub/g.log\n./z.md\n'],
  ['find . -mindepth 2', './sub/deeper\n./sub/deeper/h.log\n./sub/g.log\n'],
  ['find sub/ -name "*.log"', 'sub/deeper/h.log\nsub/g.log\n'],
  ['find . -iname "A*"', './a.txt\n'],
  ['find . -size -1c', './c.txt\n'],
  ['find . -type f -name "[a-c]*"', './a.txt\n./b.txt\n./c.txt\n'],
  [
    'find . -name "*"',
    '.\n./a.txt\n./b.txt\n./c.txt\n./d.txt\n./e.txt\n./empty\n./f.txt\n./sub\n./sub/deeper\n./sub/deeper/h.log\n./sub/g.log\n./z.md\n',
  ],
  ['find . -name "*.LOG"', ''],
  ['find . -iname "*.LOG"', './sub/deeper/h.log\n./sub/g.log\n'],
  ['find . -name "*g"', './sub/deeper/h.log\n./sub/g.log\n'],
  ['find . -name "*.log" -o -name "*.md"', './sub/deeper/h.log\n./sub/g.log\n./z.md\n'],
  ['find . -name "*]"', ''],
];

test('find prints what GNU find prints over the same tree', async () => {
  const shell = await fixture();
  for (const [line, stdout] of FIND_CASES) assert.equal((await shell.run(line)).stdout, stdout, line);
});

test('find reads owners, modes and sizes from each entry as its tests ask', async () => {
  const shell = await fixture();
  const out = async (line: string) => (await shell.run(line)).stdout;
  assert.equal(await out("find /etc -name 'sh*' -user root"), '/etc/shadow\n/etc/shells\n');
  assert.equal(
    await out("find . -name '*.md' -user learner; find . -name '*.md' -uid 0; find /etc -name 'sh*' -uid 1000"),
    './z.md\n',
  );
  assert.equal(await out("chmod 600 z.md; find . -perm 600; find . -type f -perm -044 -name 'z*'"), './z.md\n');
  assert.equal(
    await out('find . -size +20c -type f; find sub -type d -empty; find . -maxdepth 1 -empty'),
    './a.txt\n./b.txt\n./e.txt\n./f.txt\n./sub/g.log\n./c.txt\n./empty\n',
  );
});

test('a file read again after a write shows the new contents (>, >>, hard link, cp, sed -i, mv, tar)', async () => {
  const shell = await fixture();
  const out = async (line: string) => (await shell.run(line)).stdout;
  // Read every file once so that each one's text is cached before the writes.
  assert.equal(await out('grep -rc ERROR . | wc -l'), '9\n');
  assert.equal(await out("echo 'ERROR new' > a.txt; grep -c ERROR a.txt"), '1\n');
  assert.equal(await out('echo ERROR >> c.txt; grep -n ERROR c.txt'), '1:ERROR\n');
  assert.equal(await out("ln e.txt e2.txt; echo 'ERROR linked' > e.txt; grep ERROR e2.txt"), 'ERROR linked\n');
  assert.equal(await out('cp sub/g.log copy.log; grep -c ERROR copy.log'), '1\n');
  assert.equal(await out("sed -i 's/ERROR/WARN/' z.md; grep -c ERROR z.md; grep WARN z.md"), '0\nlast WARN\n');
  assert.equal(await out('mv z.md y.md; grep -n WARN y.md; cat y.md'), '1:last WARN\nlast WARN\nno\n');
  assert.equal(
    await out('tar -cf t.tar sub && rm -r sub && tar -xf t.tar && grep -rc ERROR sub'),
    'sub/deeper/h.log:2\nsub/g.log:1\n',
  );
});

test('grep -r, find and ls see entries added, removed and moved since their last walk', async () => {
  const shell = await fixture();
  const out = async (line: string) => (await shell.run(line)).stdout;
  assert.equal(await out('grep -rl ERROR .'), './a.txt\n./b.txt\n./sub/deeper/h.log\n./sub/g.log\n./z.md\n');
  assert.equal(
    await out("touch new.log; mkdir -p x/y && echo ERROR > x/y/k.log; find . -name '*.log'"),
    './new.log\n./sub/deeper/h.log\n./sub/g.log\n./x/y/k.log\n',
  );
  assert.equal(
    await out('grep -rl ERROR .'),
    './a.txt\n./b.txt\n./sub/deeper/h.log\n./sub/g.log\n./x/y/k.log\n./z.md\n',
  );
  assert.equal(
    await out("mv sub/g.log top.log; rm x/y/k.log; find . -name '*.log'"),
    './new.log\n./sub/deeper/h.log\n./top.log\n',
  );
  assert.equal(await out('mv sub moved; find . -type d'), '.\n./empty\n./moved\n./moved/deeper\n./x\n./x/y\n');
  assert.equal(
    await out('rm -r moved x; ls'),
    'a.txt\nb.txt\nc.txt\nd.txt\ne.txt\nempty\nf.txt\nnew.log\ntop.log\nz.md\n',
  );
  // Entries removed by find's own actions while it walks are neither listed again nor visited.
  assert.equal(await out("find . -name '*.txt' -delete; ls"), 'empty\nnew.log\ntop.log\nz.md\n');
  assert.equal(await out("find . -type f -name 't*' -exec rm {} \\; ; find ."), '.\n./empty\n./new.log\n./z.md\n');
});

test("grep -r reads a file by its owner's permission: the learner's under home and /tmp, root's under /etc", async () => {
  const shell = await fixture();
  const run = async (line: string) => {
    const result = await shell.run(line);
    return [result.stdout, result.stderr, result.exitCode];
  };
  assert.deepEqual(await run('chmod 000 a.txt; grep -rl ERROR . | head -2'), [
    './b.txt\n./sub/deeper/h.log\n',
    'grep: ./a.txt: Permission denied\n',
    0,
  ]);
  assert.deepEqual(await run('grep -rl root /etc'), [
    '/etc/group\n/etc/passwd\n',
    'grep: /etc/shadow: Permission denied\n',
    2,
  ]);
  assert.deepEqual(await run('mkdir /tmp/w && echo hi > /tmp/w/f && chmod 600 /tmp/w/f && grep -r hi /tmp'), [
    '/tmp/w/f:hi\n',
    '',
    0,
  ]);
});
