/**
 * The engine alone (no sockets): `transfer(from, to, amount)` between two of 100,000 accounts found by primary key,
 * called directly on a loaded module (the kitchen-sink test module, whose `transfer` does two point lookups and two
 * updates). Reports wall and CPU microseconds per call (CPU time is steadier on a shared machine) and the ratio to a
 * baseline measured in the same run: the same transfers on a plain `Map` of 100,000 account objects in this process.
 * Target: well under 30 µs per call, so the whole host can reach >= 15,000 transfers/s.
 *
 *   node --import tsx bench/host/engine-transfers.ts [--calls 200000]
 */
import { AlgebraicType, BinaryReader, BinaryWriter } from 'spacetimedb';
import { loadModule, type Caller, type Engine } from '@lta/host/engine';

const callsArg = process.argv.indexOf('--calls');
const CALLS = callsArg > 0 ? Number(process.argv[callsArg + 1]) : 200_000;
const ACCOUNTS = 100_000;
const ROUNDS = 3;
const caller: Caller = { sender: 1n, connectionId: 2n, timestamp: 1_700_000_000_000_000n };

function encoder(engine: Engine, reducer: string) {
  const def = engine.def.reducers.find((r) => r.name === reducer)!;
  const serialize = AlgebraicType.makeSerializer(
    { tag: 'Product', value: def.paramsWithAccessorNames },
    { types: engine.def.typespaceWithAccessorNames },
  );
  return (args: Record<string, unknown>) => {
    const writer = new BinaryWriter(32);
    serialize(writer, args);
    return writer.getBuffer();
  };
}

/** 1,000 random pairs of distinct accounts, reused round-robin. */
function pairs(): [number, number][] {
  return Array.from({ length: 1000 }, () => {
    const from = 1 + Math.floor(Math.random() * ACCOUNTS);
    return [from, (from % ACCOUNTS) + 1];
  });
}

function measure(label: string, run: (i: number) => void): { wall: number; cpu: number } {
  let best = { wall: Infinity, cpu: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) run(i);
    const cpu = process.cpuUsage(cpuStart);
    const result = { wall: ((performance.now() - wallStart) * 1000) / CALLS, cpu: (cpu.user + cpu.system) / CALLS };
    if (result.cpu < best.cpu) best = result;
  }
  console.log(`${label.padEnd(10)} ${best.wall.toFixed(2)} µs/call wall, ${best.cpu.toFixed(2)} µs/call CPU`);
  return best;
}

const engine = await loadModule({ moduleDir: 'host/test/fixtures/kitchen-sink', databaseName: 'bench', log: () => {} });
const seed = engine.callReducer(
  'seed_accounts',
  encoder(engine, 'seed_accounts')({ count: ACCOUNTS, balance: 1_000_000n }),
  caller,
);
if (seed.status !== 'committed') throw new Error(seed.message);
const transferArgs = pairs().map(([from, to]) => encoder(engine, 'transfer')({ from, to, amount: 1n }));

// Baseline: the same work with no module, no ABI and no datastore: decode args, two lookups, two updates.
const accounts = new Map<number, { id: number; balance: bigint }>();
for (let id = 1; id <= ACCOUNTS; id++) accounts.set(id, { id, balance: 1_000_000n });
const baseline = measure('baseline', (i) => {
  const reader = new BinaryReader(transferArgs[i % 1000]!);
  const from = reader.readU32();
  const to = reader.readU32();
  const amount = reader.readI64();
  const a = accounts.get(from)!;
  const b = accounts.get(to)!;
  accounts.set(from, { ...a, balance: a.balance - amount });
  accounts.set(to, { ...b, balance: b.balance + amount });
});

const host = measure('engine', (i) => {
  const outcome = engine.callReducer('transfer', transferArgs[i % 1000]!, caller);
  if (outcome.status !== 'committed') throw new Error(outcome.message);
});

console.log(`engine / baseline (CPU): ${(host.cpu / baseline.cpu).toFixed(1)}x`);
console.log(
  `engine transfers per CPU second: ${Math.round(1e6 / host.cpu)} (target: well over 15,000; under 30 µs/call)`,
);
console.log(host.cpu < 30 ? 'PASS' : 'FAIL');
