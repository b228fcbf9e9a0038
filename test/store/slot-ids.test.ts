import { randomUUID } from 'node:crypto';
import { SlotIds } from '../../src/store/slot-ids.js';

describe("a table's ids by slot", () => {
  it.each([
    ['a UUID (kept as 16 bytes)', 'c0a70500-0001-4e2f-8b1a-000000000001'],
    ['a composite user id', 'c0a70500-0001-4e2f-8b1a-000000000001/9a1b'],
    ['an upper-case UUID (kept as written)', 'C0A70500-0001-4E2F-8B1A-000000000001'],
    ['a demo name', 'rel-adatum-fabrikam'],
    ['an empty-looking UUID', '00000000-0000-0000-0000-000000000000'],
  ])('%s reads back as written, and is held only by its slot', (_, id) => {
    const ids = new SlotIds();
    ids.set(3, id);
    expect(ids.get(3)).toBe(id);
    expect(ids.holds(3, id)).toBe(true);
    expect(ids.holds(3, id.slice(0, -1) + (id.endsWith('1') ? '2' : '1'))).toBe(false);
    if (id.toUpperCase() !== id) expect(ids.holds(3, id.toUpperCase())).toBe(false);
    expect(ids.holds(2, id)).toBe(false);
    expect([ids.get(2), ids.size]).toEqual([null, 4]);
  });

  it('a slot freed, then reused for an id of the other kind, holds only the new one', () => {
    const ids = new SlotIds();
    const uuid = randomUUID();
    ids.set(0, uuid);
    ids.set(0, null);
    expect([ids.get(0), ids.holds(0, uuid)]).toEqual([null, false]);
    ids.set(0, 'tenant/user');
    ids.set(0, uuid);
    expect([ids.get(0), ids.holds(0, 'tenant/user')]).toEqual([uuid, false]);
  });

  it('compares as the strings do, across 2,000 slots of both kinds (grown past the first capacity)', () => {
    const ids = new SlotIds();
    const written = Array.from({ length: 2000 }, (_, n) => (n % 7 === 0 ? `id-${n}` : randomUUID()));
    written.forEach((id, slot) => ids.set(slot, id));
    const bySlot = written.map((_, slot) => slot);
    const sorted = [...bySlot].sort((a, b) => ids.compare(a, b)).map((slot) => ids.get(slot));
    expect(sorted).toEqual([...written].sort());
    expect(written.every((id, slot) => ids.get(slot) === id && ids.holds(slot, id))).toBe(true);
  });
});
