/**
 * What paces a client's keep-alive pings. The host uses a real interval; a test drives the pings by hand, so a
 * loaded machine cannot decide whether an answer arrived "in time" (a late event loop once dropped a healthy client).
 */
export interface PingTimer {
  /** Calls `tick` every `intervalMs` until the returned function is called; never keeps the process alive. */
  every(intervalMs: number, tick: () => void): () => void;
}

export const intervalPingTimer: PingTimer = {
  every(intervalMs, tick) {
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  },
};
