/**
 * The JSON of recently read records, up to a budget of characters: a turn reads the same user, organisation
 * and state again and again, and a hit skips the log read and its checksum.
 *
 * Two generations instead of an exact LRU: a hit in the young one costs one lookup, where an LRU reorders
 * its map on every hit (profiled at 2–5% of an Accept & Authorize). When the young generation fills half
 * the budget the old one is dropped and the young one becomes old; a record read from the old one moves
 * back to the young one, so whatever is read between two turnovers stays.
 * A record larger than a 64th of the budget (a CSV download, read once) is not kept: a few of them filled
 * the whole budget, pushing out the small records every turn reads.
 */
export class RecentRecords {
  private young = new Map<string, string>();
  private old = new Map<string, string>();
  private youngChars = 0;

  constructor(private readonly budget: number) {}

  get(key: string): string | undefined {
    const text = this.young.get(key);
    if (text !== undefined) return text;
    const older = this.old.get(key);
    if (older !== undefined) {
      this.old.delete(key);
      this.keep(key, older);
    }
    return older;
  }

  set(key: string, text: string): void {
    this.forget(key);
    if (text.length > this.budget / 64) return;
    this.keep(key, text);
  }

  forget(key: string): void {
    this.old.delete(key);
    const text = this.young.get(key);
    if (text === undefined) return;
    this.young.delete(key);
    this.youngChars -= text.length;
  }

  private keep(key: string, text: string): void {
    if (this.youngChars + text.length > this.budget / 2) {
      this.old = this.young;
      this.young = new Map();
      this.youngChars = 0;
    }
    this.young.set(key, text);
    this.youngChars += text.length;
  }
}
