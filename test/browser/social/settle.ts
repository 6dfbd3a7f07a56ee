import type { LitElement } from 'lit';

/**
 * Waits until a widget has rendered everything its rows lead to: rows arrive, then the rows that depend on
 * them (a leaderboard's top above a threshold, names of authors) are asked for in a later task.
 */
export async function settle(element: LitElement): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve));
  }
}
