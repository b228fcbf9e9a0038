/**
 * The values picked in a multi-select choice set, or typed as a list: Adaptive Cards submit them as one
 * comma-separated string. Blanks around each value and empty entries are dropped.
 */
export function choicesOf(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
