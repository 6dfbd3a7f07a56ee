import type { ProcessEntry } from '@lta/labs';
import { signalNumber } from '../../commands/signals.js';
import { KeyProgram } from '../../editors/key-program.js';
import type { EditorKey } from '../../editors/keys.js';
import { bar, plain } from '../../editors/screen-text.js';
import type { Screen, ScreenLine, ScreenSize } from '../../types.js';
import type { ProcessTable } from './process-table.js';
import { processLine, sortedProcesses, summaryLines, TOP_HEADER, type TopSort } from './top-frame.js';

/** What `h` shows: procps top 3.3.17's help, trimmed to the keys this top has. */
const HELP = (delay: number) => [
  'Help for Interactive Commands - procps-ng 3.3.17',
  `Window 1:Def: Cumulative mode Off.  System: Delay ${delay.toFixed(1)} secs; Secure mode Off.`,
  '',
  "  1         Toggle: '1' single/separate cpu states",
  "  M,P       Sort by: 'M' %MEM; 'P' %CPU",
  "  k         Manipulate tasks: 'k' kill",
  '  q         Quit',
  '',
  "Type 'q' or <Esc> to continue ",
];

/** Most digits or letters typed at top's questions. */
const MAX_ANSWER = 20;

/** The question `k` asks, with the answer typed so far. */
type Question = { step: 'pid'; typed: string; suggested: number } | { step: 'signal'; typed: string; pid: number };

/**
 * `top` on the terminal's full screen: the summary and the processes, a new frame every `delay` seconds (the
 * terminal's tick) or on a key, from the machine's process table and clock. Keys: `M`/`P` sort by memory/CPU, `1`
 * one line per CPU, `k` asks a PID and a signal and sends it (as the learner, as `kill` does), `h` help, `q` quits.
 */
export class TopScreen extends KeyProgram {
  readonly tickEvery: number;
  /** The frame shown: the table and the time when it was taken. */
  private processes: ProcessEntry[] = [];
  private takenAt = 0;
  private sort: TopSort = 'cpu';
  private perCpu = false;
  private helping = false;
  private question: Question | undefined;
  /** What the message line says (a failed signal) until the next frame. */
  private message = '';

  constructor(
    private readonly table: ProcessTable,
    private readonly only: (process: ProcessEntry) => boolean,
    private readonly delay = 3,
  ) {
    super();
    // top refreshes at most ten times a second, whatever `-d` says.
    this.tickEvery = Math.max(100, delay * 1000);
    this.refresh();
  }

  tick(): void {
    this.message = '';
    this.refresh();
  }

  protected key(key: EditorKey): void {
    if (this.helping) {
      this.helping = false;
      return;
    }
    if (this.question) return this.answerKey(this.question, key);
    if ('ctrl' in key && key.ctrl === 'c') {
      this.done = true;
      return;
    }
    if (!('char' in key)) return this.refresh();
    switch (key.char) {
      case 'q':
        this.done = true;
        return;
      case 'M':
        this.sort = 'memory';
        break;
      case 'P':
        this.sort = 'cpu';
        break;
      case '1':
        this.perCpu = !this.perCpu;
        break;
      case 'h':
      case '?':
        this.helping = true;
        return;
      case 'k':
        this.question = { step: 'pid', typed: '', suggested: this.shown()[0]?.pid ?? this.table.shellPid };
        return;
      default:
        break;
    }
    this.message = '';
    this.refresh();
  }

  screen({ rows, cols }: ScreenSize): Screen {
    const cut = (text: string) => text.slice(0, cols);
    if (this.helping) {
      const lines = HELP(this.delay).map((line) => plain(cut(line)));
      while (lines.length < rows) lines.push(plain(''));
      return { lines: lines.slice(0, rows), cursor: { row: Math.min(rows, HELP(this.delay).length) - 1, col: 0 } };
    }
    const summary = summaryLines(this.table, this.processes, this.takenAt, this.perCpu).map((line) => plain(cut(line)));
    const prompt = this.questionText();
    const messageLine = prompt ?? this.message;
    const lines: ScreenLine[] = [
      ...summary,
      plain(cut(messageLine)),
      bar(TOP_HEADER, cols),
      ...this.shown().map((process) => plain(cut(processLine(process, this.takenAt)))),
    ];
    while (lines.length < rows) lines.push(plain(''));
    return {
      lines: lines.slice(0, rows),
      cursor: { row: Math.min(summary.length, rows - 1), col: Math.min(messageLine.length, cols - 1) },
    };
  }

  /** A new frame: the table as it is now. */
  private refresh(): void {
    this.takenAt = this.table.clock.now();
    this.processes = this.table.list();
  }

  /** The frame's processes that `-u`/`-p` let through, in the chosen order. */
  private shown(): ProcessEntry[] {
    return sortedProcesses(this.processes.filter(this.only), this.sort);
  }

  private questionText(): string | undefined {
    const question = this.question;
    if (!question) return undefined;
    if (question.step === 'pid') return `PID to signal/kill [default pid = ${question.suggested}] ${question.typed}`;
    return `Send pid ${question.pid} signal [15/sigterm] ${question.typed}`;
  }

  private answerKey(question: Question, key: EditorKey): void {
    if (('name' in key && key.name === 'escape') || ('ctrl' in key && key.ctrl === 'c')) {
      this.question = undefined;
      return;
    }
    if ('name' in key && key.name === 'backspace') {
      question.typed = question.typed.slice(0, -1);
      return;
    }
    if ('char' in key) {
      if (question.typed.length < MAX_ANSWER) question.typed += key.char;
      return;
    }
    if (!('name' in key) || key.name !== 'enter') return;
    this.question = undefined;
    const typed = question.typed.trim();
    if (question.step === 'pid') {
      if (typed !== '' && !/^\d+$/.test(typed)) {
        this.message = ' Unacceptable integer ';
        return;
      }
      this.question = { step: 'signal', typed: '', pid: typed === '' ? question.suggested : Number(typed) };
      return;
    }
    const signal = typed === '' ? 15 : signalNumber(typed);
    if (signal === undefined || signal === 0) {
      this.message = ' Invalid signal ';
      return;
    }
    const outcome = this.table.signal(question.pid, signal);
    if (outcome === 'no-such-process')
      this.message = `Failed signal pid '${question.pid}' with '${signal}': No such process`;
    else if (outcome === 'not-permitted')
      this.message = `Failed signal pid '${question.pid}' with '${signal}': Operation not permitted`;
    this.refresh();
  }
}
