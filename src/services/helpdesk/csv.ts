/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or carriage return) is prefixed
 * with a single quote, so an exported name such as "=HYPERLINK(…)" stays text (CSV/formula injection).
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, and quotes inside are doubled. */
export function quoteCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows to CSV text: header first, CRLF line ends as RFC 4180 asks, every cell neutralised then quoted. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((cell) => quoteCell(neutraliseCell(cell))).join(',')).join('\r\n') + '\r\n';
}
