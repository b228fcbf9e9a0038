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
    ['a deep page', 'partner:p', 0, 39, 100, 5],
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

describe('a page of an ordered index against a full sort', () => {
  /** A group of `size` slots, in no useful order, whose positions are drawn from `spread` values (ties). */
  function group(seed: number, size: number, spread: number) {
    const next = sequence(seed);
    const ids = Array.from({ length: size }, () => `r${Math.floor(next() * 1e9)}`);
    const times = ids.map(() => Math.floor(next() * spread));
    const slots = new OrderedSlots(keyHash, Number);
    ids.forEach((_, slot) => slots.add(slot, [`partner:p/${times[slot]}`, `every:/${times[slot]}`]));
    const byId = (a: number, b: number) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b);
    const sorted = ids.map((_, slot) => slot).sort((a, b) => times[a]! - times[b]! || byId(a, b));
    return { slots, times, byId, sorted };
  }

  // Sizes, how many distinct positions (1: every slot ties), then pages as [offset, limit] and ranges.
  const CASES: { size: number; spread: number; offset: number; limit: number }[] = [];
  for (const [size, spread] of [
    [1, 1],
    [7, 1],
    [50, 3],
    [300, 1],
    [300, 20],
    [1000, 1000],
    [2500, 40],
  ] as const) {
    for (const [offset, limit] of [
      [0, 1],
      [0, 5],
      [10, 5],
      [60, 5],
      [63, 2],
      [0, 200],
      [195, 5],
      [size - 1, 5],
      [size, 5],
      [0, size + 10],
    ] as const)
      CASES.push({ size, spread, offset, limit });
  }

  it.each(CASES)('a group of $size with $spread positions, $limit from $offset', ({ size, spread, offset, limit }) => {
    const { slots, times, byId, sorted } = group(size * 31 + spread, size, spread);
    for (const [from, to] of [
      [0, spread],
      [Math.floor(spread / 3), Math.floor((2 * spread) / 3)],
      [-Infinity, Infinity],
    ]) {
      const inRange = sorted.filter((slot) => times[slot]! >= from! && times[slot]! <= to!);
      const want = { total: inRange.length, slots: inRange.slice(offset, offset + limit) };
      expect(slots.page('partner:p', { from: from!, to: to!, offset, limit }, byId)).toEqual(want);
      expect(slots.page('every:', { from: from!, to: to!, offset, limit }, byId)).toEqual(want);
    }
  });

  it('a deep page over a large group compares each slot a few times, rather than sorting the group', () => {
    const SIZE = 20_000;
    const { slots, sorted } = group(11, SIZE, 1);
    // Every position ties, so every comparison asks for the ids: the count is every comparison made.
    let comparisons = 0;
    const ids = new Map(sorted.map((slot, rank) => [slot, rank]));
    const byId = (a: number, b: number) => (comparisons++, ids.get(a)! - ids.get(b)!);
    const found = slots.page('partner:p', { from: 0, to: 0, offset: 195, limit: 5 }, byId);
    expect(found).toEqual({ total: SIZE, slots: sorted.slice(195, 200) });
    // A sort of 20,000 makes about 260,000 (n log n); keeping the first 200 makes about n plus 200 × log n × log 200.
    expect(comparisons).toBeLessThan(3 * SIZE);
  });
});
