import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { hasRole, xpForLevel } from '@lta/labs/rules';
import { ownLearnerQuery } from '../../connection/academy-queries.js';
import { tables, type LearnerRow } from '../../connection/academy-schema.js';
import { AcademyElement, TableController } from '../../connection/index.js';
import { LazyPart, LocalizeController, statusNote, widgetStyles } from '../kit/index.js';
import type { ProfileForm } from './profile-form.js';
import { profileStrings, type ProfileStrings } from './profile-strings.js';
import { profileStyles } from './profile.styles.js';

/**
 * A learner's progress: level, XP bar to the next level, streak, labs completed and achievements. Shows the
 * signed-in learner, or anyone by `username`. Updates live when XP is earned.
 *
 * @fires lta-level-up - The shown learner reached a new level while the page was open; `detail.level`.
 * @csspart base - The card.
 * @csspart avatar - The avatar image.
 * @csspart bar - The XP bar's track.
 * @csspart bar-fill - The XP bar's filled part.
 * @csspart achievements - The achievements list.
 * @csspart role - The staff badge (moderator, admin, owner): the role only the module grants, never a name.
 * @csspart edit - The "Edit profile" button (the signed-in learner's own profile).
 * @csspart edit-form - The form that changes display name, avatar and time zone.
 * @csspart status - The connection note shown while not live.
 * @cssprop [--lta-profile-bar-color] - Colour of the XP bar (default: the accent colour).
 *
 * @tagname lta-profile
 */
export class Profile extends AcademyElement {
  static override styles = [...AcademyElement.styles, widgetStyles, profileStyles];

  static override properties: PropertyDeclarations = {
    username: { reflect: true },
    editing: { type: Boolean },
    strings: { attribute: false },
    announcement: { state: true },
  };

  /** Show this learner instead of the signed-in one. */
  username?: string;

  /** Open the edit form of the signed-in learner's own profile (it also opens with its "Edit profile" button). */
  editing = false;

  /** Text to translate or reword: only the keys given change (page-wide: `setPageStrings`). */
  strings: Partial<ProfileStrings> = {};

  private announcement = '';

  // Loaded when the learner first opens it: most visits only look.
  #form = new LazyPart<ProfileForm>(
    this,
    () => import('./profile-form.js').then(({ ProfileForm }) => new ProfileForm(this, () => this.academy)),
    () => this.#text.formFailed,
  );

  #seenLevel?: number;

  #learner = new TableController(
    this,
    () => this.academy,
    () => {
      if (this.username) {
        const name = this.username.trim().toLowerCase();
        return { query: tables.learner.where((row) => row.username.eq(name)), cacheKey: `profile:${name}` };
      }
      return ownLearnerQuery(this.status?.identity);
    },
  );

  #catalog = new TableController(
    this,
    () => this.academy,
    () => ({ query: tables.achievement, cacheKey: 'achievements' }),
  );

  #awards = new TableController(
    this,
    () => this.academy,
    () => {
      const learner = this.#learner.rows[0];
      if (!learner) return undefined;
      return {
        query: tables.achievementAward.where((row) => row.learner.eq(learner.identity)),
        cacheKey: `awards:${learner.identity.toHexString()}`,
      };
    },
  );

  #words = new LocalizeController(this, profileStrings);

  get #text() {
    return this.#words.text;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('username')) this.#seenLevel = undefined;
    if (changed.has('editing') && (this.editing || this.#form.part)) void this.#openForm(this.editing);
    const level = this.#learner.rows[0]?.level;
    if (level === undefined) return;
    if (this.#seenLevel !== undefined && level > this.#seenLevel && !this.#learner.fromCache) {
      this.announcement = this.#text.levelUp(level);
      this.emit('lta-level-up', { level });
    }
    this.#seenLevel = level;
  }

  override render() {
    const text = this.#text;
    const learner = this.#learner.rows[0];
    const error = this.#learner.error ?? this.#catalog.error;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${this.username ? html`<bdi>${learner?.displayName ?? this.username}</bdi>` : text.title}</h2>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      ${learner ? this.#progress(learner) : this.#missing()}
      <p class="visually-hidden" aria-live="polite">${this.#form.part?.saved ? text.saved : this.announcement}</p>
      ${statusNote(this.status, text, learner !== undefined, this.notConfigured)}
    </section>`;
  }

  /** The open edit form, or the "Edit profile" button (busy while the form loads) and why it could not load. */
  #editForm(learner: LearnerRow, text: ProfileStrings) {
    const form = this.#form;
    if (form.part?.open) return form.part.render(learner, text);
    return html`<button
        part="edit"
        type="button"
        aria-busy=${form.loading ? 'true' : 'false'}
        @click=${() => this.#openForm(true)}
      >
        ${text.edit}
      </button>
      ${form.error ? html`<p class="error" role="alert">${form.error}</p>` : nothing}`;
  }

  async #openForm(open: boolean): Promise<void> {
    (await this.#form.get())?.show(open);
  }

  #missing() {
    const text = this.#text;
    if (this.notConfigured || this.#learner.error) return nothing;
    if (!this.#learner.ready) return html`<p class="muted">${text.loading}</p>`;
    return html`<p class="empty">${this.username ? text.notFound : text.notRegistered}</p>`;
  }

  #progress(learner: LearnerRow) {
    const text = this.#text;
    const format = new Intl.NumberFormat();
    const xp = Number(learner.xp);
    const from = xpForLevel(learner.level);
    const to = xpForLevel(learner.level + 1);
    const percent = Math.max(0, Math.min(100, ((xp - from) / Math.max(1, to - from)) * 100));
    const earned = new Set(this.#awards.rows.map((award) => award.achievementId));
    const catalog = [...this.#catalog.rows].sort((a, b) => a.position - b.position);
    return html`<div class="head">
        ${
          learner.avatarUrl.startsWith('https://')
            ? html`<img part="avatar" class="avatar" src=${learner.avatarUrl} alt="" referrerpolicy="no-referrer" />`
            : nothing
        }
        <div>
          <div class="name">
            <bdi>${learner.displayName}</bdi>
            ${hasRole(learner.role, 'moderator') ? html`<span part="role" class="badge">${learner.role}</span>` : nothing}
          </div>
          <div class="muted"><bdi>@${learner.username}</bdi></div>
        </div>
      </div>
      <div class="level">
        <strong>${text.level(learner.level)}</strong>
        <span class="muted">${text.toNext(format.format(Math.max(0, to - xp)), learner.level + 1)}</span>
      </div>
      <div
        part="bar"
        class="bar"
        role="progressbar"
        aria-label=${text.xpBar}
        aria-valuemin=${from}
        aria-valuemax=${to}
        aria-valuenow=${xp}
      >
        <div part="bar-fill" class="fill" style="width: ${percent}%"></div>
      </div>
      <dl>
        <div>
          <dt>${text.xp}</dt>
          <dd>${format.format(xp)}</dd>
        </div>
        <div title=${text.longest(learner.longestStreak)}>
          <dt>${text.streak}</dt>
          <dd>${learner.currentStreak}</dd>
        </div>
        <div>
          <dt>${text.labs}</dt>
          <dd>${learner.labsCompleted}</dd>
        </div>
      </dl>
      ${this.username ? nothing : this.#editForm(learner, text)}
      ${
        catalog.length
          ? html`<h3>${text.achievements}</h3>
            <ul part="achievements">
              ${catalog.map(
                (item) =>
                  html`<li class=${earned.has(item.id) ? 'earned' : ''} title=${item.description}>
                    ${earned.has(item.id) ? text.earned(item.title) : item.title}
                  </li>`,
              )}
            </ul>`
          : nothing
      }`;
  }
}
