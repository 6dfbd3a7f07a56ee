import type { CommandContext } from 'just-bash';

/**
 * Whether the command runs as root: `sudo` (and a root login) run commands with `EUID=0`, as bash sets it for root.
 * The learner's own commands run as uid 1000.
 */
export function runsAsRoot(ctx: Pick<CommandContext, 'env'>): boolean {
  return ctx.env.get('EUID') === '0';
}
