/**
 * The `size` first slots of a stream in the order `before` gives, kept in a bounded max-heap: the last of
 * those kept is at the root, so a slot that comes after it costs one comparison and one that comes before
 * it log(size). A page `offset + limit` deep into a group of n costs n × log(offset + limit), not a sort of
 * the group, however deep the page (the expiry guardian reads 200 at a time through tens of thousands).
 */
export class FirstSlots {
  private readonly heap: number[] = [];

  constructor(
    private readonly size: number,
    /** Negative when slot `a` comes before `b`; never 0 for two slots (the id decides a tie). */
    private readonly before: (a: number, b: number) => number,
  ) {}

  offer(slot: number): void {
    const heap = this.heap;
    if (heap.length < this.size) {
      heap.push(slot);
      this.up(heap.length - 1);
    } else if (this.size > 0 && this.before(slot, heap[0]!) < 0) {
      heap[0] = slot;
      this.down(0);
    }
  }

  /** The slots kept, first first. */
  sorted(): number[] {
    return [...this.heap].sort(this.before);
  }

  /** Moves a slot towards the root while it comes after its parent. */
  private up(at: number): void {
    const heap = this.heap;
    const slot = heap[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (this.before(heap[parent]!, slot) >= 0) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = slot;
  }

  /** Moves a slot away from the root while a child comes after it. */
  private down(at: number): void {
    const heap = this.heap;
    const slot = heap[at]!;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const later = right < heap.length && this.before(heap[left]!, heap[right]!) < 0 ? right : left;
      if (this.before(slot, heap[later]!) >= 0) break;
      heap[at] = heap[later]!;
      at = later;
    }
    heap[at] = slot;
  }
}
