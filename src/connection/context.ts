import type { Context, ContextCallback, ContextEvent } from '@lit/context';
import { onPageAcademy, pageAcademy, pageState } from './page-academy.js';
import type { AcademySource } from './types.js';

/**
 * The Lit context through which every widget receives the page's academy. Its key is a registered symbol, so a
 * second copy of our bundle asks for, and is given, the very same connection. (`createContext` only types its key.)
 */
export const academyContext = Symbol.for('linux-terminal-academy.source.v1') as Context<
  symbol,
  AcademySource | undefined
>;

/**
 * Asks for the page's academy from `element` (the context protocol's `context-request` event, which Lit's
 * `ContextConsumer` also sends): `callback` gets it now and, subscribed, whenever the page's academy changes, with
 * a function that ends the subscription. Written here rather than with `ContextConsumer` so that pages load none
 * of `@lit/context`'s code (0.2 KB gzip, bench/size.mjs).
 */
export function requestAcademy(element: Element, callback: ContextCallback<AcademySource | undefined>): void {
  const request = Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
    context: academyContext,
    contextTarget: element,
    callback,
    subscribe: true,
  });
  element.dispatchEvent(request);
}

/**
 * Answers academy context requests at the document, so widgets find the page's academy wherever they sit:
 * without a common ancestor, inside other shadow roots (requests are composed and bubble up to here), or
 * upgraded late. Subscribers are told again when the page's academy gets configured. Idempotent per page.
 */
export function answerAcademyRequests(): void {
  const page = pageState();
  if (page.answering) return;
  page.answering = true;
  document.addEventListener('context-request', (event: Event) => {
    const request = event as ContextEvent<typeof academyContext>;
    if (request.context !== academyContext) return;
    event.stopPropagation();
    const current = pageAcademy();
    if (!request.subscribe) {
      request.callback(current);
      return;
    }
    let stop: () => void = () => undefined;
    const unsubscribe = (): void => stop();
    if (!current) stop = onPageAcademy((source) => request.callback(source, unsubscribe));
    request.callback(current, unsubscribe);
  });
}
