import { html, nothing, type ReactiveControllerHost } from 'lit';
import { reducers, tables, type LearnerRow, type RowOf } from '../../connection/academy-schema.js';
import { TableController, type AcademySource } from '../../connection/index.js';
import { ReducerController } from '../kit/index.js';
import type { ProfileStrings } from './profile-strings.js';

/**
 * The signed-in learner's edit form: display name, avatar and time zone, each saved by its reducer, with the
 * module's own refusal (what to change, or how long to wait) shown next to the form. Subscribes to the private
 * settings only while open. Loaded when the learner first opens it (`profile.ts`).
 */
export class ProfileForm {
  open = false;
  /** Announced once saved. */
  saved = false;
  #profile: ReducerController<typeof reducers.updateProfile>;
  #zone: ReducerController<typeof reducers.setTimeZone>;
  #settings: TableController<RowOf<'mySettings'>>;

  readonly #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost, academy: () => AcademySource | undefined) {
    this.#host = host;
    this.#profile = new ReducerController(host, academy, reducers.updateProfile);
    this.#zone = new ReducerController(host, academy, reducers.setTimeZone);
    // The caller's private settings (only the time zone is edited here).
    this.#settings = new TableController(host, academy, () => (this.open ? { query: tables.mySettings } : undefined));
  }

  /** Opens or closes the form. */
  show(open: boolean): void {
    this.open = open;
    this.saved = false;
    this.#profile.error = this.#zone.error = undefined;
    this.#host.requestUpdate();
  }

  /** Saves what changed: the profile first, then the zone (changeable once a day). */
  async #submit(event: SubmitEvent, learner: LearnerRow): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const profile = { displayName: value('display-name'), avatarUrl: value('avatar-url') };
    const timeZone = value('time-zone');
    const profileChanged = profile.displayName !== learner.displayName || profile.avatarUrl !== learner.avatarUrl;
    if (profileChanged && !(await this.#profile.call(profile))) return;
    const zone = this.#settings.rows[0]?.timeZone;
    if (timeZone !== '' && timeZone !== zone && !(await this.#zone.call({ timeZone }))) return;
    this.show(false);
    this.saved = true;
  }

  /** The open form. */
  render(learner: LearnerRow, text: ProfileStrings) {
    const error = this.#profile.error ?? this.#zone.error;
    const pending = this.#profile.pending + this.#zone.pending > 0;
    return html`<form part="edit-form" class="edit" @submit=${(event: SubmitEvent) => this.#submit(event, learner)}>
      <label>${text.displayName}<input name="display-name" .value=${learner.displayName} /></label>
      <label>${text.avatarUrl}<input name="avatar-url" type="url" .value=${learner.avatarUrl} /></label>
      <label>${text.timeZone}<input name="time-zone" .value=${this.#settings.rows[0]?.timeZone ?? ''} /></label>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      <div>
        <button class="primary" type="submit" ?disabled=${pending}>${pending ? text.saving : text.save}</button>
        <button type="button" @click=${() => this.show(false)}>${text.cancel}</button>
      </div>
    </form>`;
  }
}
