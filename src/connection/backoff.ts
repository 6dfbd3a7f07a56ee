/** First reconnect delay. */
export const RECONNECT_FIRST_DELAY_MS = 1000;
/** Longest reconnect delay. */
export const RECONNECT_MAX_DELAY_MS = 30_000;

/** Delay before reconnect attempt `attempt` (0-based): doubles from 1 s, capped at 30 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(RECONNECT_FIRST_DELAY_MS * 2 ** Math.max(0, attempt), RECONNECT_MAX_DELAY_MS);
}
