/**
 * What saving a lab's state to the academy costs for a 1 MB filesystem: the text sent (and stored) against the
 * whole snapshot as JSON, and the time to encode it (terminal) and decode it (terminal on resume, module on every
 * save), as ratios to JSON round-tripping the whole snapshot in the same run.
 * Run: node --import tsx bench/labs/saved-state.ts
 */
import { decodeLabState, encodeLabState, startingFiles, type Lab, type ShellSnapshot, type VfsEntry } from '@lta/labs';
import { nativeDeflateRaw } from '../../src/components/terminal/lab-state-codec.js';
import { createShell } from '@lta/shell';
import { medianTime } from '../statistics.js';

const ROUNDS = 15;
const LIMIT = 256 * 1024;

const timed = (run: () => unknown) => medianTime(ROUNDS, run);

/** A web server's access log: dates, paths, statuses and ids, as lab data looks. */
function accessLog(bytes: number, seed: number): string {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 1);
  const paths = ['/', '/index.html', '/api/items', '/api/orders', '/login', '/static/app.js', '/static/site.css'];
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = `10.0.${next() % 256}.${next() % 256} - - [26/Nov/2026:${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00] "GET ${paths[next() % paths.length]} HTTP/1.1" ${[200, 200, 200, 304, 404, 500][next() % 6]} ${next() % 50000}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

const file = (content: string): VfsEntry => ({ type: 'file', mode: 0o644, content });

/** A lab whose starting files hold `files` (`~/...` paths, as lab authors write them). */
const labWith = (files: Record<string, string>): Pick<Lab, 'files'> => ({ files });

interface Case {
  name: string;
  start: Record<string, VfsEntry>;
  snapshot: ShellSnapshot;
}

async function cases(): Promise<Case[]> {
  const home = '/home/learner';
  const labData: Record<string, string> = {};
  for (let i = 0; i < 10; i++) labData[`~/logs/day${i}.log`] = accessLog(100_000, i + 1);
  const dataLab = startingFiles(labWith(labData));
  const emptyLab = startingFiles(labWith({ '~/notes.txt': 'hello\n' }));
  const shellOn = async (start: Record<string, VfsEntry>, commands: string[]) => {
    const shell = await createShell({ files: start });
    for (const command of commands) await shell.run(command);
    return shell.snapshot();
  };
  const generated = await shellOn(emptyLab, []);
  for (let i = 0; i < 10; i++) generated.files[`${home}/out/day${i}.log`] = file(accessLog(100_000, i + 100));
  generated.files[`${home}/out`] = { type: 'dir', mode: 0o755 };
  return [
    {
      name: "the lab's 1 MB of logs, browsed (ls, grep)",
      start: dataLab,
      snapshot: await shellOn(dataLab, ['ls -l logs', 'grep -c 404 logs/day3.log']),
    },
    {
      name: 'those logs copied and moved (cp -r, mv)',
      start: dataLab,
      snapshot: await shellOn(dataLab, ['cp -r logs backup', 'mv logs/day0.log old.log']),
    },
    { name: '1 MB of new log text written by the learner', start: emptyLab, snapshot: generated },
    {
      name: '730 KB of new numbers (seq 1 120000)',
      start: emptyLab,
      snapshot: await shellOn(emptyLab, ['seq 1 120000 > numbers.txt']),
    },
  ];
}

for (const { name, start, snapshot } of await cases()) {
  const whole = JSON.stringify(snapshot);
  const text = await encodeLabState(snapshot, start, nativeDeflateRaw);
  const baseline = await timed(() => JSON.parse(JSON.stringify(snapshot)));
  const encode = await timed(() => encodeLabState(snapshot, start, nativeDeflateRaw));
  const decode = await timed(() => {
    if (!decodeLabState(text, start).ok) throw new Error('the state does not read back');
  });
  const fits = text.length <= LIMIT ? 'fits' : 'over';
  console.log(
    `${name}\n  whole snapshot ${(whole.length / 1024).toFixed(0)} KiB -> saved ${(text.length / 1024).toFixed(1)} KiB ` +
      `(${(whole.length / text.length).toFixed(1)}x smaller, ${fits} the 256 KiB limit)\n` +
      `  JSON round trip (baseline) ${baseline.toFixed(2)} ms; encode ${encode.toFixed(2)} ms (${(encode / baseline).toFixed(2)}x); ` +
      `decode ${decode.toFixed(2)} ms (${(decode / baseline).toFixed(2)}x)`,
  );
}
