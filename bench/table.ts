/** How a column's cells line up in a Markdown table. */
export type Align = 'left' | 'right';

/** One Markdown table column: its heading and alignment. */
export type Column = { heading: string; align?: Align };

/**
 * Renders a GitHub-flavoured Markdown table with padded cells, so it reads as a table in a terminal
 * too. Pipes inside cells are escaped; short rows are padded with empty cells.
 */
export function markdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((_, index) => escapeCell(row[index] ?? '')));
  const widths = columns.map((column, index) =>
    Math.max(3, column.heading.length, ...cells.map((row) => row[index].length)),
  );
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, index) => pad(cell, widths[index], columns[index].align)).join(' | ')} |`;
  const rule = `|${widths.map((width, index) => (columns[index].align === 'right' ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(columns.map((column) => escapeCell(column.heading))), rule, ...cells.map(line)].join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function pad(text: string, width: number, align: Align = 'left'): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

/** A number with fixed decimals, or an en dash when there is none (a skipped tool, a failed run). */
export function fixed(value: number | undefined, decimals: number): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(decimals);
}

/** A 0..1 share as a whole percentage, e.g. 0.5 → '50 %'. */
export function percent(share: number | undefined): string {
  return share === undefined ? '–' : `${Math.round(share * 100)} %`;
}

/** Milliseconds as seconds with one decimal, e.g. 1234 → '1.2 s'. */
export function seconds(ms: number | undefined): string {
  return ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`;
}

/** Bytes in decimal kilobytes or megabytes, e.g. 1_250_000 → '1.25 MB'. */
export function bytes(count: number | undefined): string {
  if (count === undefined) return '–';
  return count >= 1_000_000 ? `${(count / 1_000_000).toFixed(2)} MB` : `${(count / 1000).toFixed(1)} kB`;
}
