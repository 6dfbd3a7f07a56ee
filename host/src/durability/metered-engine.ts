import type { Caller, Engine, ReducerOutcome } from '../engine/index.js';
import type { LifecycleKind } from '../schema/module-def.js';
import type { HostMetrics } from '../metrics/host-metrics.js';

/**
 * The engine as the server sees it, counting every reducer call (name, duration, failure) in the metrics.
 * Every other member passes through to the engine (a proxy, so members the engine gains later pass too).
 */
export function meteredEngine<E extends Engine>(engine: E, metrics: HostMetrics): E {
  const count = (name: string | undefined, outcome: ReducerOutcome) => {
    if (name) metrics.reducerCalled(name, outcome.durationMicros, outcome.status === 'failed');
    return outcome;
  };
  const callReducer = (nameOrId: string | number, args: Uint8Array, caller: Caller) =>
    count(
      typeof nameOrId === 'number' ? engine.def.reducers[nameOrId]?.name : nameOrId,
      engine.callReducer(nameOrId, args, caller),
    );
  const callLifecycle = (kind: LifecycleKind, caller: Caller) =>
    count(engine.def.reducers.find((r) => r.lifecycle === kind)?.name, engine.callLifecycle(kind, caller));
  return new Proxy(engine, {
    get(target, property) {
      if (property === 'callReducer') return callReducer;
      if (property === 'callLifecycle') return callLifecycle;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
