import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../leaderboard.js';
import type { Leaderboard } from './leaderboard.js';
import { StaticAcademy } from '../../connection/index.js';
import { describeStories } from '../../../test/browser/helpers/stories.js';
import { settle } from '../../../test/browser/social/settle.js';
import { countsOf, learner, learners, me, storyAcademy } from '../../../stories/academy-data.js';
import { CLASS_ID, classAcademy } from '../../../stories/class-data.js';

/** What the learner reads on each line: rank, name, XP. */
function lines(board: Leaderboard): string[] {
  return [...board.shadowRoot!.querySelectorAll('li[data-key]')].map((li) =>
    li.textContent!.replace(/\s+/g, ' ').trim(),
  );
}

describe('lta-leaderboard', () => {
  it('lists the top N best first, and the learner’s own exact rank below when outside it', async () => {
    const board = await fixture<Leaderboard>(
      html`<lta-leaderboard limit="3" .source=${storyAcademy()}></lta-leaderboard>`,
    );
    await settle(board);
    expect(lines(board)).to.deep.equal([
      '#1 Bjarne @bjarne 4,100 XP',
      '#2 Donald @donald 3,000 XP',
      '#3 Radia @radia 2,900 XP',
      '#10 Ada @ada (you) 350 XP',
    ]);
    await expect(board).to.be.accessible();
  });

  it('re-orders live when a learner gains XP, and ties share a rank', async () => {
    const academy = storyAcademy();
    const board = await fixture<Leaderboard>(html`<lta-leaderboard limit="3" .source=${academy}></lta-leaderboard>`);
    await settle(board);
    const changed = learners.map((row) => (row.username === 'ada' ? { ...row, xp: 4100n } : row));
    academy.setRows('learner', changed);
    academy.setRows('xpCount', countsOf(changed));
    await settle(board);
    expect(lines(board)).to.deep.equal([
      '#1 Ada @ada (you) 4,100 XP',
      '#1 Bjarne @bjarne 4,100 XP',
      '#3 Donald @donald 3,000 XP',
    ]);
  });

  it('slides the rows that moved into place, unless the learner asks for reduced motion', async () => {
    const academy = storyAcademy();
    const board = await fixture<Leaderboard>(html`<lta-leaderboard limit="3" .source=${academy}></lta-leaderboard>`);
    await settle(board);
    // Lines that moved while the board loaded may still be sliding; their positions count from where they end.
    for (const animation of board.shadowRoot!.getAnimations()) animation.finish();
    // The names on the lines that started a slide (recorded as they start: a slide lasts 300 ms).
    const slid = new Set<string>();
    const animate = Element.prototype.animate;
    Element.prototype.animate = function (this: Element, ...args: Parameters<Element['animate']>) {
      slid.add(this.querySelector('.name bdi')?.textContent ?? '');
      return animate.apply(this, args);
    };
    const adaScores = async (xp: bigint) => {
      slid.clear();
      const changed = learners.map((row) => (row.username === 'ada' ? { ...row, xp } : row));
      academy.setRows('learner', changed);
      academy.setRows('xpCount', countsOf(changed));
      await settle(board);
    };
    try {
      // Ada climbs from her own line below the top to the first; the two she passes move down one place.
      await adaScores(4100n);
      expect([...slid].sort()).to.deep.equal(['Ada', 'Bjarne', 'Donald']);
      await emulateMedia({ reducedMotion: 'reduce' });
      await adaScores(350n);
      expect(lines(board)[3]).to.equal('#10 Ada @ada (you) 350 XP');
      expect([...slid]).to.deep.equal([]);
    } finally {
      Element.prototype.animate = animate;
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('says so when nobody is on the board yet, and when the module lacks the table', async () => {
    const empty = await fixture<Leaderboard>(
      html`<lta-leaderboard .source=${new StaticAcademy({ tables: { learner: [], xpCount: [] } })}></lta-leaderboard>`,
    );
    await settle(empty);
    expect(empty.shadowRoot!.textContent).to.contain('No one on the board yet');
    const broken = await fixture<Leaderboard>(
      html`<lta-leaderboard .source=${storyAcademy({ errors: { xpCount: 'no xp_count table' } })}></lta-leaderboard>`,
    );
    await settle(broken);
    expect(broken.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('no xp_count table');
  });

  it('switches to this week’s board from the keyboard and tells the page', async () => {
    const week = Math.floor((Math.floor(Date.now() / 86_400_000) + 3) / 7);
    const scores = [learner(3, 0), learner(0, 0)].map((row, i) => ({
      key: `${week}/${row.identity.toHexString()}`,
      week,
      learner: row.identity,
      xp: BigInt(200 - i * 50),
    }));
    const academy = storyAcademy({ tables: { weeklyScore: scores } });
    academy.setRows('xpCount', [...countsOf(learners), ...countsOf(scores, week)]);
    const board = await fixture<Leaderboard>(html`<lta-leaderboard .source=${academy}></lta-leaderboard>`);
    await settle(board);
    let period = '';
    board.addEventListener('lta-period-change', (event) => (period = (event as CustomEvent).detail.period));
    const weekButton = [...board.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('week'))!;
    weekButton.focus();
    weekButton.click();
    await settle(board);
    expect(period).to.equal('week');
    expect(lines(board)).to.deep.equal(['#1 Ken @ken 200 XP', '#2 Ada @ada (you) 150 XP']);
    expect(me.toHexString()).to.equal(learners[0]!.identity.toHexString());
  });
});

describe('lta-leaderboard cohort', () => {
  it("shows a class's board with the module's ranks, the viewer's own line below, and no period switch", async () => {
    const board = await fixture<Leaderboard>(
      html`<lta-leaderboard limit="3" cohort=${CLASS_ID} .source=${classAcademy()}></lta-leaderboard>`,
    );
    await settle(board);
    expect(board.shadowRoot!.querySelector('h2')!.textContent).to.equal('Leaderboard: Linux 101 (fall)');
    expect(lines(board)).to.deep.equal([
      '#1 Bjarne @bjarne 700 XP',
      '#2 Guido @guido 600 XP',
      '#3 Margaret @margaret 500 XP',
      '#8 Ada @ada (you) 0 XP',
    ]);
    expect(board.shadowRoot!.querySelector('[part="periods"]')).to.equal(null);
  });

  it('says so when the learner is not in the class, or the page names no class', async () => {
    const outsider = await fixture<Leaderboard>(
      html`<lta-leaderboard cohort="lti:elsewhere" .source=${classAcademy()}></lta-leaderboard>`,
    );
    await settle(outsider);
    expect(outsider.shadowRoot!.textContent).to.contain('You are not in this class');
    const unlaunched = await fixture<Leaderboard>(
      html`<lta-leaderboard cohort="launch" .source=${classAcademy()}></lta-leaderboard>`,
    );
    await settle(unlaunched);
    expect(unlaunched.shadowRoot!.textContent).to.contain('Open this page from your course to see its class.');
  });
});

describeStories(await import('../../../stories/leaderboard.stories.js'));
