// A column of every kind SATS-JSON writes differently (wide integers, floats, u256, identity, timestamp, option,
// enum, struct, bytes, array), for `POST /sql` and `GET /schema`. Publishable unchanged with `spacetime publish`.
import { schema, table, t } from 'spacetimedb/server';

const Shape = t.enum('Shape', { circle: t.u32(), square: t.unit() });
const Point = t.object('Point', { x: t.i32(), y: t.i32() });

const sample = table(
  { public: true },
  {
    id: t.u32().primaryKey(),
    big: t.u64(),
    wide: t.i128(),
    huge: t.u256(),
    ratio: t.f32(),
    precise: t.f64(),
    who: t.identity(),
    stamp: t.timestamp(),
    maybe: t.option(t.string()),
    shape: Shape,
    point: Point,
    raw: t.byteArray(),
    tags: t.array(t.string()),
  },
);

const counter = table({ name: 'counter' }, { id: t.u64().primaryKey().autoInc(), label: t.string().index('btree') });

const spacetimedb = schema({ sample, counter });
export default spacetimedb;

/** Two rows at the edges of their types; `who` and `when` come from the caller (their classes live in the SDK). */
export const seed = spacetimedb.reducer({ who: t.identity(), when: t.timestamp() }, (ctx, { who, when }) => {
  ctx.db.sample.insert({
    id: 1,
    big: 18446744073709551615n,
    wide: -170141183460469231731687303715884105728n,
    huge: 42n,
    ratio: 0.1,
    precise: 1e21,
    who,
    stamp: when,
    maybe: undefined,
    shape: { tag: 'circle', value: 7 },
    point: { x: -1, y: 2 },
    raw: new Uint8Array([1, 2, 255]),
    tags: ['a', 'b'],
  });
  ctx.db.sample.insert({
    id: 2,
    big: 0n,
    wide: 0n,
    huge: 0n,
    ratio: 1,
    precise: 0.000001,
    who,
    stamp: when,
    maybe: 'x',
    shape: { tag: 'square' },
    point: { x: 0, y: 0 },
    raw: new Uint8Array([]),
    tags: [],
  });
});

export const half = spacetimedb.procedure(
  { n: t.u64() },
  t.object('Halves', { half: t.u64(), left: t.option(t.u64()) }),
  (_ctx, { n }) => ({
    half: n / 2n,
    left: n % 2n === 0n ? undefined : 1n,
  }),
);
