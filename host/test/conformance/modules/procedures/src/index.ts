// Procedures as a SpacetimeDB developer writes them. Publishable unchanged with `spacetime publish`.
import { schema, table, t, SenderError } from 'spacetimedb/server';

const counter = table(
  { public: true },
  {
    name: t.string().primaryKey(),
    value: t.u64(),
  },
);

const job = table(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table and its procedure refer to each other
  { scheduled: (): any => runJob },
  {
    scheduledId: t.u64().primaryKey().autoInc(),
    scheduledAt: t.scheduleAt(),
    counterName: t.string(),
  },
);

const spacetimedb = schema({ counter, job });
export default spacetimedb;

const Sum = t.object('Sum', { total: t.u32(), described: t.string() });

export const add = spacetimedb.procedure({ a: t.u32(), b: t.u32() }, Sum, (_ctx, { a, b }) => ({
  total: a + b,
  described: `${a} + ${b}`,
}));

export const bumpTwice = spacetimedb.procedure({ name: t.string() }, t.u64(), (ctx, { name }) => {
  const bump = () =>
    ctx.withTx((tx) => {
      const row = tx.db.counter.name.find(name);
      const value = (row?.value ?? 0n) + 1n;
      if (row) tx.db.counter.name.update({ name, value });
      else tx.db.counter.insert({ name, value });
      return value;
    });
  bump();
  return bump();
});

// The first transaction commits; the second throws and is rolled back; then the procedure fails.
export const bumpThenFail = spacetimedb.procedure({ name: t.string() }, t.unit(), (ctx, { name }) => {
  ctx.withTx((tx) => {
    tx.db.counter.insert({ name, value: 1n });
  });
  try {
    ctx.withTx((tx) => {
      tx.db.counter.name.update({ name, value: 99n });
      throw new SenderError('changed my mind');
    });
  } catch {
    // the failed transaction changed nothing
  }
  throw new Error('procedure failed after its transactions');
});

export const fetchPage = spacetimedb.procedure({ url: t.string() }, t.string(), (ctx, { url }) =>
  ctx.http.fetch(url).text(),
);

export const runJob = spacetimedb.procedure({ arg: job.rowType }, t.unit(), (ctx, { arg }) => {
  ctx.withTx((tx) => {
    const row = tx.db.counter.name.find(arg.counterName);
    if (row) tx.db.counter.name.update({ name: arg.counterName, value: row.value + 1n });
    else tx.db.counter.insert({ name: arg.counterName, value: 1n });
  });
  return {};
});

export const scheduleJob = spacetimedb.reducer({ counterName: t.string() }, (ctx, { counterName }) => {
  ctx.db.job.insert({ scheduledId: 0n, scheduledAt: { tag: 'Time', value: ctx.timestamp }, counterName });
});
