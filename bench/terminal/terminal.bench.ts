/**
 * Browser half of the terminal bench (run it with `node bench/terminal/run.mjs`): keystroke-to-echo time, typical
 * lab commands over a 5,000-file filesystem, the first output of a long loop, and saving/restoring a 1 MB filesystem,
 * each as a ratio to a baseline measured in the same run (one animation frame, the command `true`, and JSON
 * round-tripping the same snapshot).
 */
import type { Terminal } from '@xterm/xterm';
import { html, render } from 'lit';
import '../../src/terminal.js';
import type { LtaTerminal } from '../../src/components/terminal/terminal.js';
import { loadProgress, saveProgress } from '../../src/components/terminal/saved-progress.js';
import { createShell } from '@lta/shell';
import { median, medianTime, percentile } from '../statistics.js';
import { decodeLabState, encodeLabState } from '@lta/labs';
import { nativeDeflateRaw } from '../../src/components/terminal/lab-state-codec.js';
import type { Shell } from '@lta/shell';

/** The element's internals the bench drives directly (xterm's own input path, the shell). */
type Inside = { xterm: { terminal: Terminal }; labSession: { shell: Shell } };

const p95 = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.95,
  );
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const report = (line: string) => console.log(`[bench] ${line}`);

async function mount(persist: 'local' | 'none'): Promise<LtaTerminal> {
  const host = document.createElement('div');
  host.style.width = '900px';
  document.body.append(host);
  render(html`<lta-terminal persist=${persist}></lta-terminal>`, host);
  const el = host.querySelector('lta-terminal')!;
  await el.ready;
  return el;
}

/** Resolves when xterm has drawn `text` at the end of a row. */
function drawn(el: LtaTerminal, text: string): Promise<void> {
  const rows = el.shadowRoot!.querySelector('.xterm-rows')!;
  const shown = () =>
    [...rows.children].some((row) =>
      (row.textContent ?? '')
        .replace(/\u00a0/g, ' ')
        .trimEnd()
        .endsWith(text),
    );
  return new Promise((resolve) => {
    if (shown()) return resolve();
    const observer = new MutationObserver(() => {
      if (shown()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(rows, { subtree: true, childList: true, characterData: true });
  });
}

async function keystrokes(): Promise<void> {
  const el = await mount('none');
  const { terminal } = (el as unknown as Inside).xterm;
  const frameMs = await frameTime(60);
  const echoes: number[] = [];
  let typed = 'echo ';
  terminal.input(typed, true);
  for (let i = 0; i < 120; i++) {
    const ch = 'abcdefghij'[i % 10]!;
    typed += ch;
    const start = performance.now();
    terminal.input(ch, true);
    await drawn(el, `$ ${typed}`.slice(-20));
    echoes.push(performance.now() - start);
    if (typed.length > 60) {
      terminal.input('\x15echo ', true); // Ctrl-U: keep the line on one row
      typed = 'echo ';
      await drawn(el, '$ echo');
    }
  }
  report(`frame (baseline): median ${frameMs.toFixed(2)} ms`);
  report(
    `keystroke to echo on screen: median ${median(echoes).toFixed(2)} ms, p95 ${p95(echoes).toFixed(2)} ms, ratio ${(median(echoes) / frameMs).toFixed(2)} frames`,
  );
  el.parentElement!.remove();
}

/** Time from typing a command to its prompt being back on screen (shell, output, checks, saving, drawing). */
async function commandTime(el: LtaTerminal, command: string): Promise<number> {
  const start = performance.now();
  const done = new Promise((resolve) => el.addEventListener('lta-command', resolve, { once: true }));
  el.runCommand(command);
  await done;
  await frame();
  return performance.now() - start;
}

async function commands(): Promise<void> {
  const el = await mount('local');
  const { shell } = (el as unknown as Inside).labSession;
  // One directory per command line, so building the tree stays inside one line's time limit on a busy machine.
  for (let d = 1; d <= 50; d++) {
    await shell.run(
      `mkdir -p proj/src/m${d} && for f in $(seq 1 100); do echo "line $f TODO fix ${d}" > "proj/src/m${d}/f$f.txt"; done`,
    );
  }
  const count = (await shell.run('find proj -type f | wc -l')).stdout.trim();
  if (count !== '5000') throw new Error(`expected 5000 files, made ${count}`);
  await commandTime(el, 'cd proj');
  const runs = 15;
  const time = async (command: string) => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await commandTime(el, command));
    return median(samples);
  };
  const baseline = await time('true');
  const frameMs = await frameTime(30);
  report(
    `filesystem: ${count} files; \`true\` (baseline) through the terminal: median ${baseline.toFixed(2)} ms, ${(baseline / frameMs).toFixed(2)} frames of ${frameMs.toFixed(2)} ms`,
  );
  const typical = [
    'ls -la src/m1',
    'grep -rn TODO src/m7',
    // Whole tree: every one of the 5,000 files searched, 100 matching lines drawn.
    "grep -rn 'fix 42$' .",
    'find . -name f42.txt',
    'cat src/m3/f1.txt src/m3/f2.txt | grep TODO | sort | uniq -c',
  ];
  for (const command of typical) {
    const ms = await time(command);
    report(
      `${command}: median ${ms.toFixed(2)} ms, ratio to true ${(ms / baseline).toFixed(2)}, ${(ms / frameMs).toFixed(2)} frames`,
    );
  }
  await firstOutput(el, frameMs);
  el.parentElement!.remove();
}

/** Median time between two animation frames: the baseline "one frame" (16.7 ms at 60 Hz). */
const frameTime = (count: number): Promise<number> => medianTime(count, frame);

/** A loop that sleeps between steps: time until its first step is drawn, against the whole line (output streams). */
async function firstOutput(el: LtaTerminal, frameMs: number): Promise<void> {
  const firsts: number[] = [];
  const wholes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const marker = `step-${i}-`;
    const start = performance.now();
    const done = new Promise((resolve) => el.addEventListener('lta-command', resolve, { once: true }));
    el.runCommand(`for n in 1 2 3; do echo ${marker}$n; sleep 0.2; done`);
    await drawn(el, `${marker}1`);
    firsts.push(performance.now() - start);
    await done;
    wholes.push(performance.now() - start);
  }
  report(
    `long loop (3 steps, 0.2 s apart): first step drawn after median ${median(firsts).toFixed(2)} ms (${(median(firsts) / frameMs).toFixed(2)} frames), whole line ${median(wholes).toFixed(2)} ms`,
  );
}

/** Follows animation frames until stopped; gives the longest gap between two, i.e. how long the page froze. */
function watchFrames(): { stop(): Promise<number> } {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = (now: number) => {
    longest = Math.max(longest, now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    async stop() {
      await frame();
      running = false;
      return longest;
    },
  };
}

async function snapshots(): Promise<void> {
  const shell = await createShell();
  // 115 files of 1,400 different numbers each (about 9 KB): about 1 MB, none a copy of another, and numbers are
  // what deflate shrinks least (the academy's worst case).
  await shell.run('for i in $(seq 1 115); do seq $((i * 100000)) $((i * 100000 + 1399)) > "file$i.txt"; done');
  const rounds = 10;
  const saves: number[] = [];
  const restores: number[] = [];
  const json: number[] = [];
  const encodes: number[] = [];
  const decodes: number[] = [];
  const longestFrames: number[] = [];
  let size = 0;
  let sent = 0;
  for (let i = 0; i < rounds; i++) {
    let start = performance.now();
    const snapshot = shell.snapshot();
    const outcome = saveProgress('bench', { version: 1, snapshot, hintsShown: [], savedAt: Date.now() });
    saves.push(performance.now() - start);
    if (outcome !== 'saved') throw new Error(`save failed: ${outcome}`);
    start = performance.now();
    const loaded = loadProgress('bench')!;
    await createShell({ snapshot: loaded.snapshot });
    restores.push(performance.now() - start);
    start = performance.now();
    const text = JSON.stringify(snapshot);
    JSON.parse(text);
    json.push(performance.now() - start);
    size = text.length;
    // What goes to the academy: every file is new here (no lab), so all of it is deflated.
    start = performance.now();
    const watching = watchFrames();
    const state = await encodeLabState(snapshot, {}, nativeDeflateRaw);
    encodes.push(performance.now() - start);
    longestFrames.push(await watching.stop());
    start = performance.now();
    if (!decodeLabState(state, {}).ok) throw new Error('the academy state does not read back');
    decodes.push(performance.now() - start);
    sent = state.length;
  }
  localStorage.removeItem('lta-terminal:v1:bench');
  report(`1 MB filesystem snapshot: ${(size / 1024).toFixed(0)} KiB in localStorage`);
  report(`JSON round trip (baseline): median ${median(json).toFixed(2)} ms`);
  report(
    `save (snapshot + localStorage): median ${median(saves).toFixed(2)} ms, ratio ${(median(saves) / median(json)).toFixed(2)}`,
  );
  report(
    `restore (localStorage + new shell): median ${median(restores).toFixed(2)} ms, ratio ${(median(restores) / median(json)).toFixed(2)}`,
  );
  report(
    `academy state: ${(sent / 1024).toFixed(0)} KiB sent; encode (pack + native deflate, async) median ${median(encodes).toFixed(2)} ms, ratio ${(median(encodes) / median(json)).toFixed(2)}; decode median ${median(decodes).toFixed(2)} ms, ratio ${(median(decodes) / median(json)).toFixed(2)}`,
  );
  report(
    `longest frame while encoding: median ${median(longestFrames).toFixed(1)} ms (${(median(longestFrames) / 16.7).toFixed(2)} frames)`,
  );
}

describe('terminal bench', function () {
  this.timeout(600_000);
  it('keystrokes', keystrokes);
  it('commands over 5,000 files', commands);
  it('snapshots of 1 MB', snapshots);
});
