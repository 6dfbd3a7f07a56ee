import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * FLIP for a list that re-orders live: the rows matching `selector` (keyed by `data-key`) that moved in an update
 * slide from where they were, unless the learner asked for reduced motion. Nothing reads it, so the element adds it
 * itself: `this.addController(new RowSlide(this, 'li[data-key]'))`.
 */
export class RowSlide implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #selector: string;
  readonly #positions = new Map<string, number>();

  constructor(host: ReactiveElement, selector: string) {
    this.#host = host;
    this.#selector = selector;
  }

  #rows(): Iterable<HTMLElement> {
    return this.#host.renderRoot?.querySelectorAll<HTMLElement>(this.#selector) ?? [];
  }

  /** Before the render: where each row is. */
  hostUpdate(): void {
    this.#positions.clear();
    for (const row of this.#rows()) this.#positions.set(row.dataset.key ?? '', row.getBoundingClientRect().top);
  }

  /** After it: rows that moved start where they were and slide into place. */
  hostUpdated(): void {
    if (this.#positions.size === 0 || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    for (const row of this.#rows()) {
      const before = this.#positions.get(row.dataset.key ?? '');
      if (before === undefined) continue;
      const delta = before - row.getBoundingClientRect().top;
      if (Math.abs(delta) < 1) continue;
      row.animate([{ transform: `translateY(${delta}px)` }, { transform: 'none' }], {
        duration: 300,
        easing: 'ease-out',
      });
    }
  }
}
