import type { VfsEntry } from '@lta/shell';

export const HOME = '/home/learner';

/** 5,000 small files in 50 directories below ~/project: a third `.log`, one in seven holding an ERROR line. */
export function manyFiles(count: number): Record<string, VfsEntry> {
  const files: Record<string, VfsEntry> = {};
  for (let i = 0; i < count; i++) {
    const dir = `${HOME}/project/module${Math.floor(i / 100)}`;
    const name = i % 3 === 0 ? `app${i}.log` : `note${i}.txt`;
    files[`${dir}/${name}`] = {
      type: 'file',
      mode: 0o644,
      content: `line one of ${i}\n${i % 7 === 0 ? 'ERROR something failed' : 'INFO all good'}\nlast line\n`,
    };
  }
  return files;
}
