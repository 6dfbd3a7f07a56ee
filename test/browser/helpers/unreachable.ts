import { executeServerCommand } from '@web/test-runner-commands';

/**
 * Makes these files (paths from the server root, e.g. `/src/components/chat/direct-messages.js`) fail to load in
 * this page, as a lazy chunk does when the network is gone; `reachable()` lets them load again.
 */
export function unreachable(...paths: string[]): Promise<boolean> {
  return executeServerCommand<boolean, { paths: string[] }>('lta-unreachable', { paths });
}

/** Every file loads again. */
export function reachable(): Promise<boolean> {
  return executeServerCommand<boolean, undefined>('lta-reachable');
}
