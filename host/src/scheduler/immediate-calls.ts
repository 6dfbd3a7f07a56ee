import type { CommittedOutcome, Engine } from '../engine/index.js';
import type { SchedulerClock } from './clock.js';

export interface ImmediateCallsOptions {
  engine: Engine;
  clock: SchedulerClock;
  /** Where calls that cannot run or fail are reported; the queue keeps going. */
  log(level: 'error', message: string): void;
  /** Every transaction a call committed: the server sends it to subscribers like any other. */
  committed(outcome: CommittedOutcome): void;
}

/**
 * Runs what a module asks for with `volatile_nonatomic_schedule_immediate`, as SpacetimeDB's scheduler does
 * (`SchedulerMessage::ScheduleImmediate` and `function_to_reducer_call_params` in crates/core/src/host/scheduler.rs):
 * the call is queued the moment the module asks, so it runs even when the asking transaction rolls back; it runs
 * after that transaction, with no delay, in a transaction of its own, as the database itself (sender the database
 * identity, no connection, timestamp the time it runs). A name that is a procedure runs the procedure. A name that is
 * neither, or arguments that do not decode, are logged and dropped. Returns a function that stops the queue.
 */
export function runImmediateCalls(options: ImmediateCallsOptions): () => void {
  const { engine, clock } = options;
  const queue: { name: string; args: Uint8Array }[] = [];
  let timer: unknown = null;
  let stopped = false;

  const runOne = (name: string, args: Uint8Array) => {
    const caller = { sender: engine.databaseIdentity, connectionId: 0n, timestamp: clock.now() };
    if (engine.def.procedures.some((p) => p.name === name)) {
      const outcome = engine.callProcedure(name, args, caller);
      for (const commit of outcome.commits) options.committed(commit);
      if (outcome.status === 'failed')
        options.log('error', `procedure ${name} (scheduled immediately) failed: ${outcome.message}`);
      return;
    }
    const reducer = engine.def.reducers.find((r) => r.name === name);
    if (!reducer) {
      options.log('error', `could not determine scheduled reducer or its parameters: Reducer \`${name}\` not found`);
      return;
    }
    const outcome = engine.callReducer(reducer.id, args, caller);
    if (outcome.status === 'failed')
      options.log('error', `reducer ${name} (scheduled immediately) failed: ${outcome.message}`);
    else options.committed(outcome);
  };

  const runQueued = () => {
    timer = null;
    // Calls queued while these run (a chain of immediate calls) wait for the next turn of the event loop.
    const due = queue.splice(0);
    for (const call of due) if (!stopped) runOne(call.name, call.args);
  };

  const stopListening = engine.onScheduleImmediate((name, args) => {
    if (stopped) return;
    queue.push({ name, args });
    timer ??= clock.setTimer(runQueued, 0);
  });

  return () => {
    stopped = true;
    stopListening();
    if (timer !== null) clock.clearTimer(timer);
    timer = null;
    queue.length = 0;
  };
}
