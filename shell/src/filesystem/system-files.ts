import type { FsNode, LearnerFs } from './learner-fs.js';

/** What an entry was at boot: the node itself and what a command can change on it. */
interface AtBoot {
  node: FsNode;
  data?: Uint8Array;
  target?: string;
  mode: number;
  uid: number;
  gid: number;
}

function stateOf(fs: LearnerFs, node: FsNode): AtBoot {
  const { uid, gid } = fs.ownershipOf(node);
  if (node.type === 'file') return { node, data: node.inode.data, mode: node.inode.mode, uid, gid };
  if (node.type === 'symlink') return { node, target: node.target, mode: 0o777, uid, gid };
  return { node, mode: node.mode, uid, gid };
}

/**
 * The machine's own files (the system layout, command stubs, what the machine's parts wrote at boot) as they were
 * when the session started. A snapshot leaves out those still as they were, since every boot writes them again, and
 * keeps those a command changed (`sudo tee /etc/hosts`, `sudo chmod 600 /etc/hostname`) so a resumed session has them.
 */
export class SystemFiles {
  private readonly atBoot = new Map<string, AtBoot>();

  constructor(private readonly fs: LearnerFs) {}

  /** Remembers every entry now, except `kept` (the learner's places and the lab's own files, always saved). */
  record(kept: Iterable<string>): void {
    for (const [path, node] of this.fs.entries()) this.atBoot.set(path, stateOf(this.fs, node));
    for (const path of kept) this.atBoot.delete(path);
  }

  /** True when `path` is a system entry that no command has changed since boot. */
  unchanged(path: string, node: FsNode): boolean {
    const before = this.atBoot.get(path);
    if (!before) return false;
    const now = stateOf(this.fs, node);
    return (
      before.node === node &&
      before.data === now.data &&
      before.target === now.target &&
      before.mode === now.mode &&
      before.uid === now.uid &&
      before.gid === now.gid
    );
  }
}
