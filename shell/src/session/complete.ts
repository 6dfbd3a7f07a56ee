import type { LearnerFs } from '../filesystem/learner-fs.js';
import type { SessionState } from './session-state.js';
import type { Completion } from '../types.js';
import { INTERNAL_PREFIX } from '../internal-names.js';

/** Shell builtins, which have no file in /usr/bin but complete as commands. */
const BUILTINS = [
  'alias',
  'cd',
  'declare',
  'echo',
  'exit',
  'export',
  'local',
  'read',
  'return',
  'set',
  'shift',
  'source',
  'type',
  'unalias',
  'unset',
];
const COMMAND_POSITION = /(^|[|;&({]|&&|\|\||\bthen|\bdo|\belse)\s*$/;

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Completes the word before `cursor`: a command name in command position, otherwise a path. */
export function completeLine(fs: LearnerFs, state: SessionState, line: string, cursor: number): Completion {
  const before = line.slice(0, cursor);
  const from =
    Math.max(before.lastIndexOf(' '), before.lastIndexOf('\t'), before.lastIndexOf('|'), before.lastIndexOf(';')) + 1;
  const word = before.slice(from);
  const inCommandPosition = COMMAND_POSITION.test(before.slice(0, from)) && !word.includes('/');
  const candidates = inCommandPosition ? commandCandidates(fs, state, word) : pathCandidates(fs, state, word);
  const common = commonPrefix(candidates);
  const unique = candidates.length === 1 && !common.endsWith('/');
  return { from, to: cursor, candidates, common: unique ? common + ' ' : common };
}

function commandCandidates(fs: LearnerFs, state: SessionState, word: string): string[] {
  const names = new Set([...BUILTINS, ...Object.keys(state.aliases), ...Object.keys(state.functions)]);
  for (const name of fs.childrenOf('/usr/bin')) if (!name.startsWith(INTERNAL_PREFIX)) names.add(name);
  return [...names].filter((name) => name.startsWith(word)).sort();
}

function pathCandidates(fs: LearnerFs, state: SessionState, word: string): string[] {
  const home = state.variables.HOME ?? '/';
  const expanded = word.startsWith('~') ? home + word.slice(1) : word;
  const slash = expanded.lastIndexOf('/');
  const typedDir = slash >= 0 ? word.slice(0, word.lastIndexOf('/') + 1) : '';
  const dir = fs.resolvePath(state.cwd, slash >= 0 ? expanded.slice(0, slash + 1) || '/' : '.');
  const prefix = expanded.slice(slash + 1);
  const node = fs.nodeAt(dir);
  if (!node || node.type !== 'dir' || !fs.can(node, 4)) return [];
  return fs
    .childrenOf(dir)
    .filter((name) => name.startsWith(prefix) && (prefix.startsWith('.') || !name.startsWith('.')))
    .map((name) => {
      const child = fs.nodeAt(`${dir === '/' ? '' : dir}/${name}`);
      const isDir =
        child?.type === 'dir' ||
        (child?.type === 'symlink' && fs.nodeAt(fs.resolvePath(dir, child.target))?.type === 'dir');
      return typedDir + name + (isDir ? '/' : '');
    });
}
