import { html, nothing, type PropertyDeclarations } from 'lit';
import type { CheckResult, Lab, LabResult } from '@lta/labs';
import { LtaElement } from '../../../internal/lta-element.js';
import { labPanelStrings, type LabPanelStrings } from './lab-panel-strings.js';
import { labPanelStyles } from './lab-panel.styles.js';
import { renderHint, renderMarkdown, type SnippetActions } from './markdown.js';

/** Detail of the panel's `next-lab` event: the catalog lab to open. */
export interface NextLabDetail {
  id: string;
  title: string;
}

/** Detail of the panel's `run-snippet` event. */
export interface RunSnippetDetail {
  command: string;
}

/**
 * The lab beside the terminal: story, steps with their checks, progressive hints, Check and Reset buttons, and a
 * live region announcing steps and the lab as they are done. It only shows state and asks; `<lta-terminal>` owns
 * the shell, runs the checks and sets `result`.
 *
 * Events (not composed: the terminal handles them): `check-lab`, `reset-lab`, `run-snippet` (`{ command }`),
 * `hint-shown` (`{ step, count }`), `next-lab` (`{ id, title }`).
 *
 * @csspart header - The title, difficulty and XP.
 * @csspart step - Each step.
 * @csspart problems - The list of problems of an invalid lab.
 * @csspart unlocked-by - The labs that unlock a lab the academy refused as locked.
 * @csspart recap - What the learner did, shown when the lab is complete, with the next lab.
 * @csspart takeaway - The lab's recap inside it: what the learner can now do (its commands copy on click).
 * @csspart diff - The lines a content check wants (`-`) and the file's own (`+`).
 */
export class LtaLabPanel extends LtaElement {
  static override styles = [...LtaElement.styles, labPanelStyles];

  static override properties: PropertyDeclarations = {
    lab: { attribute: false },
    problems: { attribute: false },
    result: { attribute: false },
    showReasons: { type: Boolean, attribute: 'show-reasons' },
    hintsShown: { attribute: false },
    practice: { type: Boolean },
    note: {},
    standing: { attribute: false },
    nextLab: { attribute: false },
    unlockedBy: { attribute: false },
    announcement: {},
    text: { attribute: false },
  };

  /** The lab shown; with `problems` set instead, the panel lists why it could not load. */
  lab: Lab | undefined;
  /** Every problem of a lab that failed to load or validate. */
  problems: string[] = [];
  /** The latest check of the lab on the learner's shell. */
  result: LabResult | undefined;
  /** Whether the learner asked for a check (failed conditions show why only then, or after a command). */
  showReasons = false;
  /** How many hints of each step are open. */
  hintsShown: number[] = [];
  /** Practice mode: no XP, nothing sent to a server. */
  practice = false;
  /** A message from the academy: why the lab runs in practice mode, a refused save or completion. */
  note = '';
  /** The learner's XP and level on the academy, live; undefined when not connected. */
  standing: { xp: number; level: number } | undefined;
  /** The catalog lab after this one, offered when the lab is complete. */
  nextLab: NextLabDetail | undefined;
  /** When the academy refused this lab as locked: the labs that unlock it, each offered as a button. */
  unlockedBy: NextLabDetail[] = [];
  /** What the live region says (a step or the lab done, progress saved). */
  announcement = '';
  /** The words it shows: the terminal's, so that `setPageStrings('lta-terminal', …)` rewords the panel too. */
  text: LabPanelStrings = labPanelStrings;

  private readonly snippets: SnippetActions = {
    copy: (text) => void navigator.clipboard?.writeText(text).catch(() => undefined),
    run: (command) => this.send<RunSnippetDetail>('run-snippet', { command }),
    words: () => this.text,
  };

  private send<T>(type: string, detail?: T): void {
    this.dispatchEvent(new CustomEvent<T | undefined>(type, { detail }));
  }

  override render() {
    return html`<div class="live visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.problems.length ? this.renderProblems() : this.lab ? this.renderLab(this.lab) : html`<p class="muted">${this.text.loadingLab}</p>`}`;
  }

  private renderProblems() {
    const text = this.text;
    return html`<div class="problems" role="alert" part="problems">
      <h2>${text.labNotLoaded}</h2>
      <p>${text.problemsFound(this.problems.length)}</p>
      <ul>
        ${this.problems.map((problem) => html`<li><code>${problem}</code></li>`)}
      </ul>
      <p class="muted">${text.stillWorks}</p>
    </div>`;
  }

  private renderLab(lab: Lab) {
    const result = this.result;
    const done = result?.passed ?? false;
    const current = result?.currentStep ?? 0;
    const passedCount = result?.steps.filter((step) => step.passed).length ?? 0;
    const text = this.text;
    return html`<header part="header">
        <h2>${lab.title}</h2>
        <p class="meta">
          <span class="badge">${text.difficulty(lab.difficulty)}</span>
          ${this.practice ? html`<span class="badge practice">${text.practiceMode}</span>` : html`<span class="badge">${text.labXp(lab.xp)}</span>`}
          <span>${text.stepsDone(passedCount, lab.steps.length)}</span>
          ${this.standing ? html`<span class="standing">${text.standing(this.standing.level, this.standing.xp)}</span>` : nothing}
        </p>
        ${this.note ? html`<p class="note">${this.note}</p>` : nothing}
        ${
          this.unlockedBy.length
            ? html`<div class="unlocked-by" part="unlocked-by">
              <p>${text.unlockedBy}</p>
              <ul>
                ${this.unlockedBy.map((other) => html`<li><button type="button" @click=${() => this.send<NextLabDetail>('next-lab', other)}>${text.openLab(other.title)}</button></li>`)}
              </ul>
            </div>`
            : nothing
        }
      </header>
      <div class="story">${renderMarkdown(lab.story, this.snippets)}</div>
      ${done ? this.renderRecap(lab) : nothing}
      <ol class="steps">
        ${lab.steps.map((_, index) => this.renderStep(lab, index, index === current && !done))}
      </ol>
      <div class="actions">
        <button type="button" class="primary" @click=${() => this.send('check-lab')}>${text.check}</button>
        <button type="button" @click=${() => this.send('reset-lab')}>${text.resetLab}</button>
      </div>`;
  }

  private renderStep(lab: Lab, index: number, open: boolean) {
    const step = lab.steps[index]!;
    const outcome = this.result?.steps[index];
    const passed = outcome?.passed ?? false;
    const shown = this.hintsShown[index] ?? 0;
    const text = this.text;
    return html`<li part="step" class="step ${passed ? 'passed' : ''} ${open ? 'current' : ''}" aria-current=${open ? 'step' : 'false'}>
      <h3><span class="mark" aria-hidden="true">${passed ? '✓' : index + 1}</span> ${step.title}
        <span class="visually-hidden">${passed ? text.stepDoneMark : text.stepOpenMark}</span></h3>
      ${
        open || !passed
          ? html`<div class="instructions">${renderMarkdown(step.instructions, this.snippets)}</div>
            <ul class="checks" aria-label=${text.conditions}>
              ${(
                outcome?.checks ??
                step.checks.map((check): CheckResult => ({ check, passed: false, message: check.message }))
              ).map(
                (check) => html`<li class=${check.passed ? 'ok' : 'ko'}>
                  <span aria-hidden="true">${check.passed ? '✓' : '○'}</span>
                  <span class="visually-hidden">${check.passed ? text.conditionMet : text.conditionOpen}</span> ${check.message}
                  ${!check.passed && this.showReasons && check.reason ? html`<span class="reason">(${check.reason})</span>` : nothing}
                  ${!check.passed && this.showReasons && check.diff ? this.renderDiff(check.diff) : nothing}
                </li>`,
              )}
            </ul>
            ${open ? this.renderHints(step.hints, index, shown) : nothing}`
          : nothing
      }
    </li>`;
  }

  /** The lab done: what the learner practised, step by step, and the next lab of the catalog. */
  private renderRecap(lab: Lab) {
    const next = this.nextLab;
    const text = this.text;
    return html`<section class="done" role="note" part="recap">
      <p>${text.labDone}${this.practice ? '' : html`: <strong>${text.xpEarned(lab.xp)}</strong>`}. ${text.practised}</p>
      <ul class="recap">
        ${lab.steps.map((step) => html`<li>${step.title}</li>`)}
      </ul>
      ${
        lab.recap
          ? html`<div class="takeaway" part="takeaway">
            <h3>${text.canNowDo}</h3>
            ${renderMarkdown(lab.recap, this.snippets)}
          </div>`
          : nothing
      }
      ${
        next
          ? html`<button type="button" class="primary" @click=${() => this.send<NextLabDetail>('next-lab', next)}>${text.nextLab(next.title)}</button>`
          : nothing
      }
    </section>`;
  }

  /** A unified diff, each line marked so that colour is not the only cue. */
  private renderDiff(diff: string) {
    const kind = (line: string) =>
      line.startsWith('---') || line.startsWith('+++')
        ? 'head'
        : line[0] === '-'
          ? 'wanted'
          : line[0] === '+'
            ? 'yours'
            : 'same';
    return html`<pre class="diff" part="diff" aria-label=${this.text.diffLabel}>${diff
      .split('\n')
      .map((line) => html`<span class=${kind(line)}>${line}</span>\n`)}</pre>`;
  }

  private renderHints(hints: string[], step: number, shown: number) {
    if (hints.length === 0) return nothing;
    const text = this.text;
    return html`<div class="hints">
      ${hints.slice(0, shown).map((hint, i) => html`<div class="hint"><strong>${text.hintLabel(i + 1)}</strong> ${renderHint(hint, this.snippets)}</div>`)}
      ${
        shown < hints.length
          ? html`<button type="button" @click=${() => this.send('hint-shown', { step, count: shown + 1 })}>
            ${(shown === 0 ? text.showHint : text.showAnotherHint)(shown + 1, hints.length)}
          </button>`
          : nothing
      }
    </div>`;
  }
}
