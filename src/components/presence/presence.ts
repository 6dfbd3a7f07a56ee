import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { LearnerRow, PresenceRow } from '../../connection/academy-rows.js';
import { AcademyElement, TableController } from '../../connection/index.js';
import { reportPresence } from '../../connection/presence-reporter.js';
import { learnerName } from '../../internal/learner-name.js';
import { statusNote, statusStrings } from '../connection-status/status-note.js';
import { widgetStyles } from '../connection-status/widget.styles.js';
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
};

/**
 * Who is online right now, whether they are idle and which lab they have open, with a count. A learner with
 * several tabs or devices appears once. While on the page it also tells the academy that this learner is here
 * (and in which lab, from `lab` or the page's `<lta-terminal lab>`), unless `silent` is set.
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

  /** The lab this page is about; defaults to the `lab` of the first `<lta-terminal>` on the page. */
  @property({ reflect: true }) lab?: string;

  /** Most learners to list; the rest are counted. */
  @property({ type: Number, reflect: true }) limit = 50;

  /** Only show presence; do not report this learner's own. */
  @property({ type: Boolean, reflect: true }) silent = false;

  /** Text to translate or reword. */
  @property({ attribute: false }) strings: Partial<typeof defaultStrings> = {};

  #reporting?: { source: unknown; stop: () => void; refresh: () => void };

  #online = new TableController<PresenceRow>(this, () => this.academy, () => ({
    table: 'presence',
    sql: 'SELECT * FROM presence WHERE online = true',
    where: row => row.online,
    cacheKey: 'presence',
  }));

  #learners = new TableController<LearnerRow>(this, () => this.academy, () => ({
    table: 'learner',
    sql: 'SELECT learner.* FROM learner JOIN presence ON learner.identity = presence.learner WHERE presence.online = true',
    cacheKey: 'presence:learners',
  }));

  get #text() {
    return { ...defaultStrings, ...this.strings };
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
    const names = new Map(this.#learners.rows.map(row => [row.identity.toHexString(), row]));
    // Rows of learners who never registered have no name: they are not shown.
    const online = this.#online.rows
      .filter(row => names.has(row.learner.toHexString()))
      .sort((a, b) => {
        const own = Number(b.learner.toHexString() === me) - Number(a.learner.toHexString() === me);
        return own || Number(a.idle) - Number(b.idle) || nameOf(names, a).localeCompare(nameOf(names, b));
      });
    const shown = online.slice(0, Math.max(0, this.limit));
    const error = this.#online.error ?? this.#learners.error;
    const loading = !this.#online.ready && online.length === 0 && !error && !this.notConfigured;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${text.title} <span class="count">· ${text.count(online.length)}</span></h2>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      ${loading
        ? html`<p class="muted">${text.loading}</p>`
        : online.length === 0 && !error
          ? html`<p class="empty">${text.empty}</p>`
          : html`<ul part="list">
              ${shown.map(row => {
                const id = row.learner.toHexString();
                return html`<li part="learner" class=${row.idle ? 'idle' : ''}>
                  <span class="dot" aria-hidden="true"></span>
                  <span class="name"
                    >${learnerName(names.get(id), '')}${id === me ? html` <span class="muted">${text.you}</span>` : nothing}</span
                  >
                  ${row.idle ? html`<span class="where">${text.idle}</span>` : nothing}
                  ${row.currentLab ? html`<span class="where">${text.inLab(row.currentLab)}</span>` : nothing}
                </li>`;
              })}
              ${online.length > shown.length ? html`<li class="muted">${text.more(online.length - shown.length)}</li>` : nothing}
            </ul>`}
      ${statusNote(this.status, text, online.length > 0, this.notConfigured)}
    </section>`;
  }
}

function nameOf(names: Map<string, LearnerRow>, row: PresenceRow): string {
  const learner = names.get(row.learner.toHexString());
  return learner?.displayName || learner?.username || '';
}
