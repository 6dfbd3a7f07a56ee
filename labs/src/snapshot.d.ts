/**
 * The learner's shell state as the check engine sees it: produced by the terminal's shell (`src/shell/`),
 * stored by the module (at most 256 KiB serialised), and checked by the same code on both sides.
 * Plain JSON so that it crosses the wire and localStorage unchanged.
 */
export interface ShellSnapshot {
    /** Format version; bump on any incompatible change. */
    version: 1;
    /** Absolute current directory. */
    cwd: string;
    /** The learner's home directory, e.g. `/home/learner`. */
    home: string;
    /** Exported environment variables. */
    env: Record<string, string>;
    /** Every file, directory and symlink the learner can see, by absolute path. */
    files: Record<string, VfsEntry>;
    /** Commands as the learner typed them, oldest first. */
    history: string[];
    /** Output (stdout and stderr, in order) of the last command run. */
    lastOutput: string;
    /** Exit status of the last command run. */
    lastExitCode: number;
}
/** One entry of the virtual filesystem. `mode` holds the permission bits only (e.g. 0o644). */
export type VfsEntry = {
    type: 'file';
    mode: number;
    content: string;
    encoding?: 'utf8' | 'base64';
} | {
    type: 'dir';
    mode: number;
} | {
    type: 'symlink';
    mode: number;
    target: string;
};
//# sourceMappingURL=snapshot.d.ts.map