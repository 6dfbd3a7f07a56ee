// Every feature `spacetime generate --lang typescript` writes something for, as a SpacetimeDB developer writes
// them; the bindings test checks our generator lays them out as the CLI does. Publishable unchanged.
import { schema, table, t, ScheduleAt } from 'spacetimedb/server';

const Point = t.object('Point', { x: t.i32(), y: t.i32() });
// A sum type with payloads and a plain enum (unit variants only); variant names are written in PascalCase.
const Shape = t.enum('Shape', { circle: t.u32(), rect: Point, empty: t.unit() });
const Mood = t.enum('Mood', { calm: t.unit(), busy: t.unit() });
// Scoped types ("Geo.Region") are named GeoRegion in the bindings and listed after every unscoped type.
const Region = t.object('Geo.Region', { name: t.string(), corner: Point });
const Terrain = t.enum('Geo.Terrain', { land: t.unit(), sea: t.u8() });
const Zone = t.object('Zone', { id: t.u16(), terrain: Terrain });

// Public, with a primary key, a unique column, single and multi-column indexes and columns whose canonical names
// differ from their accessors (`ownerId` is `owner_id` on the wire).
const pin = table(
  {
    name: 'map_pin',
    public: true,
    indexes: [{ accessor: 'byOwnerAndMood', algorithm: 'btree', columns: ['ownerId', 'mood'] }],
  },
  {
    pinId: t.u64().primaryKey().autoInc(),
    ownerId: t.identity().index('btree'),
    label: t.string().unique(),
    mood: Mood,
    at: Point,
    shape: t.option(Shape),
    tags: t.array(t.string()),
    region: Region,
    zones: t.array(Zone),
    placedAt: t.timestamp(),
  },
);

// A snake_case accessor: the bindings name it `visitLog` and keep `visit_log` as a deprecated alias.
const visit_log = table({ public: true }, { visitor: t.identity().primaryKey(), visits: t.u32() });

// Private: left out of the bindings (its row type still appears in types.ts).
const secret = table({}, { id: t.u32().primaryKey(), note: t.string() });

// Schedule tables: the tables are public, their reducer and procedure private (not in the bindings).
const tickJob = table(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table and its reducer refer to each other
  { name: 'tick_job', public: true, scheduled: (): any => tick },
  { scheduledId: t.u64().primaryKey().autoInc(), scheduledAt: t.scheduleAt(), note: t.string() },
);
const sweepJob = table(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table and its procedure refer to each other
  { name: 'sweep_job', scheduled: (): any => sweep },
  { scheduledId: t.u64().primaryKey().autoInc(), scheduledAt: t.scheduleAt() },
);

// An event table: rows reach subscribers and are gone after the transaction.
const ping = table({ public: true, event: true }, { from: t.identity(), mood: Mood });

const spacetimedb = schema({ pin, visit_log, secret, tickJob, sweepJob, ping });
export default spacetimedb;

export const init = spacetimedb.init((ctx) => {
  ctx.db.secret.insert({ id: 0, note: 'created' });
});

export const onConnect = spacetimedb.clientConnected((ctx) => {
  const seen = ctx.db.visit_log.visitor.find(ctx.sender);
  if (seen) ctx.db.visit_log.visitor.update({ ...seen, visits: seen.visits + 1 });
  else ctx.db.visit_log.insert({ visitor: ctx.sender, visits: 1 });
});

export const placePin = spacetimedb.reducer(
  { label: t.string(), mood: Mood, at: Point, shape: t.option(Shape), region: Region },
  (ctx, { label, mood, at, shape, region }) => {
    ctx.db.pin.insert({
      pinId: 0n,
      ownerId: ctx.sender,
      label,
      mood,
      at,
      shape,
      tags: [],
      region,
      zones: [],
      placedAt: ctx.timestamp,
    });
  },
);

export const removePin = spacetimedb.reducer({ pinId: t.u64() }, (ctx, { pinId }) => {
  ctx.db.pin.pinId.delete(pinId);
});

export const sendPing = spacetimedb.reducer((ctx) => {
  ctx.db.ping.insert({ from: ctx.sender, mood: { tag: 'busy' } });
});

export const scheduleTick = spacetimedb.reducer({ note: t.string() }, (ctx, { note }) => {
  ctx.db.tickJob.insert({ scheduledId: 0n, scheduledAt: ScheduleAt.interval(60_000_000n), note });
});

export const tick = spacetimedb.reducer({ job: tickJob.rowType }, (ctx, { job }) => {
  ctx.db.secret.insert({ id: Number(job.scheduledId), note: job.note });
});

export const distance = spacetimedb.procedure({ from: Point, to: Point }, t.f64(), (_ctx, { from, to }) =>
  Math.hypot(to.x - from.x, to.y - from.y),
);

export const whereAmI = spacetimedb.procedure(t.option(Region), () => ({
  name: 'origin',
  corner: { x: 0, y: 0 },
}));

export const sweep = spacetimedb.procedure({ job: sweepJob.rowType }, t.unit(), () => ({}));

const PinSummary = t.row('PinSummary', { pinId: t.u64().primaryKey(), label: t.string(), mood: Mood });

// Views with a primary key: per sender and anonymous.
export const myPins = spacetimedb.view({ name: 'my_pins', public: true }, t.array(PinSummary), (ctx) =>
  [...ctx.db.pin.ownerId.filter(ctx.sender)].map(({ pinId, label, mood }) => ({ pinId, label, mood })),
);

export const busyPins = spacetimedb.anonymousView({ name: 'busy_pins', public: true }, t.array(PinSummary), (ctx) =>
  [...ctx.db.pin.iter()].filter((p) => p.mood.tag === 'busy').map(({ pinId, label, mood }) => ({ pinId, label, mood })),
);
