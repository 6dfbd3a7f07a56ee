import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { reducers, tables, type CohortCodeTryRow } from '../../connection/academy-schema.js';
import { AcademyElement, TableController } from '../../connection/index.js';
import { LocalizeController, ReducerController, statusNote, statusStrings, widgetStyles } from '../kit/index.js';

const defaultStrings = {
  ...statusStrings,
  title: 'Your classes',
  none: 'You are in no class yet.',
  instructor: 'instructor',
  codeLabel: 'Class code',
  join: 'Join class',
  joining: 'Joining…',
  joined: 'You joined the class.',
};

/**
 * The classes the learner belongs to, and a form to join one with the invite code its teacher handed out (for
 * classes opened without an LMS; a course launch joins its class by itself). The module charges every try, right
 * or wrong, so codes cannot be guessed.
 *
 * @fires lta-class-joined - The code was right; `detail` is `{ code }`.
 * @csspart base - The card.
 * @csspart list - The learner's classes.
 * @csspart form - The code form.
 * @csspart status - The connection note shown while not live.
 *
 * @tagname lta-join-class
 */
export class JoinClass extends AcademyElement {
  static override styles = [
    ...AcademyElement.styles,
    widgetStyles,
    css`
      ul {
        margin: 0 0 var(--_space);
        padding-inline-start: 1.2em;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--_space);
      }
      label {
        display: grid;
        gap: 0.2em;
      }
      input {
        text-transform: uppercase;
        font-family: var(--_mono);
      }
      .joined {
        color: var(--_success);
        margin: 0.3em 0;
      }
    `,
  ];

  static override properties: PropertyDeclarations = {
    strings: { attribute: false },
    code: { state: true },
    sentOver: { state: true },
  };

  /** Text to translate or reword: only the keys given change (page-wide: `setPageStrings`). */
  strings: Partial<typeof defaultStrings> = {};

  private code = '';
  /** The outcome row seen when the code was sent: only a newer one answers this try. */
  private sentOver?: CohortCodeTryRow | null;

  #classes = new TableController(
    this,
    () => this.academy,
    () => ({ query: tables.myCohorts }),
  );

  #tries = new TableController(
    this,
    () => this.academy,
    () => ({ query: tables.myCohortCodeTry }),
  );

  #join = new ReducerController(this, () => this.academy, reducers.joinCohortWithCode);

  /** The code of the try whose success was last announced with `lta-class-joined`. */
  #sentCode = '';
  #announced?: CohortCodeTryRow;

  #words = new LocalizeController(this, defaultStrings);

  get #text() {
    return this.#words.text;
  }

  /** The outcome row that answers the last code sent, once the module wrote it. */
  #answer(): CohortCodeTryRow | undefined {
    const outcome = this.#tries.rows[0];
    return this.sentOver !== undefined && outcome !== undefined && outcome !== this.sentOver ? outcome : undefined;
  }

  protected override updated(): void {
    const answer = this.#answer();
    if (answer && answer.problem === '' && answer !== this.#announced) {
      this.#announced = answer;
      this.emit('lta-class-joined', { code: this.#sentCode });
    }
  }

  override render() {
    const text = this.#text;
    const classes = [...this.#classes.rows].sort((a, b) => a.title.localeCompare(b.title));
    const answered = this.#answer();
    const problem = this.#join.error || answered?.problem || '';
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${text.title}</h2>
      ${this.#classes.error ? html`<p class="error" role="alert">${this.#classes.error}</p>` : nothing}
      ${
        classes.length === 0
          ? html`<p class="empty">${this.#classes.ready ? text.none : ''}</p>`
          : html`<ul part="list">
            ${classes.map((row) => html`<li><bdi>${row.title}</bdi>${row.role === 'instructor' ? html` <span class="badge">${text.instructor}</span>` : nothing}</li>`)}
          </ul>`
      }
      <form part="form" @submit=${this.#submit}>
        <label
          >${text.codeLabel}
          <input
            name="code"
            autocomplete="off"
            spellcheck="false"
            maxlength="40"
            required
            .value=${this.code}
            aria-describedby="outcome"
            @input=${(event: Event) => (this.code = (event.target as HTMLInputElement).value)}
          />
        </label>
        <button class="primary" type="submit" ?disabled=${this.#join.pending > 0}>${this.#join.pending > 0 ? text.joining : text.join}</button>
      </form>
      <div id="outcome">
        ${problem ? html`<p class="error" role="alert">${problem}</p>` : nothing}
        ${answered && !problem ? html`<p class="joined" role="status">${text.joined}</p>` : nothing}
      </div>
      ${statusNote(this.status, text, classes.length > 0, this.notConfigured)}
    </section>`;
  }

  #submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const academy = this.academy;
    const code = this.code.trim();
    if (!academy || !code || this.#join.pending > 0) return;
    // A wrong code is not refused (the module records it so that it counts): the outcome row that follows tells.
    this.sentOver = this.#tries.rows[0] ?? null;
    this.#sentCode = code;
    if (!(await this.#join.call({ code }))) this.sentOver = undefined;
  };
}
