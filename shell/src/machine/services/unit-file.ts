/** A unit file read as systemd reads it: `[Section]` headers and `Key=value` lines (a key may repeat). */
export interface UnitFile {
  description: string;
  type: string;
  remainAfterExit: boolean;
  execStartPre: string[];
  execStart: string[];
  execReload: string[];
  wantedBy: string[];
}

export function parseUnit(text: string): UnitFile {
  const values = new Map<string, string[]>();
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const at = line.indexOf('=');
    if (at < 0) continue;
    const key = `${section}.${line.slice(0, at).trim()}`;
    values.set(key, [...(values.get(key) ?? []), line.slice(at + 1).trim()]);
  }
  const last = (key: string) => values.get(key)?.at(-1) ?? '';
  return {
    description: last('Unit.Description'),
    type: last('Service.Type') || 'simple',
    remainAfterExit: /^(yes|true|1|on)$/i.test(last('Service.RemainAfterExit')),
    execStartPre: values.get('Service.ExecStartPre') ?? [],
    execStart: values.get('Service.ExecStart') ?? [],
    execReload: values.get('Service.ExecReload') ?? [],
    wantedBy: (values.get('Install.WantedBy') ?? []).flatMap((value) => value.split(/\s+/)).filter(Boolean),
  };
}

/** The program of an `ExecStart=` line, without systemd's prefixes (`-`, `@`, `+`, `!`). */
export function programOf(line: string): string {
  return (
    line
      .replace(/^[-@+!:]+/, '')
      .trim()
      .split(/\s+/)[0] ?? ''
  );
}

/** The line as a shell runs it, without systemd's prefixes. */
export function commandOf(line: string): string {
  return line.replace(/^[-@+!:]+/, '').trim();
}
