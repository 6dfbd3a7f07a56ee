import { html, nothing, type PropertyDeclarations } from 'lit';
import { anyOf, cohortQuery, learnersQuery } from '../../connection/academy-queries.js';
import { tables, type CohortRow, type LabRow } from '../../connection/academy-schema.js';
import { AcademyElement, TableController } from '../../connection/index.js';
import { cohortOf, LAUNCH_COHORT } from '../../connection/launch-cohort.js';
import { classStrings } from '../../internal/class-scope.js';
import { learnerName } from '../../internal/learner-name.js';
import { LocalizeController, statusNote, statusStrings, widgetStyles } from '../kit/index.js';
import { classCsv } from './class-csv.js';
import { classProgressStyles } from './class-progress.styles.js';
import {
  classLines,
  formatMinutes,
  labColumns,
  NOT_STARTED,
  sortLines,
  type ClassLine,
  type LabCell,
  type SortKey,
} from './class-table.js';

const defaultStrings = {
  ...statusStrings,
  title: 'Class progress',
  titleOf: (cohort: string) => `Class progress: ${cohort}`,
  loading: 'Loading the class…',
  noCohort: 'Set the cohort attribute to the class to show (or "launch" on a page opened from a course).',
  notInstructor: 'Only instructors of this class can see its progress.',
  ...classStrings,
  empty: 'No learners in this class yet: they appear here once they open the academy from the course.',
  learner: 'Learner',
  done: 'Labs done',
  hints: 'Hints',
  time: 'Time',
  notStarted: 'Not started',
  inProgress: 'In progress',
  finished: 'Done',
  steps: (count: number) => `${count} step${count === 1 ? '' : 's'}`,
  hintCount: (count: number) => `${count} hint${count === 1 ? '' : 's'}`,
  minutes: formatMinutes,
  learners: (count: number) => `${count} learner${count === 1 ? '' : 's'}`,
  invite: 'Invite code (learners join the class with it):',
  exportCsv: 'Download CSV',
  table: 'Progress table (scrolls)',
  caption: (title: string, column: string, ascending: boolean) =>
    `Progress of ${title}, one row per learner, sorted by ${column}, ${ascending ? 'ascending' : 'descending'}`,
};

/**
 * The instructor's view of a class: each learner against each lab (not started, in progress with steps passed,
 * or done; hints used; time from starting to the last save or completion), live, sortable by any column, and
 * downloadable as CSV. The module returns the rows only to the class's instructors (the `class_progress` view);
 * anyone else sees "Only instructors of this class can see its progress".
 *
 * @fires lta-csv-export - Before the CSV downloads; `detail` is `{ csv, filename }`. Cancel it to handle the file yourself.
 * @fires lta-sort-change - The table was sorted; `detail` is `{ column, ascending }`.
 * @csspart base - The card.
 * @csspart export - The Download CSV button.
 * @csspart scroll - The scrolling box around the table.
 * @csspart table - The table.
 * @csspart row - A learner's row.
 * @csspart cell - A learner's cell for one lab (also `cell-done`, `cell-in_progress` or `cell-not_started`).
 * @csspart notice - The message shown instead of the table (no class, not an instructor, no learners).
 * @csspart invite - The invite code line, for classes opened with one.
 * @csspart status - The connection note shown while not live.
 * @cssprop [--lta-class-progress-max-height] - Height above which the table scrolls (default 32em).
 * @cssprop [--lta-class-progress-done-color] - Text of "Done" cells (default: the success colour).
 * @cssprop [--lta-class-progress-in-progress-color] - Text of "In progress" cells (default: the warning colour).
 *
 * @tagname lta-class-progress
 */
export class ClassProgress extends AcademyElement {
  static override styles = [...AcademyElement.styles, widgetStyles, classProgressStyles];

  static override properties: PropertyDeclarations = {
    cohort: { reflect: true },
    labs: { reflect: true },
    strings: { attribute: false },
    sortKey: { state: true },
    ascending: { state: true },
  };

  /**
   * The class: its id (`lti:…` from a course launch, or `code:…`), or `launch` for the class the page's
   * sign-in token names (a page opened from the course).
   */
  cohort?: string;

  /** Only these labs as columns (comma-separated lab ids); all labs of the catalog when empty. */
  labs = '';

  /** Text to translate or reword: only the keys given change (page-wide: `setPageStrings`). */
  strings: Partial<typeof defaultStrings> = {};

  private sortKey: SortKey = 'name';
  private ascending = true;

  #cohortId = () => cohortOf(this.cohort, this.status);
  #labIds = () =>
    this.labs
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
  #teaches = () => this.#cohorts.rows.some((row) => row.role === 'instructor');

  #cohorts = new TableController(
    this,
    () => this.academy,
    () => cohortQuery(this.#cohortId()),
  );

  /** The class's teaching cohort id, once the learner is known to teach it. */
  #taught = () => (this.#teaches() ? this.#cohortId() : undefined);

  #members = new TableController(
    this,
    () => this.academy,
    () => {
      const cohort = this.#taught();
      return cohort ? { query: tables.myCohortMembers.where((row) => row.cohort.eq(cohort)) } : undefined;
    },
  );

  #progress = new TableController(
    this,
    () => this.academy,
    () => {
      const cohort = this.#taught();
      return cohort ? { query: tables.classProgress.where((row) => row.cohort.eq(cohort)) } : undefined;
    },
  );

  #labRows = new TableController(
    this,
    () => this.academy,
    () => {
      if (!this.#teaches()) return undefined;
      const only = this.#labIds();
      // Only the whole catalog is kept on the device: a part of it stored under the same key would pass for all.
      if (only.length === 0) return { query: tables.lab, cacheKey: 'catalog:labs' };
      return { query: tables.lab.where((row) => anyOf(only.map((id) => row.id.eq(id)))) };
    },
  );

  #modules = new TableController(
    this,
    () => this.academy,
    () => (this.#teaches() ? { query: tables.courseModule, cacheKey: 'catalog:modules' } : undefined),
  );

  /** Profiles of the class's registered learners. */
  #names = new TableController(
    this,
    () => this.academy,
    () => learnersQuery(this.#members.rows.map((row) => row.learner)),
  );

  #words = new LocalizeController(this, defaultStrings);

  get #text() {
    return this.#words.text;
  }

  override render() {
    const text = this.#text;
    const cohort = this.#cohorts.rows[0];
    const title = cohort ? text.titleOf(cohort.title) : text.title;
    return html`<section part="base" aria-labelledby="title">
      <h2 id="title">${title}</h2>
      ${this.#body(cohort)} ${statusNote(this.status, text, this.#members.rows.length > 0, this.notConfigured)}
    </section>`;
  }

  #body(cohort: CohortRow | undefined) {
    const text = this.#text;
    if (!this.cohort) return this.#notice(text.noCohort);
    if (!this.#cohortId())
      return this.cohort === LAUNCH_COHORT ? this.#notice(text.noLaunch) : this.#notice(text.noCohort);
    const error = [this.#cohorts, this.#members, this.#progress, this.#labRows, this.#names].find(
      (part) => part.error,
    )?.error;
    if (error) return html`<p class="error" role="alert">${error}</p>`;
    if (!this.#cohorts.ready) return html`<p class="muted">${text.loading}</p>`;
    if (cohort?.role !== 'instructor') return this.#notice(text.notInstructor);
    if (!this.#members.ready || !this.#progress.ready || !this.#labRows.ready)
      return html`<p class="muted">${text.loading}</p>`;
    const modules = new Map(this.#modules.rows.map((row) => [row.id, row.position]));
    const labs = labColumns(this.#labRows.rows, modules, this.#labIds());
    const lines = classLines(
      this.#members.rows,
      this.#progress.rows,
      this.#names.rows,
      new Set(labs.map((lab) => lab.id)),
    );
    if (lines.length === 0) return html`${this.#invite(cohort)}${this.#notice(text.empty)}`;
    const sorted = sortLines(lines, this.sortKey, this.ascending);
    const sortedBy = this.#columnName(this.sortKey, labs);
    return html`${this.#invite(cohort)}<div class="bar">
        <span class="muted">${text.learners(lines.length)}</span>
        <button part="export" type="button" @click=${() => this.#export(cohort, sorted, labs)}>${text.exportCsv}</button>
      </div>
      <div part="scroll" class="scroll" role="region" aria-label=${text.table} tabindex="0">
        <table part="table">
          <caption class="visually-hidden">${text.caption(cohort.title, sortedBy, this.ascending)}</caption>
          <thead>
            <tr>
              ${this.#header('name', text.learner)} ${this.#header('done', text.done, true)}
              ${this.#header('hints', text.hints, true)} ${this.#header('minutes', text.time, true)}
              ${labs.map((lab) => this.#header(`lab:${lab.id}`, lab.title))}
            </tr>
          </thead>
          <tbody>
            ${sorted.map(
              (line) => html`<tr part="row" data-learner=${line.key}>
                <th scope="row">${learnerName(line.learner, line.name)}</th>
                <td class="number">${line.done} / ${labs.length}</td>
                <td class="number">${line.hints}</td>
                <td class="number">${text.minutes(line.minutes)}</td>
                ${labs.map((lab) => this.#cell(line.cells.get(lab.id) ?? NOT_STARTED))}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  /** The invite code of a class opened without an LMS, which the module shows to its instructors only. */
  #invite(cohort: CohortRow) {
    if (!cohort.inviteCode) return nothing;
    return html`<p part="invite" class="invite">${this.#text.invite} <code>${cohort.inviteCode}</code></p>`;
  }

  #notice(message: string) {
    return html`<p part="notice" class="notice muted">${message}</p>`;
  }

  #columnName(key: SortKey, labs: readonly LabRow[]): string {
    const text = this.#text;
    if (key === 'name') return text.learner;
    if (key === 'done') return text.done;
    if (key === 'hints') return text.hints;
    if (key === 'minutes') return text.time;
    return labs.find((lab) => `lab:${lab.id}` === key)?.title ?? key.slice(4);
  }

  /** A column header whose button sorts by it; again reverses. Numbers and labs sort most first. */
  #header(key: SortKey, label: string, number = false) {
    const sorted = this.sortKey === key;
    return html`<th scope="col" class=${number ? 'number' : ''} aria-sort=${sorted ? (this.ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" @click=${() => this.#sortBy(key)}>${label}</button>
    </th>`;
  }

  #sortBy(key: SortKey): void {
    this.ascending = this.sortKey === key ? !this.ascending : key === 'name';
    this.sortKey = key;
    this.emit('lta-sort-change', { column: key, ascending: this.ascending });
  }

  #cell(cell: LabCell) {
    const text = this.#text;
    const label =
      cell.status === 'done' ? text.finished : cell.status === 'in_progress' ? text.inProgress : text.notStarted;
    const details =
      cell.status === 'not_started'
        ? []
        : [
            ...(cell.status === 'in_progress' ? [text.steps(cell.stepsPassed)] : []),
            text.hintCount(cell.hints),
            text.minutes(cell.minutes),
          ];
    return html`<td part="cell cell-${cell.status}" class="cell ${cell.status}">
      <span class="state">${label}</span> ${details.length > 0 ? html`<span class="detail">${details.join(' · ')}</span>` : nothing}
    </td>`;
  }

  #export(cohort: CohortRow, lines: readonly ClassLine[], labs: readonly LabRow[]): void {
    const csv = classCsv(lines, labs);
    const filename = `${cohort.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'class'}-progress.csv`;
    if (!this.emit('lta-csv-export', { csv, filename })) return;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
