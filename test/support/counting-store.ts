import type { Store } from '../../src/store/store.js';

/** The store, counting every record it hands out (a list that reads a whole book reads them all). */
export function counting(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  const counted = <T>(value: T): T => {
    reads += Array.isArray(value) ? value.length : value ? 1 : 0;
    return value;
  };
  const wrapped: Store = {
    ...store,
    get: async (c, id) => counted(await store.get(c, id)),
    findBy: async (c, index, key) => counted(await store.findBy(c, index, key)),
    all: async (c) => counted(await store.all(c)),
    scan: async function* (c, index, key) {
      for await (const batch of store.scan(c, index, key)) yield counted(batch);
    },
    findPage: async (c, index, range) => {
      const page = await store.findPage(c, index, range);
      counted(page.records);
      return page;
    },
    transaction: (work) => store.transaction(work),
  };
  return { store: wrapped, reads: () => reads };
}
