/**
 * The persona table `npm start` prints: plain columns padded by characters, not console.table's box drawing,
 * which misaligns in terminals that draw its boxes or accented names at another width.
 */
export function personaTable(rows: Record<string, string>[]): string {
  if (rows.length === 0) return '';
  const text = (cell: string) => cell.normalize('NFC');
  const columns = Object.keys(rows[0]!);
  const width = (column: string) => Math.max(column.length, ...rows.map((row) => [...text(row[column] ?? '')].length));
  const widths = columns.map(width);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? text(cell) : text(cell) + ' '.repeat(widths[i]! - [...text(cell)].length),
      )
      .join('  ');
  return [
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((row) => line(columns.map((c) => row[c] ?? ''))),
  ].join('\n');
}
