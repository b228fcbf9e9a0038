import { GroupOrder } from '../../src/store/group-order.js';

/** A small, repeatable sequence: the same "random" run on every run. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('a group kept in order, in chunks', () => {
  it.each([
    ['inserts at random places (chunks split)', 0.9],
    ['as many removals as inserts (chunks empty and go)', 0.5],
    ['mostly removals (down to a few slots)', 0.2],
  ])('agrees with a sorted array through thousands of writes: %s', (_name, insertShare) => {
    const next = sequence(Math.round(insertShare * 100));
    // Positions with many ties, the slot number deciding among them, as an id does.
    const position = new Map<number, number>();
    const before = (a: number, b: number) => position.get(a)! - position.get(b)! || a - b;
    const initial = Array.from({ length: 3000 }, (_, slot) => slot);
    for (const slot of initial) position.set(slot, Math.floor(next() * 100));
    const order = new GroupOrder(initial, before);
    let model = [...initial].sort(before);
    let fresh = initial.length;
    for (let step = 0; step < 6000; step++) {
      if (next() < insertShare || model.length === 0) {
        const slot = fresh++;
        position.set(slot, Math.floor(next() * 100));
        order.insert(slot);
        model.push(slot);
        model.sort(before);
      } else {
        const slot = model[Math.floor(next() * model.length)]!;
        expect(order.remove(slot)).toBe(true);
        model = model.filter((s) => s !== slot);
      }
      if (step % 500 === 0) expect(order.slice(0, order.size)).toEqual(model);
    }
    expect(order.size).toBe(model.length);
    expect(order.slice(0, order.size)).toEqual(model);
    for (const bound of [0, 37, 99, 100]) {
      expect(order.rank((slot) => position.get(slot)! >= bound)).toBe(
        model.filter((slot) => position.get(slot)! < bound).length,
      );
    }
    expect(order.slice(10, 25)).toEqual(model.slice(10, 25));
  });

  it('does not remove a slot it does not hold, nor one whose position moved since it was ordered', () => {
    const position = new Map([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    const before = (a: number, b: number) => position.get(a)! - position.get(b)! || a - b;
    const order = new GroupOrder([3, 1, 2], before);
    position.set(4, 15);
    expect(order.remove(4)).toBe(false);
    position.set(2, 5);
    expect(order.remove(2)).toBe(false);
    expect(order.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('an empty group has nothing to give and takes its first slot', () => {
    const order = new GroupOrder([], (a, b) => a - b);
    expect(order.size).toBe(0);
    expect(order.rank(() => true)).toBe(0);
    expect(order.slice(0, 10)).toEqual([]);
    order.insert(4);
    expect(order.slice(0, 10)).toEqual([4]);
  });
});
