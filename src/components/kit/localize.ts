import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The words an element shows: its `strings` property's type, for every element that has one. */
export type StringsOf<Tag extends keyof HTMLElementTagNameMap> = HTMLElementTagNameMap[Tag] extends {
  strings: Partial<infer Words>;
}
  ? Words
  : never;

/** An element whose words can be changed: the `strings` property every widget with text has. */
type WordedElement<Words> = ReactiveControllerHost & HTMLElement & { strings: Partial<Words> };

/** Words set for a whole page, per tag (`lta-chat`). */
const pageStrings = new Map<string, object>();
const listening = new Set<LocalizeController<object>>();

/**
 * Rewords or translates an element on the whole page: every `<tag>` there is and will be uses these words in
 * place of its own defaults; an element's `strings` property still wins over them. Only the keys given change.
 *
 * ```js
 * setPageStrings('lta-chat', { send: 'Senden', placeholder: 'Nachricht…' });
 * ```
 */
export function setPageStrings<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  strings: Partial<StringsOf<Tag>>,
): void {
  pageStrings.set(tag, strings);
  for (const controller of listening) controller.pageChanged(tag);
}

/**
 * An element's words, like Shoelace's and Web Awesome's localize controller: the defaults, then the page's words for
 * its tag (`setPageStrings`), then its own `strings` property, merged once per change rather than on every render.
 * Every string a widget shows comes from `text`.
 *
 * ```ts
 * #words = new LocalizeController(this, defaultStrings);
 * render() { const text = this.#words.text; return html`<h2>${text.title}</h2>`; }
 * ```
 */
export class LocalizeController<Words extends object> implements ReactiveController {
  #merged?: { own: Partial<Words>; page: object | undefined; text: Words };

  readonly #host: WordedElement<Words>;

  constructor(
    host: WordedElement<Words>,
    /** The element's own words, used where neither the page nor the element changes them. */
    readonly defaults: Words,
  ) {
    this.#host = host;
    host.addController(this);
  }

  /** The words to show now. */
  get text(): Words {
    const own = this.#host.strings;
    const page = pageStrings.get(this.#host.localName);
    const merged = this.#merged;
    if (merged && merged.own === own && merged.page === page) return merged.text;
    const text = { ...this.defaults, ...page, ...own } as Words;
    this.#merged = { own, page, text };
    return text;
  }

  hostConnected(): void {
    listening.add(this);
  }

  hostDisconnected(): void {
    listening.delete(this);
  }

  /** The page's words for `tag` changed: draw again if they are this element's. */
  pageChanged(tag: string): void {
    if (tag === this.#host.localName) this.#host.requestUpdate();
  }
}
