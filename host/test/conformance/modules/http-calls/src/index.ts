// Records every connection event, and can refuse new connections. Publishable unchanged with `spacetime publish`.
import { schema, table, t, SenderError } from 'spacetimedb/server';

const visit = table(
  { public: true },
  {
    id: t.u64().primaryKey().autoInc(),
    event: t.string(),
    who: t.identity(),
    connection: t.option(t.connectionId()),
  },
);

const gate = table({ public: true }, { id: t.u32().primaryKey(), closed: t.bool() });

const spacetimedb = schema({ visit, gate });
export default spacetimedb;

export const onConnect = spacetimedb.clientConnected((ctx) => {
  if (ctx.db.gate.id.find(1)?.closed) throw new SenderError('the gate is closed');
  ctx.db.visit.insert({ id: 0n, event: 'connected', who: ctx.sender, connection: ctx.connectionId ?? undefined });
});

export const onDisconnect = spacetimedb.clientDisconnected((ctx) => {
  ctx.db.visit.insert({ id: 0n, event: 'disconnected', who: ctx.sender, connection: ctx.connectionId ?? undefined });
});

export const knock = spacetimedb.reducer((ctx) => {
  console.info(`knock from ${ctx.sender.toHexString()}`);
  ctx.db.visit.insert({ id: 0n, event: 'knocked', who: ctx.sender, connection: ctx.connectionId ?? undefined });
});

export const closeGate = spacetimedb.reducer((ctx) => {
  ctx.db.gate.insert({ id: 1, closed: true });
});
