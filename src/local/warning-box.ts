/** Lines in a box of `#`, every right edge in the same column whatever each line's length. */
export function warningBox(lines: readonly string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = `  ${'#'.repeat(width + 6)}`;
  return ['', rule, ...lines.map((line) => `  #  ${line.padEnd(width)}  #`), rule, ''].join('\n');
}
