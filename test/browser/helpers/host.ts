import { executeServerCommand } from '@web/test-runner-commands';

/** Where the real host runs for browser tests. */
export interface TestHost {
  /** `http://127.0.0.1:PORT`, the server URL to give `<lta-academy server=...>`. */
  url: string;
  /** The database the academy module is published as. */
  database: string;
  /** The module owner's token. */
  publisherToken: string;
  /** The issuer of `launchToken`'s tokens, which the host trusts. */
  launchIssuer: string;
}

/** A sign-in token as a course (LTI) launch issues it, for the LMS user `sub`, with class claims. */
export function launchToken(sub: string, claims: Record<string, unknown>): Promise<string> {
  return executeServerCommand<string, { sub: string; claims: Record<string, unknown> }>('lta-host-launch-token', {
    sub,
    claims,
  });
}

/** Starts the real host with the real module (once per test run) and returns where it listens. */
export function startTestHost(): Promise<TestHost> {
  return executeServerCommand<TestHost, undefined>('lta-host-start');
}

/** Stops the host: connected widgets should go offline. */
export function stopTestHost(): Promise<boolean> {
  return executeServerCommand<boolean, undefined>('lta-host-stop');
}

/** Stops and starts the host on the same port and data: connected widgets should reconnect by themselves. */
export function restartTestHost(): Promise<TestHost> {
  return executeServerCommand<TestHost, undefined>('lta-host-restart');
}

/**
 * Gives `channel` a history of `count` messages `<prefix> m1`…, written by the module's own reducers (10 learners
 * `<prefix>writer0`…, an hour ago); the host restarts on the same port and data to do it.
 */
export function writeBusyChannel(channel: string, count: number, prefix: string): Promise<TestHost> {
  return executeServerCommand<TestHost, { channel: string; count: number; prefix: string }>('lta-host-busy-channel', {
    channel,
    count,
    prefix,
  });
}
