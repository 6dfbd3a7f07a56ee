import type { LearnerCommand, ShellServices } from '../command.js';

/**
 * `git`, a real one: isomorphic-git over the learner's filesystem. The implementation (isomorphic-git and its
 * dependencies, about 60 KB gzip) loads the first time `git` runs, so a terminal that never runs it never pays for it.
 */
export function gitCommand(services: ShellServices): LearnerCommand {
  return {
    name: 'git',
    async execute(args, ctx) {
      const { runGit } = await import('./run-git.js');
      return runGit(args, { cwd: ctx.cwd, home: services.fs.home, env: (name) => ctx.env.get(name) }, services);
    },
  };
}
