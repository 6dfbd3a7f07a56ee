import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { ownLearnerQuery } from '../../connection/academy-queries.js';
import { reducers } from '../../connection/academy-schema.js';
import { AcademyElement, TableController } from '../../connection/index.js';
import { isolated, staffBadge } from '../../internal/learner-name.js';
import { LocalizeController, ReducerController, statusNote, statusStrings, widgetStyles } from '../kit/index.js';
import { academyStyles } from './academy.styles.js';

const defaultStrings = {
  ...statusStrings,
  title: 'Join the academy',
  intro: 'Choose a username to save your progress, earn XP and chat with classmates.',
  username: 'Username',
  usernameHint: '3 to 30 characters: lowercase letters, digits, _ and -',
  displayName: 'Display name (optional)',
  submit: 'Join',
  submitting: 'Joining…',
  signedIn: (name: string, username: string) => `Signed in as ${name} (@${username})`,
  signOut: 'Sign out',
};

/**
 * The academy on a page: configures the page's one connection (`server`, `database`, `token`,
 * `token-storage`) for every other widget, and lets a new learner choose a username. Once registered it shows
 * one quiet line with a "Sign out" button (or nothing, with `hide-signup`). The module's refusals ("That username
 * is taken") appear beside the field.
 *
 * @fires lta-registered - The learner registered; `detail.username`.
 * @fires lta-signed-out - The learner signed out: this device forgot their token and wiped their cached rows and
 * saved labs. A page that passed `token` should now drop it (its own sign-out).
 * @csspart base - The sign-up card.
 * @csspart form - The sign-up form.
 * @csspart signed-in - The "signed in as" line.
 * @csspart sign-out - The "Sign out" button.
 * @csspart status - The connection note shown while not live.
 * @slot - Shown under the "signed in" line, e.g. links to the course.
 *
 * @tagname lta-academy
 */
export class Academy extends AcademyElement {
  static override styles = [...AcademyElement.styles, widgetStyles, academyStyles];

  static override properties: PropertyDeclarations = {
    hideSignup: { type: Boolean, reflect: true, attribute: 'hide-signup' },
    strings: { attribute: false },
    username: { state: true },
    displayName: { state: true },
  };

  /** Configure the connection only: never show the sign-up form or the signed-in line. */
  hideSignup = false;

  /** Text to translate or reword: only the keys given change (page-wide: `setPageStrings`). */
  strings: Partial<typeof defaultStrings> = {};

  private username = '';
  private displayName = '';

  #me = new TableController(
    this,
    () => this.academy,
    () => ownLearnerQuery(this.status?.identity),
  );

  #register = new ReducerController(this, () => this.academy, reducers.registerUser);

  #words = new LocalizeController(this, defaultStrings);

  get #text() {
    return this.#words.text;
  }

  get #showForm(): boolean {
    return !this.hideSignup && this.#me.ready && this.#me.rows.length === 0 && this.status?.identity !== undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.toggleAttribute('signup-open', this.#showForm);
  }

  override render() {
    if (this.hideSignup) return nothing;
    const text = this.#text;
    const me = this.#me.rows[0];
    if (me) {
      return html`<p part="signed-in" class="signed-in">
          ${text.signedIn(isolated(me.displayName || me.username), me.username)}${staffBadge(me)}
          <button part="sign-out" type="button" @click=${() => this.signOut()}>${text.signOut}</button>
        </p>
        <slot></slot>`;
    }
    if (!this.#showForm) return statusNote(this.status, text, false);
    const error = this.#register.error;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${text.title}</h2>
      <p class="muted">${text.intro}</p>
      <form part="form" @submit=${this.#submit}>
        <label
          >${text.username}
          <input
            name="username"
            required
            autocomplete="username"
            minlength="3"
            maxlength="30"
            .value=${this.username}
            @input=${(event: Event) => (this.username = (event.target as HTMLInputElement).value)}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby="username-hint username-error"
          />
          <span id="username-hint" class="hint">${text.usernameHint}</span>
        </label>
        ${error ? html`<p id="username-error" class="error" role="alert">${error}</p>` : nothing}
        <label
          >${text.displayName}
          <input
            name="display-name"
            maxlength="40"
            .value=${this.displayName}
            @input=${(event: Event) => (this.displayName = (event.target as HTMLInputElement).value)}
          />
        </label>
        <div>
          <button class="primary" type="submit" ?disabled=${this.#register.pending > 0}>
            ${this.#register.pending > 0 ? text.submitting : text.submit}
          </button>
        </div>
      </form>
      ${statusNote(this.status, text, false)}
    </section>`;
  }

  /**
   * Signs the learner out on this device, for shared computers: forgets their token, wipes the rows and labs
   * kept for them, and continues as a new anonymous learner (the sign-up form). Fires `lta-signed-out`.
   */
  signOut(): void {
    this.academy?.signOut?.();
    this.username = '';
    this.displayName = '';
    this.emit('lta-signed-out', {});
  }

  #submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const username = this.username.trim();
    const registered = await this.#register.call({
      username,
      displayName: this.displayName.trim(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    });
    if (registered) this.emit('lta-registered', { username: username.toLowerCase() });
  };
}
