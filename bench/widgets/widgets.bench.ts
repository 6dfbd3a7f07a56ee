/*
 * Social widgets bench, in the test runner's Chromium against the real host and module:
 *   LTA_BROWSER_FILES=bench/widgets/widgets.bench.ts npx web-test-runner --config web-test-runner.config.mjs 2>&1 | grep '\[bench\]'
 * 1. Time from creating the page's connection to the first live leaderboard render, as a ratio to rendering the
 *    same rows from a static array.
 * 2. Time per live update (row change to re-render done) of a leaderboard over 100,000 learners and of a chat with
 *    10,000 messages of history, against the same widgets over 100 rows; the target is one 16 ms frame. The rows
 *    come from a StaticAcademy holding what the subscriptions would bring (no network in the timing).
 * Figures are printed as `[bench] ...` lines; the `it` blocks only check that each measurement ran.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/chat.js';
import '../../src/leaderboard.js';
import type { ChannelMessageRow, LearnerRow, XpCountRow } from '../../src/connection/academy-schema.js';
import { AcademyConnection, StaticAcademy } from '../../src/connection/index.js';
import type { LitElement } from 'lit';
import { countsOf, identityOf, learner, me, messages } from '../../stories/academy-data.js';
import { startTestHost } from '../../test/browser/helpers/host.js';
import { registeredLearner } from '../../test/browser/social/live-helpers.js';

const host = await startTestHost();

/** Waits until the element has no update pending (dependent queries ask for a second pass in a microtask). */
async function rendered(element: LitElement): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    while (!(await element.updateComplete));
    await Promise.resolve();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
const ms = (value: number) => `${value.toFixed(2)} ms`;

function report(line: string): void {
  console.log(`[bench] ${line}`);
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 1));
}

const rows = (board: Element) => board.shadowRoot!.querySelectorAll('li[data-key]').length;

describe('widgets bench', () => {
  it('first live leaderboard render vs the same rows from a static array', async () => {
    const seeded = [];
    for (let i = 0; i < 12; i++) seeded.push(await registeredLearner(host, `bench${i}`));
    const live: number[] = [];
    const still: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const key of Object.keys(localStorage)) if (key.startsWith('lta:rows:')) localStorage.removeItem(key);
      const start = performance.now();
      const connection = new AcademyConnection({ server: host.url, database: host.database, rememberToken: false });
      const board = await fixture<LitElement>(
        html`<lta-leaderboard limit="10" .source=${connection}></lta-leaderboard>`,
      );
      await until(() => rows(board) >= 10);
      live.push(performance.now() - start);
      expect(rows(board)).to.be.at.least(10);
      connection.close();

      const learners: LearnerRow[] = Array.from({ length: 12 }, (_, n) => learner(n, 100 * n));
      const staticStart = performance.now();
      const source = new StaticAcademy({
        status: { identity: me },
        tables: { learner: learners, xpCount: countsOf(learners) },
      });
      const staticBoard = await fixture<LitElement>(
        html`<lta-leaderboard limit="10" .source=${source}></lta-leaderboard>`,
      );
      await until(() => rows(staticBoard) >= 10);
      still.push(performance.now() - staticStart);
    }
    for (const learner of seeded) learner.connection.close();
    report(
      `leaderboard first render: live ${ms(median(live))} (connect, subscribe, render), static ${ms(median(still))}, ratio ${(median(live) / median(still)).toFixed(1)}x`,
    );
  });

  it('leaderboard over 100,000 learners: time per live update', async () => {
    for (const size of [100, 100_000]) {
      // What the client holds for a board of `size` learners, as the subscriptions deliver it: the per-XP counts
      // (XP totals are sums of lab rewards, here 1,000 distinct values) and the learners at or above the top-10
      // threshold; the other learners never reach the client.
      const xpOf = (n: number) => 5 * ((n * 7919) % 1000);
      const all = Array.from({ length: size }, (_, n) => ({ n, xp: BigInt(xpOf(n)) }));
      let counts: XpCountRow[] = countsOf(all);
      const threshold = BigInt(Math.max(...all.map((learner) => Number(learner.xp))));
      const top: LearnerRow[] = all.filter((l) => l.xp >= threshold).map((l) => learner(l.n, Number(l.xp)));
      const source = new StaticAcademy({ status: { identity: me }, tables: { learner: top, xpCount: counts } });
      const board = await fixture<LitElement>(html`<lta-leaderboard limit="10" .source=${source}></lta-leaderboard>`);
      await rendered(board);
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
        // One learner earns XP (two count rows change); every tenth one jumps into the top and arrives as a row.
        const n = (i * 104_729) % size;
        const before = all[n]!.xp;
        const after = i % 10 === 0 ? threshold + BigInt(5 * (i + 1)) : before + 25n;
        all[n]!.xp = after;
        counts = moveCount(counts, before, after);
        const start = performance.now();
        source.setRows('xpCount', counts);
        if (after >= threshold) source.setRows('learner', [...top, learner(n, Number(after))]);
        await rendered(board);
        times.push(performance.now() - start);
      }
      report(
        `leaderboard ${size.toLocaleString('en')} learners: update median ${ms(median(times))}, p95 ${ms(p95(times))}`,
      );
      expect(times.length).to.equal(60);
    }
  });

  it('chat with 10,000 messages: time per live update', async () => {
    for (const size of [100, 10_000]) {
      const history: ChannelMessageRow[] = Array.from({ length: size }, (_, i) => ({
        ...messages[i % messages.length]!,
        id: BigInt(i + 1),
        sender: identityOf(i % 12),
        text: `message ${i}`,
      }));
      const source = new StaticAcademy({
        status: { identity: me },
        tables: { channelMessage: history, learner: [learner(0, 0)] },
      });
      const chat = await fixture<LitElement>(html`<lta-chat .source=${source}></lta-chat>`);
      await rendered(chat);
      const times: number[] = [];
      for (let i = 0; i < 60; i++) {
        history.push({ ...history[0]!, id: BigInt(size + i + 1), text: `new ${i}` });
        const start = performance.now();
        source.setRows('channelMessage', history);
        await rendered(chat);
        times.push(performance.now() - start);
      }
      report(`chat ${size.toLocaleString('en')} messages: update median ${ms(median(times))}, p95 ${ms(p95(times))}`);
      expect(times.length).to.equal(60);
    }
  });
});

/** The per-XP counts after one learner moved from `from` to `to` XP. */
function moveCount(counts: XpCountRow[], from: bigint, to: bigint): XpCountRow[] {
  const next = counts
    .map((row) => (row.xp === from ? { ...row, learners: row.learners - 1n } : row))
    .filter((row) => row.learners > 0n);
  const target = next.find((row) => row.xp === to);
  if (target) return next.map((row) => (row === target ? { ...row, learners: row.learners + 1n } : row));
  return [...next, { key: `0/${to}`, board: 0, xp: to, learners: 1n }];
}
