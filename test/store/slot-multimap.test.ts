import { SlotMultimap } from '../../src/store/slot-multimap.js';

/** A tiny deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

describe('slot multimap', () => {
  it.each([
    ['many distinct keys (forces resizes)', 5000, 4000],
    ['few keys with many slots each (crowded keys move to sets)', 7, 3000],
    ['hashes that collide on their probe start', 64, 2000],
  ])('agrees with a Map of Sets under random adds and removes: %s', (_name, keys, slots) => {
    const next = random(keys * 31 + slots);
    const map = new SlotMultimap();
    const model = new Map<number, Set<number>>();
    // Keys spaced by a power of two share low bits, which a weak start position would pile up.
    const keyOf = (n: number) => (n * 1024) & 0x3fffffff;
    for (let step = 0; step < 20_000; step++) {
      const key = keyOf(Math.floor(next() * keys));
      const slot = Math.floor(next() * slots);
      const set = model.get(key) ?? new Set<number>();
      if (next() < 0.65) {
        map.add(key, slot);
        set.add(slot);
        model.set(key, set);
      } else {
        map.remove(key, slot);
        set.delete(slot);
      }
    }
    for (let n = 0; n < keys; n++) {
      const key = keyOf(n);
      const want = [...(model.get(key) ?? [])].sort((a, b) => a - b);
      expect(map.get(key).sort((a, b) => a - b)).toEqual(want);
      const visited: number[] = [];
      map.forEach(key, (slot) => visited.push(slot));
      expect(visited.sort((a, b) => a - b)).toEqual(want);
    }
    const pairs = [...map.entries()].map(([k, s]) => `${k}:${s}`).sort();
    const expected = [...model].flatMap(([k, set]) => [...set].map((s) => `${k}:${s}`)).sort();
    expect(pairs).toEqual(expected);
  });

  it('adding the same pair twice keeps one entry', () => {
    const map = new SlotMultimap();
    map.add(7, 1);
    map.add(7, 1);
    expect(map.get(7)).toEqual([1]);
    map.remove(7, 1);
    expect(map.get(7)).toEqual([]);
  });
});

describe('a crowded key of the slot multimap', () => {
  it('holds a hundred thousand slots under one key (several Sets) and agrees with a Set through adds and removes', () => {
    const map = new SlotMultimap();
    const model = new Set<number>();
    const next = random(99);
    for (let slot = 0; slot < 100_000; slot++) {
      map.add(5, slot);
      model.add(slot);
    }
    for (let step = 0; step < 30_000; step++) {
      const slot = Math.floor(next() * 120_000);
      if (next() < 0.5) {
        map.add(5, slot);
        model.add(slot);
      } else {
        map.remove(5, slot);
        model.delete(slot);
      }
    }
    // Added twice, kept once, whichever Set holds it.
    map.add(5, 7);
    model.add(7);
    const want = [...model].sort((a, b) => a - b);
    expect(map.get(5).sort((a, b) => a - b)).toEqual(want);
    const visited: number[] = [];
    map.forEach(5, (slot) => visited.push(slot));
    expect(visited.sort((a, b) => a - b)).toEqual(want);
    expect([...map.entries()].filter(([hash]) => hash === 5)).toHaveLength(want.length);
    for (const slot of want) map.remove(5, slot);
    expect(map.get(5)).toEqual([]);
  });
});
