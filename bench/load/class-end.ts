/**
 * The end of a class: N registered learners, subscribed as the academy's widgets subscribe, leave at once (their
 * sockets closed in one turn, as when a lesson ends) while a teacher who stays makes one call at a time. The
 * baseline, in the same run: the teacher's round trips while the class is still there, idle. Reported per round
 * and as the median of the rounds: the teacher's p50/p99/worst round trip while the class leaves against the
 * baseline, how long until every departure (one `online_count` update each) had reached the teacher, how many of
 * the teacher's calls were answered meanwhile, and the host's longest event-loop stall.
 *
 *   node --import tsx bench/load/class-end.ts --learners 300 --rounds 3
 */
import { WebSocket } from 'ws';
import { fmt } from '../host/support.js';
import { median, percentile } from '../statistics.js';
import { startAcademyHost } from './academy-host.js';
import type { Action } from './behaviour.js';
import { callFrame, initialIdentityOf, SERVER_TAG as TAG, subscribeFrame } from './learner-frames.js';
import { numberOption } from '../options.js';

const LEARNERS = numberOption('learners', 300);
const ROUNDS = numberOption('rounds', 3);
const BASELINE_MS = 3000;
let nextRequest = 1;
function send(socket: WebSocket, action: Extract<Action, { kind: 'call' }>): void {
  socket.send(callFrame(nextRequest++, action));
}

/** Connects a registered learner subscribed as a learner's page is; resolves once both are done. */
function joinClass(url: string, username: string): Promise<WebSocket> {
  const socket = new WebSocket(url, ['v2.bsatn.spacetimedb'], { perMessageDeflate: false });
  socket.binaryType = 'nodebuffer';
  return new Promise((resolve, reject) => {
    let waiting = 2; // the registration's answer and the subscription's rows
    socket.on('error', reject);
    socket.on('message', (frame: Buffer) => {
      if (frame[1] === TAG.InitialConnection) {
        const identity = initialIdentityOf(frame);
        if (identity === null) return;
        send(socket, {
          kind: 'call',
          reducer: 'register_user',
          args: { username, displayName: '', timeZone: 'UTC' },
        });
        socket.send(subscribeFrame(nextRequest++, identity));
      } else if (frame[1] === TAG.ReducerResult || frame[1] === TAG.SubscribeApplied) {
        if (--waiting === 0) resolve(socket);
      }
    });
  });
}

async function joinClassOf(url: string, count: number, prefix: string): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  // A hundred at a time, as a class arrives over a minute rather than in one instant.
  for (let at = 0; at < count; at += 100) {
    const batch = Array.from({ length: Math.min(100, count - at) }, (_, i) => joinClass(url, `${prefix}${at + i}`));
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** The teacher: calls one at a time until stopped, each round trip recorded; counts the updates it receives. */
function teach(socket: WebSocket) {
  let updates = 0;
  let answered: (() => void) | undefined;
  socket.on('message', (frame: Buffer) => {
    if (frame[1] === TAG.TransactionUpdate) updates++;
    else if (frame[1] === TAG.ReducerResult) answered?.();
  });
  let times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      await new Promise<void>((resolve) => {
        answered = resolve;
        send(socket, { kind: 'call', reducer: 'heartbeat', args: { currentLab: '', idle: false } });
      });
      times.push(performance.now() - start);
    }
  })();
  return {
    get updates() {
      return updates;
    },
    /** The round trips since the last call, sorted; starts a new series. */
    take(): number[] {
      const taken = times.sort((a, b) => a - b);
      times = [];
      return taken;
    },
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

interface Round {
  idle: number[];
  leaving: number[];
  departedMs: number;
  idleStallMs: number;
  leavingStallMs: number;
}

const host = await startAcademyHost();
const teacherSocket = await joinClass(host.subscribeUrl, 'teacher');
const teacher = teach(teacherSocket);
const rounds: Round[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const learners = await joinClassOf(host.subscribeUrl, LEARNERS, `r${round}learner`);
  await host.state(); // starts the host's stall reading
  teacher.take();
  await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
  const idle = teacher.take();
  const idleStallMs = (await host.state()).loopLongestMs;
  const before = teacher.updates;
  const start = performance.now();
  for (const socket of learners) socket.close();
  while (teacher.updates - before < LEARNERS) {
    if (performance.now() - start > 60_000)
      throw new Error(`${teacher.updates - before} of ${LEARNERS} departures seen`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const departedMs = performance.now() - start;
  const leaving = teacher.take();
  const { loopLongestMs: leavingStallMs, gcLongestMs } = await host.state();
  rounds.push({ idle, leaving, departedMs, idleStallMs, leavingStallMs });
  const p99 = (times: number[]) => fmt(percentile(times, 0.99), 1);
  console.log(
    `round ${round + 1}: class idle p99 ${p99(idle)} ms (${idle.length} calls); class leaving p99 ${p99(leaving)} ms, worst ${fmt(leaving.at(-1) ?? 0, 1)} ms (${leaving.length} calls); every departure in ${fmt(departedMs, 0)} ms; host stall ${fmt(idleStallMs, 0)} / ${fmt(leavingStallMs, 0)} ms (longest GC pause ${fmt(gcLongestMs, 0)} ms)`,
  );
}
await teacher.stop();
teacherSocket.close();
await host.stop();

const mid = (figure: (r: Round) => number) => median(rounds.map(figure));
const idleP99 = mid((r) => percentile(r.idle, 0.99));
const leavingP99 = mid((r) => percentile(r.leaving, 0.99));
console.log(
  `\n${LEARNERS} learners leave at once while a teacher makes one call at a time (median of ${ROUNDS} rounds)`,
);
console.log(
  `  teacher's round trip   class idle: p50 ${fmt(
    mid((r) => percentile(r.idle, 0.5)),
    2,
  )} ms, p99 ${fmt(idleP99, 2)} ms, worst ${fmt(
    mid((r) => r.idle.at(-1) ?? 0),
    1,
  )} ms`,
);
console.log(
  `                         class leaving: p50 ${fmt(
    mid((r) => percentile(r.leaving, 0.5)),
    2,
  )} ms, p99 ${fmt(leavingP99, 2)} ms, worst ${fmt(
    mid((r) => r.leaving.at(-1) ?? 0),
    1,
  )} ms; p99 ratio ${fmt(leavingP99 / idleP99, 1)}x`,
);
console.log(
  `  every departure reached the teacher after ${fmt(
    mid((r) => r.departedMs),
    0,
  )} ms, with ${fmt(
    mid((r) => r.leaving.length),
    0,
  )} of its calls answered meanwhile`,
);
console.log(
  `  host's longest event-loop stall: class idle ${fmt(
    mid((r) => r.idleStallMs),
    0,
  )} ms, class leaving ${fmt(
    mid((r) => r.leavingStallMs),
    0,
  )} ms`,
);
process.exit(0);
