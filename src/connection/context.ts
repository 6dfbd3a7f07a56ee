import { createContext, type ContextEvent } from '@lit/context';
import { onPageAcademy, pageAcademy, pageState } from './page-academy.js';
import type { AcademySource } from './types.js';

/**
 * The Lit context through which every widget receives the page's academy. Its key is a registered symbol, so a
 * second copy of our bundle asks for, and is given, the very same connection.
 */
export const academyContext = createContext<AcademySource | undefined>(Symbol.for('linux-terminal-academy.source.v1'));

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
