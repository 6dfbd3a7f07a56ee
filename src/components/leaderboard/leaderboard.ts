import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { weekNumber } from '@lta/labs/rules';
import { cohortQuery, learnersQuery, sameIdentity } from '../../connection/academy-queries.js';
import { tables, type LearnerRow } from '../../connection/academy-schema.js';
import { AcademyElement, TableController } from '../../connection/index.js';
import { cohortOf } from '../../connection/launch-cohort.js';
import { classNotice } from '../../internal/class-scope.js';
import { byIdentity, learnerName } from '../../internal/learner-name.js';
import { LocalizeController, statusNote, toggleButton, widgetStyles } from '../kit/index.js';
import { leaderboardStrings, type LeaderboardStrings } from './leaderboard-strings.js';
import { leaderboardStyles } from './leaderboard.styles.js';
import { Ranking } from './ranking.js';
import { RowSlide } from './row-slide.js';

/** Which board: everything ever earned, or this week's XP (UTC, Monday to Sunday). */
export type LeaderboardPeriod = 'all-time' | 'week';

const numbers = new Intl.NumberFormat();

/** One line of the board. */
interface Entry {
  key: string;
  rank: number | undefined;
  /** For sorting ties; `learner` is what is shown. */
  name: string;
  learner: LearnerRow | undefined;
  xp: bigint;
  own: boolean;
}

/**
 * The academy's leaderboard: the top learners all time or this week, and the learner's own exact rank even
 * outside the top. Re-orders live with a short slide that respects `prefers-reduced-motion`. With `cohort`, the
 * board of one class (all time): its members only, visible to its members only.
 *
 * @fires lta-period-change - The learner switched boards; `detail.period` is `all-time` or `week`.
 * @csspart base - The card.
 * @csspart periods - The all-time / this-week switch.
 * @csspart list - The ranked list.
 * @csspart row - A learner's line (the learner's own also has part `own`).
 * @csspart own - The learner's own line.
 * @csspart status - The connection note shown while not live.
 *
 * @tagname lta-leaderboard
 */
export class Leaderboard extends AcademyElement {
  static override styles = [...AcademyElement.styles, widgetStyles, leaderboardStyles];

  static override properties: PropertyDeclarations = {
    limit: { type: Number, reflect: true },
    period: { reflect: true },
    cohort: { reflect: true },
    strings: { attribute: false },
  };

  /** How many learners to list. */
  limit = 10;

  /** The board shown. */
  period: LeaderboardPeriod = 'all-time';

  /**
   * A class's board instead of the academy's: the class id, or `launch` for the class of the page's course
   * launch. Absent: the whole academy. A class board counts all-time XP (the period switch is hidden) and lists
   * its top 25 and the learner's own line.
   */
  cohort?: string;

  /** Text to translate or reword (functions receive numbers already formatted): only the keys given change (page-wide: `setPageStrings`). */
  strings: Partial<LeaderboardStrings> = {};

  /** The lowest XP subscribed to: re-chosen only when the top would fall below it or it brings far too many. */
  #threshold?: bigint;
  #ranking = new Ranking([]);

  #board = (): number => (this.period === 'week' ? weekNumber(BigInt(Date.now()) * 1000n) : 0);
  #me = () => this.status?.identity;
  /** A class board was asked for (its id may be unknown yet: a `launch` page not opened from a course). */
  #forClass = () => Boolean(this.cohort);
  #cohortId = () => cohortOf(this.cohort, this.status);

  #membership = new TableController(
    this,
    () => this.academy,
    () => cohortQuery(this.#cohortId()),
  );

  #classBoard = new TableController(
    this,
    () => this.academy,
    () => {
      const cohort = this.#cohortId();
      return cohort ? { query: tables.cohortLeaderboard.where((row) => row.cohort.eq(cohort)) } : undefined;
    },
  );

  #counts = new TableController(
    this,
    () => this.academy,
    () => {
      if (this.#forClass()) return undefined;
      const board = this.#board();
      return { query: tables.xpCount.where((row) => row.board.eq(board)), cacheKey: `xp_count:${this.period}` };
    },
  );

  #topLearners = new TableController(
    this,
    () => this.academy,
    () => {
      const threshold = this.#threshold;
      if (this.period !== 'all-time' || threshold === undefined || this.#forClass()) return undefined;
      return { query: tables.learner.where((row) => row.xp.gte(threshold)), cacheKey: 'leaderboard:all-time' };
    },
  );

  #topWeekly = new TableController(
    this,
    () => this.academy,
    () => {
      const threshold = this.#threshold;
      if (this.period !== 'week' || threshold === undefined || this.#forClass()) return undefined;
      const week = this.#board();
      return {
        query: tables.weeklyScore.where((row) => row.week.eq(week).and(row.xp.gte(threshold))),
        cacheKey: 'leaderboard:week',
      };
    },
  );

  #myWeekly = new TableController(
    this,
    () => this.academy,
    () => {
      const me = this.#me();
      if (this.period !== 'week' || !me || this.#forClass()) return undefined;
      const key = `${this.#board()}/${me.toHexString()}`;
      return { query: tables.weeklyScore.where((row) => row.key.eq(key)) };
    },
  );

  /** Names for the weekly and class boards, and the learner's own all-time row: learners by identity. */
  #named = new TableController(
    this,
    () => this.academy,
    () => {
      const me = this.#me();
      const ranked = this.#forClass() ? this.#classBoard.rows : this.period === 'week' ? this.#topWeekly.rows : [];
      const cacheKey = this.#forClass() ? undefined : `leaderboard:names:${this.period}`;
      return learnersQuery([...(me ? [me] : []), ...ranked.map((row) => row.learner)], cacheKey);
    },
  );

  #words = new LocalizeController(this, leaderboardStrings);

  constructor() {
    super();
    this.addController(new RowSlide(this, 'li[data-key]'));
  }

  get #text() {
    return this.#words.text;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('period') || changed.has('limit')) this.#threshold = undefined;
    // Rebuilt only when the counts changed, not on every render.
    if (this.#ranking.source !== this.#counts.rows) this.#ranking = new Ranking(this.#counts.rows);
    const needed = this.#ranking.thresholdFor(Math.max(1, this.limit));
    const current = this.#threshold;
    if (
      needed !== undefined &&
      (current === undefined || needed < current || this.#ranking.countAtOrAbove(current) > 2 * this.limit)
    ) {
      this.#threshold = needed;
    }
  }

  override render() {
    const text = this.#text;
    const entries = this.#entries();
    const own = entries.find((entry) => entry.own);
    const top = entries.slice(0, Math.max(1, this.limit));
    const ownOutside = own && !top.includes(own) ? own : undefined;
    const forClass = this.#forClass();
    const error = forClass
      ? (this.#membership.error ?? this.#classBoard.error)
      : (this.#counts.error ?? this.#topLearners.error ?? this.#topWeekly.error);
    const loading =
      !(forClass ? this.#classBoard.ready : this.#counts.ready) &&
      entries.length === 0 &&
      !error &&
      !this.notConfigured;
    const cohort = this.#membership.rows[0];
    const title = cohort ? text.classTitle(cohort.title) : text.title;
    const outside = classNotice(this.cohort, this.#cohortId(), this.#membership, text);
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${title}</h2>
      ${
        forClass
          ? nothing
          : html`<div part="periods" class="toggle" role="group" aria-label=${text.title}>
            ${this.#periodButton('all-time', text.allTime)} ${this.#periodButton('week', text.week)}
          </div>`
      }
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      ${
        outside
          ? html`<p class="muted">${outside}</p>`
          : loading
            ? html`<p class="muted">${text.loading}</p>`
            : top.length === 0 && !error
              ? html`<p class="empty">${text.empty}</p>`
              : html`<ol part="list">
                ${top.map((entry) => this.#row(entry))}
                ${
                  ownOutside
                    ? html`<li class="gap" aria-hidden="true">⋯</li>
                      ${this.#row(ownOutside)}`
                    : nothing
                }
              </ol>`
      }
      ${statusNote(this.status, text, entries.length > 0, this.notConfigured)}
    </section>`;
  }

  #periodButton(period: LeaderboardPeriod, label: string) {
    return toggleButton(this.period === period, label, () => {
      if (this.period === period) return;
      this.period = period;
      this.emit('lta-period-change', { period });
    });
  }

  #row(entry: Entry) {
    const text = this.#text;
    const xp = numbers.format(entry.xp);
    return html`<li
      part=${entry.own ? 'row own' : 'row'}
      class=${entry.own ? 'own' : ''}
      data-key=${entry.key}
      aria-current=${entry.own ? 'true' : 'false'}
    >
      <span class="rank">${entry.rank === undefined ? '–' : text.rank(entry.rank)}</span>
      <span class="name">${learnerName(entry.learner, entry.name)}${entry.own ? html` <span class="muted">${text.you}</span>` : nothing}</span>
      <span class="xp">${text.xp(xp)}</span>
    </li>`;
  }

  /** Everyone known on the current board, best first, the learner included when known. */
  #entries(): Entry[] {
    const me = this.#me();
    const entries = new Map<string, Entry>();
    const add = (
      learner: LearnerRow | undefined,
      identity: string,
      xp: bigint,
      rank = this.#ranking.rankOf(xp),
    ): void => {
      entries.set(identity, {
        key: identity,
        rank,
        name: learner?.displayName || learner?.username || identity.slice(0, 8),
        learner,
        xp,
        own: me !== undefined && me.toHexString() === identity,
      });
    };
    const names = byIdentity(this.#named.rows);
    if (this.#forClass()) {
      for (const row of this.#classBoard.rows) {
        const id = row.learner.toHexString();
        add(names.get(id), id, row.xp, row.rank);
      }
    } else if (this.period === 'all-time') {
      for (const learner of this.#topLearners.rows) add(learner, learner.identity.toHexString(), learner.xp);
      const mine = this.#named.rows.find((row) => sameIdentity(row.identity, me));
      if (mine) add(mine, mine.identity.toHexString(), mine.xp);
    } else {
      for (const score of [...this.#topWeekly.rows, ...this.#myWeekly.rows]) {
        const id = score.learner.toHexString();
        add(names.get(id), id, score.xp);
      }
    }
    return [...entries.values()].sort((a, b) => (a.xp === b.xp ? a.name.localeCompare(b.name) : a.xp > b.xp ? -1 : 1));
  }
}
