/**
 * Worker thread of the load bench: many learners over the client protocol with no SDK (a hand-rolled client
 * that encodes calls and reads only the headers of what comes back), so a thousand learners cost the generator
 * little CPU. Each learner follows `behaviour.ts`, exactly as the SDK learners do.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { encodeClientMessage } from '@lta/host/protocol';
import { Learner, type Action, type PassingLab } from './behaviour.js';
import { callFrame, initialIdentityOf, SERVER_TAG, subscribeFrame } from './learner-frames.js';
import { random, type Sample, type WorkerReport } from './samples.js';

interface Job {
  url: string;
  indices: number[];
  learners: number;
  labs: PassingLab[];
  rampMs: number;
  startAt: number;
  endAt: number;
}

const job = workerData as Job;
const samples: Sample[] = [];
let failures: string[] = [];
const sockets: WebSocket[] = [];

/** Opens one learner's connection; resolves when it is registered and ticking. */
function run(index: number): void {
  const learner = new Learner(index, job.learners, job.labs, random(index + 1));
  const socket = new WebSocket(job.url, ['v2.bsatn.spacetimedb'], { perMessageDeflate: false });
  socket.binaryType = 'nodebuffer';
  sockets.push(socket);
  const pending = new Map<number, { name: string; sentAt: number }>();
  let nextRequest = 1;
  const send = (action: Action) => {
    const requestId = nextRequest++;
    if (action.kind === 'call') {
      pending.set(requestId, { name: action.reducer, sentAt: performance.now() });
      socket.send(callFrame(requestId, action));
    } else {
      pending.set(requestId, { name: action.name, sentAt: performance.now() });
      socket.send(encodeClientMessage({ tag: 'OneOffQuery', value: { requestId, queryString: action.sql } }));
    }
  };
  const answered = (requestId: number, ok: boolean) => {
    const call = pending.get(requestId);
    if (!call) return;
    pending.delete(requestId);
    samples.push({ name: call.name, ms: performance.now() - call.sentAt, ok, at: Date.now() });
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  socket.on('message', (frame: Buffer) => {
    // Frames are uncompressed v2 messages: one message, its tag next (learner-frames.ts).
    const tag = frame[1];
    if (tag === SERVER_TAG.ReducerResult) answered(frame.readUInt32LE(2), frame[14] === 0 || frame[14] === 1);
    else if (tag === SERVER_TAG.OneOffQueryResult) answered(frame.readUInt32LE(2), frame[6] === 0);
    else if (tag === SERVER_TAG.SubscribeApplied) answered(frame.readUInt32LE(2), true);
    else if (tag === SERVER_TAG.SubscriptionError) failures.push(`subscription refused for learner${index}`);
    else if (tag === SERVER_TAG.InitialConnection) {
      const identity = initialIdentityOf(frame);
      if (identity === null) return;
      for (const action of learner.start(Date.now())) send(action);
      const requestId = nextRequest++;
      pending.set(requestId, { name: 'subscribe', sentAt: performance.now() });
      socket.send(subscribeFrame(requestId, identity));
      timer = setInterval(() => {
        for (const action of learner.due(Date.now())) send(action);
      }, 250);
    }
  });
  socket.on('close', () => clearInterval(timer));
  socket.on('error', (error) => failures.push(`learner${index}: ${error.message}`));
}

job.indices.forEach((index, i) => {
  const at = job.startAt + (job.rampMs * i) / Math.max(1, job.indices.length);
  setTimeout(() => run(index), Math.max(0, at - Date.now()));
});

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const reportNow = () => {
  const message: WorkerReport = { samples: samples.splice(0), failures, loopLongestMs: loopDelay.max / 1e6 };
  failures = [];
  loopDelay.reset();
  parentPort!.postMessage(message);
};
const report = setInterval(reportNow, 1000);
setTimeout(() => {
  clearInterval(report);
  reportNow();
  for (const socket of sockets) socket.close();
  setTimeout(() => process.exit(0), 500);
}, job.endAt - Date.now());
