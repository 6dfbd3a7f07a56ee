/** Octal permission strings a lab may use: `644`, `0755`, and with setuid, setgid or sticky, `4755`, `2775`, `1777`. */
const OCTAL_MODE = /^[0-7]{3,4}$/;

/** The permission bits of an octal string such as `"755"`, or undefined when it is not one. */
export function parseMode(mode: string): number | undefined {
  return OCTAL_MODE.test(mode) ? parseInt(mode, 8) : undefined;
}

/** Shows permission bits the way `stat -c %a` does: `755`, `2775`. */
export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(3, '0');
}
