/**
 * Learners through the real `spacetimedb` SDK (with the academy's generated bindings), in the bench's own
 * process: they behave like the lean learners and check that what the host sends is what the SDK expects. The
 * SDK has no one-off query call, so their reads are skipped.
 */
import WebSocket from 'ws';
import { DbConnection } from '../../src/bindings/index.js';
import { Learner, type Action, type PassingLab } from './behaviour.js';
import { subscriptionsOf } from './behaviour.js';
import { random, type Sample } from './samples.js';

// Node 20 has no global WebSocket; the SDK looks for one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Starts one SDK learner; returns a function that disconnects it. */
export function runSdkLearner(
  http: string,
  database: string,
  index: number,
  learners: number,
  labs: readonly PassingLab[],
  record: (sample: Sample) => void,
): () => void {
  const learner = new Learner(index, learners, labs, random(index + 1));
  let timer: ReturnType<typeof setInterval> | undefined;
  const send = (conn: DbConnection, action: Action) => {
    if (action.kind !== 'call') return;
    const started = performance.now();
    const reducers = conn.reducers as unknown as Record<string, (args: Record<string, unknown>) => Promise<void>>;
    reducers[camel(action.reducer)]!(action.args).then(
      () => record({ name: action.reducer, ms: performance.now() - started, ok: true, at: Date.now() }),
      () => record({ name: action.reducer, ms: performance.now() - started, ok: false, at: Date.now() }),
    );
  };
  const conn = DbConnection.builder()
    .withUri(http)
    .withDatabaseName(database)
    // Under compression the SDK applies messages in the order it finishes decompressing them, so a small update
    // overtakes a large answer sent before it and its cache logs rows "not present" (clockworklabs/SpacetimeDB#5730;
    // 60 learners: 140 and 20 such errors with gzip, 0 without). Uncompressed, the errors left are the host's.
    .withCompression('none')
    .onConnect((connected, identity) => {
      for (const action of learner.start(Date.now())) send(connected, action);
      const started = performance.now();
      connected
        .subscriptionBuilder()
        .onApplied(() => record({ name: 'subscribe', ms: performance.now() - started, ok: true, at: Date.now() }))
        .subscribe(subscriptionsOf(identity.toHexString()));
      timer = setInterval(() => {
        for (const action of learner.due(Date.now())) send(connected, action);
      }, 250);
    })
    .build();
  return () => {
    clearInterval(timer);
    conn.disconnect();
  };
}
