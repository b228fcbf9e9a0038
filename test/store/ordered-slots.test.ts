import { OrderedSlots } from '../../src/store/ordered-slots.js';
import { keyHash } from '../../src/store/table.js';

/** A small, repeatable sequence: the same "random" book on every run. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('an ordered index in memory', () => {
  const SLOTS = 400;
  const next = sequence(7);
  const ids = Array.from({ length: SLOTS }, (_, n) => `r${String(n).padStart(4, '0')}`);
  // Few distinct times, so the id tie-break decides often; slots of two groups interleave.
  const times = ids.map(() => Math.floor(next() * 40));
  const groupOf = (slot: number) => (slot % 3 === 0 ? 'customer:c' : 'partner:p');
  const slots = new OrderedSlots(keyHash, Number);
  const byId = (a: number, b: number) => (ids[a]! < ids[b]! ? -1 : 1);
  ids.forEach((_, slot) => slots.add(slot, [`${groupOf(slot)}/${times[slot]}`]));

  /** What a page is: the whole group in range, sorted by position then id, sliced. */
  const expected = (group: string, from: number, to: number, offset: number, limit: number) => {
    const all = ids
      .map((_, slot) => slot)
      .filter((slot) => groupOf(slot) === group && times[slot]! >= from && times[slot]! <= to)
      .sort((a, b) => times[a]! - times[b]! || (ids[a]! < ids[b]! ? -1 : 1));
    return { total: all.length, slots: all.slice(offset, offset + limit) };
  };

  it.each([
    ['the first page', 'partner:p', 0, 39, 0, 5],
    ['page 3', 'partner:p', 0, 39, 10, 5],
    ['the last near page', 'partner:p', 0, 39, 59, 5],
    ['a page past where picking stops (the whole range is sorted)', 'partner:p', 0, 39, 100, 5],
    ['a page past the end', 'partner:p', 0, 39, 10_000, 5],
    ['a range of times', 'partner:p', 10, 19, 5, 5],
    ['the other group', 'customer:c', 0, 39, 5, 5],
    ['a group nobody is in', 'partner:q', 0, 39, 0, 5],
  ])('%s is the group in range, by position then id, sliced', (_, group, from, to, offset, limit) => {
    expect(slots.page(group, { from, to, offset, limit }, byId)).toEqual(expected(group, from, to, offset, limit));
  });

  it('a slot removed leaves its page and its count', () => {
    const before = slots.page('partner:p', { from: 0, to: 39, offset: 0, limit: 3 }, byId);
    const first = before.slots[0]!;
    slots.remove(first, [`partner:p/${times[first]}`]);
    const after = slots.page('partner:p', { from: 0, to: 39, offset: 0, limit: 3 }, byId);
    expect(after.total).toBe(before.total - 1);
    expect(after.slots.slice(0, 2)).toEqual(before.slots.slice(1));
    expect(after.slots).not.toContain(first);
  });
});
