import { call, caller, encodeArgs, loadKitchenSink } from './kitchen-sink.js';
const { engine } = await loadKitchenSink();
let t0 = performance.now();
console.log(call(engine, 'seed_accounts', { count: 100_000, balance: 1_000_000n }).status, 'seed ms', (performance.now() - t0).toFixed(0));
const N = 200_000;
const args: Uint8Array[] = [];
for (let i = 0; i < 1000; i++) {
  const a = 1 + Math.floor(Math.random() * 100_000); let b = 1 + Math.floor(Math.random() * 100_000); if (b === a) b = a % 100_000 + 1;
  args.push(encodeArgs(engine, 'transfer', { from: a, to: b, amount: 1n }));
}
const who = caller(1n);
for (let round = 0; round < 1; round++) {
  t0 = performance.now(); const c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) { const o = engine.callReducer('transfer', args[i % 1000]!, who); if (o.status !== 'committed') throw new Error(o.message); }
  const us = (performance.now() - t0) * 1000 / N;
  const cpu = process.cpuUsage(c0); const cus = (cpu.user + cpu.system) / N;
  console.log(`transfer: ${us.toFixed(2)} µs/call wall, ${cus.toFixed(2)} µs/call cpu, ${(1e6 / cus).toFixed(0)}/s by cpu`);
}
