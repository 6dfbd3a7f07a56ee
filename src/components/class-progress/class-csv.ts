import type { LabRow } from '../../connection/academy-schema.js';
import { NOT_STARTED, type ClassLine, type LabStatus } from './class-table.js';

/** How statuses read in the spreadsheet. */
export const CSV_STATUS: Record<LabStatus, string> = {
  not_started: 'not started',
  in_progress: 'in progress',
  done: 'done',
};

/**
 * One spreadsheet cell: quoted (RFC 4180), and text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * tab, carriage return first) prefixed with `'`, since learners choose their own names.
 */
function cell(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The class table as CSV, lines in the order given: learner, username, totals, then status, hints and minutes
 * per lab. Starts with a byte-order mark so spreadsheets read accented names as UTF-8.
 */
export function classCsv(lines: readonly ClassLine[], labs: readonly LabRow[]): string {
  const header = ['Learner', 'Username', 'Labs done', 'Hints used', 'Minutes'];
  for (const lab of labs) header.push(`${lab.title} (status)`, `${lab.title} (hints)`, `${lab.title} (minutes)`);
  const rows = lines.map((line) => {
    const values: (string | number)[] = [line.name, line.username, line.done, line.hints, line.minutes];
    for (const lab of labs) {
      const labCell = line.cells.get(lab.id) ?? NOT_STARTED;
      values.push(CSV_STATUS[labCell.status], labCell.hints, labCell.minutes);
    }
    return values;
  });
  return `\ufeff${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
