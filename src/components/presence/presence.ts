import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { cohortQuery, ownLearnerQuery } from '../../connection/academy-queries.js';
import { tables, type OnlineLearnerRow } from '../../connection/academy-schema.js';
import { AcademyElement, TableController } from '../../connection/index.js';
import { cohortOf } from '../../connection/launch-cohort.js';
import { reportPresence } from '../../connection/presence-reporter.js';
import { classNotice, classStrings } from '../../internal/class-scope.js';
import { learnerName } from '../../internal/learner-name.js';
import { LocalizeController, statusNote, statusStrings, widgetStyles } from '../kit/index.js';
import { presenceStyles } from './presence.styles.js';

const defaultStrings = {
  ...statusStrings,
  title: 'Online now',
  count: (count: number) => `${count} online`,
  loading: 'Looking for classmates…',
  empty: 'Nobody else is online right now.',
  you: '(you)',
  idle: 'idle',
  inLab: (lab: string) => `in ${lab}`,
  more: (count: number) => `and ${count} more`,
  classTitle: (cohort: string) => `Online in ${cohort}`,
  ...classStrings,
};

/**
 * Who is online right now, whether they are idle and which lab they have open, with a count. A learner with
 * several tabs or devices appears once. Lists the learner and up to 50 others (the first by username, as the
 * academy's `online_learners` view picks them, so a classmate's change reaches only the pages that list them);
 * the rest are counted. While on the page it also tells the academy that this learner is here
 * (and in which lab, from `lab` or the page's `<lta-terminal lab>`), unless `silent` is set. With `cohort`,
 * only the members of one class, to its members.
 *
 * @csspart base - The card.
 * @csspart list - The list of learners.
 * @csspart learner - One learner's line.
 * @csspart status - The connection note shown while not live.
 * @cssprop [--lta-presence-online-color] - Dot of an active learner (default: the success colour).
 * @cssprop [--lta-presence-idle-color] - Dot of an idle learner (default: the warning colour).
 *
 * @tagname lta-presence
 */
export class Presence extends AcademyElement {
  static override styles = [...AcademyElement.styles, widgetStyles, presenceStyles];

  static override properties: PropertyDeclarations = {
    lab: { reflect: true },
    limit: { type: Number, reflect: true },
    silent: { type: Boolean, reflect: true },
    cohort: { reflect: true },
    strings: { attribute: false },
  };

  /** The lab this page is about; defaults to the `lab` of the first `<lta-terminal>` on the page. */
  lab?: string;

  /** Most learners to list; the rest are counted. */
  limit = 50;

  /** Only show presence; do not report this learner's own. */
  silent = false;

  /**
   * Only this class's members: the class id, or `launch` for the class of the page's course launch. Absent:
   * everyone online in the academy.
   */
  cohort?: string;

  /** Text to translate or reword: only the keys given change (page-wide: `setPageStrings`). */
  strings: Partial<typeof defaultStrings> = {};

  #reporting?: { source: unknown; stop: () => void; refresh: () => void };

  #cohortId = () => cohortOf(this.cohort, this.status);

  // Everyone online: a count and a window of names, so a classmate's change reaches only the pages that list them.
  #count = new TableController(
    this,
    () => this.academy,
    () => (this.cohort ? undefined : { query: tables.onlineCount, cacheKey: 'presence:count' }),
  );

  #listed = new TableController(
    this,
    () => this.academy,
    () => (this.cohort ? undefined : { query: tables.onlineLearners, cacheKey: 'presence:listed' }),
  );

  // The learner's own line comes first even when the view lists others before them.
  #me = new TableController(
    this,
    () => this.academy,
    () => (this.cohort ? undefined : ownLearnerQuery(this.status?.identity)),
  );

  #mine = new TableController(
    this,
    () => this.academy,
    () => {
      const me = this.status?.identity;
      if (this.cohort || !me) return undefined;
      return { query: tables.presence.where((row) => row.learner.eq(me)) };
    },
  );

  // One class: its members online, named by the module (a class is small).
  #classOnline = new TableController(
    this,
    () => this.academy,
    () => {
      const cohort = this.#cohortId();
      return cohort ? { query: tables.cohortPresence.where((row) => row.cohort.eq(cohort)) } : undefined;
    },
  );

  #membership = new TableController(
    this,
    () => this.academy,
    () => cohortQuery(this.#cohortId()),
  );

  #words = new LocalizeController(this, defaultStrings);

  get #text() {
    return this.#words.text;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const academy = this.silent ? undefined : this.academy;
    if (this.#reporting?.source !== academy) {
      this.#reporting?.stop();
      this.#reporting = academy ? { source: academy, ...reportPresence(academy, () => this.#currentLab()) } : undefined;
    } else if (changed.has('lab')) {
      this.#reporting?.refresh();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#reporting?.stop();
    this.#reporting = undefined;
  }

  #currentLab(): string {
    return this.lab ?? document.querySelector('lta-terminal[lab]')?.getAttribute('lab') ?? '';
  }

  override render() {
    const text = this.#text;
    const me = this.status?.identity?.toHexString();
    const { online, count, error, ready } = this.cohort ? this.#classLines(me) : this.#everyoneLines(me);
    const shown = online.slice(0, Math.max(0, this.limit));
    const loading = !ready && online.length === 0 && !error && !this.notConfigured;
    const cohort = this.#membership.rows[0];
    const outside = classNotice(this.cohort, this.#cohortId(), this.#membership, text);
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${cohort ? text.classTitle(cohort.title) : text.title} <span class="count">· ${text.count(count)}</span></h2>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      ${
        outside
          ? html`<p class="muted">${outside}</p>`
          : loading
            ? html`<p class="muted">${text.loading}</p>`
            : online.length === 0 && !error
              ? html`<p class="empty">${text.empty}</p>`
              : html`<ul part="list">
                ${shown.map((row) => {
                  const id = row.identity.toHexString();
                  return html`<li part="learner" class=${row.idle ? 'idle' : ''}>
                    <span class="dot" aria-hidden="true"></span>
                    <span class="name">${learnerName(row, '')}${id === me ? html` <span class="muted">${text.you}</span>` : nothing}</span>
                    ${row.idle ? html`<span class="where">${text.idle}</span>` : nothing}
                    ${row.currentLab ? html`<span class="where">${text.inLab(row.currentLab)}</span>` : nothing}
                  </li>`;
                })}
                ${count > shown.length ? html`<li class="muted">${text.more(count - shown.length)}</li>` : nothing}
              </ul>`
      }
      ${statusNote(this.status, text, online.length > 0, this.notConfigured)}
    </section>`;
  }

  /** Everyone online: the learner first, then the listed window; the count covers those not listed. */
  #everyoneLines(me: string | undefined): OnlineLines {
    const others = this.#listed.rows.filter((row) => row.identity.toHexString() !== me).sort(byActivityThenName);
    const self = this.#self();
    const online = self ? [self, ...others] : others;
    return {
      online,
      count: Math.max(this.#count.rows[0]?.learners ?? 0, online.length),
      error: this.#count.error ?? this.#listed.error,
      ready: this.#listed.ready,
    };
  }

  /** One class's members online, the learner first. */
  #classLines(me: string | undefined): OnlineLines {
    const online = [...this.#classOnline.rows].sort(
      (a, b) =>
        Number(b.identity.toHexString() === me) - Number(a.identity.toHexString() === me) || byActivityThenName(a, b),
    );
    return {
      online,
      count: online.length,
      error: this.#classOnline.error ?? this.#membership.error,
      ready: this.#classOnline.ready,
    };
  }

  /** The learner's own line, when they are registered and online. */
  #self(): OnlineLearnerRow | undefined {
    const name = this.#me.rows[0];
    const presence = this.#mine.rows.find((row) => row.online);
    return name && presence ? { ...name, idle: presence.idle, currentLab: presence.currentLab } : undefined;
  }
}

interface OnlineLines {
  online: OnlineLearnerRow[];
  count: number;
  error: string | undefined;
  ready: boolean;
}

function byActivityThenName(a: OnlineLearnerRow, b: OnlineLearnerRow): number {
  return Number(a.idle) - Number(b.idle) || (a.displayName || a.username).localeCompare(b.displayName || b.username);
}
