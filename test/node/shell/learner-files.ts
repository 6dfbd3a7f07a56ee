import { createShell, type Shell } from '@lta/shell';

const HOME = '/home/learner';

/** A shell with these files (path: content), a relative path in the learner's home. */
export function shellWith(files: Record<string, string> = {}): Promise<Shell> {
  return createShell({
    files: Object.fromEntries(
      Object.entries(files).map(([path, content]) => [
        path.startsWith('/') ? path : `${HOME}/${path}`,
        { type: 'file', mode: 0o644, content },
      ]),
    ),
  });
}
