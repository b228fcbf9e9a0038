/**
 * The JSON of recently read records, least recently used first, up to a budget of characters: a turn reads
 * the same user, organisation and state again and again, and a hit skips the log read and its checksum.
 * A record larger than a 64th of the budget (a CSV download, read once) is not kept: a few of them filled
 * the whole budget, pushing out the small records every turn reads.
 */
export class RecentRecords {
  private readonly texts = new Map<string, string>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  get(key: string): string | undefined {
    const text = this.texts.get(key);
    if (text !== undefined) {
      this.texts.delete(key);
      this.texts.set(key, text);
    }
    return text;
  }

  set(key: string, text: string): void {
    this.forget(key);
    if (text.length > this.budget / 64) return;
    this.texts.set(key, text);
    this.bytes += text.length;
    for (const [oldest, value] of this.texts) {
      if (this.bytes <= this.budget) break;
      this.texts.delete(oldest);
      this.bytes -= value.length;
    }
  }

  forget(key: string): void {
    const text = this.texts.get(key);
    if (text === undefined) return;
    this.texts.delete(key);
    this.bytes -= text.length;
  }
}
