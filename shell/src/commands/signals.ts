/** Linux's signals by number, as bash's `kill -l` names them (32 and 33 belong to the C library). */
export const SIGNALS = new Map<number, string>([
  ...[
    'HUP',
    'INT',
    'QUIT',
    'ILL',
    'TRAP',
    'ABRT',
    'BUS',
    'FPE',
    'KILL',
    'USR1',
    'SEGV',
    'USR2',
    'PIPE',
    'ALRM',
    'TERM',
    'STKFLT',
    'CHLD',
    'CONT',
    'STOP',
    'TSTP',
    'TTIN',
    'TTOU',
    'URG',
    'XCPU',
    'XFSZ',
    'VTALRM',
    'PROF',
    'WINCH',
    'IO',
    'PWR',
    'SYS',
  ].map((name, index): [number, string] => [index + 1, name]),
  ...Array.from({ length: 31 }, (_, index): [number, string] => {
    const number = 34 + index;
    return [
      number,
      number <= 49
        ? `RTMIN${number === 34 ? '' : `+${number - 34}`}`
        : `RTMAX${number === 64 ? '' : `-${64 - number}`}`,
    ];
  }),
]);

/** `kill -l`: five to a row, as bash prints them (the last row ends in a tab). */
export function signalTable(): string {
  const cells = [...SIGNALS].map(([number, name]) => `${String(number).padStart(2)}) SIG${name}`);
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 5) rows.push(cells.slice(i, i + 5).join('\t'));
  return `${rows.join('\n')}\t\n`;
}

/** A signal named by number, `TERM`, `SIGTERM` or `term`; undefined for none. */
export function signalNumber(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) return SIGNALS.has(Number(spec)) || Number(spec) === 0 ? Number(spec) : undefined;
  const name = spec.toUpperCase().replace(/^SIG/, '');
  for (const [number, known] of SIGNALS) if (known === name) return number;
  return undefined;
}

/** A signal's name without `SIG` (`TERM` for 15); undefined for 0 or an unknown number. */
export const signalName = (number: number): string | undefined => SIGNALS.get(number);
