// Reducers that ask for another reducer to run right after them, through SpacetimeDB's own syscall
// `volatile_nonatomic_schedule_immediate` (`spacetime:sys@2.0`). Publishable unchanged with `spacetime publish`.
import { BinaryWriter } from 'spacetimedb';
import { schema, SenderError, table, t } from 'spacetimedb/server';
import { volatile_nonatomic_schedule_immediate } from 'spacetime:sys@2.0';

const question = table({ public: true }, { id: t.u32().primaryKey(), text: t.string() });

const reply = table(
  { public: true },
  {
    id: t.u32().primaryKey(),
    text: t.string(),
    sender: t.identity(),
    hadConnection: t.bool(),
    // Whether the question was there when the reply ran: it runs after the asking transaction, not inside it.
    sawQuestion: t.bool(),
  },
);

const spacetimedb = schema({ question, reply });
export default spacetimedb;

/** Queues `answer(id, text)`: the arguments are the BSATN of its parameters, in order. */
function answerNext(id: number, text: string): void {
  const args = new BinaryWriter(16 + text.length * 3);
  args.writeU32(id);
  args.writeString(text);
  volatile_nonatomic_schedule_immediate('answer', args.getBuffer());
}

export const ask = spacetimedb.reducer({ id: t.u32(), text: t.string() }, (ctx, { id, text }) => {
  ctx.db.question.insert({ id, text });
  answerNext(id, text.toUpperCase());
});

// Asks, then fails: its own writes roll back, but the queued call is not part of its transaction.
export const askThenGiveUp = spacetimedb.reducer({ id: t.u32(), text: t.string() }, (ctx, { id, text }) => {
  ctx.db.question.insert({ id, text });
  answerNext(id, text);
  throw new SenderError('never mind');
});

export const answer = spacetimedb.reducer({ id: t.u32(), text: t.string() }, (ctx, { id, text }) => {
  ctx.db.reply.insert({
    id,
    text,
    sender: ctx.sender,
    hadConnection: ctx.connectionId !== null,
    sawQuestion: ctx.db.question.id.find(id) !== null,
  });
});
