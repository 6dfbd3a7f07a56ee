import type { LearnerFs } from '../../filesystem/learner-fs.js';

/**
 * `~/.gitconfig`, the learner's global git settings (isomorphic-git reads only a repository's own `.git/config`).
 * Keys are `section.name` (`user.email`), sections as git writes them: `[user]` then `\tname = Ada`.
 */
export async function readGlobalConfig(fs: LearnerFs, home: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  let text: string;
  try {
    text = await fs.readFile(`${home}/.gitconfig`);
  } catch {
    return values;
  }
  let section = '';
  for (const line of text.split('\n')) {
    const header = /^\s*\[([A-Za-z0-9.-]+)(?:\s+"([^"]*)")?\]/.exec(line);
    if (header) {
      section = header[2] === undefined ? header[1]!.toLowerCase() : `${header[1]!.toLowerCase()}.${header[2]}`;
      continue;
    }
    const entry = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*?))?\s*$/.exec(line);
    if (entry && section) values.set(`${section}.${entry[1]!.toLowerCase()}`, unquote(entry[2] ?? 'true'));
  }
  return values;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length > 1
    ? value.slice(1, -1).replace(/\\(.)/g, '$1')
    : value;
}

function quoted(value: string): string {
  return /^\s|\s$|[#;"\\]/.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : value;
}

/** Sets (or, with `undefined`, removes) one key of `~/.gitconfig`, keeping the rest of the file as it was. */
export async function writeGlobalConfig(
  fs: LearnerFs,
  home: string,
  key: string,
  value: string | undefined,
): Promise<void> {
  const path = `${home}/.gitconfig`;
  const dot = key.lastIndexOf('.');
  const section = key.slice(0, dot);
  const name = key.slice(dot + 1);
  let lines: string[] = [];
  try {
    lines = (await fs.readFile(path)).replace(/\n$/, '').split('\n');
  } catch {
    lines = [];
  }
  const sectionLine = (s: string) => {
    const inner = s.includes('.') ? `${s.slice(0, s.indexOf('.'))} "${s.slice(s.indexOf('.') + 1)}"` : s;
    return `[${inner}]`;
  };
  const start = lines.findIndex((line) => line.trim() === sectionLine(section));
  const entry = `\t${name} = ${quoted(value ?? '')}`;
  if (start === -1) {
    if (value === undefined) return;
    lines.push(sectionLine(section), entry);
  } else {
    let end = start + 1;
    while (end < lines.length && !lines[end]!.trim().startsWith('[')) end++;
    const at = lines.slice(start + 1, end).findIndex((line) => new RegExp(`^\\s*${name}\\s*(=|$)`, 'i').test(line));
    if (at === -1 && value !== undefined) lines.splice(end, 0, entry);
    else if (at !== -1 && value === undefined) lines.splice(start + 1 + at, 1);
    else if (at !== -1) lines[start + 1 + at] = entry;
  }
  await fs.writeFile(path, `${lines.filter((line, i) => line !== '' || i < lines.length - 1).join('\n')}\n`);
}
