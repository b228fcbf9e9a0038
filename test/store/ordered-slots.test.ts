import { KEPT_IN_ORDER_UP_TO, OrderedSlots } from '../../src/store/ordered-slots.js';
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

  it('a large group is ordered once, by its first page; every later page is found without visiting the group', () => {
    const SIZE = 20_000;
    const { slots, sorted } = group(11, SIZE, 1);
    // Every position ties, so every comparison asks for the ids: the count is every comparison made.
    let comparisons = 0;
    const ids = new Map(sorted.map((slot, rank) => [slot, rank]));
    const byId = (a: number, b: number) => (comparisons++, ids.get(a)! - ids.get(b)!);
    expect(slots.page('partner:p', { from: 0, to: 0, offset: 195, limit: 5 }, byId)).toEqual({
      total: SIZE,
      slots: sorted.slice(195, 200),
    });
    // The first page sorts the group (about n log n: 260,000 for 20,000).
    expect(comparisons).toBeLessThan(20 * SIZE);
    comparisons = 0;
    for (const offset of [0, 200, 10_000, SIZE - 3]) {
      expect(slots.page('partner:p', { from: 0, to: 0, offset, limit: 5 }, byId)).toEqual({
        total: SIZE,
        slots: sorted.slice(offset, offset + 5),
      });
    }
    // Found by position alone: no slot of the group was compared.
    expect(comparisons).toBe(0);
  });

  it('a group too big to sort at once is visited on each page instead, with the same pages', () => {
    const SIZE = KEPT_IN_ORDER_UP_TO + 100;
    // Every position ties, so every comparison asks for the ids.
    const { slots, sorted } = group(5, SIZE, 1);
    let comparisons = 0;
    const byId = (a: number, b: number) => (comparisons++, a - b);
    const want = [...sorted].sort((a, b) => a - b);
    for (const offset of [0, 200, 0]) {
      comparisons = 0;
      expect(slots.page('partner:p', { from: -Infinity, to: Infinity, offset, limit: 5 }, byId)).toEqual({
        total: SIZE,
        slots: want.slice(offset, offset + 5),
      });
      // Never ordered: each page offers every slot to its bounded heap (a sort would be about 15 × SIZE).
      expect(comparisons).toBeLessThan(5 * SIZE);
    }
    expect(slots.page('partner:p', { from: -Infinity, to: Infinity, offset: SIZE - 3, limit: 5 }, byId).slots).toEqual(
      want.slice(SIZE - 3),
    );
  });
});

describe('a big group kept in order, as records come, go and move', () => {
  /** Pages of `slots` against the same pages of a full sort of what a model says is in the group. */
  function expectPages(
    slots: OrderedSlots,
    model: Map<number, { group: string; time: number }>,
    group: string,
    byId: (a: number, b: number) => number,
  ) {
    const all = [...model]
      .filter(([, m]) => m.group === group)
      .map(([slot]) => slot)
      .sort((a, b) => model.get(a)!.time - model.get(b)!.time || byId(a, b));
    for (const [from, to, offset, limit] of [
      [-Infinity, Infinity, 0, 10],
      [-Infinity, Infinity, 250, 10],
      [10, 30, 5, 20],
      [-Infinity, Infinity, all.length - 2, 10],
    ] as const) {
      const inRange = all.filter((slot) => model.get(slot)!.time >= from && model.get(slot)!.time <= to);
      expect(slots.page(group, { from, to, offset, limit }, byId)).toEqual({
        total: inRange.length,
        slots: inRange.slice(offset, offset + limit),
      });
    }
  }

  it.each([
    ['each group under its own hash', keyHash],
    // Both groups under one hash: never kept in order (a page must filter), still exact.
    ['two groups sharing a hash', () => 7],
  ])('pages stay exact under inserts, updates, moves between groups and removals: %s', (_name, hashOf) => {
    const next = sequence(3);
    const slots = new OrderedSlots(hashOf, Number);
    const model = new Map<number, { group: string; time: number }>();
    const byId = (a: number, b: number) => a - b;
    const keyOf = (m: { group: string; time: number }) => [`${m.group}/${m.time}`];
    for (let slot = 0; slot < 600; slot++) {
      const m = { group: slot % 5 === 0 ? 'customer:c' : 'partner:p', time: Math.floor(next() * 50) };
      slots.add(slot, keyOf(m));
      model.set(slot, m);
    }
    expectPages(slots, model, 'partner:p', byId);
    for (let step = 0; step < 1500; step++) {
      const slot = Math.floor(next() * 700);
      const old = model.get(slot);
      const roll = next();
      if (old && roll < 0.3) {
        slots.remove(slot, keyOf(old));
        model.delete(slot);
      } else {
        // An update or a move is a removal of the old keys and an add of the new, as a table does it.
        const m = { group: roll < 0.4 ? 'customer:c' : 'partner:p', time: Math.floor(next() * 50) };
        if (old) slots.remove(slot, keyOf(old));
        slots.add(slot, keyOf(m));
        model.set(slot, m);
      }
      if (step % 100 === 0) expectPages(slots, model, 'partner:p', byId);
    }
    expectPages(slots, model, 'partner:p', byId);
    expectPages(slots, model, 'customer:c', byId);
  });

  it('a slot added again without being removed first still appears once, at its new position', () => {
    const slots = new OrderedSlots(keyHash, Number);
    const byId = (a: number, b: number) => a - b;
    for (let slot = 0; slot < 300; slot++) slots.add(slot, [`partner:p/${slot}`]);
    expect(slots.page('partner:p', { from: -Infinity, to: Infinity, offset: 0, limit: 1 }, byId).slots).toEqual([0]);
    slots.add(0, [`partner:p/1000`]);
    const page = slots.page('partner:p', { from: -Infinity, to: Infinity, offset: 0, limit: 400 }, byId);
    expect(page.slots.filter((slot) => slot === 0)).toHaveLength(1);
    expect(page.slots.at(-1)).toBe(0);
  });
});
