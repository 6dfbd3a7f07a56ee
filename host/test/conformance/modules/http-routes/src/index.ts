// Serves a few HTTP routes: plain answers, the request as the handler sees it, a transaction, a throw.
// Publishable unchanged with `spacetime publish`.
import { schema, table, t, Router, SyncResponse } from 'spacetimedb/server';

const note = table({ public: true }, { id: t.u64().primaryKey().autoInc(), text: t.string() });

const spacetimedb = schema({ note });
export default spacetimedb;

/** What the handler was given: method, URL, a header and the body. */
export const describeRequest = spacetimedb.httpHandler(
  (_ctx, req) =>
    new SyncResponse(
      JSON.stringify({ method: req.method, uri: req.uri, marker: req.headers.get('x-marker'), body: req.text() }),
      {
        status: 201,
        headers: { 'content-type': 'application/json', 'x-handled-by': 'describe-request' },
      },
    ),
);

/** Adds a note in a transaction of its own; subscribers see it. */
export const addNote = spacetimedb.httpHandler((ctx, req) => {
  const text = req.text();
  if (text === '') return new SyncResponse('a note needs text', { status: 400 });
  const id = ctx.withTx((tx) => tx.db.note.insert({ id: 0n, text }).id);
  return new SyncResponse(`note ${id}`, { status: 201 });
});

export const countNotes = spacetimedb.httpHandler(
  (ctx) => new SyncResponse(String(ctx.withTx((tx) => tx.db.note.count()))),
);

export const fail = spacetimedb.httpHandler(() => {
  throw new Error('the handler gave up');
});

/** Never answers: writes a note in a transaction, then loops (the host must stop it and keep nothing). */
export const spin = spacetimedb.httpHandler((ctx) =>
  ctx.withTx((tx) => {
    tx.db.note.insert({ id: 0n, text: 'from a handler that never ends' });
    for (;;) {
      // busy
    }
  }),
);

export const home = spacetimedb.httpHandler(() => new SyncResponse('home'));

export const routes = spacetimedb.httpRouter(
  new Router()
    .any('', home)
    .post('/request', describeRequest)
    .get('/request', describeRequest)
    .nest('/notes', new Router().post('/', addNote).get('/count', countNotes))
    .get('/fail', fail)
    .get('/spin', spin),
);
